"""Overlays: a ladder file that says ``"extends": "builtin"`` (or a path to another ladder)
and adds or replaces items of the ladder it extends (docs/ladder.md: Overlays).

The chain is read first, the overlay down to the ladder that extends nothing (the
root): every file through :func:`files.read_regular` (bounded, the link rule), a path
relative to the folder of the file that names it, at most :data:`MAX_DEPTH` files,
no file twice. Then the files are merged from the root up, as JSON: a list item of
the same ``id`` replaces the base's item in place, a new one is added after the
base's; any other key replaces the base's value; a top-level ``moves`` list adds
moves (``from``, ``to``, ``kind``, ``basis``, ``note``) to roles of the merged ladder.
The merged document is then checked as any ladder is, and each problem is taken
back to the file and place that hold it (:meth:`Merged.place`), so it is reported
at that file's line.

:func:`load` caches on the bytes of the whole chain: editing any file of it makes
the next load check the merged ladder again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from ..errors import DataError, Problem

if TYPE_CHECKING:
    from .index import Ladder
    from .locator import Loc
    from .model import LadderDoc

EXTENDS = "extends"
MOVES = "moves"
#: What ``extends`` says for the ladder shipped with the package.
BUILTIN = "builtin"
#: The most files one chain may hold, the overlay included.
MAX_DEPTH = 8
#: The lists merged item by item, by ``id``.
SECTIONS = ("stages", "tracks", "skill_categories", "skills", "roles", "specializations", "resources")
#: What ``show`` says of a role an overlay touched: ``added`` (the root has no role of its
#: id), ``replaced`` (an overlay gives the root's role of that id anew), ``extended`` (an
#: overlay's ``moves`` add moves to it, and nothing replaced it).
CHANGES = ("added", "replaced", "extended")


@dataclass
class File:
    """One file of a chain: how it is shown, its bytes (no byte-order mark) and its JSON."""

    source: str
    raw: bytes
    data: dict[str, Any]


def extends(raw: bytes) -> dict[str, Any] | None:
    """The document, when it is an overlay (a JSON object with ``extends``), else None.

    Anything else, broken JSON included, is left to the plain load, which reports it.
    """
    if b'"extends"' not in raw:  # a quick look first: a plain ladder is not parsed twice
        return None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and EXTENDS in data else None


@dataclass
class Merged:
    """The merged document of a chain, and where each of its parts came from.

    ``files[0]`` is the overlay asked for, ``files[-1]`` the root.
    """

    files: list[File]
    data: dict[str, Any] = field(default_factory=dict)
    #: For each merged list: (file, index in that file's list) of each item.
    origin: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    #: The file that gave each top-level key.
    top: dict[str, int] = field(default_factory=dict)
    #: (role's index, move's index) -> (file, index in its ``moves``): moves added by ``moves``.
    moved: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    #: Role id -> (change, file): see :data:`CHANGES`.
    changes: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: Problems found while merging: (file, place in it, message).
    problems: list[tuple[int, Loc, str]] = field(default_factory=list)

    @property
    def key(self) -> bytes:
        """What the cache keys on: the bytes of every file of the chain, in order."""
        return b"aiml-career overlay\0" + b"".join(len(f.raw).to_bytes(8, "big") + f.raw for f in self.files)

    @property
    def raw(self) -> bytes:
        """The merged document's JSON (ASCII: a lone surrogate stays an escape, as in the files)."""
        try:
            return json.dumps(self.data).encode("ascii")
        except (ValueError, RecursionError):  # nested deeper than the encoder goes
            raise DataError(self.files[0].source, [Problem("", "the merged ladder is nested too deep")]) from None

    def place(self, loc: Loc) -> tuple[int, Loc]:
        """A place in the merged document as (file, place in that file)."""
        if not loc:
            return 0, loc
        key = str(loc[0])
        items = self.origin.get(key)
        if items is not None and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(items):
            if key == "roles" and len(loc) > 3 and loc[2] == "next" and isinstance(loc[3], int):
                moved = self.moved.get((loc[1], loc[3]))
                if moved is not None:
                    return moved[0], (MOVES, moved[1], *loc[4:])
            f, i = items[loc[1]]
            return f, (key, i, *loc[2:])
        return self.top.get(key, 0), loc

    def changed(self) -> dict[str, tuple[str, str]]:
        """Role id -> (change, the file that made it), for ``show``."""
        return {rid: (change, self.files[f].source) for rid, (change, f) in self.changes.items()}

    # -- merging ---------------------------------------------------------------------------

    def merge(self) -> None:
        """Merge the chain from the root up (see the module)."""
        root = len(self.files) - 1
        self.data = {k: v for k, v in self.files[root].data.items()}
        self.top = dict.fromkeys(self.data, root)
        for key, value in self.data.items():
            if isinstance(value, list):
                self.origin[key] = [(root, i) for i in range(len(value))]
        roots = {item.get("id") for item in self._items("roles")}
        for f in range(root - 1, -1, -1):
            self._merge_file(f, roots)
        self.data.pop(EXTENDS, None)
        self.data.pop(MOVES, None)
        if self.data.get("format") in (1, None):
            self.data["format"] = 2  # an overlay's roles are format 2: the merged ladder is too

    def _items(self, key: str) -> list[dict[str, Any]]:
        value = self.data.get(key)
        return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []

    def _merge_file(self, f: int, roots: set[Any]) -> None:
        data = self.files[f].data
        for key, value in data.items():
            if key in (EXTENDS, MOVES):
                continue
            if key == "format" and value == 1:
                self.problems.append((f, ("format",), "an overlay is format 2: leave format out, or write 2"))
                continue
            if key in SECTIONS and isinstance(value, list) and isinstance(self.data.get(key), list):
                self._merge_list(f, key, value, roots)
                continue
            self.data[key] = value
            self.top[key] = f
            self.origin.pop(key, None)
            if isinstance(value, list):
                self.origin[key] = [(f, i) for i in range(len(value))]
            if key == "roles":
                self.moved.clear()
        if MOVES in data:
            self._add_moves(f, data[MOVES])

    def _merge_list(self, f: int, key: str, items: list[Any], roots: set[Any]) -> None:
        merged = list(self.data[key])
        origin = self.origin[key]
        index: dict[str, int] = {}
        for i, item in enumerate(merged):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                index.setdefault(item["id"], i)
        replaced: set[str] = set()
        for j, item in enumerate(items):
            iid = item.get("id") if isinstance(item, dict) else None
            if isinstance(iid, str) and iid in index and iid not in replaced:
                # Replaced in place, wholesale: moves an earlier overlay added to it go too.
                i = index[iid]
                replaced.add(iid)
                merged[i] = item
                origin[i] = (f, j)
                if key == "roles":
                    self.moved = {k: v for k, v in self.moved.items() if k[0] != i}
                    self.changes[iid] = ("replaced" if iid in roots else "added", f)
            else:
                # New (or given twice in this file: the check then says "duplicate id").
                origin.append((f, j))
                merged.append(item)
                if key == "roles" and isinstance(iid, str) and iid not in index:
                    self.changes[iid] = ("added", f)
        self.data[key] = merged
        self.top.setdefault(key, f)

    def _add_moves(self, f: int, moves: Any) -> None:
        if not isinstance(moves, list):
            self.problems.append((f, (MOVES,), "moves is a list of moves, each with from, to, kind, basis and note"))
            return
        roles = self.data.get("roles")
        if not isinstance(roles, list):
            return  # the roles' own problem is reported
        index: dict[str, int] = {}
        for i, role in enumerate(roles):
            if isinstance(role, dict) and isinstance(role.get("id"), str):
                index.setdefault(role["id"], i)
        for m, move in enumerate(moves):
            where: Loc = (MOVES, m)
            if not isinstance(move, dict):
                self.problems.append((f, where, "a move is an object: from, to, kind, basis and note"))
                continue
            if "from" not in move:
                self.problems.append((f, where, "missing required field 'from'"))
                continue
            start = move["from"]
            if not isinstance(start, str):
                self.problems.append((f, (*where, "from"), "from is a role id"))
                continue
            if start not in index:
                self.problems.append((f, (*where, "from"), self._unknown_role(start)))
                self.problems += [(f, loc, message) for loc, message in self._orphan(move, where, index)]
                continue
            i = index[start]
            role = dict(roles[i])
            moves_of = role.get("next", [])
            if not isinstance(moves_of, list):
                continue  # the role's own problem is reported
            self.moved[(i, len(moves_of))] = (f, m)
            role["next"] = [*moves_of, {k: v for k, v in move.items() if k != "from"}]
            roles[i] = role
            if self.changes.get(start, ("extended", f))[0] == "extended":  # added or replaced: said so
                self.changes[start] = ("extended", f)

    def _orphan(self, move: dict[str, Any], where: Loc, roles: dict[str, int]) -> list[tuple[Loc, str]]:
        """The problems of a move whose ``from`` names no role, but for that: its shape, its
        rules, and where it leads (so that one run says all that is wrong with it)."""
        from pydantic import ValidationError

        from . import diagnostics
        from .model import Transition
        from .references import move_rules

        try:
            checked = Transition.model_validate({k: v for k, v in move.items() if k != "from"})
        except ValidationError as exc:
            return diagnostics.said(exc.errors(include_url=False), where)
        found = move_rules(checked, where)
        if checked.to not in roles:
            found.append(((*where, "to"), self._unknown_role(checked.to)))
        return found

    def _unknown_role(self, rid: str) -> str:
        """"unknown role 'x'", with the closest role of the merged ladder."""
        from types import SimpleNamespace

        from .suggestions import add_suggestions

        roles = [
            SimpleNamespace(id=r["id"], name=r.get("name") if isinstance(r.get("name"), str) else r["id"],
                            aliases=[a for a in r.get("aliases", []) if isinstance(a, str)]
                            if isinstance(r.get("aliases"), list) else [])
            for r in self._items("roles") if isinstance(r.get("id"), str)
        ]
        found: list[tuple[Loc, str]] = [((), f"unknown role {rid!r}")]
        add_suggestions(found, cast("LadderDoc", SimpleNamespace(roles=roles)))
        return found[0][1]

    # -- checking ----------------------------------------------------------------------------

    def check(self) -> tuple[LadderDoc | None, DataError | None]:
        """The merged ladder, or every problem of the chain at its file's line."""
        from pydantic import ValidationError

        from . import diagnostics, references
        from .model import LadderDoc

        raw = self.raw
        doc: LadderDoc | None = None
        try:
            doc = LadderDoc.model_validate_json(raw)
        except ValidationError as exc:
            if any(e["type"] == "json_invalid" for e in exc.errors(include_url=False, include_input=False)):
                return None, self._invalid_json()
            found, total = diagnostics.shape_findings(raw, exc)
        else:
            found = references.problems(doc)
            total = found.total
        placed = [(*self.place(loc), message) for loc, message in found]
        placed += self.problems
        total += len(self.problems)
        for f, file in enumerate(self.files):
            repeated, count = diagnostics.repeated_keys(file.raw)
            placed = [(f, loc, message) for loc, message in repeated] + placed
            total += count
        if not placed:
            return doc, None
        return None, DataError(self.files[0].source, self._problems(placed), total)

    def _invalid_json(self) -> DataError:
        """JSON that Python reads and pydantic does not (a lone surrogate, ``\\ud800``): said of
        the file that holds it, at its line and column, as for a whole ladder."""
        from pydantic_core import from_json

        problems = []
        for file in self.files:
            try:
                from_json(file.raw)
            except ValueError as exc:
                problems.append(Problem("", f"Invalid JSON: {exc}", None, file.source))
        return DataError(self.files[0].source, problems or [Problem("", "Invalid JSON", None, self.files[0].source)])

    def _problems(self, placed: list[tuple[int, Loc, str]]) -> list[Problem]:
        from .locator import format_loc, locate

        wanted: dict[int, list[Loc]] = {}
        for f, loc, _ in placed:
            wanted.setdefault(f, []).append(loc)
        lines = {f: locate(self.files[f].raw, locs) for f, locs in wanted.items()}
        return [Problem(format_loc(loc), message, lines[f].get(loc), self.files[f].source)
                for f, loc, message in placed]


# -- reading the chain ---------------------------------------------------------------------


def chain(raw: bytes, data: dict[str, Any], path: Path, source: str, builtin: Path) -> Merged:
    """Read every file ``path``'s overlay rests on and merge them; a DataError when a file
    of the chain cannot be read, is not a ladder, or the chain loops or runs too deep."""
    files = [File(source, raw, data)]
    try:
        _walk(files, path, builtin)
    except DataError as error:  # the chain broke: say too what is wrong in the files read
        own = _own_problems(files)
        if not own:
            raise
        raise DataError(source, error.problems + own, error.total + len(own)) from None
    merged = Merged(files)
    merged.merge()
    return merged


def _walk(files: list[File], path: Path, builtin: Path) -> None:
    """Read the files the overlay ``files[0]`` rests on, appending each to ``files``."""
    seen: dict[tuple[int, int], str] = {}
    source = files[0].source
    where = None if source == "<stdin>" else _identity(path)
    if where is not None:
        seen[where] = source
    while EXTENDS in files[-1].data:
        child = files[-1]
        here = path
        named = child.data[EXTENDS]
        if not isinstance(named, str) or not named:
            _fail(files, ("extends",), 'extends is "builtin" or the path of a ladder file')
        if named == BUILTIN:
            path, shown = builtin, BUILTIN
        elif os.path.isabs(named):
            path = Path(named)
            shown = os.path.normpath(named)
        elif child.source == "<stdin>":
            _fail(files, ("extends",), 'a ladder read from standard input may extend only "builtin" '
                  "or an absolute path (a relative one has no folder to start from)")
        else:
            path = here.parent / named
            shown = os.path.normpath(path)
        if len(files) >= MAX_DEPTH:
            _fail(files, ("extends",), f"extends goes deeper than {MAX_DEPTH} ladders (the overlay and "
                  f"builtin included): {' -> '.join(f.source for f in files)} -> {shown}; "
                  "merge some of them into one")
        base_raw, identity = _read(files, path, shown, _hint(named, here))
        if identity in seen:
            names = " -> ".join([f.source for f in files] + [shown])
            _fail(files, ("extends",), f"extends cycle: {names}")
        seen[identity] = shown
        base = _parse(base_raw, shown, files[0].source)
        files.append(File(shown, base_raw, base))


def _hint(named: str, here: Path) -> str:
    """What ``extends`` may have meant, when the file it names cannot be read: "builtin" in
    another case, or a file of that name one folder up or in the working folder."""
    if named.strip().casefold() == BUILTIN:
        return f" (did you mean {BUILTIN!r}? it is written in lowercase)"
    if os.path.isabs(named):
        return ""
    for candidate in (here.parent.parent / named, Path(named)):
        try:
            if candidate.is_file() and candidate.resolve() != (here.parent / named).resolve():
                return (f" (a path is relative to the folder of the file that names it: did you mean "
                        f"{os.path.relpath(candidate, here.parent)!r}?)")
        except (OSError, ValueError):
            continue
    return ""


def _own_problems(files: list[File]) -> list[Problem]:
    """The shape problems of the files of a chain that broke (a base unreadable, a cycle, too
    deep), merged as far as they were read: what can be said without the rest of the chain. A
    missing section and a reference are left out: the ladder they would come from is missing."""
    from pydantic import ValidationError

    from . import diagnostics
    from .model import LadderDoc

    partial = Merged(list(files))
    partial.merge()
    try:
        LadderDoc.model_validate_json(partial.raw)
    except ValidationError as exc:
        if exc.error_count() > diagnostics.MANY_ERRORS:
            return []
        found = [(loc, message) for loc, message in diagnostics.said(exc.errors(include_url=False))
                 if len(loc) > 1 and not message.startswith("Invalid JSON")]
        return partial._problems([(*partial.place(loc), message) for loc, message in found])
    except DataError:
        return []
    return []


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _read(files: list[File], path: Path, shown: str, hint: str) -> tuple[bytes, tuple[int, int]]:
    """A base's bytes, and its identity (device, inode) for the cycle check."""
    from ..files import ReadFailed, read_regular

    found: list[tuple[int, int]] = []

    def note(st: os.stat_result) -> None:
        found.append((st.st_dev, st.st_ino))

    try:
        raw = read_regular(path, check=note)
    except ReadFailed as exc:
        _fail(files, ("extends",), f"cannot read the ladder it extends, {shown}: {exc.reason}{hint}")
    return (raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw), found[0]


def _parse(raw: bytes, shown: str, source: str) -> dict[str, Any]:
    """A base's JSON object, or its syntax problem, reported in it (``source``: the overlay)."""
    from . import diagnostics

    if not raw.strip():
        raise DataError(source, [Problem("", "the file is empty", None, shown)])
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        problem = diagnostics.syntax_problem(raw, str(exc))
        raise DataError(source, [Problem(problem.path, problem.message, problem.line, shown)]) from None
    if not isinstance(data, dict):
        raise DataError(source, [Problem("", "the document must be a JSON object", 1, shown)])
    return data


def _fail(files: list[File], loc: Loc, message: str) -> NoReturn:
    """Stop: a problem of the chain, at ``loc`` in the last file read."""
    from .locator import format_loc, locate

    last = files[-1]
    line = locate(last.raw, [loc]).get(loc)
    raise DataError(files[0].source, [Problem(format_loc(loc), message, line, last.source)])



# -- loading -------------------------------------------------------------------------------


def load(raw: bytes, data: dict[str, Any], path: Path, source: str, builtin: Path, where: Path | None) -> Ladder:
    """The merged ladder of an overlay (``where``: the cache folder, None for none)."""
    from . import cache
    from .index import Ladder

    merged = chain(raw, data, path, source, builtin)
    doc: LadderDoc | None = None
    if cache.validated(merged.key, where):  # this chain's bytes passed every check before
        try:
            merged_raw = merged.raw
            doc = cache.construct(merged_raw) if cache.constructible(merged_raw) else _shape(merged_raw)
        except Exception:  # never trusted over the files: check them in full
            doc = None
    if doc is None:
        doc, error = merged.check()
        if error is not None:
            raise error
        assert doc is not None
        cache.remember(merged.key, where)
    ladder = Ladder(doc, source)
    ladder.overlay = merged.changed()
    ladder.extends = [f.source for f in merged.files[1:]]
    root = len(merged.files) - 1
    ladder.text_words = merged.files[root].source == BUILTIN and merged.top.get("source", root) == root
    return ladder


def _shape(raw: bytes) -> LadderDoc:
    from .model import LadderDoc

    return LadderDoc.model_validate_json(raw)
