"""Reading and writing files safely: bounded reads of regular files, atomic writes.

Every file the tool reads (a ladder, the profile, a cache entry) goes through
:func:`read_regular`: only a regular file is read (a FIFO, a device or a
socket is refused without blocking on it), and never more than
:data:`MAX_BYTES`. ``-`` means standard input, read with the same bound.

Every file the tool writes (``export -o``, the profile, a cache entry) goes
through :func:`write_atomic`: a temporary file in the same folder, written in
full and synced, then renamed over the target. A failure leaves the old file
as it was and removes the temporary file.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

#: The largest file read, in bytes (128 MiB). The biggest benchmark ladder,
#: 20,000 roles with 15-40 requirement rows each, pretty-printed, is 127 MB (121 MiB).
MAX_BYTES = 128 * 1024 * 1024
STDIN = "-"

_KINDS = (
    (stat.S_ISDIR, "is a directory, not a file"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file"),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


class ReadFailed(Exception):
    """A file that cannot be read; ``reason`` says why in a few words."""

    def __init__(self, reason: str, missing: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing


def megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MiB" if size >= 2**20 else f"{size} bytes"


def too_big(limit: int) -> ReadFailed:
    return ReadFailed(f"larger than the limit of {megabytes(limit)}")


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno == errno.EISDIR:
        return "is a directory, not a file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "is a symbolic link"
    return exc.strerror or str(exc)


def _open(path: str | Path, flags: int) -> int:
    """``os.open`` (a seam for tests that simulate a denied file as root)."""
    return os.open(path, flags)


def kind_problem(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is not read, or None for a regular file."""
    for test, reason in _KINDS:
        if test(mode):
            return reason
    return None if stat.S_ISREG(mode) else "is not a regular file"


def read_regular(
    path: str | Path, limit: int = MAX_BYTES, *, follow: bool = True, check=None
) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them; else :class:`ReadFailed`.

    ``"-"`` reads standard input (any kind of stream) with the same bound.
    ``follow=False`` refuses a symbolic link. ``check(st)``, given the
    ``os.stat_result`` of the open file, may raise ReadFailed to refuse it.
    """
    if str(path) == STDIN:
        return read_stdin(limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of
        # waiting forever; fstat then refuses it. No effect on regular files.
        fd = _open(path, flags)
    except OSError as exc:
        raise ReadFailed(_reason(exc), missing=exc.errno == errno.ENOENT) from None
    try:
        st = os.fstat(fd)
        problem = kind_problem(st.st_mode)
        if problem:
            raise ReadFailed(problem)
        if check is not None:
            check(st)
        if st.st_size > limit:
            raise too_big(limit)
        return _read_bounded(fd, limit, st.st_size)
    except OSError as exc:
        raise ReadFailed(_reason(exc)) from None
    finally:
        os.close(fd)


def _read_bounded(fd: int, limit: int, expected: int = 0) -> bytes:
    """Read to the end, but raise once more than ``limit`` bytes came (a file can grow)."""
    want = min(max(expected, 0) + 1, limit + 1)
    return _bounded(lambda total: os.read(fd, max(want if not total else limit + 1 - total, 65536)), limit)


def _bounded(read: Callable[[int], bytes], limit: int) -> bytes:
    """Call ``read(bytes so far)`` until it returns nothing; raise once more than ``limit`` came."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(total)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise too_big(limit)


def read_stdin(limit: int = MAX_BYTES) -> bytes:
    """Standard input in full, at most ``limit`` bytes."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        if sys.stdin is None:
            raise ReadFailed("standard input is closed")
        text = sys.stdin.read(limit + 1)  # a text-only stream (tests)
        data = text.encode("utf-8", "surrogateescape")
        if len(data) > limit:
            raise too_big(limit)
        return data
    try:
        return _bounded(lambda total: stream.read(min(65536, limit + 1 - total)), limit)
    except OSError as exc:
        raise ReadFailed(_reason(exc)) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` all at once, or raise OSError and change nothing.

    Through a symbolic link, the file it points to is replaced. The new file
    keeps the old one's permission bits; a new file gets ``mode`` (default
    0666 less the umask).
    """
    import tempfile

    try:
        given = os.stat(path)  # through links: /dev/stdout on a pipe is the pipe
    except OSError:
        given = None
    if given is not None and not stat.S_ISREG(given.st_mode) and not stat.S_ISDIR(given.st_mode):
        # A device, a FIFO or a pipe (/dev/null, /dev/stdout) is written to, never replaced.
        _write_special(Path(path), data)
        return
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except OSError:
        st = None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory")
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_special(target, data)
        return
    keep = stat.S_IMODE(st.st_mode) if st is not None else None
    final_mode = keep if keep is not None else (mode if mode is not None else 0o666 & ~_umask())
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fchmod(fd, final_mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable; not every system allows it
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError:
        pass


def _write_special(target: Path, data: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
