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


GC_SCRIPT = textwrap.dedent(
    """
    import jpype
    from trendscope.text.jvm import ensure_jvm

    ensure_jvm()
    beans = jpype.JClass("java.lang.management.ManagementFactory").getGarbageCollectorMXBeans()
    before = {str(b.getName()): int(b.getCollectionCount()) for b in beans}
    jpype.JClass("java.lang.System").gc()  # what JPype calls after Python collections
    after = {str(b.getName()): int(b.getCollectionCount()) for b in beans}
    print(sorted(before), before == after)
    """
)


def test_the_jvm_ignores_explicit_gc_requests_and_collects_in_parallel():
    """JPype's System.gc() after Python collections made full collections of the analyzer's heap (4 CPU-seconds per
    Komoran worker on the 10k corpus); the JVM runs without them, on the parallel collector (text/jvm.py)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", GC_SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert done.stdout.strip() == "['PS MarkSweep', 'PS Scavenge'] True", done.stderr
