"""``map``'s work, each piece done once: every distinct row of the ladder in use worked out once
(:class:`HereRows`), every distinct row of the other ladder once with the roles that have it
(:class:`Rows`, and :func:`holders_of`), and what a role shares with a role of the other
ladder worked out once per (role there, what is held) (:class:`Explained`). On a taxonomy
of thousands of roles mapped onto a small ladder, most roles hold nothing of the other ladder's
skills beyond its foundation: they ask the same questions, answered once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from itertools import compress, count, repeat
from operator import attrgetter
from typing import TYPE_CHECKING

from ..ladder.index import Head, Ladder
from ..ladder.levels import LEVEL_RANK, LEVELS
from ..ladder.requirements import Unit
from .assessment import Have, assess, best_way, rows_toward, without_ways
from .overlap import Holders, row_gains

if TYPE_CHECKING:
    from ..results.common import NameRef
    from ..results.mapping import LevelGap

_NONE: frozenset[str] = frozenset()
_SKILL, _LEVEL = attrgetter("skill"), attrgetter("level")


class HereRows:
    """Rows of the ladder in use (``units``: its distinct rows, or one role's own), each worked out
    once: its rank, its skill's name (``refs``), what the other ladder's foundation (``ground``,
    in this ladder's words) alone meets of it, and the points above that each role of the other
    ladder holds (``holders``: :func:`.overlap.row_gains`); and for the few rows that name a skill
    matched to the other ladder (``to_other``), that skill and the skills its members match."""

    def __init__(self, units: Sequence[Unit], to_other: dict[str, str], holders: Holders, ground: Have,
                 refs: dict[str, NameRef]) -> None:
        self.units = units
        # Every row's rank and name (only the rows found below need their ways).
        plain = without_ways(units)
        self.ranks: list[int] = list(map(LEVEL_RANK.__getitem__, map(_LEVEL, plain)))
        self.grounds: list[int] = [0] * len(units)
        skills = list(map(_SKILL, plain))
        self.refs = list(map(refs.__getitem__, skills))
        #: The rows a role's figures need more of: a skill matched, points above the foundation.
        self.special: dict[int, tuple[str | None, dict[str, int], frozenset[str]]] = {}
        # The skills that make a row more than its rank: held by a role there, by the foundation,
        # or matched. A row none of whose ways counts one of them (its members are among the
        # skills its ways count) scores nothing above nothing: most rows, passed over in bulk.
        for number in rows_toward(units, holders.keys() | ground.keys() | to_other.keys()):
            unit = units[number]
            ground_points, gained = row_gains(unit, holders, ground)
            self.grounds[number] = ground_points
            members = frozenset(to_other[m] for m in unit.members if m in to_other) or _NONE
            there = to_other.get(unit.skill)
            if gained or members or there is not None:
                self.special[number] = (there, gained, members)

    def role(self, numbers: Sequence[int], start: Have) -> tuple[Have, int, dict[str, int], int, list[int]]:
        """For the role of rows ``numbers``: what a holder of it holds in the other ladder's words
        (``start``: its foundation's, as :func:`.assessment.role_have` starts; ``start`` itself
        when its rows add nothing to it, as for most roles of a taxonomy), the points of it the
        other ladder's foundation meets, each role there's points above them, its points in all,
        and its rows whose members are matched to a skill of the other ladder."""
        held: dict[str, int] | None = None  # ``start`` and what the rows add, once they add some
        backward: dict[str, int] = {}
        matched = []
        special = self.special
        for number in filter(special.__contains__, numbers):
            there, gained, members = special[number]
            rank = self.ranks[number]
            if there is not None and rank > (start if held is None else held).get(there, 0):
                if held is None:
                    held = dict(start)
                held[there] = rank
            for rid, gain in gained.items():
                backward[rid] = backward.get(rid, 0) + gain
            if members:
                matched.append(number)
        return (start if held is None else held, sum(map(self.grounds.__getitem__, numbers)), backward,
                sum(map(self.ranks.__getitem__, numbers)), matched)

    def alone(self, numbers: Sequence[int], matched: list[int], toward: set[str]) -> list[NameRef]:
        """The names of the role's rows (``numbers``) that count toward none of a role's rows
        there (``toward``: the skills that do): all of them but the ``matched`` ones whose
        members are matched to one of ``toward``."""
        kept = {n for n in matched if not self.special[n][2].isdisjoint(toward)} if matched else None
        if not kept:
            return list(map(self.refs.__getitem__, numbers))
        return [self.refs[n] for n in numbers if n not in kept]


class Explained:
    """What a role shares with a role of the other ladder (:func:`.assessment.assess` of it for
    what the role holds, in the other ladder's words), worked out once per (role there, what is
    held): thousands of roles here hold the same of a role there."""

    def __init__(self, other: Ladder, named: dict[str, NameRef]) -> None:
        self.other = other
        self.named = named
        self.known: dict[tuple[str, frozenset[tuple[str, int]]],
                         tuple[list[NameRef], list[LevelGap], list[NameRef]]] = {}
        self.toward: dict[str, set[str]] = {}

    def rows(self, target: Head, have: Have) -> tuple[list[NameRef], list[LevelGap], list[NameRef]]:
        """``target``'s rows met, held below their level, and not held."""
        key = (target.id, frozenset(have.items()))
        found = self.known.get(key)
        if found is None:
            shared: list[NameRef] = []
            deepen: list[LevelGap] = []
            missing: list[NameRef] = []
            for row in assess(self.other, target, have).rows:
                ref = self.named[row.unit.skill]
                if row.status == "met":
                    shared.append(ref)
                elif row.status == "deepen":
                    deepen.append({**ref, "from": LEVELS[row.held - 1], "to": row.unit.level})
                else:
                    missing.append(ref)
            found = self.known[key] = (shared, deepen, missing)
        return found

    def counted(self, target: Head) -> set[str]:
        """The skills whose level counts toward one of ``target``'s rows."""
        found = self.toward.get(target.id)
        if found is None:
            found = self.toward[target.id] = {sid for unit in self.other.units(target) for sid in unit.counted}
        return found


class Rows:
    """The other ladder's requirement rows, each distinct row (:attr:`~..ladder.index.Ladder.row_table`) once,
    with the roles that have it and the skills that count toward it, and what a given foundation
    alone meets of each: from one role to every role of the ladder then walks only the rows its
    skills count toward."""

    def __init__(self, ladder: Ladder, foundation: Have, wanted: AbstractSet[str] | None = None) -> None:
        self.foundation = foundation
        #: The rows more than one skill counts toward (alternatives, parts, related skills), by skill.
        self.toward: dict[str, list[int]] = {}
        #: The rows only their own skill counts toward, by skill: (rank, ground, roles).
        self.alone: dict[str, list[tuple[int, int, list[str]]]] = {}
        #: For each role: (points the foundation meets, of).
        self.base: dict[str, tuple[int, int]] = {}
        distinct, table = ladder.row_table  # every role's rows as numbers: no role's units built
        # Numbered as the ladder numbers them: a row shared by roles is one row here (two rows
        # of one key, the same row alone and as a group's part, are met alike: each counts once
        # for its own roles).
        # A plain list (the index makes its rows as they are read): read by number, millions of
        # times when both ladders are big.
        self.units: Sequence[Unit] = list(distinct)
        ranks = list(map(LEVEL_RANK.__getitem__, map(_LEVEL, self.units)))
        self.ground: list[int] = [0] * len(self.units)
        #: Only the rows that can gain are indexed for :meth:`gained`: those a skill of ``wanted``
        #: (what a role mapped can hold, in this ladder's words) counts toward; every row when
        #: None. The foundation meets nothing of a row none of its skills count toward.
        self.uncapped: dict[int, tuple[str, ...]] = {}
        self.roles: dict[int, list[str]] = {}
        for number in (rows_toward(self.units, wanted | foundation.keys()) if wanted is not None
                       else range(len(self.units))):
            unit = self.units[number]
            rank = ranks[number]
            self.ground[number] = ground = min(best_way(foundation, unit)[1], rank)
            roles = self.roles[number] = []
            # A row no related skill counts toward: the best of its skills' levels.
            self.uncapped[number] = () if any(cap for _, _, cap in unit.ways) else unit.counted
            if unit.ways:
                for counted in unit.counted:
                    if wanted is None or counted in wanted:
                        self.toward.setdefault(counted, []).append(number)
            elif wanted is None or unit.skill in wanted:
                self.alone.setdefault(unit.skill, []).append((rank, ground, roles))
        for role, listed in table:
            for number in filter(self.roles.__contains__, listed):
                self.roles[number].append(role.id)
            self.base[role.id] = (sum(map(self.ground.__getitem__, listed)), sum(map(ranks.__getitem__, listed)))
        #: :attr:`base` with a role of no rows as all met (1 of 1), to divide by.
        self.shares = {rid: (got, of) if of else (1, 1) for rid, (got, of) in self.base.items()}

    def gained(self, have: Have) -> Counter[str]:
        """For each role, the points a holder of ``have`` meets above the foundation (only the
        roles where that is more than nothing): a row only its own skill meets counts the level
        held of it; any other row counts the best of its ways (:func:`.assessment.best_way`'s
        level: a related skill up to its cap), each row once. The roles of a row are gathered
        once per point it gains and counted in one pass at the end."""
        gathered: list[str] = []
        seen: set[int] = set()
        for sid, held in have.items():
            if held <= self.foundation.get(sid, 0):
                continue
            for rank, ground, roles in self.alone.get(sid, ()):
                for _ in range((held if held < rank else rank) - ground):
                    gathered += roles
            for number in self.toward.get(sid, ()):
                if number in seen:
                    continue
                seen.add(number)
                unit = self.units[number]
                uncapped = self.uncapped[number]
                if uncapped:
                    best = max(map(have.get, uncapped, repeat(0, len(uncapped))))
                else:
                    best = 0
                    for _member, counted, cap in unit.ways:
                        level = have.get(counted, 0)
                        if cap and level > cap:
                            level = cap
                        if level > best:
                            best = level
                for _ in range((best if best < unit.rank else unit.rank) - self.ground[number]):
                    gathered += self.roles[number]
        return Counter(gathered) if gathered else Counter()  # most roles of a taxonomy: nothing


def holders_of(ladder: Ladder, to_here: dict[str, list[str]], wanted: AbstractSet[str] | None = None) -> Holders:
    """For each skill of the ladder in use (of ``wanted``, when given), the roles of ``ladder``
    (the other) whose rows name a skill matched to it, at the highest level they name it
    (:func:`.overlap.scan`'s index)."""
    holders: Holders = {}
    distinct, table = ladder.row_table
    # The distinct rows of a skill matched (few of a taxonomy's): only they are read role by role.
    named: dict[int, tuple[int, list[str]]] = {}
    for number in compress(count(), map(to_here.__contains__, map(_SKILL, distinct))):
        unit = distinct[number]
        heres = [here for here in to_here[unit.skill] if wanted is None or here in wanted]
        if heres:
            named[number] = (unit.rank, heres)
    for role, numbers in table:
        for number in filter(named.__contains__, numbers):
            rank, heres = named[number]
            for here in heres:
                ranks = holders.setdefault(here, {})
                if rank > ranks.get(role.id, 0):
                    ranks[role.id] = rank
    return holders
