"""A role's requirements as units a person meets or not.

A role lists :class:`~aiml_career.ladder.model.Requirement` groups, each one
phrase of the text. Planning works on *units*: one per skill that must be
held, except that interchangeable alternatives ("Python or R") are one unit
met by any of them. So ``skill`` alone is one unit, ``skill`` + ``any_of``
is one unit, and ``all_of`` is one unit per listed skill.

Also here: reading a format 1 role (``skills``) as requirements, and the
checks on requirements that the models cannot make.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import NamedTuple

from .levels import FORMER_WORDS, LEVEL_RANK, TEXT_WORDS, Level
from .model import Requirement, Role, RoleSkill, Skill

Loc = tuple[str | int, ...]


#: One way to meet a row: (the skill it is met by, the skill whose level counts, the most
#: that level counts for: 0 = all of it, else a related skill's ``up_to`` rank).
Way = tuple[str, str, int]


class Unit(NamedTuple):
    """One thing a role needs: ``skill`` at ``level`` (or any of ``any_of``).

    A named tuple: a big ladder makes hundreds of thousands, and a tuple is
    built several times faster than a frozen dataclass.
    """

    skill: str
    level: Level
    wording: str
    level_word: str | None = None
    #: Interchangeable skills, any of which meets this unit (the broad ``skill`` too); on
    #: an open row, the text's examples.
    any_of: tuple[str, ...] = ()
    #: The broad skill of an ``all_of`` group this unit is one part of.
    part_of: str | None = None
    #: Every way to meet it (:func:`ways`; empty when only ``skill`` does): worked out
    #: with the unit, as readiness asks it for every row of every role.
    ways: tuple[Way, ...] = ()
    #: The wording gives examples: met as the broad skill is (docs/planning.md: Open lists).
    open: bool = False

    @property
    def rank(self) -> int:
        return LEVEL_RANK[self.level]

    @property
    def key(self) -> RowKey:
        """What the unit is judged by (:data:`RowKey`): rows of one key are met alike."""
        return self.skill, self.any_of, self.open, self.rank

    @property
    def members(self) -> tuple[str, ...]:
        """Every skill that can meet this unit, the broad one first."""
        return (self.skill, *self.any_of)

    @property
    def counted(self) -> tuple[str, ...]:
        """Every skill whose level counts toward this unit (:attr:`ways`), each once."""
        return tuple(dict.fromkeys(counted for _, counted, _ in self.ways)) if self.ways else (self.skill,)


def units(role: Role, skills: Mapping[str, Skill], memo: dict[WaysKey, tuple[Way, ...]] | None = None) -> list[Unit]:
    """The units of ``role``'s requirements, in the order the text gives them."""
    return units_of(role.requirements, skills, memo)


#: What :func:`ways` depends on besides the skills: (skill, alternatives, open).
WaysKey = tuple[str, tuple[str, ...], bool]


def units_of(reqs: list[Requirement], skills: Mapping[str, Skill],
             memo: dict[WaysKey, tuple[Way, ...]] | None = None) -> list[Unit]:
    """The units of requirement rows (a role's, or the text's foundation), in their order.

    ``memo`` keeps :func:`ways` by (skill, alternatives, open) for one set of ``skills``: the
    roles of a big ladder repeat the same rows, and working out every row's ways again is most
    of what building every role's units costs (``similar``, ``match``).
    """
    found = {} if memo is None else memo

    def ways_of(skill: str, any_of: tuple[str, ...], open: bool) -> tuple[Way, ...]:
        key = (skill, any_of, open)
        known = found.get(key)
        if known is None:
            known = found[key] = ways(skill, any_of, skills, open)
        return known

    out: list[Unit] = []
    for req in reqs:
        if req.all_of:
            out.extend(Unit(part, req.level, req.wording, req.level_word, part_of=req.skill,
                            ways=ways_of(part, (), False)) for part in req.all_of)
        elif req.skill is not None:
            alternatives = tuple(req.any_of)
            out.append(Unit(req.skill, req.level, req.wording, req.level_word, any_of=alternatives,
                            ways=ways_of(req.skill, alternatives, req.open), open=req.open))
    return out


#: A unit without its wording: (skill, alternatives, open, level rank).
RowKey = tuple[str, tuple[str, ...], bool, int]


def ways(skill: str, any_of: tuple[str, ...], skills: Mapping[str, Skill], open: bool = False) -> tuple[Way, ...]:
    """Every way to meet a row of ``skill`` (or ``any_of``): (the skill it is met by, a skill
    whose level counts for it, the most it counts for; 0 = all of it).

    A row of one skill is met by that skill or one it ``includes``, named as such, and
    counts a skill ``related`` to it up to that relation's level (PyTorch as some deep
    learning), named as the row's skill. A row of alternatives is met by its broad skill
    held by name, or by an alternative or a skill that alternative includes (AWS with
    SageMaker), named as the alternative, and counts their related skills likewise: a
    tool the text does not list (Keras for "TensorFlow, PyTorch, Scikit-learn") never
    meets it. An open row (the text gives examples) is met as its broad skill alone is,
    by any skill of its kind: the skills it includes, else the skills of its category; an
    example that is neither counts in full.

    Empty for the common row, one skill that includes and relates to none: only that
    skill meets it.
    """
    if open:
        found = list(_own_ways(skill, skills))
        kind = skills[skill].includes or [s.id for s in skills.values()
                                           if s.category == skills[skill].category and s.id != skill]
        found += [(k, k, 0) for k in kind if k not in skills[skill].includes]
        counted = {c for _, c, _ in found}
        found += [(example, example, 0) for example in any_of if example not in counted]
        return tuple(found) if len(found) > 1 else ()
    if not any_of:
        own = _own_ways(skill, skills)
        return own if len(own) > 1 else ()
    out: list[Way] = [(skill, skill, 0), *((skill, r.skill, LEVEL_RANK[r.up_to]) for r in skills[skill].related)]
    for member in any_of:
        entry = skills[member]
        out += [(member, member, 0), *((member, part, 0) for part in entry.includes),
                *((member, r.skill, LEVEL_RANK[r.up_to]) for r in entry.related)]
    return tuple(out)


def _own_ways(skill: str, skills: Mapping[str, Skill]) -> tuple[Way, ...]:
    """The skill itself, the skills it includes (in full) and its related skills (up to their level)."""
    entry = skills[skill]
    if not entry.includes and not entry.related:
        return ((skill, skill, 0),)
    return ((skill, skill, 0), *((part, part, 0) for part in entry.includes),
            *((skill, r.skill, LEVEL_RANK[r.up_to]) for r in entry.related))


def skills_named(role: Role) -> list[str]:
    """Every skill id ``role``'s requirements name, broad ones included, once each."""
    found: dict[str, None] = {}
    for req in role.requirements:
        if req.skill is not None:
            found[req.skill] = None
        for sid in (*req.any_of, *req.all_of):
            found[sid] = None
    return list(found)


def from_format_1(listed: list[RoleSkill], skills: Mapping[str, Skill]) -> list[Requirement]:
    """A format 1 role's ``skills`` as requirements, with the meaning format 1 gave them.

    Format 1 read a broad skill listed together with skills it ``includes``
    as one requirement met by any of them; every other listed skill was a
    requirement of its own. That is exactly ``skill`` + ``any_of`` here.
    """
    by_id = {need.skill: need for need in listed}
    covered = {
        part
        for need in listed
        for part in (skills[need.skill].includes if need.skill in skills else ())
        if part in by_id
    }
    out = []
    for need in listed:
        if need.skill in covered:
            continue
        parts = [p for p in (skills[need.skill].includes if need.skill in skills else ()) if p in by_id]
        out.append(Requirement(skill=need.skill, any_of=parts, level=need.level, level_word=None,
                               wording=need.wording))
    return out


def problems(role_index: int, role: Role, known: set[str]) -> Iterator[tuple[Loc, str]]:
    """Requirement problems of one role: shapes, unknown skills, repeats, level words.

    Places are built only for the problems found: a big valid ladder pays for
    set look-ups alone.
    """
    seen: set[str] = set()
    for j, req in enumerate(role.requirements):
        skill, any_of, all_of = req.skill, req.any_of, req.all_of
        if any_of and all_of:
            yield ("roles", role_index, "requirements", j), "a requirement has any_of or all_of, not both"
        if skill is None and not all_of:
            yield ("roles", role_index, "requirements", j), (
                "an any_of group needs 'skill' to name it" if any_of else "a requirement names a skill, or lists all_of"
            )
        if req.open and (skill is None or all_of):
            yield ("roles", role_index, "requirements", j, "open"), "an open row names its broad skill, with no all_of"
        if skill is not None and skill in any_of:
            yield (("roles", role_index, "requirements", j, "any_of"),
                   f"{skill!r} is the group's own skill, not an alternative")
        if (skill is not None and skill in all_of) or len(set(any_of)) < len(any_of):
            yield from repeats(("roles", role_index, "requirements", j), req)
        # Each row's skill once per role: a lone skill, the broad skill of an any_of, each
        # all_of part. The broad skill over an all_of only names the group.
        rows = all_of if all_of else ([skill] if skill is not None else [])
        listed = [skill] if skill is not None else []
        if known.issuperset(listed) and known.issuperset(any_of) and known.issuperset(all_of) \
                and seen.isdisjoint(rows) and len(set(rows)) == len(rows) \
                and (req.level_word is None or _reads(req.level_word, req.level)):
            seen.update(rows)
            continue
        yield from _group_problems(("roles", role_index, "requirements", j), req, known, seen)


def repeats(loc: Loc, req: Requirement) -> Iterator[tuple[Loc, str]]:
    """A requirement row (at ``loc``) that names a skill twice: an alternative listed again in
    ``any_of``, or a broad skill that is also one of its ``all_of`` parts."""
    if req.skill is not None and req.skill in req.all_of:
        yield (*loc, "all_of", req.all_of.index(req.skill)), \
            f"{req.skill!r} is the group's broad skill, not one of its parts"
    seen: set[str] = set()
    for k, sid in enumerate(req.any_of):
        if sid in seen:
            yield (*loc, "any_of", k), f"alternative {sid!r} is listed twice"
        seen.add(sid)


def _group_problems(loc: Loc, req: Requirement, known: set[str], seen: set[str]) -> Iterator[tuple[Loc, str]]:
    named: list[tuple[Loc, str, bool]] = []
    if req.skill is not None:
        named.append(((*loc, "skill"), req.skill, not req.all_of))
    named += [((*loc, "any_of", k), sid, False) for k, sid in enumerate(req.any_of)]
    named += [((*loc, "all_of", k), sid, True) for k, sid in enumerate(req.all_of)]
    for where, sid, row in named:
        if sid not in known:
            yield where, f"unknown skill {sid!r}"
        elif row:
            if sid in seen:
                yield where, f"skill {sid!r} is required twice"
            seen.add(sid)
    if req.level_word is not None:
        meant = TEXT_WORDS.get(req.level_word.casefold())
        if meant is not None and _reads(req.level_word, req.level):
            return
        if meant is None:
            yield (*loc, "level_word"), f"{req.level_word!r} is not a level word (docs/planning.md: Levels lists them)"
        elif meant != req.level:
            yield (*loc, "level"), f"level {req.level!r}, but {req.level_word!r} means {meant!r}"


def _reads(word: str, level: str) -> bool:
    """Whether the level word ``word`` sets ``level``: by the table, or by its former reading
    (a ladder written before keeps its meaning)."""
    word = word.casefold()
    return TEXT_WORDS.get(word) == level or FORMER_WORDS.get(word) == level
