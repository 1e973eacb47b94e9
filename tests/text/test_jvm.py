"""The JVM started for KoNLPy leaves Ctrl-C to Python (issue 25 item 10)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import os, signal, time
    from trendscope.text.jvm import ensure_jvm

    ensure_jvm()
    try:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)
        print("not interrupted")
    except KeyboardInterrupt:
        print("KeyboardInterrupt")
    """
)


def test_ctrl_c_after_the_jvm_started_is_a_keyboardinterrupt():
    """With JPype's default the JVM took SIGINT and ended the process (exit 130, nothing printed, no cleanup)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, "KeyboardInterrupt"), done.stderr
