"""Which ladder file, reading it, and loading it: read → check → index.

``load()`` reads the file (bounded, regular files only), asks the cache
whether these exact bytes validated before, else validates their shape with
the pydantic models and every other check in :mod:`.diagnostics`, and hands
the document to :class:`~aiml_career.ladder.Ladder`. Every problem is raised
at once as a :class:`~aiml_career.errors.DataError` with its place in the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataError, Problem, UsageError
from .ladder import Ladder

if TYPE_CHECKING:
    from .model import LadderDoc
    from .results.ladder import Validation


#: Environment variable naming a ladder file to use instead of the built-in one.
DATA_ENV = "AIML_CAREER_DATA"


def builtin_path() -> Path:
    """The ladder shipped with the package (or the repository's, from a checkout)."""
    packaged = Path(__file__).parent / "data" / "roles.json"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "roles.json"


def data_path(option: str | None = None) -> Path:
    """The ladder file in use: ``--data``, else ``$AIML_CAREER_DATA``, else built in.

    ``-`` is standard input. An empty ``--data ""`` is a usage error, not the
    built-in ladder (an empty ``$AIML_CAREER_DATA`` counts as unset).
    """
    if option is not None:
        return Path(checked_path(option, "--data"))
    chosen = os.environ.get(DATA_ENV)
    return Path(chosen) if chosen else builtin_path()


def checked_path(value: str, what: str) -> str:
    """A file name given on the command line; an empty one is a usage error."""
    if not value:
        stream = "standard output" if what == "--output" else "standard input"
        raise UsageError(f"{what} needs a file name, not an empty string", [f"use - for {stream}"])
    return value


def source_name(path: Path | str) -> str:
    """How a ladder's origin is shown: its path, or <stdin>."""
    return "<stdin>" if str(path) == "-" else str(path)


def read_bytes(path: Path) -> bytes:
    """The file's bytes (``-``: standard input), or a DataError that says why not.

    Only a regular file is read, and at most :data:`files.MAX_BYTES` of it.
    """
    from .files import ReadFailed, read_regular

    try:
        return read_regular(path)
    except ReadFailed as exc:
        raise UnreadableFile(source_name(path), exc.reason) from None


class UnreadableFile(DataError):
    """A ladder file that cannot be read at all (missing, a directory, no permission)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, [Problem("", f"cannot read: {reason}")])
        self.message = f"cannot read ladder file {source}: {reason}"
        self.hints = []
        if source == os.environ.get(DATA_ENV):
            self.hints = [f"${DATA_ENV} names it; unset it to use the built-in ladder"]


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


def load(path: Path | str | None = None) -> Ladder:
    """Read, validate and index a ladder file (default: :func:`data_path`)."""
    path = Path(path) if path is not None else data_path()
    raw = _strip_bom(read_bytes(path))
    return _load(raw, source_name(path))


def _load(raw: bytes, path: str) -> Ladder:
    from . import cache

    if cache.validated(raw):  # these exact bytes passed every check below before
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
    cache.remember(raw)
    return Ladder(doc, path)


def validate(path: Path | str) -> Validation:
    """A report on one ladder file: valid or not, every problem, and what it holds."""
    try:
        ladder = load(path)
    except DataError as error:
        return {
            "file": source_name(path),
            "valid": False,
            "problems": [{"path": p.path, "message": p.message, "line": p.line} for p in error.problems],
            "problem_count": error.total,
        }
    doc = ladder.doc
    return {
        "file": source_name(path),
        "valid": True,
        "problems": [],
        "counts": {
            "stages": len(doc.stages),
            "roles": len(doc.roles),
            "skills": len(doc.skills),
            "transitions": sum(len(r.next) for r in doc.roles),
            "specializations": len(doc.specializations),
            "resources": len(doc.resources),
        },
    }
