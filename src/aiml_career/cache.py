"""A cache of validated ladders, keyed on the ladder file's content.

Validating a ladder builds the pydantic validators (most of a small ladder's
load time) and walks every object. A ladder that passed once is pickled to
``$XDG_CACHE_HOME/aiml-career/`` (``~/.cache/aiml-career/``) under a key made
of its bytes, this package's version, the source of the modules that decide
validity (model.py, ladder.py), and the Python and pydantic versions. Only
files up to ``MAX_CACHED_BYTES`` are cached. A
missing, stale or unreadable entry means a full load; the cache is never
required and never trusted over the file. ``AIML_CAREER_NO_CACHE=1`` turns
it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .ladder import Ladder

NO_CACHE_ENV = "AIML_CAREER_NO_CACHE"
#: Larger files are not cached: unpickling thousands of pydantic objects is
#: slower than validating the JSON again (10,000 roles, 28 MB: about 2.0 s
#: from a pickle against 0.8 s from JSON), while for a small ladder building
#: the validators dominates and the pickle wins.
MAX_CACHED_BYTES = 2_000_000
#: How many cached ladders to keep; the least recently written go first.
KEEP = 8


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    return root / "aiml-career"


def enabled(raw: bytes) -> bool:
    return len(raw) <= MAX_CACHED_BYTES and not os.environ.get(NO_CACHE_ENV)


def _key(raw: bytes) -> str:
    from pydantic import VERSION

    from . import __version__, ladder, model

    digest = hashlib.blake2b(raw, digest_size=20)
    # The shape (model.py) and the reference checks (ladder.py) decide what is valid.
    for module in (model, ladder):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(f"{__version__}|{sys.version}|{VERSION}".encode())
    return digest.hexdigest()


def entry(raw: bytes) -> Path:
    return cache_dir() / f"ladder-{_key(raw)}.pickle"


def get(raw: bytes) -> Ladder | None:
    """The ladder cached for these bytes, or None."""
    from .ladder import Ladder

    if not enabled(raw):
        return None
    try:
        with open(entry(raw), "rb") as handle:
            found = pickle.load(handle)
    except Exception:  # absent, partial, or from another version: load in full
        return None
    return found if isinstance(found, Ladder) else None


def put(raw: bytes, ladder: Ladder) -> None:
    """Remember a validated ladder; any failure to write is ignored."""
    if not enabled(raw):
        return
    path = entry(raw)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            pickle.dump(ladder, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path.parent)
    except Exception:
        try:
            tmp.unlink()
        except OSError:
            pass


def _prune(folder: Path) -> None:
    """Keep the :data:`KEEP` newest entries: every edit of a ladder makes a new one."""
    entries = sorted(folder.glob("ladder-*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    for old in entries[:-KEEP]:
        old.unlink(missing_ok=True)
