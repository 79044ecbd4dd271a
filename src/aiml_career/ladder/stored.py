"""A ladder answered from its index (:mod:`.store`): the :class:`~.index.Ladder` interface from
SQLite rows, so a query reads only what it asks for.

One role is built as a model (:class:`~.model.Role`) when it is asked for by id
(``ladder.roles[rid]``), from its own JSON; listings read :class:`RoleHead` rows; requirement
rows come ready made as :class:`~.requirements.Unit` values, one role's or every role's in one
pass. Nothing here is executed: the database holds JSON text and plain columns, and models are
rebuilt from them with :func:`.cache.build` (the file validated before, under this code).
:func:`.tables.database` writes the tables from a ladder built from its models.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import zlib
from collections.abc import Callable, ItemsView, Iterable, Iterator, KeysView, Mapping, Sequence, ValuesView
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pydantic import BaseModel

from ..results.words import Basis
from . import columns, requirements
from .cache import build
from .index import Head, Ladder, Link, RowTable, SkillHead
from .model import Education, Resource, Role, Skill, SkillCategory, Specialization, Stage, Track, Transition
from .requirements import Unit, Way
from .resolve import Entry, NameIndex

if TYPE_CHECKING:
    from ..results.common import SkillRef
    from ..results.words import MoveBasis, MoveKind

M = TypeVar("M", bound=BaseModel)
V = TypeVar("V")

#: After this share of the roles' units (or moves) read one by one, a query is taken to want
#: every role's: they are read in one pass (``match``, ``similar``, ``tree``, ``path`` from the
#: skills held); a query about some hundreds of roles (``skills SKILL``) reads those alone.
ONE_BY_ONE = 0.2
#: The most values one query names (SQLite's oldest limit is 999).
CHUNK = 500


def _unpacked(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob))


def _texts(value: str) -> tuple[str, ...]:
    return tuple(json.loads(value)) if value != "[]" else ()


def _every_text(values: Sequence[str]) -> list[tuple[str, ...]]:
    """:func:`_texts` of each of ``values`` (JSON lists of texts), read in one parse."""
    return list(map(tuple, json.loads(f"[{','.join(values)}]")))


_MOVE = "dst, kind, basis, note"
#: Lists of ways by their number: some of them (a dict), or every one (a list).
WaysById = Mapping[int, tuple[Way, ...]] | Sequence[tuple[Way, ...]]


def _move(to: str, kind: Any, basis: Any, note: str) -> Transition:
    """A stored move as its model (a checked format 2 move: ``stated`` is never given)."""
    return Transition.model_construct({"to", "kind", "basis", "note"} if basis is not None else {"to", "kind", "note"},
                                      to=to, kind=kind, basis=basis, stated=None, note=note)


class RoleHead(NamedTuple):
    """A stored role as listings read it (:class:`~.index.Head`): no requirement rows, no moves."""

    id: str
    name: str
    aliases: tuple[str, ...]
    stage: str
    track: str | None
    summary: str
    responsibilities: tuple[str, ...]


class SkillRow(NamedTuple):
    """A stored skill as answers name it (:class:`~.index.SkillHead`): no includes, no links."""

    id: str
    name: str
    aliases: tuple[str, ...]
    category: str
    description: str


def _skill_row(_ordinal: int, sid: str, name: str, aliases: str, category: str, about: str) -> SkillRow:
    return SkillRow(sid, name, _texts(aliases), category, about)


class _Lazy(dict[str, V]):
    """Items of a table by id, in ladder order, each made (a model, a row) from its ``columns``
    when first asked for, every one in a single query when all are. A dict underneath, of those
    made so far: a lookup of one made already costs what a dict's does (``match`` makes hundreds
    of thousands). ``many``: after that share of the items asked for one by one, the rest are
    read in one query too (skill rows: ``match`` names thousands; models are not: a question
    about some hundreds of roles builds those alone)."""

    def __init__(self, con: sqlite3.Connection, table: str, columns: str, make: Callable[..., V], *,
                 order: dict[str, int] | None = None, many: float | None = None) -> None:
        super().__init__()
        self._con = con
        self._table = table
        self._columns = columns
        self._make = make
        self._many = many
        self.order: dict[str, int] = (order if order is not None else
                                      dict(con.execute(f"SELECT id, ord FROM {table} ORDER BY ord")))

    def built(self, key: str) -> V | None:
        """The item of ``key`` if it was made, else None."""
        return dict.get(self, key)

    def __missing__(self, key: str) -> V:
        ordinal = self.order[key]  # KeyError: no such item
        if self._many is not None and dict.__len__(self) >= self._many * len(self.order):
            self._every()
            return dict.__getitem__(self, key)
        row, = self._con.execute(f"SELECT {self._columns} FROM {self._table} WHERE ord = ?", (ordinal,))
        found = self._make(ordinal, *row)
        dict.__setitem__(self, key, found)
        return found

    def _every(self) -> None:
        if dict.__len__(self) < len(self.order):
            rows = self._con.execute(f"SELECT ord, id, {self._columns} FROM {self._table} ORDER BY ord").fetchall()
            for ordinal, key, *row in rows:
                if not dict.__contains__(self, key):
                    dict.__setitem__(self, key, self._make(ordinal, *row))

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in self.order else default

    def keys(self) -> KeysView[str]:  # type: ignore[override]
        return KeysView(self)

    def values(self) -> ValuesView[V]:  # type: ignore[override]
        self._every()
        return ValuesView(self)

    def items(self) -> ItemsView[str, V]:  # type: ignore[override]
        self._every()
        return ItemsView(self)

    def __contains__(self, key: object) -> bool:
        return key in self.order

    def __iter__(self) -> Iterator[str]:
        return iter(self.order)

    def __len__(self) -> int:
        return len(self.order)

    def __eq__(self, other: object) -> bool:
        return self is other

    __hash__ = None


class StoredLadder(Ladder):
    """A checked ladder answered from its index (:mod:`.store`)."""

    def __init__(self, con: sqlite3.Connection, source: str = "") -> None:  # noqa: D107
        # Not Ladder.__init__: there is no document, only the tables.
        self._con = con
        self.source = source
        (found,), = con.execute("SELECT value FROM meta WHERE key = 'rest'")
        rest = json.loads(found)
        self.title, self.intro, self.conclusion = rest["title"], rest["intro"], rest["conclusion"]
        self.text_source = rest["source"]
        self.overlay, self.extends, self.text_words = {}, [], False  # an overlay is never indexed
        self.specializations_intro = rest["specializations_intro"]
        self.education = build(Education, rest["education"]) if rest["education"] is not None else None
        self.stages = {s.id: s for s in (build(Stage, item) for item in rest["stages"])}
        self.tracks = {t.id: t for t in (build(Track, item) for item in rest["tracks"])}
        self.categories = {c.id: c for c in (build(SkillCategory, item) for item in rest["categories"])}
        self.specializations = {s.id: s for s in (build(Specialization, item) for item in rest["specializations"])}
        self.resources = {r.id: r for r in (build(Resource, item) for item in rest["resources"])}
        self.skills = self._skills = _Lazy(con, "skills", "json", self._model(Skill))
        self.roles = self._roles = _Lazy(con, "roles", "json", self._model(Role, self._requirements))
        self._ids = list(self._roles.order)
        self._units: dict[str, list[Unit]] = {}
        self._ways: dict[requirements.WaysKey, tuple[Way, ...]] = {}
        self.pieces = {}
        self._moves: dict[str, list[Transition]] = {}
        self._loaded_moves: set[str] = set()  # read one by one, before every role's were
        self._move_refs: dict[str, list[tuple[str, MoveKind, MoveBasis | None]]] = {}  # read one by one
        self._lead_refs_read: dict[str, list[tuple[str, MoveKind, MoveBasis | None]]] = {}  # so too
        self._every_move = False
        self._every_unit = False

    @staticmethod
    def _model(model: type[M], complete: Callable[[int, dict[str, Any]], None] | None = None,
               ) -> Callable[[int, bytes], M]:
        """How a stored role or skill is made a model: its JSON (``complete``: with what the
        JSON leaves out, a role's requirement rows)."""
        def made(ordinal: int, blob: bytes) -> M:
            data = _unpacked(blob)
            if complete is not None:
                complete(ordinal, data)
            return build(model, data)

        return made

    def _requirements(self, ordinal: int, data: dict[str, Any]) -> None:
        """A role's requirement rows, made again from its units (:func:`.tables.database`)."""
        (blob,), = self._con.execute("SELECT rows FROM units WHERE role = ?", (ordinal,))
        made: list[dict[str, Any]] = []
        last = -1
        for skill, level, wording, level_word, any_of, part_of, _, is_open, where in _unpacked(blob):
            row, group = divmod(where, 2)
            if row == last:  # another part of the same all_of group
                made[-1]["all_of"].append(skill)
                continue
            last = row
            if group:
                made.append({"skill": part_of, "all_of": [skill], "level": level, "level_word": level_word,
                             "wording": wording})
            else:
                made.append({"skill": skill, "any_of": any_of.split(" ") if any_of else [], "level": level,
                             "level_word": level_word, "wording": wording, "open": bool(is_open)})
        data["requirements"] = made

    @cached_property
    def heads(self) -> Sequence[Head]:
        rows = self._con.execute(
            "SELECT id, name, aliases, stage, track, summary, responsibilities FROM roles ORDER BY ord").fetchall()
        if not rows:
            return []
        ids, names, aliases, stages, tracks, summaries, duties = zip(*rows)
        # Each column's lists read as one JSON document: one parse, not one per role.
        return list(map(RoleHead._make, zip(ids, names, _every_text(aliases), stages, tracks, summaries,
                                            _every_text(duties))))

    @cached_property
    def linked(self) -> dict[str, dict[str, list[str]]]:
        (found,), = self._con.execute("SELECT value FROM meta WHERE key = 'linked'")
        return dict(json.loads(found))

    @cached_property
    def skill_heads(self) -> Mapping[str, SkillHead]:
        return _Lazy(self._con, "skills", "id, name, aliases, category, description", _skill_row,
                     order=self._skills.order, many=ONE_BY_ONE)

    @cached_property
    def skill_refs(self) -> dict[str, SkillRef]:
        rows = self._con.execute("SELECT id, name, category FROM skills ORDER BY ord")
        return {sid: {"id": sid, "name": name, "category": category} for sid, name, category in rows}

    def moves(self, role_id: str) -> Sequence[Transition]:
        found = self._moves.get(role_id)
        if found is None and len(self._moves) >= ONE_BY_ONE * len(self._ids) and not self._every_move:
            self._every_move = True
            ids = self._ids
            for rid in ids:
                self._moves.setdefault(rid, [])
            for src, *move in self._con.execute(f"SELECT src, {_MOVE} FROM moves ORDER BY src, pos").fetchall():
                if (rid := ids[src]) not in self._loaded_moves:
                    self._moves[rid].append(_move(*move))
            found = self._moves[role_id]
        if found is None:
            rows = self._con.execute(f"SELECT {_MOVE} FROM moves WHERE src = ? ORDER BY pos",
                                     (self._roles.order[role_id],))
            found = self._moves[role_id] = [_move(*move) for move in rows]
            self._loaded_moves.add(role_id)
        return found

    def move_refs_of(self, role_id: str) -> Sequence[tuple[str, MoveKind, MoveBasis | None]]:
        # One role's read alone, until many are asked for: then every role's in one pass (move_refs).
        found = self._move_refs.get(role_id)
        if found is None:
            if "move_refs" in self.__dict__ or len(self._move_refs) >= ONE_BY_ONE * len(self._ids):
                return self.move_refs[role_id]
            rows = self._con.execute("SELECT dst, kind, basis FROM moves WHERE src = ? ORDER BY pos",
                                     (self._roles.order[role_id],))
            found = self._move_refs[role_id] = rows.fetchall()
        return found

    def lead_refs_of(self, role_id: str) -> Sequence[tuple[str, MoveKind, MoveBasis | None]]:
        # One role's read alone, until many are asked for: then every role's, from move_refs.
        found = self._lead_refs_read.get(role_id)
        if found is None:
            if "_lead_refs" in self.__dict__ or len(self._lead_refs_read) >= ONE_BY_ONE * len(self._ids):
                return self._lead_refs.get(role_id, ())
            rows = self._con.execute("SELECT r.id, m.kind, m.basis FROM moves m JOIN roles r ON r.ord = m.src "
                                     "WHERE m.dst = ? ORDER BY m.src, m.pos", (role_id,))
            found = self._lead_refs_read[role_id] = rows.fetchall()
        return found

    def leads_in(self, role_id: str) -> list[tuple[str, Transition]]:
        rows = self._con.execute("SELECT r.id, m.dst, m.kind, m.basis, m.note FROM moves m JOIN roles r "
                                 "ON r.ord = m.src WHERE m.dst = ? ORDER BY m.src, m.pos", (role_id,))
        return [(rid, _move(*move)) for rid, *move in rows]

    def _ways_of(self, ids: set[int] | None) -> WaysById:
        """The ways of the given ids (None: every one, read from their columns, as a list)."""
        if ids is None:
            return self._packed_ways.every()
        if not ids:
            return {}
        rows = self._con.execute(f"SELECT id, json FROM ways WHERE id IN ({','.join('?' * len(ids))})", sorted(ids))
        return {i: tuple(tuple(w) for w in json.loads(text)) for i, text in rows}

    @cached_property
    def _packed_ways(self) -> columns.Ways:
        return columns.Ways(self._meta("ways.%"))

    def _meta(self, pattern: str) -> dict[str, bytes]:
        return dict(self._con.execute("SELECT key, value FROM meta WHERE key LIKE ?", (pattern,)))

    def _build_units(self, blobs: Iterable[tuple[int, bytes]], ways: WaysById | None) -> None:
        ids = self._ids
        alternatives: dict[str, tuple[str, ...]] = {"": ()}
        decoded = [(order, _unpacked(blob)) for order, blob in blobs]
        if ways is None:
            ways = self._ways_of({row[6] for _, rows in decoded for row in rows if row[6] is not None})
        make = Unit._make  # the tuple's own constructor: a ladder has hundreds of thousands of rows
        for order, rows in decoded:
            if ids[order] in self._units:  # read one by one before: kept as it is
                continue
            out = []
            for skill, level, wording, level_word, any_of, part_of, way, is_open, _ in rows:
                listed = alternatives.get(any_of)
                if listed is None:
                    listed = alternatives[any_of] = tuple(any_of.split(" "))
                out.append(make((skill, level, wording, level_word, listed, part_of,
                                 ways[way] if way is not None else (), is_open == 1)))
            self._units[ids[order]] = out

    def units(self, role: Head) -> list[Unit]:
        if isinstance(role, Role) and self._roles.built(role.id) is not role:
            return requirements.units(role, self.skills, self._ways)  # a role of no ladder of ours
        found = self._units.get(role.id)
        if found is None and len(self._units) >= ONE_BY_ONE * len(self._ids):  # many roles: read them all
            self._every_role()
            found = self._units.get(role.id)
        if found is None:
            order = self._roles.order[role.id]
            self._build_units(self._con.execute("SELECT role, rows FROM units WHERE role = ?", (order,)), None)
            found = self._units[role.id]
        return found

    def all_units(self) -> Iterable[tuple[Head, list[Unit]]]:
        self._every_role()
        return ((head, self._units[head.id]) for head in self.heads)

    def _every_role(self) -> None:
        if not self._every_unit:
            # Hundreds of thousands of units, none freed: the cyclic collector is paused, or each
            # collection would walk them all again (as while a ladder loads: Environment.loading).
            collecting = gc.isenabled()
            gc.disable()
            try:
                self._build_units(self._con.execute("SELECT role, rows FROM units"), self._ways_of(None))
            finally:
                if collecting:
                    gc.enable()
            self._every_unit = True

    @cached_property
    def row_table(self) -> RowTable:
        # Kept as such (see tables.database): the distinct rows, as columns, and the numbers; no
        # role's units decoded.
        distinct = columns.Rows(self._meta("rows.%"), self._packed_ways)
        meta = dict(self._con.execute("SELECT key, value FROM meta WHERE key IN ('numbers', 'ends')"))
        # Lists, not arrays: a role's numbers are read one by one, and a list holds its numbers
        # made already (an array makes one each time it is read).
        numbers, ends = columns.numbers_of(meta["numbers"]).tolist(), columns.numbers_of(meta["ends"]).tolist()
        starts = [0, *ends[:-1]]
        return distinct, [(head, numbers[a:b]) for head, a, b in zip(self.heads, starts, ends)]

    def roles_naming(self, skill_ids: set[str]) -> list[Head]:
        ids = sorted(skill_ids)
        found: set[int] = set()
        for start in range(0, len(ids), CHUNK):
            part = ids[start:start + CHUNK]
            rows = self._con.execute(f"SELECT roles FROM named WHERE skill IN ({','.join('?' * len(part))})", part)
            for listed, in rows:
                found.update(map(int, listed.split(" ")))
        heads = self.heads
        return [heads[o] for o in sorted(found)]

    @cached_property
    def skill_index(self) -> NameIndex:
        rows = self._con.execute("SELECT id, name, aliases FROM skills ORDER BY ord")
        return NameIndex("skill", ((Entry(sid, name), _texts(aliases)) for sid, name, aliases in rows),
                         "aiml-career skills")

    @cached_property
    def open_broad_skills(self) -> set[str]:
        (found,), = self._con.execute("SELECT value FROM meta WHERE key = 'open'")
        return set(json.loads(found))

    @cached_property
    def naming_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(self._skills.order, 0)  # from the table of who names what: no role's rows
        rows = self._con.execute("SELECT skill, roles FROM named")
        counts.update((sid, listed.count(" ") + 1) for sid, listed in rows)
        return counts

    @cached_property
    def skill_includes(self) -> Mapping[str, Sequence[str]]:
        (found,), = self._con.execute("SELECT value FROM meta WHERE key = 'includes'")
        return {sid: tuple(parts) for sid, parts in json.loads(found).items()}

    @cached_property
    def move_refs(self) -> dict[str, list[tuple[str, MoveKind, MoveBasis | None]]]:
        found: dict[str, list[tuple[str, MoveKind, MoveBasis | None]]] = {rid: [] for rid in self._ids}
        for src, to, kind, basis in self._con.execute("SELECT src, dst, kind, basis FROM moves ORDER BY src, pos"):
            found[self._ids[src]].append((to, kind, basis))
        return found

    def learn_links(self, skill_ids: Iterable[str]) -> dict[str, Sequence[Link]]:
        # From their own table (tables.learn_table), CHUNK skills a query: no skill's JSON read.
        order = self._skills.order
        wanted = sorted({order[sid] for sid in skill_ids})
        ids = self._ids_of_skills
        found: dict[str, list[Link]] = {ids[number]: [] for number in wanted}
        for start in range(0, len(wanted), CHUNK):
            part = wanted[start:start + CHUNK]
            rows = self._con.execute("SELECT skill, title, url, basis FROM learn "
                                     f"WHERE skill IN ({','.join('?' * len(part))}) ORDER BY skill, pos", part)
            for number, title, url, basis in rows:
                found[ids[number]].append(LinkRow(title, url, basis))
        return dict(found)

    @cached_property
    def _ids_of_skills(self) -> list[str]:
        return list(self._skills.order)


class LinkRow(NamedTuple):
    """A stored skill's link to learn from (:class:`~.index.Link`), read without its model."""

    title: str
    url: str
    basis: Basis
