"""Entry point: ``aiml-career`` and ``python -m aiml_career``.

Whatever the streams are, the exit code is the command's: 0, 1 or 2, 130
for Ctrl-C. A closed pipe (``| head``) ends quietly; any other failed write
to stdout (a full disk, a file-size limit, a closed stdout) is a one-line
error and exit 1, never a traceback and never a silent success.
"""

from __future__ import annotations

import errno
import io
import os
import sys


class _ClosedStdout(io.RawIOBase):
    """stdout when the shell closed it (``>&-``): every write fails, until reported."""

    reported = False

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if self.reported:
            return len(data)
        raise OSError(errno.EBADF, "standard output is closed")


class _FullWrites(io.RawIOBase):
    """A descriptor that writes everything or raises: CPython's buffered writer can
    drop the rest of a short write (a file-size limit) and report success."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data) -> int:
        view = memoryview(data)
        total = len(view)
        while view:
            view = view[os.write(self._fd, view):]
        return total


def _honest_stdout() -> None:
    old = sys.stdout
    if old is None or getattr(old, "fileno", None) is None:
        return
    try:
        fd = old.fileno()
    except (OSError, ValueError):
        return
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_FullWrites(fd)), encoding=old.encoding, errors=old.errors,
        line_buffering=bool(old.line_buffering),
    )


def _guard_streams() -> None:
    """Hold closed descriptors 0-2 with /dev/null, so that no file the tool opens
    lands on them; a closed stdout fails its writes, a closed stderr just drops them."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            from .writes import HELD_CLOSED

            HELD_CLOSED.add(fd)
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            if fd == 0:
                sys.stdin = open(0, encoding="utf-8", closefd=False)
            elif fd == 1:
                sys.stdout = io.TextIOWrapper(io.BufferedWriter(_ClosedStdout()), encoding="utf-8")
            else:
                sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)


class _BestEffort:
    """stderr that never fails: messages to a full or broken stderr are dropped, and
    neither the output on stdout nor the exit code depends on them."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except (OSError, ValueError):
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            pass

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _share_size(columns: int | None, lines: int | None) -> None:
    """The size the run's environment read (``COLUMNS``, ``LINES``), written back for Rich
    and Textual, which read those variables themselves when they ask the terminal: an
    unusable value is dropped, a huge one cut. Nothing is read here."""
    for name, value in (("COLUMNS", columns), ("LINES", lines)):
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = str(value)


def main() -> None:
    """Run the app; Ctrl-C exits 130, a closed pipe exits quietly, a failed write says so.

    The streams are made safe first, then the run's one
    :class:`~.environment.Environment` is read from them and ``os.environ``.
    """
    _guard_streams()
    if not isinstance(getattr(getattr(sys.stdout, "buffer", None), "raw", None), _ClosedStdout):
        _honest_stdout()
    sys.stderr = _BestEffort(sys.stderr)
    code = 0
    try:
        from .cli import run
        from .environment import Environment

        env = Environment.from_os(one_shot=True)
        _share_size(env.columns, env.lines)
        code = run(sys.argv[1:], env)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(1)
    except OSError as exc:  # writing the output failed: disk full, file too large, closed
        _write_failed(exc)
        sys.exit(1)
    except MemoryError:
        _say("aiml-career: error: out of memory (the ladder, or what was asked of it, is too big "
             "for the memory this process may use)")
        sys.exit(1)
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            # The Python docs' SIGPIPE recipe: no "Exception ignored" at exit.
            _quiet_stdout()
            sys.exit(1)
        except OSError as exc:
            _write_failed(exc)
            sys.exit(1)
    _exit(code)


def _exit(code: int) -> None:
    """End the process with ``code``, its output written: at once when nothing waits for the
    interpreter's exit (no ``atexit`` callback, no other thread), without freeing every object
    one by one, as the interpreter's own exit does (a run on a 10,000-role ladder holds
    millions: 0.03-0.1 s)."""
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    import atexit

    count = getattr(atexit, "_ncallbacks", None)
    threading = sys.modules.get("threading")
    alone = threading is None or threading.active_count() == 1
    if count is not None and count() == 0 and alone:
        os._exit(code)
    sys.exit(code)


def _say(line: str) -> None:
    """A last line on stderr (dropped if stderr fails), and stdout quieted for the exit."""
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
    _quiet_stdout()


def _write_failed(exc: OSError) -> None:
    _say(f"aiml-career: error: cannot write the output: {exc.strerror or exc}")


def _quiet_stdout() -> None:
    raw = getattr(getattr(sys.stdout, "buffer", None), "raw", None)
    if isinstance(raw, _ClosedStdout):
        raw.reported = True
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":
    main()
