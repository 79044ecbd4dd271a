"""Role overlap: how much of one role's requirements another role's already meet.

overlap(A, B) is the share of B's requirement points that a holder of A meets, scored
exactly as readiness scores it (:func:`.assessment.assess` with :func:`.assessment.role_have`
of A as held: the text's foundation, related skills and alternatives count as there).
``compare`` gives it both ways; ``similar`` ranks every role by it (docs/planning.md: Role
overlap).

``similar`` scores every role of the ladder both ways without building the documents: each
role is scored in one pass over the ladder's rows (:func:`scan`), which also indexes by skill
the requirement points of the roles that name a skill counting toward the role's rows; the
overlap of every role with it then walks only those (:func:`backward_points`), never every pair
of roles. Only the roles shown are explained in full.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..errors import check_limit
from ..ladder.index import Head, Ladder
from ..ladder.pieces import name_ref, role_at, skill_ref
from ..ladder.requirements import RowKey, Unit
from .assessment import Have, assess, best_way, role_have

if TYPE_CHECKING:
    from ..results.overlap import OverlapDoc, Similar, SimilarRole

#: How ``similar`` ranks, in words (its ``rule``).
RULE = ("the mean of both overlaps (from the role to each, and each to the role), highest first; "
        "ties in ladder order")


def percent(points: int, of: int) -> float:
    return round(100 * points / of, 1) if of else 100.0


def overlap(ladder: Ladder, a: Head, b: Head) -> OverlapDoc:
    """The share of ``b``'s requirement points a holder of ``a`` meets, with the rows behind it:
    ``shared`` (met), ``missing`` (nothing held toward it), ``deepen`` (held below its level) and
    ``extra`` (``a``'s rows that count toward none of ``b``'s)."""
    found = assess(ladder, b, role_have(ladder, a), rows=False)
    toward_b = {sid for unit in ladder.units(b) for sid in unit.counted}
    extra = [skill_ref(ladder, unit.skill, unit.level) for unit in ladder.units(a)
             if not toward_b.intersection(unit.members)]
    return {"from": name_ref(a), "to": name_ref(b), "overlap": found.readiness, "points": found.points,
            "of": found.of, "shared": found.met, "missing": found.gain, "deepen": found.deepen, "extra": extra}


Holders = dict[str, dict[str, int]]

#: :func:`scan` of more roles than this goes through the ladder's distinct rows, each judged once
#: (on a taxonomy, 600 roles' own rows made one by one took 0.3 s; every distinct row, 0.05 s).
FEW_ROLES = 100


def scan(ladder: Ladder, have: Have, wanted: set[str], roles: Iterable[Head] | None = None,
         ) -> tuple[dict[str, tuple[int, int]], Holders]:
    """One pass over every role's rows (or those of ``roles``): for every role, (points, of) for
    someone holding ``have`` (:func:`.assessment.assess`'s sums; each distinct row, by what it is
    judged on, judged once); and the index, for each skill of ``wanted``, of the roles whose rows
    name it and the highest level rank they name it at (what :func:`.assessment.role_have` of
    each holds of it)."""
    if roles is None:
        return _scan_every(ladder, have, wanted)
    if not isinstance(roles, list):
        roles = list(roles)
    if len(roles) > FEW_ROLES:  # many of a big ladder's roles: through its distinct rows, as every role
        return _scan_every(ladder, have, wanted, {role.id for role in roles})
    scored: dict[RowKey, int] = {}
    forward: dict[str, tuple[int, int]] = {}
    holders: Holders = {}
    for role in roles:
        points = of = 0
        for unit in ladder.units(role):
            key = unit.key
            skill, _, _, rank = key
            got = scored.get(key)
            if got is None:
                got = scored[key] = min(best_way(have, unit)[1], rank)
            points += got
            of += rank
            if skill in wanted:
                ranks = holders.setdefault(skill, {})
                if rank > ranks.get(role.id, 0):
                    ranks[role.id] = rank
        forward[role.id] = (points, of)
    return forward, holders


def _scan_every(ladder: Ladder, have: Have, wanted: set[str], only: set[str] | None = None,
                ) -> tuple[dict[str, tuple[int, int]], Holders]:
    """:func:`scan` of every role (or of those ``only`` names), through the ladder's distinct rows
    (:attr:`~..ladder.index.Ladder.row_table`): each judged once, each role's sums added up from
    its rows' numbers."""
    distinct, table = ladder.row_table
    ranks = [unit.rank for unit in distinct]
    got = [0 if not unit.ways and unit.skill not in have else min(best_way(have, unit)[1], rank)
           for unit, rank in zip(distinct, ranks)]
    named = {number: unit.skill for number, unit in enumerate(distinct) if unit.skill in wanted}
    forward: dict[str, tuple[int, int]] = {}
    holders: Holders = {}
    for role, numbers in table:
        if only is not None and role.id not in only:
            continue
        forward[role.id] = (sum(map(got.__getitem__, numbers)), sum(map(ranks.__getitem__, numbers)))
        for number in filter(named.__contains__, numbers):
            rank = ranks[number]
            held = holders.setdefault(named[number], {})
            if rank > held.get(role.id, 0):
                held[role.id] = rank
    return forward, holders


def counted_toward(ladder: Ladder, target: Head) -> set[str]:
    """The skills whose level counts toward one of ``target``'s rows."""
    return {sid for unit in ladder.units(target) for sid in unit.counted}


def backward_points(ladder: Ladder, target: Head, holders: Holders | None = None) -> dict[str, int]:
    """For every role, the points of ``target`` a holder of it meets, through the index of
    :func:`scan` (built here when not given): a role that names none of the skills counting toward
    ``target``'s rows scores what the text's foundation alone scores."""
    if holders is None:
        holders = scan(ladder, {}, counted_toward(ladder, target))[1]
    foundation: dict[str, int] = {}
    for unit in ladder.foundation:
        foundation[unit.skill] = max(unit.rank, foundation.get(unit.skill, 0))
    base, per_role = gains(ladder, target, holders, foundation)
    return {rid: base + per_role.get(rid, 0) for rid in ladder.roles}


def gains(ladder: Ladder, target: Head, holders: Holders, foundation: Have) -> tuple[int, dict[str, int]]:
    """The points of ``target`` that ``foundation`` alone meets, and for each holder of
    ``holders`` (an id: the skills it holds, by :func:`scan`'s index) the points it meets above
    them, only for the holders that meet more (``map`` gives holders of another ladder here)."""
    base = 0
    per_role: dict[str, int] = {}
    for unit in ladder.units(target):
        ground, gained = row_gains(unit, holders, foundation)
        base += ground
        for rid, gain in gained.items():
            per_role[rid] = per_role.get(rid, 0) + gain
    return base, per_role


def row_gains(unit: Unit, holders: Holders, foundation: Have) -> tuple[int, dict[str, int]]:
    """One row of :func:`gains`: the points ``foundation`` meets of it, and the points above
    them each holder meets (``map`` works each distinct row of a big ladder out once)."""
    ground = min(best_way(foundation, unit)[1], unit.rank)
    per_role: dict[str, int] = {}
    if not unit.ways:  # only the row's own skill counts: each holder's level of it, at once
        required = unit.rank
        for rid, rank in holders.get(unit.skill, {}).items():
            if rank > ground:
                per_role[rid] = (rank if rank < required else required) - ground
        return ground, per_role
    best: dict[str, int] = {}
    for _member, counted, cap in unit.ways:
        for rid, rank in holders.get(counted, {}).items():
            held = min(rank, cap) if cap else rank
            if held > best.get(rid, 0):
                best[rid] = held
    for rid, held in best.items():
        gain = min(held, unit.rank) - ground
        if gain > 0:
            per_role[rid] = gain
    return ground, per_role


def similar(ladder: Ladder, query: str, limit: int = 10) -> Similar:
    """The roles nearest ``query``'s by overlap, both ways: ``forward`` (from it to each: how much
    of each role it meets) and ``backward`` (each to it), ranked by their mean (:data:`RULE`)."""
    check_limit(limit)
    role = ladder.role(query)
    forward, holders = scan(ladder, role_have(ladder, role), counted_toward(ladder, role))
    back = backward_points(ladder, role, holders)
    of = sum(unit.rank for unit in ladder.units(role))
    ranked: list[tuple[float, int, Head]] = []
    for order, other in enumerate(ladder.heads):
        if other.id == role.id:
            continue
        points, other_of = forward[other.id]
        score = (percent(points, other_of) + percent(back[other.id], of)) / 2
        ranked.append((-score, order, other))
    ranked.sort(key=lambda item: item[:2])
    shown: list[SimilarRole] = []
    for negative, _order, other in ranked[:limit]:
        shown.append({**role_at(other), "score": round(-negative, 1),
                      "forward": overlap(ladder, role, other), "backward": overlap(ladder, other, role)})
    return {"role": name_ref(role), "rule": RULE, "total": len(ranked), "roles": shown}
