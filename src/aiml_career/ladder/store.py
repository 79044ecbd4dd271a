"""The index of a big ladder, kept between runs: built once per file content, then read instead
of validating the file again.

Why (measured on a ladder of 10,000 roles and 200,000 requirement rows, 66 MB): validating
the file with pydantic takes most of a second and 360 MB on every run, before any query; a
query about one role needs one role. The index is a SQLite database (the standard library's
:mod:`sqlite3`) of the validated ladder: the roles, each with its columns for listings and
the rest of its JSON (compressed; its requirement rows are made again from its units), the
skills, the rest of the document, the moves, every role's requirement rows as compact units
(what :meth:`Ladder.units` gives, ready made) and which roles name which skill.
:class:`.stored.StoredLadder` answers the :class:`~.index.Ladder` interface from it.

Measured 2026-12-05 (whole processes, medians of 3 interleaved runs, shared 2-core machine,
load 1.6-2.1), that ladder, warm: ``show``/``next``/``path``/``compare`` --json 0.40-0.47 s
and 171 MB (models: 1.0-1.1 s, 414 MB), ``skills SKILL`` 0.67 s (2.8 s), ``search`` 0.75 s
(1.3 s), ``tree`` 0.64 s (1.1 s); the index is 36 MB and is built in about 4.5 s, after the
first run's answer (2.8 s, as without it).

What is kept where: one file per ladder content, ``index-<key>.db`` in the cache folder
(:mod:`.cache`: the run's :attr:`Environment.ladder_cache
<.environment.Environment.ladder_cache>`). ``<key>`` is a keyed hash (HMAC-SHA-256 with the
cache folder's secret, cut to 20 bytes) of the file's bytes and of the code that decides what
they load as (:data:`.cache.VALIDITY_MODULES`, which lists this module). The file is a header,
a MAC (HMAC-SHA-256 keyed with the same secret, over the key and the database's bytes), then
the database as :meth:`sqlite3.Connection.serialize` wrote it. (SHA-256, not the BLAKE2b of
the validity marker: every warm run hashes the whole file and the whole index, and on a CPU
with SHA instructions, as most made since 2017 are, OpenSSL's SHA-256 is twice as quick:
66 MB in 0.037 s against 0.070 s here.)
Beside it, ``seen-<keyed hash of device and inode>`` records a file's status and the key of its
bytes (:func:`open_seen`): a run whose file has that status opens the index without reading or
hashing the file (ESCO-sized ladder, 34 MB, paired whole processes: ``show`` 0.29 -> 0.25 s,
``match`` 0.67 -> 0.57 s).

Trust: the index is data, never code (no pickle: JSON and SQLite rows). It is read bounded,
without following a link, only when it is a regular file we own that others cannot write
(:func:`.cache.trusted`); its MAC is checked over the very bytes read, which are then handed
to :meth:`sqlite3.Connection.deserialize` in memory: nothing is read from disk again after
the check. A changed, truncated, swapped (another ladder's), foreign-owned, group- or
other-writable or hand-edited index is never used: the file is validated in full, and the
index built again. ``validate``, ``export`` and standard input always use the models.

When: only a file of :data:`MIN_BYTES` or more (the built-in ladder keeps its start-up),
only with a cache folder (``AIML_CAREER_NO_CACHE=1`` turns it off), only where
:meth:`sqlite3.Connection.deserialize` exists (Python 3.11 on). Building it follows a full
load; any failure to build (a full disk, a folder we may not write) is ignored. One build at a
time (a build of 10,000 roles holds about 500 MB for seconds): it holds the lock of :data:`LOCK`
(``flock``, released by the kernel when its holder ends, killed or not), and a run that finds
the lock held, the index already written, or a folder where the index goes (which no rename
replaces) builds nothing. Old indexes are pruned: the :data:`KEEP` most recently used, within
:data:`BUDGET` bytes, and the validity markers with them (:func:`.cache.prune`).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hmac
import os
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache

if TYPE_CHECKING:
    from .index import Ladder
    from .stored import StoredLadder

#: Files smaller than this load from their models: the index would not be quicker.
MIN_BYTES = 4_000_000
#: How many indexes to keep, the most recently used; and the bytes they may take together
#: (the newest is kept whatever its size).
KEEP = 4
BUDGET = 512 * 1024 * 1024
#: The most bytes an index file is read to.
MAX_INDEX_BYTES = 1024 * 1024 * 1024
MAGIC = b"AIMLIX1\n"
#: The file whose lock (``flock``) a build holds while it builds: one build at a time.
LOCK = "index.lock"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
MAC_SIZE = 32
KEY_SIZE = 20
#: A record of a file's status and the key of its bytes (:func:`open_seen`): its name begins so.
SEEN = "seen-"
SEEN_MAGIC = b"AIMLSEEN1\n"
SEEN_BYTES = 4096
#: A status is recorded once this old (nanoseconds): a file system's clock ticks far quicker.
RACY_NS = 2_000_000_000


def wanted(raw: bytes, where: Path | None) -> bool:
    """Whether a ladder of these bytes is to be kept as an index (``where``: the cache folder):
    a big file, a cache folder, and a Python that loads a database from bytes (3.11 on).
    (:mod:`sqlite3` is imported for a big file only: start-up.)"""
    if where is None or len(raw) < MIN_BYTES:
        return False
    import sqlite3

    return hasattr(sqlite3.Connection, "deserialize")


def _key(secret: bytes, raw: bytes) -> bytes:
    digest = hmac.new(secret[:64], b"aiml-career-ix\0", "sha256")
    digest.update(raw)
    digest.update(cache.code_digest())
    return digest.digest()[:KEY_SIZE]


def _mac(secret: bytes, key: bytes, db: bytes | memoryview) -> bytes:
    mac = hmac.new(secret[:64], b"aiml-ix-mac\0" + key, "sha256")
    mac.update(db)
    return mac.digest()


def _path(folder: Path, key: bytes) -> Path:
    return folder / f"index-{key.hex()}.db"


#: How long a build that failed (a full disk, a database error) is not tried again for the same
#: file under the same code: each try reads the whole ladder into tables (1-3 s of CPU at 10,000
#: roles), and a run that finds no index would try again every time.
RETRY_SECONDS = 3600


def _failed(folder: Path, key: bytes) -> Path:
    """The marker of a failed build of the index of ``key`` (``failed-``, pruned with the others)."""
    return folder / f"failed-{key.hex()}"


def _failed_lately(folder: Path, key: bytes) -> bool:
    try:
        st = os.lstat(_failed(folder, key))
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and cache.trusted(st) and time.time() - st.st_mtime < RETRY_SECONDS


def open_index(raw: bytes, where: Path | None, source: str, st: os.stat_result | None = None) -> StoredLadder | None:
    """The ladder of ``raw`` from its index, or None when there is none to be trusted. ``st``:
    the status of the file ``raw`` was read from, recorded for :func:`open_seen` when the
    index opens."""
    if not wanted(raw, where):
        return None
    assert where is not None
    found = cache.ours(where, create=False)
    if found is None:
        return None
    folder, secret = found
    key = _key(secret, raw)
    ladder = _opened(folder, secret, key, source)
    if ladder is not None and st is not None:
        _remember_seen(folder, secret, key, st)
    return ladder


def open_seen(st: os.stat_result, where: Path | None, source: str) -> StoredLadder | None:
    """The ladder of the file whose status is ``st``, from its index, without reading the file:
    when a run recorded (:func:`open_index`) that the file, as its status stands now, held the
    bytes of an index's key. Else None: the file is read, and :func:`open_index` asked.

    The status is the device, inode, size, and the times of the last change of content
    (``mtime``) and of the last change of any kind (``ctime``, which no one but the kernel sets:
    any write or rename changes it, and :func:`os.utime` setting ``mtime`` back changes it too).
    As ``git`` does with its index, a status is recorded only once its change is :data:`RACY_NS`
    old: two writes within one tick of the file system's clock could leave the same status."""
    found = cache.ours(where, create=False) if where is not None and st.st_size >= MIN_BYTES else None
    if found is None:
        return None
    folder, secret = found
    data = _read(_seen_path(folder, secret, st), SEEN_BYTES)
    status = _status(st)
    size = len(SEEN_MAGIC) + MAC_SIZE + KEY_SIZE
    if data is None or len(data) < size or not data.startswith(SEEN_MAGIC):
        return None
    head = len(SEEN_MAGIC)
    mac, key, recorded = data[head:head + MAC_SIZE], data[head + MAC_SIZE:size], data[size:]
    if recorded != status or not hmac.compare_digest(mac, _mac(secret, b"seen\0" + key, recorded)):
        return None
    return _opened(folder, secret, key, source)


def _opened(folder: Path, secret: bytes, key: bytes, source: str) -> StoredLadder | None:
    """The ladder of the index of ``key`` in ``folder`` when it is there and trusted."""
    path = _path(folder, key)
    body = _verified(path, secret, key)
    if body is None:
        return None
    import sqlite3

    from .stored import StoredLadder

    try:
        con = sqlite3.connect(":memory:")
        con.deserialize(body)
        ladder = StoredLadder(con, source)
    except Exception:  # a database this code did not write: never trusted, load the file
        return None
    try:
        os.utime(path, follow_symlinks=False)  # most recently used: the last to be pruned
    except (OSError, NotImplementedError):
        pass
    return ladder


def _status(st: os.stat_result) -> bytes:
    return f"{st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}".encode()


def _seen_path(folder: Path, secret: bytes, st: os.stat_result) -> Path:
    """``seen-<keyed hash of the file's device and inode, and of the code>``: one record per
    file, under this code (another version's record would name the index its code built)."""
    digest = hmac.new(secret[:64], f"aiml-seen\0{st.st_dev} {st.st_ino}\0".encode(), "sha256")
    digest.update(cache.code_digest())
    return folder / f"{SEEN}{digest.hexdigest()[:40]}"


def _remember_seen(folder: Path, secret: bytes, key: bytes, st: os.stat_result) -> None:
    """Record that the file of status ``st`` holds the bytes of ``key`` (:func:`open_seen`),
    unless it was changed too lately to tell, or it is recorded already; a failure to write is
    ignored (the next run reads the file, as this one did)."""
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS:
        return
    status = _status(st)
    record = SEEN_MAGIC + _mac(secret, b"seen\0" + key, status) + key + status
    path = _seen_path(folder, secret, st)
    if _read(path, SEEN_BYTES) == record:
        return
    from ..writes import write_private

    try:
        write_private(folder, path.name, record)
        cache.prune(folder)
    except OSError:
        pass


def _verified(path: Path, secret: bytes, key: bytes) -> memoryview | None:
    """The database of the index at ``path`` when it is ours and its MAC holds, else None."""
    data = _read(path)
    if data is None or len(data) < len(MAGIC) + MAC_SIZE or not data.startswith(MAGIC):
        return None
    body = memoryview(data)[len(MAGIC) + MAC_SIZE:]
    if not hmac.compare_digest(data[len(MAGIC):len(MAGIC) + MAC_SIZE], _mac(secret, key, body)):
        return None
    return body


def _read(path: Path, limit: int = MAX_INDEX_BYTES) -> bytes | None:
    from ..files import ReadFailed, read_regular

    def ours(st: os.stat_result) -> None:
        if not cache.trusted(st):
            raise ReadFailed("not ours")

    try:
        return read_regular(path, limit, follow=False, check=ours)
    except ReadFailed:
        return None


def build(ladder: Ladder, raw: bytes, where: Path | None, *, background: bool = False) -> None:
    """Keep ``ladder`` (validated from ``raw``) as an index in the cache folder ``where``;
    any failure is ignored: the next run loads the file again.

    One build at a time: it first claims the work (:func:`_claim`); a run that finds the claim
    held, or the index already written (by a build that ended since this run looked), or where
    the index goes something no build could replace (a folder), builds nothing.

    ``background`` (a one-shot process, its answer written): built by a child process of its
    own, with no standard streams, so the command ends when its answer is written (a first
    run at 10,000 roles would take twice as long); the child holds the claim until it ends.
    Where there is no ``fork``, here."""
    if not wanted(raw, where):
        return
    assert where is not None
    try:
        found = cache.ours(where, create=True)
        if found is None:
            return
        folder, secret = found
        key = _key(secret, raw)
        path = _path(folder, key)
        if not _replaceable(path) or _failed_lately(folder, key) or not os.access(folder, os.W_OK):
            return  # nothing it could write: no build tried (a second or more of CPU, on every run)
        claim = _claim(folder)
    except Exception:  # a folder we may not write, a file system error: no index
        return
    if claim is None:
        return
    try:
        if _verified(path, secret, key) is not None:
            return  # another run built it since this one looked
        if background and hasattr(os, "fork"):
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
            try:
                child = os.fork()
            except OSError:
                return
            if child:
                return  # the child holds the claim (the same open file) until it ends
            try:  # the child: nothing it does reaches the person, and it ends here
                # A session of its own: a terminal closed, or the command's process group ended
                # (`script`, a job runner, `timeout`), right after the answer ends the build too.
                with contextlib.suppress(OSError):
                    os.setsid()
                quiet = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(quiet, fd)
                # Nor does it hold what its parent had open (a lock, a pipe), but its claim.
                os.closerange(3, claim)
                os.closerange(claim + 1, 65536)
                gc.disable()  # it builds and exits: nothing to collect
                _build(ladder, folder, secret, key)
            finally:
                os._exit(0)
        _build(ladder, folder, secret, key)
    finally:
        os.close(claim)  # the claim ends with the last process that holds it open


def _replaceable(path: Path) -> bool:
    """Whether a build could put an index at ``path``: nothing there, or anything but a folder
    (a file, a link, a FIFO is replaced by the rename; a folder never is)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return True
    return not stat.S_ISDIR(st.st_mode)


def _claim(folder: Path) -> int | None:
    """An open descriptor of :data:`LOCK` in ``folder``, holding its exclusive lock
    (``flock``), or None when another process holds it (a build under way) or it cannot be
    had. The lock is the kernel's: it ends when its holder ends, killed or not, so a claim
    is never stale. The lock file is opened without following a link and without blocking on
    a FIFO; a lock file that is not a regular file of ours is replaced by one (a folder
    cannot be: then no build)."""
    try:
        import fcntl
    except ImportError:  # no flock here: build unclaimed, as before
        return os.open(os.devnull, os.O_RDONLY)
    for attempt in range(2):
        try:
            fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _NONBLOCK | _CLOEXEC, 0o600)
        except OSError as exc:
            if exc.errno != errno.ELOOP or attempt:
                return None
            fd = -1
        if fd >= 0:
            st = os.fstat(fd)
            if stat.S_ISREG(st.st_mode) and cache.trusted(st):
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:  # held: a build is under way
                    os.close(fd)
                    return None
                return fd
            os.close(fd)
            if attempt or stat.S_ISDIR(st.st_mode):
                return None
        from ..writes import write_private

        write_private(folder, LOCK, b"")  # a link, a FIFO, a file not ours alone: ours instead
    return None


def _build(ladder: Ladder, folder: Path, secret: bytes, key: bytes) -> None:
    from ..writes import write_private

    try:
        from .tables import database

        db = database(ladder)
        if len(MAGIC) + MAC_SIZE + len(db) > MAX_INDEX_BYTES:
            return  # it would never be read back (a ladder file of some 1.7 GB)
        path = _path(folder, key)
        write_private(path.parent, path.name, MAGIC + _mac(secret, key, db) + db)
        _prune(folder)
    except Exception:  # a full disk, a folder we may not write, a database error: no index,
        try:  # and none tried again for a while (a run that answers from the full load meanwhile)
            write_private(folder, _failed(folder, key).name, b"")
        except Exception:
            pass


def _prune(folder: Path) -> None:
    """Keep the :data:`KEEP` most recently used indexes, within :data:`BUDGET` bytes, and
    the validity markers' own number (:func:`.cache.prune`). An entry that is not a regular
    file, or that cannot be removed, is passed over: it never stops the pruning of the rest."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith("index-") and entry.name.endswith(".db"):
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:  # removed meanwhile
                    continue
                if stat.S_ISREG(st.st_mode):
                    found.append((st.st_mtime_ns, st.st_size, entry.path))
    found.sort(reverse=True)
    total = 0
    for i, (_, size, path) in enumerate(found):
        total += size
        if i >= KEEP or (i > 0 and total > BUDGET):
            try:
                os.unlink(path)
            except OSError:
                pass
    cache.prune(folder)
