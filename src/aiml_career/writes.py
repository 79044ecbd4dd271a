"""The one write path: every file the tool writes (``-o``, the profile, the cache) goes
through :func:`write_atomic`, by one policy (docs/security.md, "Writing").

The target is found as :mod:`.files` finds every file (the link rule); a regular file is
replaced whole through a temporary file beside it, never one the person could not write with
the shell's ``>``; the process's own stdout or stderr is written through; a character device
or a FIFO with a reader is written to; anything else is refused. The temporary file goes on
every exit path, and one a killed writer left goes on the next write of the name.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import files
from .files import _CLOEXEC, _NOFOLLOW, _NONBLOCK, STALE_SECONDS, Located, Refused, _open_located, locate


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_replaceable(found: Located) -> None:
    """Refuse to replace a file the person could not write with the shell's ``>``.

    A regular file with no write permission bit (0444) is refused even for root
    (the owner made it read-only); otherwise one this user may not write.
    """
    st = found.st
    if st is None or found.kernel is not None or not stat.S_ISREG(st.st_mode):
        return
    mode = stat.S_IMODE(st.st_mode)
    if not mode & 0o222:
        raise Refused(errno.EACCES, f"the file is read-only (mode {mode:04o}); nothing was changed",
                      f"to change it, make it writable: chmod u+w {found.shown}")
    try:
        writable = os.access(found.name, os.W_OK, dir_fd=found.folder, effective_ids=True)
    except (NotImplementedError, OSError):
        writable = True
    if not writable:
        raise Refused(errno.EACCES, "permission denied (you may not write this file); nothing was changed")


#: The standard descriptors the entry point found closed and holds with /dev/null (``>&-``): a
#: write "to" one of them (``-o /dev/stdout``) fails, as writing to the closed stream would.
HELD_CLOSED: set[int] = set()


def _descriptor_of(st: os.stat_result) -> int | None:
    """1 or 2 when ``st`` is this process's stdout or stderr (the same file), else None."""
    for fd in (1, 2):
        try:
            own = os.fstat(fd)
        except OSError:
            continue
        if (own.st_dev, own.st_ino) == (st.st_dev, st.st_ino):
            return fd
    return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _write_through(fd: int, data: bytes) -> None:
    """Write to this process's stdout or stderr as it is (appending under ``>>``), after
    whatever Python holds for it."""
    stream = sys.stdout if fd == 1 else sys.stderr
    try:
        stream.flush()
    except (AttributeError, OSError, ValueError):
        pass
    _write_all(fd, data)


def _write_special(found: Located, st: os.stat_result, data: bytes) -> None:
    """A FIFO (with a reader) or a character device: written to, never replaced."""
    if stat.S_ISSOCK(st.st_mode):
        raise Refused(errno.ENXIO, "is a socket, not a file; nothing was written")
    if stat.S_ISBLK(st.st_mode):
        raise Refused(errno.EPERM, "is a block device; nothing was written")
    try:
        # O_NONBLOCK: a FIFO with no reader fails at once (ENXIO) instead of waiting forever.
        fd = _open_located(found, os.O_WRONLY | _NONBLOCK | _CLOEXEC | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO and stat.S_ISFIFO(st.st_mode):
            raise Refused(errno.ENXIO, "is a FIFO (named pipe) that nobody is reading; nothing was written",
                          "start its reader first, or write to a file") from None
        raise
    try:
        os.set_blocking(fd, True)
        _write_all(fd, data)
    finally:
        os.close(fd)


@contextmanager
def _signals_raise() -> Iterator[None]:
    """While a temporary file exists: SIGTERM and SIGHUP end the process by an exception
    (exit 128 + the signal), so the temporary file is removed on the way out."""
    import signal
    import threading

    saved = {}
    if threading.current_thread() is threading.main_thread():

        def stop(signum: int, frame: object) -> None:
            raise SystemExit(128 + signum)

        for name in ("SIGTERM", "SIGHUP"):
            sig = getattr(signal, name, None)
            if sig is not None and signal.getsignal(sig) is signal.SIG_DFL:
                saved[sig] = signal.signal(sig, stop)
    try:
        yield
    finally:
        for sig, old in saved.items():
            signal.signal(sig, old)


#: The longest file name most file systems take, in bytes (NAME_MAX).
NAME_MAX = 255


def _temporary_prefix(name: str) -> str:
    """``.NAME.`` for the temporary files of ``name``, NAME cut (at a character) so that the
    whole temporary name fits in :data:`NAME_MAX` bytes: any name the shell can write, we can."""
    room = NAME_MAX - len(".." + "0" * 8 + ".tmp")
    cut = name.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    return f".{cut}."


def _temporary_name(name: str) -> str:
    import secrets

    return f"{_temporary_prefix(name)}{secrets.token_hex(4)}.tmp"


def remove_stale_temporary_files(found: Located, now: float | None = None) -> None:
    """Remove the ``.NAME.XXXX.tmp`` files beside ``found`` that a killed writer left (an hour old,
    yours, regular files). Any failure is ignored."""
    import time

    if found.kernel is not None:
        return
    pattern = re.compile(re.escape(_temporary_prefix(found.name)) + r"[A-Za-z0-9_]{1,16}\.tmp")
    _remove_stale(found.folder, pattern, time.time() if now is None else now)


def _remove_stale(folder: int, pattern: re.Pattern[str], now: float) -> None:
    """Remove the files of ``folder`` (open) whose names match ``pattern``: an hour old, yours,
    regular files. Any failure is ignored."""
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    try:
        listing = os.open(".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC, dir_fd=folder)
    except OSError:
        return
    try:
        with os.scandir(listing) as entries:
            for entry in entries:
                if not pattern.fullmatch(entry.name):
                    continue
                try:
                    st = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(st.st_mode) and uid in (None, st.st_uid) and now - st.st_mtime > STALE_SECONDS:
                        os.unlink(entry.name, dir_fd=folder)
                except OSError:
                    continue
    except OSError:
        pass
    finally:
        os.close(listing)


#: Any temporary file :func:`write_private` may leave when killed: ``.NAME.XXXX.tmp``.
_ANY_TEMPORARY = re.compile(r"\..+\.[A-Za-z0-9_]{1,16}\.tmp")


def write_private(folder: str | Path, name: str, data: bytes) -> None:
    """A file of the tool's own cache folder (a marker, an index): ``data`` as ``folder/name``,
    mode 0600 whatever was there, or raise OSError and change nothing.

    Unlike :func:`write_atomic` (a file a person named: their link is written through, their
    file keeps its mode), the entry ``name`` is replaced, whatever it is: a link is replaced by
    the file, never written through; a file another user planted, or one others may write, is
    replaced by one of ours. ``folder`` is opened without following a link (the caller checked
    it is ours). Temporary files a killed writer left there, of any name, are removed.
    """
    import time

    if "/" in name or name in ("", ".", ".."):
        raise Refused(errno.EINVAL, "is not a file name")
    directory = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | _CLOEXEC)
    try:
        _remove_stale(directory, _ANY_TEMPORARY, time.time())
        _replace(directory, name, data, 0o600)
    finally:
        os.close(directory)


def write_atomic(path: str | Path | Located, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` by the write policy (see the module), or raise OSError and
    change nothing; :class:`Refused` says why a target was refused.

    A replaced file keeps its mode; a new file gets ``mode`` (default 0666 less the umask).
    """
    if isinstance(path, Located):
        _write_located(path, data, mode)
        return
    text = os.fspath(path)
    if text.endswith("/"):
        raise Refused(errno.EISDIR, "names a folder (it ends with /), not a file; nothing was written",
                      "give a file name, such as DIR/NAME")
    with locate(text) as found:
        _write_located(found, data, mode)


def _write_located(found: Located, data: bytes, mode: int | None) -> None:
    if found.kernel is not None:  # /dev/stdout, /proc/self/fd/N: a descriptor of this process
        seen = os.stat(found.kernel)
        own = _descriptor_of(seen)
        if own is not None and own in HELD_CLOSED:
            raise Refused(errno.EBADF, f"is standard {'output' if own == 1 else 'error'}, which is closed; "
                          "nothing was written")
        if own is not None:
            _write_through(own, data)
        elif stat.S_ISDIR(seen.st_mode):
            raise Refused(errno.EISDIR, "is a directory, not a file")
        elif stat.S_ISREG(seen.st_mode):
            raise Refused(errno.EPERM, "names an open descriptor's file; nothing was written",
                          "name the file itself")
        else:
            _write_special(found, seen, data)
        return
    st = found.st
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise Refused(errno.EISDIR, "is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            _write_special(found, st, data)
            return
        own = _descriptor_of(st)
        if own is not None:  # -o build.log >> build.log: append as the shell's stdout does
            _write_through(own, data)
            return
        check_replaceable(found)
    remove_stale_temporary_files(found)
    final_mode = stat.S_IMODE(st.st_mode) if st is not None else (mode if mode is not None else 0o666 & ~_umask())
    # root replacing another user's file: it stays theirs
    owner = (st.st_uid, st.st_gid) if st is not None and hasattr(os, "geteuid") and st.st_uid != os.geteuid() else None
    _replace(found.folder, found.name, data, final_mode, owner)


def _replace(folder: int, name: str, data: bytes, mode: int, owner: tuple[int, int] | None = None) -> None:
    """``data`` as ``name`` in ``folder`` (open): a temporary file of its own (``O_EXCL``, never
    through a link), written, given ``mode`` (and ``owner``), synced, then renamed over the
    name, which replaces whatever entry had it; on any failure the temporary file is removed
    and nothing changed. Then the rename itself is made durable where the system allows."""
    with _signals_raise():
        tmp = _temporary_name(name)
        fd = files._open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, dir_fd=folder, mode=0o600)
        try:
            try:
                _write_all(fd, data)
                if owner is not None:
                    try:
                        os.fchown(fd, *owner)
                    except OSError:
                        pass
                os.fchmod(fd, mode)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            try:
                os.unlink(tmp, dir_fd=folder)
            except OSError:
                pass
            raise
    try:  # make the rename itself durable; not every system allows it
        sync = os.open(".", os.O_RDONLY | _CLOEXEC, dir_fd=folder)
        try:
            os.fsync(sync)
        finally:
            os.close(sync)
    except OSError:
        pass
