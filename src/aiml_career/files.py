"""Reading and writing files safely: one read path and one write path for every command.

Both find a file the same way, :func:`locate`: the path is walked one name at a
time from an open descriptor of each folder (``openat``, ``O_NOFOLLOW``), never
through ``realpath``. A symbolic link on the way is followed only when it is
yours, when the folder's owner made it, or when the folder holding it is
neither sticky nor world-writable (the kernel's ``protected_symlinks`` rule, stricter,
applied whatever the kernel's setting): a link another user planted in
``/tmp`` is refused. A loop of links (or more than 40) is reported as one.
The links of ``/proc`` (``/dev/stdout`` -> ``/proc/self/fd/1``) name this
process's own descriptors and are left to the kernel.

Reading, :func:`read_regular`: only a regular file is read (a FIFO, a device or
a socket is refused without blocking on it), and never more than
:data:`MAX_BYTES`. ``-`` means standard input, read with the same bound.

Writing, :func:`write_atomic`:

- a regular file is replaced whole: a temporary file ``.NAME.XXXXXXXX.tmp`` in
  the same folder (``O_EXCL``, mode 0600 while written), written in full,
  synced, then renamed over NAME. The temporary file is removed on every exit
  path (an error, Ctrl-C, SIGTERM, SIGHUP); one left by ``kill -9`` is removed
  by the next write of NAME once it is an hour old;
- a file with no write permission (0444, even for root, where the shell's
  ``>`` refuses too) is never replaced;
- the process's own stdout or stderr (``-o /dev/stdout``, ``/proc/self/fd/1``,
  or the very file stdout is redirected to) is written through its descriptor,
  so ``>> log`` appends and nothing earlier is lost;
- a character device (``/dev/null``) is written to, never replaced; a FIFO is
  written to if it has a reader, else refused at once; a socket or a block
  device is refused;
- a name ending in ``/`` or naming a folder is refused.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

#: The largest file read, in bytes (128 MiB). The biggest benchmark ladder,
#: 20,000 roles with 15-40 requirement rows each, pretty-printed, is 127 MB (121 MiB).
MAX_BYTES = 128 * 1024 * 1024
STDIN = "-"
#: The most symbolic links followed in one path (Linux's own limit).
MAX_LINKS = 40
#: A temporary file older than this (seconds) was left by a killed process.
STALE_SECONDS = 3600

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
#: A folder is held by a descriptor that needs no read permission where the system has O_PATH.
_FOLDER = getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC

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


class Refused(OSError):
    """A path or file the policy refuses: ``strerror`` says why; ``hint``, what to do."""

    def __init__(self, code: int, reason: str, hint: str | None = None) -> None:
        super().__init__(code, reason)
        self.hint = hint


def megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MiB" if size >= 2**20 else f"{size} bytes"


def too_big(limit: int) -> ReadFailed:
    return ReadFailed(f"larger than the limit of {megabytes(limit)}")


def _reason(exc: OSError) -> str:
    if isinstance(exc, Refused):
        return exc.strerror or str(exc)
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno == errno.EISDIR:
        return "is a directory, not a file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "is a symbolic link"
    if exc.errno == errno.ENOTDIR:
        return "a part of the path is not a folder"
    return exc.strerror or str(exc)


def _open(name: str, flags: int, *, dir_fd: int | None = None, mode: int = 0o777) -> int:
    """``os.open`` of a name in a folder (a seam for tests that simulate a denied file as root)."""
    return os.open(name, flags, mode, dir_fd=dir_fd)


def kind_problem(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is not read, or None for a regular file."""
    for test, reason in _KINDS:
        if test(mode):
            return reason
    return None if stat.S_ISREG(mode) else "is not a regular file"


# -- finding a file: the one policy on links -------------------------------------------


@dataclass
class Located:
    """A file found by :func:`locate`: ``name`` in the folder open as ``folder``.

    ``st`` is the entry's ``lstat`` (never a link), None when there is none yet.
    ``kernel`` is set instead when the path runs through ``/proc``'s links to
    this process's descriptors: that path is then opened by the kernel as it is.
    Close it (or use it as a context manager) when done.
    """

    shown: str
    folder: int = -1
    name: str = ""
    st: os.stat_result | None = None
    kernel: str | None = None

    def close(self) -> None:
        if self.folder >= 0:
            os.close(self.folder)
            self.folder = -1

    def __enter__(self) -> Located:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def restat(self) -> None:
        """Look at the entry again (another process may have changed it)."""
        if self.kernel is not None:
            return
        try:
            self.st = os.stat(self.name, dir_fd=self.folder, follow_symlinks=False)
        except FileNotFoundError:
            self.st = None
        if self.st is not None and stat.S_ISLNK(self.st.st_mode):
            raise Refused(errno.ELOOP, "was replaced by a symbolic link while in use; nothing was changed")


def _proc_device() -> int | None:
    try:
        return os.stat("/proc").st_dev
    except OSError:
        return None


def may_follow(link: os.stat_result, folder: os.stat_result) -> bool:
    """Whether a link may be followed: yours, made by the folder's owner, or in a
    folder that is neither sticky nor world-writable."""
    uid = os.geteuid() if hasattr(os, "geteuid") else link.st_uid
    if link.st_uid in (uid, folder.st_uid):
        return True
    return not folder.st_mode & (stat.S_ISVTX | stat.S_IWOTH)


def _swap(old: int, new: int) -> int:
    os.close(old)
    return new


def locate(path: str | Path, *, follow: bool = True) -> Located:
    """Find ``path`` by walking it from an open folder, one name at a time (see the module).

    Raises OSError (often :class:`Refused`, whose ``strerror`` says why) when a
    folder on the way is missing, is not a folder, or a link may not be followed.
    ``follow=False`` refuses a link as the last name. The path's last name may be absent.
    """
    text = os.fspath(path)
    if not text:
        raise FileNotFoundError(errno.ENOENT, "no such file")
    todo = [p for p in text.split("/") if p not in ("", ".")]
    todo.reverse()  # a stack: the next name last
    if not todo or todo[0] == "..":
        raise Refused(errno.EISDIR, "is a directory, not a file")
    fd = os.open("/" if text.startswith("/") else ".", _FOLDER)
    links = 0
    proc = None
    try:
        while True:
            part = todo.pop()
            last = not todo
            if part == "..":
                fd = _swap(fd, os.open("..", _FOLDER, dir_fd=fd))
                if last:
                    raise Refused(errno.EISDIR, "is a directory, not a file")
                continue
            try:
                st = os.stat(part, dir_fd=fd, follow_symlinks=False)
            except FileNotFoundError:
                if last:
                    return Located(text, fd, part, None)
                raise
            if stat.S_ISLNK(st.st_mode):
                if last and not follow:
                    raise Refused(errno.ELOOP, "is a symbolic link")
                folder = os.fstat(fd)
                proc = proc if proc is not None else _proc_device()
                if folder.st_dev == proc:  # /proc/self, /proc/self/fd/1: this process's own
                    os.close(fd)
                    return Located(text, kernel=text)
                if not may_follow(st, folder):
                    raise Refused(
                        errno.EPERM,
                        f"is a symbolic link that another user (uid {st.st_uid}) made in a shared folder "
                        "(sticky or world-writable): not followed",
                        "if it is meant, name the file it points to",
                    )
                links += 1
                if links > MAX_LINKS:
                    raise Refused(errno.ELOOP, f"a loop of symbolic links (or more than {MAX_LINKS} in a row)")
                target = os.readlink(part, dir_fd=fd)
                if target.startswith("/"):
                    fd = _swap(fd, os.open("/", _FOLDER))
                more = [p for p in target.split("/") if p not in ("", ".")]
                if not more:
                    if last:
                        raise Refused(errno.EISDIR, "is a directory, not a file")
                    continue
                todo.extend(reversed(more))
                continue
            if last:
                if text.endswith("/") and not stat.S_ISDIR(st.st_mode):  # "x.json/": as the kernel says
                    raise Refused(errno.ENOTDIR, "is not a folder, but the name ends with /")
                return Located(text, fd, part, st)
            if not stat.S_ISDIR(st.st_mode):
                raise Refused(errno.ENOTDIR, "a part of the path is not a folder")
            fd = _swap(fd, os.open(part, _FOLDER | _NOFOLLOW, dir_fd=fd))
    except BaseException:
        if fd >= 0:
            try:
                os.close(fd)
            except OSError:
                pass
        raise


# -- reading ------------------------------------------------------------------------------


def read_regular(
    path: str | Path | Located, limit: int | None = None, *, follow: bool = True, check=None
) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them (default :data:`MAX_BYTES`, as
    it is when called); else :class:`ReadFailed`.

    ``"-"`` reads standard input (any kind of stream) with the same bound.
    ``follow=False`` refuses a symbolic link as the last name. ``check(st)``,
    given the ``os.stat_result`` of the open file, may raise ReadFailed to refuse it.
    A :class:`Located` file is read where it was found (its folder stays open).
    """
    limit = MAX_BYTES if limit is None else limit
    if not isinstance(path, Located) and str(path) == STDIN:
        return read_stdin(limit)
    # O_NONBLOCK: opening a FIFO with no writer returns at once instead of
    # waiting forever; fstat then refuses it. No effect on regular files.
    flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC
    try:
        if isinstance(path, Located):
            fd = _open_located(path, flags)
        else:
            with locate(path, follow=follow) as found:
                fd = _open_located(found, flags)
    except OSError as exc:
        raise ReadFailed(_reason(exc), missing=exc.errno == errno.ENOENT and not isinstance(exc, Refused)) from None
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


def _open_located(found: Located, flags: int, mode: int = 0o777) -> int:
    if found.kernel is not None:
        return _open(found.kernel, flags, mode=mode)
    if found.st is None and not flags & os.O_CREAT:
        raise FileNotFoundError(errno.ENOENT, "no such file")
    return _open(found.name, flags | _NOFOLLOW, dir_fd=found.folder, mode=mode)


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


def read_stdin(limit: int | None = None) -> bytes:
    """Standard input in full, at most ``limit`` bytes (default :data:`MAX_BYTES`)."""
    limit = MAX_BYTES if limit is None else limit
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


# -- writing ------------------------------------------------------------------------------


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


def _temporary_name(name: str) -> str:
    import secrets

    return f".{name}.{secrets.token_hex(4)}.tmp"


def remove_stale_temporary_files(found: Located, now: float | None = None) -> None:
    """Remove the ``.NAME.XXXX.tmp`` files beside ``found`` that a killed writer left (an hour old,
    yours, regular files). Any failure is ignored."""
    import time

    if found.kernel is not None:
        return
    pattern = re.compile(re.escape(f".{found.name}.") + r"[A-Za-z0-9_]{1,16}\.tmp")
    now = time.time() if now is None else now
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    try:
        listing = os.open(".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC, dir_fd=found.folder)
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
                        os.unlink(entry.name, dir_fd=found.folder)
                except OSError:
                    continue
    except OSError:
        pass
    finally:
        os.close(listing)


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
    folder = found.folder
    with _signals_raise():
        tmp = _temporary_name(found.name)
        fd = _open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, dir_fd=folder, mode=0o600)
        try:
            try:
                _write_all(fd, data)
                if st is not None and hasattr(os, "geteuid") and st.st_uid != os.geteuid():
                    try:  # root replacing another user's file: it stays theirs
                        os.fchown(fd, st.st_uid, st.st_gid)
                    except OSError:
                        pass
                os.fchmod(fd, final_mode)
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, found.name, src_dir_fd=folder, dst_dir_fd=folder)
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
