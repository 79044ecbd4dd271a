"""Which ladder file, reading it, and loading it: read → check → index.

``load()`` reads the file (bounded, regular files only), asks the cache
whether these exact bytes validated before, else validates their shape with
the pydantic models and every other check in :mod:`.diagnostics`, and hands
the document to :class:`~aiml_career.ladder.index.Ladder`. Every problem is raised
at once as a :class:`~aiml_career.errors.DataError` with its place in the file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, overload

from ..environment import DATA_ENV
from ..errors import DataError, Problem, UsageError
from .index import Ladder

if TYPE_CHECKING:
    from ..results.ladder import Validation
    from .model import LadderDoc


T = TypeVar("T")

#: What names the built-in ladder: ``--data builtin``, ``map builtin``, ``"extends": "builtin"``.
BUILTIN = "builtin"


def builtin_path() -> Path:
    """The ladder shipped with the package (or the repository's, from a checkout)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "data" / "roles.json"
    if packaged.is_file():
        return packaged
    return package.parents[1] / "data" / "roles.json"


def data_path(chosen: str | None = None) -> Path:
    """The ladder file in use: ``chosen`` (``--data``, else ``$AIML_CAREER_DATA``: the run's
    :attr:`Environment.data <.environment.Environment.data>`), else the built-in one.

    ``-`` is standard input; ``builtin`` is the built-in ladder, as in ``map`` and ``extends``
    (a file of that name is ``./builtin``). An empty ``--data ""`` is a usage error, not the
    built-in ladder (the environment takes an empty ``$AIML_CAREER_DATA`` as unset).
    """
    if chosen is not None and chosen != BUILTIN:
        return Path(checked_path(chosen, "--data"))
    return builtin_path()


def checked_path(value: str, what: str) -> str:
    """A file name given on the command line; an empty one is a usage error."""
    if not value:
        stream = "standard output" if what == "--output" else "standard input"
        raise UsageError(f"{what} needs a file name, not an empty string", [f"use - for {stream}"])
    return value


def source_name(path: Path | str) -> str:
    """How a ladder's origin is shown: its path, or <stdin>."""
    return "<stdin>" if str(path) == "-" else str(path)


@overload
def read_bytes(path: Path, hints: list[str] | None = None) -> bytes: ...
@overload
def read_bytes(path: Path, hints: list[str] | None = None, *,
               known: Callable[[os.stat_result], T | None]) -> bytes | T: ...
def read_bytes(path, hints=None, *, known=None):
    """The file's bytes (``-``: standard input), or a DataError that says why not
    (with ``hints``, and what to do about a FIFO or a file over the limit). ``known``: as
    for :func:`.files.read_regular` (what answers for a file from its status alone).

    Only a regular file is read, and at most :data:`files.MAX_BYTES` of it.
    """
    from .. import files
    from ..environment import MAX_BYTES_ENV
    from ..files import FIFO, ReadFailed, megabytes, read_regular

    try:
        return read_regular(path, known=known)
    except ReadFailed as exc:
        more = list(hints or [])
        if exc.reason == FIFO:  # --data <(cat FILE): a pipe is read from standard input only
            more.append("read it from standard input instead: aiml-career --data - ... < FILE")
        elif exc.limit is not None:
            wanted = -(-exc.size // 2**30) if exc.size else 2 * -(-exc.limit // 2**30)  # whole GiB above
            chosen = f" (as {MAX_BYTES_ENV} says)" if files.CHOSEN else ""
            more.append(f"a ladder file is read up to {megabytes(exc.limit)}{chosen}, a bound on memory "
                        "(validating one takes 6 to 7 times its size); to read a bigger one: "
                        f"{MAX_BYTES_ENV}={wanted}G aiml-career ...")
        raise UnreadableFile(source_name(path), exc.reason, more) from None


class UnreadableFile(DataError):
    """A ladder file that cannot be read at all (missing, a directory, no permission)."""

    def __init__(self, source: str, reason: str, hints: list[str] | None = None) -> None:
        super().__init__(source, [Problem("", f"cannot read: {reason}")])
        self.message = f"cannot read ladder file {source}: {reason}"
        self.hints = hints or []


def _strip_bom(raw: bytes) -> bytes:
    # A UTF-8 byte-order mark is harmless (editors on Windows add one): accept it.
    return raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


def parse(raw: bytes, source: str) -> LadderDoc:
    """Validate the document's shape; raise DataError listing every problem.

    ``raw`` has no byte-order mark (``load`` strips it).
    """
    from pydantic import ValidationError

    from . import diagnostics
    from .model import LadderDoc

    if not raw.strip():
        raise DataError(source, [Problem("", "the file is empty")])
    try:
        return LadderDoc.model_validate_json(raw)
    except ValidationError as exc:
        # Worked out here, so that pydantic's errors are freed before raising.
        error = _not_utf8(raw, source) or diagnostics.shape_error(raw, source, exc)
    raise error


def _not_utf8(raw: bytes, source: str) -> DataError | None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return DataError(source, [Problem("", f"not UTF-8 text (byte {exc.start})", line)])
    return None


def load(path: Path | str | None = None, *, cache: Path | None = None, named_by_env: bool = False,
         models: bool = False, later: list[Callable[[], None]] | None = None) -> Ladder:
    """Read, validate and index a ladder file (default: the built-in one).

    ``cache``: the folder of the ladder cache (:mod:`.cache`, and the index of a big ladder:
    :mod:`.store`; the run's :attr:`Environment.ladder_cache
    <.environment.Environment.ladder_cache>`), None for none. ``named_by_env``: the file is
    the one ``$AIML_CAREER_DATA`` names (an unreadable one then says so). ``models``: a
    ladder of the document's models, never the index (``validate``, ``export``); standard
    input is always read so. ``later``: where to leave the building of a big ladder's index,
    to be done after the answer (in a process of its own: :func:`.store.build`), else it is
    built here.
    """
    path = Path(path) if path is not None else builtin_path()
    hints = [f"${DATA_ENV} names it; unset it to use the built-in ladder"] if named_by_env else None
    indexed = not models and str(path) != "-"
    if not indexed:
        raw = _strip_bom(read_bytes(path, hints))
    else:
        from . import store

        # The index of these exact bytes, under this code: no validation, no models (a big
        # file). It is only ever built from a ladder that is no overlay: looked for first,
        # by the file's status before its bytes are read (store.open_seen), then by its bytes.
        seen: list[os.stat_result] = []

        def known(st: os.stat_result) -> Ladder | None:
            seen.append(st)
            try:
                return store.open_seen(st, cache, source_name(path))
            except OSError:  # the cache's trouble, not the file's: the file is read
                return None

        got = read_bytes(path, hints, known=known)
        if not isinstance(got, bytes):
            return got
        raw = _strip_bom(got)
        stored = store.open_index(raw, cache, source_name(path), seen[0] if seen else None)
        if stored is not None:
            return stored
    from . import overlay

    data = overlay.extends(raw)
    if data is not None:  # "extends": merged with the ladders it rests on (docs/ladder.md: Overlays)
        return overlay.load(raw, data, path, source_name(path), builtin_path(), cache)
    return _load(raw, source_name(path), cache, indexed=indexed, later=later)


def _load(raw: bytes, path: str, where: Path | None, *, indexed: bool = False,
          later: list[Callable[[], None]] | None = None) -> Ladder:
    from . import store

    ladder = _checked(raw, path, where)
    if indexed and store.wanted(raw, where):
        if later is None:
            store.build(ladder, raw, where)
        else:
            later.append(lambda: store.build(ladder, raw, where, background=True))
    return ladder


def _checked(raw: bytes, path: str, where: Path | None) -> Ladder:
    from . import cache

    if cache.validated(raw, where):  # these exact bytes passed every check below before
        try:
            # Only the shape is built again: by pydantic-core for a big file, which is quicker.
            doc = cache.construct(raw) if cache.constructible(raw) else parse(raw, path)
            return Ladder(doc, path)
        except Exception:  # never trusted over the file: validate it in full
            pass
    from . import diagnostics

    doc = parse(raw, path)
    error = diagnostics.check(doc, raw, path)
    if error is not None:
        raise error
    cache.remember(raw, where)
    return Ladder(doc, path)


def validate(path: Path | str, *, cache: Path | None = None, named_by_env: bool = False) -> Validation:
    """A report on one ladder file: valid or not, every problem, and what it holds
    (``cache``, ``named_by_env``: as for :func:`load`)."""
    try:
        ladder = load(path, cache=cache, named_by_env=named_by_env, models=True)
    except DataError as error:
        invalid: Validation = {
            "file": source_name(path),
            "valid": False,
            "problems": [
                {"path": p.path, "message": p.message, "line": p.line, "file": p.file or error.source}
                for p in error.problems
            ],
            "problem_count": error.total,
        }
        if isinstance(error, UnreadableFile) and error.hints:  # what to do: over the limit, a FIFO
            invalid["hints"] = list(error.hints)
        return invalid
    doc = ladder.doc
    return {
        "file": source_name(path),
        "valid": True,
        "problems": [],
        "extends": ladder.extends,
        "counts": {
            "stages": len(doc.stages),
            "roles": len(doc.roles),
            "skills": len(doc.skills),
            "transitions": sum(len(r.next) for r in doc.roles),
            "specializations": len(doc.specializations),
            "resources": len(doc.resources),
        },
    }
