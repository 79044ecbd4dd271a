"""A record of ladder files that validated, so that the next load can skip the validator.

Why there is a cache at all (measured on the built-in ladder, 52 KB, on a
shared 2-core machine, medians of 5 runs each, repeated 3 times): a full load
costs 45-65 ms, almost all of it pydantic building its validators (once per
process: the models use ``defer_build``); validating the bytes themselves
takes about 1 ms and the reference checks about 5 ms. The CLI's whole
start-up budget is about 160 ms, so a load that skips the build is worth
keeping. Loading from this cache takes about 5 ms.

What it is: empty marker files (and, beside them, the index of a big ladder: :mod:`.store`,
which shares this folder, its secret and :func:`code_digest`). Nothing read from the cache ever
executes, and nothing read from it becomes data: a marker's *name* is a keyed
hash (BLAKE2b with a random secret kept in the cache folder, readable only by
its owner) of the ladder's bytes and of the code that decides validity
(:data:`VALIDITY_MODULES`, the package, Python and pydantic versions).
When the marker for a file's exact bytes exists, those bytes validated under
this code, and the ladder is built from them again, from the file's own JSON,
with pydantic's ``model_construct`` (no validator needed). A marker planted by
someone who does not hold the secret has a name that never matches, so it
cannot change an answer or vouch for a broken file.

Where: the folder the caller names, the run's
:attr:`Environment.ladder_cache <.environment.Environment.ladder_cache>`
(``$XDG_CACHE_HOME/aiml-career/``, else ``~/.cache/aiml-career/``); no folder, no cache.
This module reads no environment variable.

Trust: the folder is created 0700. A folder, secret or marker that is not a plain directory or
regular file (a symbolic link, a FIFO, a device), that belongs to another user,
or that others may write, is ignored: the ladder is then fully validated, and
nothing is written there. Markers are only ever ``lstat``-ed, never opened; the
secret is read with ``O_NOFOLLOW`` and a size bound. Writes are atomic.
A file over :data:`MAX_CONSTRUCTED_BYTES` is rebuilt by pydantic-core validating
its bytes (quicker there than ``model_construct`` in Python); its marker still
spares it every other check (references, aliases, cycles, keys given twice),
about half of loading a 64 MB ladder of 10,000 roles.
``AIML_CAREER_NO_CACHE=1`` (any value but empty, ``0``, ``false``, ``no`` or ``off``)
turns the cache off (the environment then names no folder); so does having no cache
folder (no ``XDG_CACHE_HOME`` and no home).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import sys
import time
import typing
from pathlib import Path

if typing.TYPE_CHECKING:
    from pydantic import BaseModel

    from ..files import Located
    from .model import LadderDoc

#: Larger files are rebuilt by validating their shape: past about 1 MB,
#: pydantic-core validating the bytes beats ``json.loads`` plus ``model_construct``.
MAX_CONSTRUCTED_BYTES = 1_000_000
#: How many markers to keep, the least recently used going first; and how many records of files
#: seen (:func:`.store.open_seen`), the oldest going first.
KEEP = 64
#: A marker used is given the time of its use when its time is older than this (seconds):
#: the order of use, without a write on every run.
TOUCH_SECONDS = 3600
SECRET = "secret"
#: A temporary file older than this was left by a killed process: removed.
STALE_SECONDS = 3600


def constructible(raw: bytes) -> bool:
    """Whether bytes that validated before are best rebuilt by :func:`construct`."""
    return len(raw) <= MAX_CONSTRUCTED_BYTES


def trusted(st: os.stat_result, *, private: bool = False) -> bool:
    """Ours, and not writable by others (``private``: not readable either)."""
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return False
    return not st.st_mode & (0o077 if private else 0o022)


def folder_of(folder: Path, create: bool) -> Path | None:
    """The cache folder, if it is a real directory we own and only we can write. Found (and,
    with ``create``, made with its missing parents) as :func:`..files.locate` finds a file: a
    link another user planted on the way (``XDG_CACHE_HOME`` a link in ``/tmp``) is not
    followed, so no folder is made, nor any used, through it."""
    try:
        st = _found(folder)
        if st is None and create:
            _make(folder, 0o700)
            st = _found(folder)
    except OSError:
        return None
    if st is None or not stat.S_ISDIR(st.st_mode) or not trusted(st):
        return None
    return folder


def _located(path: Path) -> Located | None:
    """``path`` walked as :func:`..files.locate` walks it (its last name not followed), or None
    when a folder on the way is missing (OSError when a link may not be followed, or the path
    runs through /proc's links: no place for a cache)."""
    from ..files import locate

    try:
        found = locate(path, follow=False)
    except FileNotFoundError:
        return None
    if found.kernel is not None:
        raise OSError(errno.EPERM, "a path through /proc")
    return found


def _found(path: Path) -> os.stat_result | None:
    """``path``'s own status (never a link's target); None when it or a folder on the way is absent."""
    found = _located(path)
    if found is None:
        return None
    with found:
        return found.st


def _make(path: Path, mode: int, depth: int = 0) -> None:
    """``path`` made a folder (its missing parents too, as ``mkdir -p`` would), each in the folder
    :func:`..files.locate` opened: never through a link it refuses."""
    found = _located(path)
    if found is None:  # a parent is missing
        if depth >= 64 or path.parent == path:
            raise FileNotFoundError(errno.ENOENT, "no such folder", str(path))
        _make(path.parent, 0o777, depth + 1)
        found = _located(path)
        if found is None:
            raise FileNotFoundError(errno.ENOENT, "no such folder", str(path))
    with found:
        if found.st is None:
            try:
                os.mkdir(found.name, mode, dir_fd=found.folder)
            except FileExistsError:  # another process made it meanwhile
                pass


def ours(where: Path, create: bool) -> tuple[Path, bytes] | None:
    """The cache folder at ``where`` and its secret, when both are there (``create``: made when
    missing) and ours; else None: no cache."""
    folder = folder_of(where, create=create)
    secret = secret_of(folder, create=create) if folder else None
    return (folder, secret) if folder is not None and secret else None


def _read_secret(folder: Path) -> bytes | None:
    from ..files import ReadFailed, read_regular

    def private(st: os.stat_result) -> None:
        if not trusted(st, private=True):
            raise ReadFailed("not private")

    try:
        found = read_regular(folder / SECRET, 256, follow=False, check=private)
    except ReadFailed:
        return None
    return found if len(found) >= 32 else None


def secret_of(folder: Path, create: bool) -> bytes | None:
    found = _read_secret(folder)
    if found is not None or not create or os.path.lexists(folder / SECRET):
        return found
    from ..writes import write_atomic

    try:
        write_atomic(folder / SECRET, os.urandom(32).hex().encode(), mode=0o600)
    except OSError:
        return None
    return _read_secret(folder)  # another process may have written its own: use the one on disk


#: The modules whose code decides whether a file is valid and what it loads as:
#: the shape (model, levels), every other check (diagnostics and what it uses),
#: reading (loading, files) and how a ladder is rebuilt (this file). A test
#: checks that every module they import is listed.
VALIDITY_MODULES = (
    "ladder/cache", "ladder/columns", "ladder/diagnostics", "environment", "errors", "files", "ladder/formats",
    "ladder/index",
    "ladder/levels", "ladder/loading", "ladder/locator", "ladder/model", "ladder/overlay", "ladder/prerequisites",
    "ladder/references", "ladder/requirements", "ladder/resolve", "ladder/salvage", "ladder/store",
    "ladder/stored", "ladder/suggestions", "ladder/tables", "results/words", "writes",
)


def code_digest() -> bytes:
    from pydantic import VERSION

    from .. import __version__

    digest = hashlib.blake2b(digest_size=20)
    here = Path(__file__).parent.parent  # the package: the names are paths in it
    for name in VALIDITY_MODULES:
        digest.update((here / f"{name}.py").read_bytes())
    digest.update(f"{__version__}|{sys.version}|{VERSION}".encode())
    return digest.digest()


def _marker(folder: Path, secret: bytes, raw: bytes) -> Path:
    digest = hashlib.blake2b(raw, key=secret[:64], digest_size=20, person=b"aiml-career")
    digest.update(code_digest())
    return folder / f"ladder-{digest.hexdigest()}.ok"


def validated(raw: bytes, where: Path | None) -> bool:
    """True when these exact bytes validated before, under this code (``where``: the
    cache folder; None, no cache). A marker used is marked so (its time, once an hour at
    most): the most recently used are the ones pruning keeps."""
    found = ours(where, create=False) if where is not None else None
    if found is None:
        return False
    marker = _marker(*found, raw)
    try:
        st = os.lstat(marker)
    except OSError:
        return False
    if not (stat.S_ISREG(st.st_mode) and trusted(st)):
        return False
    if time.time() - st.st_mtime > TOUCH_SECONDS:
        try:
            os.utime(marker, follow_symlinks=False)
        except (OSError, NotImplementedError):
            pass
    return True


def remember(raw: bytes, where: Path | None) -> None:
    """Record in the cache folder ``where`` (None: no cache) that these bytes validated;
    any failure to write is ignored."""
    if where is None:
        return
    from ..writes import write_private

    found = ours(where, create=True)
    if found is None:
        return
    folder, secret = found
    try:
        marker = _marker(folder, secret, raw)
        write_private(marker.parent, marker.name, b"")
        prune(folder)
    except OSError:
        pass


def prune(folder: Path) -> None:
    """Keep the :data:`KEEP` most recently used markers (every edit of a ladder makes a new
    one), and as many of the index's records of files seen (``seen-``: :func:`.store.open_seen`)
    and of builds that failed (``failed-``: :data:`.store.RETRY_SECONDS`), and remove temporary
    files that a killed process left behind. Done whenever a marker, an index or a record is
    written. An entry that is not a regular file, or that cannot be removed, is passed over: it
    never stops the pruning of the rest."""
    kept: dict[str, list[tuple[int, str]]] = {"ladder-": [], "seen-": [], "failed-": []}
    now = time.time()
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            kind = ("ladder-" if name.startswith("ladder-") and name.endswith(".ok")
                    else "seen-" if name.startswith("seen-") else "failed-" if name.startswith("failed-") else None)
            left = name.endswith(".tmp") and name.startswith(".")
            if not (kind or left):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:  # removed meanwhile
                continue
            if stat.S_ISDIR(st.st_mode):
                continue
            if kind:
                kept[kind].append((st.st_mtime_ns, entry.path))
            elif now - st.st_mtime > STALE_SECONDS:
                _remove(entry.path)
    for found in kept.values():
        for _, old in sorted(found)[:-KEEP]:
            _remove(old)


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# -- building a ladder document from bytes that validated ------------------------------

Plan = list[tuple[str, str, str, "type[BaseModel] | None", typing.Any]]
_PLANS: dict[type[BaseModel], Plan] = {}


def _plan(cls: type[BaseModel]) -> Plan:
    """For each field of a model: (name, key in the file, shape, nested model, default).

    ``default`` is a callable for a default factory (``list``), else the value.
    """
    known = _PLANS.get(cls)
    if known is not None:
        return known
    from pydantic import BaseModel

    def model_in(kind: object) -> type[BaseModel] | None:
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return kind
        return None

    plan: Plan = []
    for name, field in cls.model_fields.items():
        kind = field.annotation
        shape, nested = "plain", model_in(kind)
        if nested is not None:
            shape = "one"
        elif typing.get_origin(kind) is list and model_in(typing.get_args(kind)[0]):
            shape, nested = "list", typing.get_args(kind)[0]
        else:
            found = [a for a in typing.get_args(kind) if model_in(a)]
            if found:  # Model | None
                shape, nested = "one", found[0]
            elif typing.get_origin(kind) is typing.Literal and all(
                type(a) is int for a in typing.get_args(kind)
            ):  # validation makes ``"format": 1.0`` the int 1
                shape = "int"
        default = field.default_factory if field.default_factory is not None else field.default
        plan.append((name, field.alias or name, shape, nested, default))
    _PLANS[cls] = plan
    return plan


def build(cls: type[BaseModel], data: dict[str, typing.Any]) -> typing.Any:
    values: dict[str, typing.Any] = {}
    given: set[str] = set()
    for name, key, shape, nested, default in _plan(cls):
        if key not in data:
            # Every default here is immutable or made by a factory (``list``).
            values[name] = default() if callable(default) else default
            continue
        given.add(name)
        value = data[key]
        if shape == "list" and nested is not None:
            value = [build(nested, item) for item in value]
        elif shape == "one" and nested is not None and value is not None:
            value = build(nested, value)
        elif shape == "int":
            value = int(value)
        values[name] = value
    # Every field is given: model_construct fills no defaults of its own.
    return cls.model_construct(given, **values)


def construct(raw: bytes) -> LadderDoc:
    """The :class:`~aiml_career.ladder.model.LadderDoc` of bytes that validated before.

    The same document pydantic's validation makes of them (the tests check it
    on the built-in and example ladders), built without pydantic's validators.
    """
    import json

    from .model import LadderDoc

    return build(LadderDoc, json.loads(raw))
