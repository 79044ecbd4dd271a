"""The tables of a big ladder's index (:mod:`.store`), written from a ladder built from its
models: :func:`database` gives the bytes of the SQLite database that :class:`.stored.StoredLadder`
answers from. What is kept, and why so: :mod:`.store`; the whole-ladder rows a column at a
time: :mod:`.columns`.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Mapping
from typing import Any

from . import columns, requirements
from .index import Ladder
from .requirements import Way

SCHEMA = """
PRAGMA page_size = 65536;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE roles (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    aliases TEXT NOT NULL, stage TEXT NOT NULL, track TEXT, summary TEXT NOT NULL,
    responsibilities TEXT NOT NULL, json BLOB NOT NULL);
CREATE TABLE skills (ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    aliases TEXT NOT NULL, category TEXT NOT NULL, description TEXT NOT NULL, json BLOB NOT NULL);
CREATE TABLE units (role INTEGER PRIMARY KEY, rows BLOB NOT NULL);
CREATE TABLE ways (id INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE moves (src INTEGER NOT NULL, pos INTEGER NOT NULL, dst TEXT NOT NULL, kind TEXT NOT NULL,
    basis TEXT, note TEXT NOT NULL,
    PRIMARY KEY (src, pos)) WITHOUT ROWID;
CREATE TABLE named (skill TEXT PRIMARY KEY, roles TEXT NOT NULL) WITHOUT ROWID;
"""
#: Built after the rows are in: quicker than keeping them up to date row by row.
INDEXES = "CREATE INDEX moves_dst ON moves (dst);"


def _dump(model: Any) -> str:
    return str(model.model_dump_json(by_alias=True, exclude_none=True))


def packed(text: str) -> bytes:
    """Text as it is kept: compressed (a role's JSON, its rows), a third of its size."""
    return zlib.compress(text.encode(), 1)


def database(ladder: Ladder) -> bytes:
    """The index of a ladder built from its models, as the bytes of a SQLite database."""
    con = sqlite3.connect(":memory:")
    try:
        con.executescript(SCHEMA)
        rest = {
            "title": ladder.title, "intro": ladder.intro, "conclusion": ladder.conclusion,
            "source": ladder.text_source,
            "specializations_intro": ladder.specializations_intro,
            "education": json.loads(_dump(ladder.education)) if ladder.education is not None else None,
        }
        small: dict[str, Mapping[str, Any]] = {
            "stages": ladder.stages, "tracks": ladder.tracks, "categories": ladder.categories,
            "specializations": ladder.specializations, "resources": ladder.resources,
        }
        for name, items in small.items():
            rest[name] = [json.loads(_dump(item)) for item in items.values()]
        con.executemany("INSERT INTO skills VALUES (?, ?, ?, ?, ?, ?, ?)", (
            (order, s.id, s.name, json.dumps(s.aliases), s.category, s.description, packed(_dump(s)))
            for order, s in enumerate(ladder.skills.values())))
        broad = json.dumps(sorted(ladder.open_broad_skills))
        con.executemany("INSERT INTO meta VALUES (?, ?)", [("rest", json.dumps(rest)), ("open", broad),
                                                           ("linked", json.dumps(ladder.linked))])
        ways: dict[tuple[Way, ...], int] = {}
        roles, moves, units = [], [], []
        named: dict[str, list[str]] = {}
        for order, role in enumerate(ladder.roles.values()):
            # Each unit says which requirement row it comes from (and whether that is an all_of
            # group): the role's rows are built again from its units, not kept twice.
            rows_of = [(i, bool(req.all_of)) for i, req in enumerate(role.requirements)
                       for _ in (req.all_of or ([req.skill] if req.skill is not None else []))]
            units_of = ladder.units(role)
            if len(rows_of) != len(units_of):  # never, for a checked ladder: then keep them as they are
                raise ValueError(f"role {role.id!r}: its rows do not make its units")
            roles.append((order, role.id, role.name, json.dumps(role.aliases), role.stage, role.track,
                          role.summary, json.dumps(role.responsibilities),
                          packed(str(role.model_dump_json(by_alias=True, exclude_none=True,
                                                           exclude={"requirements"})))))
            moves += [(order, pos, move.to, move.kind, move.basis, move.note) for pos, move in enumerate(role.next)]
            rows = [[unit.skill, unit.level, unit.wording, unit.level_word, " ".join(unit.any_of), unit.part_of,
                     ways.setdefault(unit.ways, len(ways)) if unit.ways else None, int(unit.open),
                     2 * row + group]
                    for unit, (row, group) in zip(units_of, rows_of)]
            units.append((order, packed(json.dumps(rows, separators=(",", ":")))))
            for sid in requirements.skills_named(role):
                named.setdefault(sid, []).append(str(order))
        con.executemany("INSERT INTO roles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", roles)
        con.executemany("INSERT INTO units VALUES (?, ?)", units)
        # Every role's rows as numbers into the distinct rows (Ladder.row_table), for a query
        # that judges each distinct row once (match): no role's units decoded.
        distinct, table = ladder.row_table
        for u in distinct:
            if u.ways:
                ways.setdefault(u.ways, len(ways))
        numbers: list[int] = []
        ends = []
        for _, ids in table:
            numbers.extend(ids)
            ends.append(len(numbers))
        con.executemany("INSERT INTO meta VALUES (?, ?)", [
            *columns.rows_packed(distinct, ways).items(), *columns.ways_packed(list(ways)).items(),
            ("numbers", columns.numbers_packed(numbers)), ("ends", columns.numbers_packed(ends))])
        con.executemany("INSERT INTO ways VALUES (?, ?)", ((i, json.dumps(w)) for w, i in ways.items()))
        con.executemany("INSERT INTO moves VALUES (?, ?, ?, ?, ?, ?)", moves)
        con.executemany("INSERT INTO named VALUES (?, ?)", ((sid, " ".join(rs)) for sid, rs in named.items()))
        learn_table(con, ladder)
        con.executemany("INSERT INTO meta VALUES (?, ?)", listing_meta(ladder))
        con.executescript(INDEXES)
        con.commit()
        return bytes(con.serialize())
    finally:
        con.close()


def listing_meta(ladder: Ladder) -> list[tuple[str, str]]:
    """What ``skills`` reads besides the skills' rows: each broad skill's parts (no skill's JSON read)."""
    return [("includes", json.dumps({sid: list(parts) for sid, parts in ladder.skill_includes.items()}))]


#: Every skill's links to learn from, by the skill's number: ``next`` from no role reads thousands
#: of skills' links (:meth:`StoredLadder.learn_links`) without reading their JSON.
LEARN = """CREATE TABLE learn (skill INTEGER NOT NULL, pos INTEGER NOT NULL, title TEXT NOT NULL,
    url TEXT NOT NULL, basis TEXT NOT NULL, PRIMARY KEY (skill, pos)) WITHOUT ROWID;"""


def learn_table(con: sqlite3.Connection, ladder: Ladder) -> None:
    con.executescript(LEARN)
    con.executemany("INSERT INTO learn VALUES (?, ?, ?, ?, ?)", (
        (number, pos, link.title, link.url, link.basis)
        for number, skill in enumerate(ladder.skills.values()) for pos, link in enumerate(skill.learn)))
