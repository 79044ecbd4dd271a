"""Finding and reading files safely: the one read path for every command, and the way every
file is found, for reading and writing alike.

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

Writing is :mod:`.writes`' (:func:`.writes.write_atomic`), on the same :func:`locate`.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, overload

#: The largest file read, in bytes (512 MiB): a bound on memory, not on ladders people make.
#: The biggest benchmark ladder, 20,000 roles with 15-40 requirement rows each, is 132 MB
#: pretty-printed and 159 MB as ``export --format json`` writes it (indented): this reads
#: what the tool writes, with room. Validating a ladder takes 6 to 7 times its size in memory
#: (1.1 GB for that 159 MB export, 1.8 GB for a 294 MB ladder of 45,000 roles), so a file at
#: the limit about 3.5 GB.
MAX_BYTES = 512 * 1024 * 1024
#: Whether :data:`MAX_BYTES` is the run's own choice (:func:`reading_up_to`): an error says so.
CHOSEN = False
STDIN = "-"
#: The most symbolic links followed in one path (Linux's own limit).
MAX_LINKS = 40
#: A temporary file older than this (seconds) was left by a killed process.
STALE_SECONDS = 3600

T = TypeVar("T")

_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
#: A folder is held by a descriptor that needs no read permission where the system has O_PATH.
_FOLDER = getattr(os, "O_PATH", os.O_RDONLY) | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC

#: Why a FIFO is not read (``--data <(cat FILE)`` names one): callers may add a hint to it.
FIFO = "is a FIFO (named pipe), not a regular file"
_KINDS = (
    (stat.S_ISDIR, "is a directory, not a file"),
    (stat.S_ISFIFO, FIFO),
    (stat.S_ISCHR, "is a character device, not a regular file"),
    (stat.S_ISBLK, "is a block device, not a regular file"),
    (stat.S_ISSOCK, "is a socket, not a regular file"),
)


class ReadFailed(Exception):
    """A file that cannot be read; ``reason`` says why in a few words."""

    def __init__(self, reason: str, missing: bool = False, limit: int | None = None,
                 size: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing
        #: Set when the file is larger than this limit (bytes); ``size``: its size, when known.
        self.limit = limit
        self.size = size


class Refused(OSError):
    """A path or file the policy refuses: ``strerror`` says why; ``hint``, what to do."""

    def __init__(self, code: int, reason: str, hint: str | None = None) -> None:
        super().__init__(code, reason)
        self.hint = hint


def megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MiB" if size >= 2**20 else f"{size} bytes"


def too_big(limit: int, size: int | None = None) -> ReadFailed:
    return ReadFailed(f"larger than the limit of {megabytes(limit)}", limit=limit, size=size)


@contextmanager
def reading_up_to(limit: int | None) -> Iterator[None]:
    """Within it, files are read up to ``limit`` bytes by default (None: :data:`MAX_BYTES` as
    it is): a run's ``$AIML_CAREER_MAX_BYTES`` (:attr:`.environment.Environment.max_bytes`).
    Reads that name their own limit (a profile, the cache's files) keep it."""
    global MAX_BYTES, CHOSEN
    kept, chosen = MAX_BYTES, CHOSEN
    if limit is not None:
        MAX_BYTES, CHOSEN = limit, True
    try:
        yield
    finally:
        MAX_BYTES, CHOSEN = kept, chosen


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


@overload
def read_regular(path: str | Path | Located, limit: int | None = None, *, follow: bool = True,
                 check: Callable[[os.stat_result], None] | None = None) -> bytes: ...
@overload
def read_regular(path: str | Path | Located, limit: int | None = None, *, follow: bool = True,
                 check: Callable[[os.stat_result], None] | None = None,
                 known: Callable[[os.stat_result], T | None]) -> bytes | T: ...
def read_regular(path, limit=None, *, follow=True, check=None, known=None):
    """The bytes of a regular file, at most ``limit`` of them (default :data:`MAX_BYTES`, as
    it is when called); else :class:`ReadFailed`.

    ``"-"`` reads standard input (any kind of stream) with the same bound.
    ``follow=False`` refuses a symbolic link as the last name. ``check(st)``,
    given the ``os.stat_result`` of the open file, may raise ReadFailed to refuse it.
    ``known(st)``, asked last, may answer for the file from its status alone: what it gives,
    unless None, is returned, and nothing is read.
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
        if exc.errno == errno.ENXIO:  # a socket cannot be opened: say what it is, as for a FIFO
            raise ReadFailed(_kind_at(path, follow) or _reason(exc)) from None
        raise ReadFailed(_reason(exc), missing=exc.errno == errno.ENOENT and not isinstance(exc, Refused)) from None
    try:
        st = os.fstat(fd)
        problem = kind_problem(st.st_mode)
        if problem:
            raise ReadFailed(problem)
        if check is not None:
            check(st)
        if st.st_size > limit:
            raise too_big(limit, st.st_size)
        if known is not None:
            answer = known(st)
            if answer is not None:
                return answer
        return _read_bounded(fd, limit, st.st_size)
    except OSError as exc:
        raise ReadFailed(_reason(exc)) from None
    finally:
        os.close(fd)


def _kind_at(path: str | Path | Located, follow: bool) -> str | None:
    """Why the file at ``path`` is not read, from its kind (a socket), or None."""
    try:
        if isinstance(path, Located):
            st = os.stat(path.name, dir_fd=path.folder)
        else:
            with locate(path, follow=follow) as found:
                st = os.stat(found.name, dir_fd=found.folder)
    except OSError:
        return None
    return kind_problem(st.st_mode)


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
