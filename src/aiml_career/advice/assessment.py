"""One role for one person: how each requirement row stands (met, to gain, to deepen), and
the readiness they add up to.

:func:`assess` is the one place a row is judged. Its :class:`Assessment` holds one
:class:`RowAssessment` per requirement row, in the role's order, which every caller reads
(``plan``'s items, ``skills SKILL --unlocks``, the browser's role page); the gap lists of the
``--json`` documents (``skills_to_gain``, ``skills_to_deepen``, ``met``) are drawn from them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress, count, repeat
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, cast

from ..ladder.index import Head, Ladder
from ..ladder.levels import LEVEL_RANK, LEVELS
from ..ladder.pieces import name_ref, new_requirement_items, requirement_item, skill_ref
from ..ladder.requirements import Unit, ways

if TYPE_CHECKING:
    from ..ladder.columns import Rows
    from ..results.common import Deepen, Mark, Met, Requirement, Via
    from ..results.plans import Scores
    from .person import Person

_SKILL, _WAYS = attrgetter("skill"), attrgetter("ways")
_COUNTED = itemgetter(1)  # of a way: the skill whose level counts

#: Skills held: skill id -> level rank (1 basic .. 4 expert; absent = 0).
Have = Mapping[str, int]


def role_have(ladder: Ladder, role: Head) -> dict[str, int]:
    """What a holder of ``role`` is taken to hold: each unit's skill at its level, and the
    text's educational foundation at its levels (every route into the ladder starts there:
    docs/planning.md, The foundation).

    For interchangeable tools ("Python or R") that is the broad skill
    (programming): which of them the person uses is not known.
    """
    have = {unit.skill: unit.rank for unit in ladder.foundation}
    for unit in ladder.units(role):
        if unit.rank > have.get(unit.skill, 0):
            have[unit.skill] = unit.rank
    return have


def merge(*haves: Have) -> dict[str, int]:
    merged: dict[str, int] = {}
    for have in haves:
        for skill_id, rank in have.items():
            merged[skill_id] = max(rank, merged.get(skill_id, 0))
    return merged


def person_have(ladder: Ladder, me: Person) -> dict[str, int]:
    """What the person holds now, as ``match`` counts it: their role's requirements (if they
    hold one) and their own skills."""
    current = ladder.roles[me.role] if me.role is not None else None
    return merge(role_have(ladder, current), me.ranks) if current else dict(me.ranks)


class RowAssessment(NamedTuple):
    """How the person stands on one requirement row (a named tuple: ``match`` makes one for
    every row of every role, and a tuple is built several times faster than a frozen dataclass)."""

    unit: Unit
    #: met; gain (nothing held toward it); deepen (held below its level).
    status: Literal["met", "gain", "deepen"]
    #: The level rank counted toward it (0: none), at most what a related skill counts for.
    held: int
    #: The way held best: the row's skill, an alternative, or a part it includes.
    best: str
    #: The related skill the level was counted from (README: Related skills), if any.
    via: str | None
    #: The profile's mark on an open row (learning, skipped), if any.
    mark: Mark | None = None

    @property
    def by(self) -> str | None:
        """The skill that meets or stands in for the row, when it is not the row's own."""
        return self.best if self.best != self.unit.skill else None

    @property
    def open(self) -> bool:
        return self.status != "met"


@dataclass
class Assessment:
    """How ``have`` meets a role: every row (:attr:`rows`), the score they add up to, and
    the gap lists the documents show, drawn from the rows."""

    rows: list[RowAssessment] = field(default_factory=list)
    gain: list[Requirement] = field(default_factory=list)
    deepen: list[Deepen] = field(default_factory=list)
    met: list[Met] = field(default_factory=list)
    points: int = 0
    of: int = 0

    @property
    def readiness(self) -> float:
        return round(100 * self.points / self.of, 1) if self.of else 100.0

    def fields(self) -> Scores:
        return {
            "readiness": self.readiness,
            "points": self.points,
            "of": self.of,
            "skills_to_gain": self.gain,
            "skills_to_deepen": self.deepen,
            "met": self.met,
        }


#: One distinct row's outcome for one person (:func:`judge_rows`): (points, of, which
#: list: 0 met, 1 gain, 2 deepen, the item in it).
Outcome = tuple[int, int, int, Any]


def assess(ladder: Ladder, role: Head, have: Have, marks: Mapping[str, Mark] | None = None, *,
           rows: bool = True) -> Assessment:
    """Every requirement row of ``role`` for someone holding ``have``.

    A row is met, to gain (nothing held), or to deepen (held below its
    level: the member held best is named). Readiness is 100 x points / of,
    where each row adds min(held, required) points out of required. A level
    counted from a related skill says so (``via``). ``rows=False`` leaves
    :attr:`Assessment.rows` empty: ``match`` scores every role of a big ladder and
    needs only the lists (:func:`judge_rows` judges each distinct row of the ladder once).
    """
    out = Assessment()
    for unit in ladder.units(role):
        _judge(ladder, unit, have, marks, out, rows)
    return out


class Judged(NamedTuple):
    """Every distinct row of a ladder judged for one person (:func:`judge_rows`), for
    :func:`assess_numbered`: each row's outcome, and the numbers of the rows a role may not
    simply gain (anything held toward them, or marked)."""

    outcomes: list[Outcome]
    touched: frozenset[int]
    #: Each row's level points (its ``of``) and its item, as lists of their own: a role none of
    #: whose rows is touched is summed and listed from them in C.
    of: list[int]
    items: list[Any]


def judge_rows(ladder: Ladder, rows: Sequence[Unit], have: Have, marks: Mapping[str, Mark] | None) -> Judged:
    """Each of a ladder's distinct ``rows`` (:attr:`~..ladder.index.Ladder.row_table`) judged once
    for ``have`` and ``marks``, as :func:`assess` judges it. A row nothing held counts toward and
    no member of which is marked is to gain, nothing more to work out: for a person holding a
    handful of skills, nearly every row of a big ladder (``match`` judges every one). So every
    row is first made to gain, in one pass, and only the rows found touched are judged."""
    touched = rows_toward(rows, set(have), set(marks or ()))
    plain = without_ways(rows)
    # Nearly every row is an item to name: every skill's ref, read in one pass.
    items: list[Any] = new_requirement_items(ladder, plain, ladder.skill_refs)
    of = [LEVEL_RANK[unit.level] for unit in plain]
    outcomes: list[Outcome] = list(zip(repeat(0), of, repeat(1), items))
    for number in touched:
        one = Assessment()
        _judge(ladder, rows[number], have, marks, one, False)
        kind = 0 if one.met else 1 if one.gain else 2
        outcomes[number] = (one.points, one.of, kind, (one.met or one.gain or one.deepen)[0])
        items[number] = outcomes[number][3]
    return Judged(outcomes, frozenset(touched), of, items)


def rows_toward(units: Sequence[Unit], held: AbstractSet[str], marked: AbstractSet[str] = frozenset()) -> list[int]:
    """The numbers of ``units`` that a skill of ``held`` counts toward (:func:`held_toward`), or
    that name a skill of ``marked`` (the row's own or an alternative), in order: found in bulk, a
    taxonomy's 40,000 rows in a few passes in C. Rows share their lists of ways: each list is
    looked at once, its ways' counted skills in one flat column (a list's ways end where ``ends``
    says). A big ladder's index finds them from its columns (:meth:`.columns.Rows.toward`)."""
    if hasattr(units, "toward"):
        return cast("Rows", units).toward(held, marked)
    ways_of = list(map(_WAYS, units))
    lists = list(dict(zip(map(id, ways_of), ways_of)).values())
    counted = list(map(_COUNTED, chain.from_iterable(lists)))
    ends = list(accumulate(map(len, lists)))
    told = {id(lists[bisect_right(ends, at)]) for at in compress(count(), map(held.__contains__, counted))}
    alone = (n for n in compress(count(), map(held.__contains__, map(_SKILL, units))) if not ways_of[n])
    found = {*alone, *compress(count(), map(told.__contains__, map(id, ways_of)))}
    if marked:
        found.update(n for n, unit in enumerate(units) if not marked.isdisjoint(unit.members))
    return sorted(found)


def without_ways(units: Sequence[Unit]) -> Sequence[Unit]:
    """``units``, or from a big ladder's index the same rows made without their ways (what a row's
    rank and item need; :func:`rows_toward` finds the rows whose ways matter)."""
    return cast("Rows", units).plain() if hasattr(units, "toward") else units


def held_toward(unit: Unit, held: Collection[str]) -> bool:
    """Whether a skill of ``held`` counts toward ``unit`` (one of its ways, by the rule of
    :func:`best_way`): else nothing is held toward it, and it is to gain."""
    if not unit.ways:
        return unit.skill in held
    for way in unit.ways:
        if way[1] in held:
            return True
    return False


def assess_numbered(judged: Judged, numbers: Sequence[int]) -> Assessment:
    """:func:`assess` without rows, of a role given as the numbers of its rows among the ladder's
    distinct rows, each judged once (:func:`judge_rows`): every role of a big ladder so (``match``).
    A role with no row held toward or marked only sums its rows' levels and lists them to gain."""
    out = Assessment()
    outcomes = judged.outcomes
    if judged.touched.isdisjoint(numbers):
        out.of = sum(map(judged.of.__getitem__, numbers))
        out.gain = list(map(judged.items.__getitem__, numbers))
        return out
    lists: tuple[list[Any], list[Any], list[Any]] = (out.met, out.gain, out.deepen)
    for number in numbers:
        points, of, kind, item = outcomes[number]
        out.points += points
        out.of += of
        lists[kind].append(item)
    return out


def _judge(ladder: Ladder, unit: Unit, have: Have, marks: Mapping[str, Mark] | None, out: Assessment,
           rows: bool) -> None:
    """One row, judged: its points and item added to ``out`` (and its :class:`RowAssessment`,
    with ``rows``)."""
    best, held, via = best_way(have, unit)
    required = unit.rank
    out.of += required
    if held >= required:
        out.points += required
        row = RowAssessment(unit, "met", held, best, via)
        out.met.append(_met(ladder, row, have))
    elif held == 0:
        mark = row_status(unit, best, held, marks) if marks else None
        gain = requirement_item(ladder, unit)
        if mark is not None:
            gain["status"] = mark
        out.gain.append(gain)
        if not rows:
            return
        row = RowAssessment(unit, "gain", held, best, via, mark)
    else:
        out.points += held
        row = RowAssessment(unit, "deepen", held, best, via, row_status(unit, best, held, marks) if marks else None)
        out.deepen.append(_deepen(ladder, row, have))
    if rows:
        out.rows.append(row)


def _met(ladder: Ladder, row: RowAssessment, have: Have) -> Met:
    met: Met = {**skill_ref(ladder, row.unit.skill), "level": row.unit.level}
    if row.by is not None:
        met["by"] = name_ref(ladder.skill_heads[row.by])
    if row.via is not None:
        met["via"] = via_ref(ladder, row.via, have)
    return met


def _deepen(ladder: Ladder, row: RowAssessment, have: Have) -> Deepen:
    skill = ladder.skill_heads[row.best]
    deepen: Deepen = {"id": skill.id, "name": skill.name, "category": skill.category,
                      "from": LEVELS[row.held - 1], "to": row.unit.level}
    if row.by is not None:
        deepen["for"] = name_ref(ladder.skill_heads[row.unit.skill])
    if row.via is not None:
        deepen["via"] = via_ref(ladder, row.via, have)
    if row.mark is not None:
        deepen["status"] = row.mark
    return deepen


def row_status(unit: Unit, best: str, held: int, marks: Mapping[str, Mark]) -> Mark | None:
    """The profile's mark on a row still open: on the skill held best when one is held (deepening
    it is the plan), else learning when any way to meet it is being learned, skipped when its
    skill or every alternative is (skipping Excel leaves SQL to learn)."""
    if held:
        return marks.get(best)
    found = [marks.get(sid) for sid in unit.members]
    if "learning" in found:
        return "learning"
    if found[0] == "skipped" or (unit.any_of and all(m == "skipped" for m in found[1:])):
        return "skipped"
    return None


def via_ref(ladder: Ladder, via: str, have: Have) -> Via:
    """The related skill ``via`` a row's level was counted from, at the level ``have`` holds it."""
    return {**name_ref(ladder.skill_heads[via]), "level": LEVELS[have[via] - 1]}


def best_way(have: Have, unit: Unit) -> tuple[str, int, str | None]:
    """(skill, level counted, the related skill it was counted from or None) of the way
    to meet ``unit`` the person holds best (``unit.ways``).

    A related skill counts up to its relation's level. On a tie, a skill held itself
    beats a related one; an alternative beats the broad skill of alternatives; a lone
    broad skill beats the parts it includes.
    """
    if not unit.ways:  # only the row's own skill meets it
        return unit.skill, have.get(unit.skill, 0), None
    best, held, via = unit.skill, 0, None
    for member, counted, cap in unit.ways:
        rank = have.get(counted, 0)
        if cap and rank > cap:
            rank = cap
        if rank > held or (rank == held and rank and (
                (via is not None and not cap) or (not cap and unit.any_of and best == unit.skill))):
            best, held, via = member, rank, (counted if cap else None)
    return best, held, via


def held_level(ladder: Ladder, have: Have, skill_id: str) -> int:
    """The level ``have`` holds ``skill_id`` at, by the rule readiness uses: the skill itself,
    a skill it includes, or a related skill up to its level (:func:`requirements.ways`)."""
    return best_way(have, Unit(skill_id, "basic", "", ways=ways(skill_id, (), ladder.skills)))[1]


def row_met(ladder: Ladder, have: Have, unit: Unit) -> bool:
    """Whether ``have`` meets the requirement row ``unit``, as :func:`assess` decides."""
    return best_way(have, unit)[1] >= unit.rank
