"""Moves from overlap where the ladder names none (docs/planning.md: Moves from overlap).

A role with no outgoing move that is not at the top of its ladder (an occupation in a
taxonomy, a company ladder's dead end) gets derived moves to its nearest roles by overlap,
ranked by ``similar``'s score (:mod:`.overlap`: the mean of both overlaps). These moves are
ours, never the ladder file's: their basis, ``overlap``, is a word of the results only
(:data:`..results.plans.DerivedBasis`), not one a ladder file can use.

Scoring a role (:class:`Scorer`) finds the roles at its stage or above that name a skill it
holds beyond the foundation (a big ladder's index keeps who names each skill), then scores only
those, in one pass over their rows as ``similar`` does. ``next`` scores its role; ``path`` scores only where it
starts, and tests a role with no move its search reaches after that against the goal alone
(:func:`toward_goal`, two overlaps), within :data:`HOPS` moves of the start.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..ladder.index import Head, Ladder
from ..ladder.pieces import role_at
from .assessment import role_have
from .overlap import backward_points, counted_toward, overlap, percent, scan

if TYPE_CHECKING:
    from ..results.common import SkillRef
    from ..results.plans import MoveAt

#: At most this many roles are offered from one role (the nearest first).
LIMIT = 3
#: The least score (0-100) a role must reach to be offered.
THRESHOLD = 25.0
#: Roles looked at past the threshold for one that shares a requirement row, at most.
TRIES = 50
#: ``path`` derives overlap moves for roles reached within this many moves of the start: from
#: a start, to its nearest roles (and the goal); from a role reached after, to the goal only.
HOPS = 2

#: The moves ``path`` derives from a role the search reaches, given the moves before it:
#: (role id, kind) each.
Derive = Callable[[str, int], list[tuple[str, str]]]

#: The rule, in words (``overlap_rule`` in ``next`` and ``path``).
RULE = (
    f"ours, not the ladder's: from a role the ladder names no move from (and not at its top stage), "
    f"the {LIMIT} nearest roles by overlap at its stage or above, scored as similar scores them "
    f"(the mean of both overlaps), each with a score of at least {THRESHOLD:g} and a requirement "
    f"row the role holds some of; path takes them only when the ladder's own moves reach no route: "
    f"from where it starts, to those nearest roles and to the goal when it passes the same test, and "
    f"from a role with no move within {HOPS} moves of the start, to the goal alone when it passes; "
    f"routes with fewest of them first"
)


def rungs(ladder: Ladder) -> dict[str, int]:
    """Each stage that holds roles, numbered from 0 in stage order."""
    return {sid: i for i, sid in enumerate(s for s in ladder.stages if ladder.roles_by_stage[s])}


def at_top(ladder: Ladder, role: Head) -> bool:
    """The role is at the top stage of a ladder with more than one stage holding roles (a
    taxonomy with one stage has no top)."""
    rung = rungs(ladder)
    return len(rung) > 1 and rung[role.stage] == len(rung) - 1


def derives(ladder: Ladder, role: Head) -> bool:
    """The ladder names no move from ``role``, and it is not at the top: overlap moves are offered."""
    return not ladder.moves(role.id) and not at_top(ladder, role)


class Scorer:
    """``similar``'s score from one role to the roles it shares a skill with.

    Scoring a role scores (:func:`.overlap.scan`, :func:`.overlap.backward_points`) only the roles that
    name a skill it holds beyond the foundation (or a skill such a skill counts toward: one that
    includes it or that it is related to, an open row's broad skill of its kind), or a skill
    that counts toward its own rows: a role that shares nothing with it beyond the foundation
    everyone holds is no move.
    """

    def __init__(self, ladder: Ladder) -> None:
        self.ladder = ladder
        self.rung = rungs(ladder)
        self.order = {r.id: i for i, r in enumerate(ladder.heads)}
        self.base = {unit.skill: unit.rank for unit in ladder.foundation}  # as role_have starts
        # The skills a skill counts toward: those that include it, those it is related to.
        self.counts_for = {sid: {*how.get("includes", ()), *how.get("related", ())}
                           for sid, how in ladder.linked.items()}
        self.open_kinds: dict[str, set[str]] = {}
        for sid in ladder.open_broad_skills:
            if not ladder.skills[sid].includes:
                self.open_kinds.setdefault(ladder.skills[sid].category, set()).add(sid)

    def ranked(self, role: Head) -> list[tuple[float, Head]]:
        """The roles at ``role``'s stage or above (not itself) that share a skill with it, scored
        as ``similar`` scores them, those at :data:`THRESHOLD` or more, best first, ties in ladder order."""
        have = role_have(self.ladder, role)
        toward = counted_toward(self.ladder, role)
        names = set(toward)
        for sid, rank in have.items():
            if rank > self.base.get(sid, 0):
                names.add(sid)
                names |= self.counts_for.get(sid, set())
                names |= self.open_kinds.get(self.ladder.skills[sid].category, set())
        mine = self.rung[role.stage]
        # The roles naming one of them (a big ladder's index keeps who names each skill: only
        # those roles are read), in ladder order.
        pool = [r for r in self.ladder.roles_naming(names) if r.id != role.id and self.rung[r.stage] >= mine]
        forward, holders = scan(self.ladder, have, toward, pool)
        back = backward_points(self.ladder, role, holders)
        of = sum(unit.rank for unit in self.ladder.units(role))
        found: list[tuple[float, int, Head]] = []
        for other in pool:
            points, other_of = forward[other.id]
            score = round((percent(points, other_of) + percent(back[other.id], of)) / 2, 1)
            if score >= THRESHOLD:
                found.append((-score, self.order[other.id], other))
        found.sort(key=lambda item: item[:2])
        return [(-negative, other) for negative, _, other in found]


def nearest(ladder: Ladder, role: Head, goal: str | None = None) -> list[MoveAt]:
    """The overlap moves from ``role`` (:data:`RULE`): up to :data:`LIMIT` roles, each with a
    requirement row ``role`` holds some of; toward ``goal`` (``path``), the goal too when it passes the rule though
    it is not among the nearest."""
    moves: list[MoveAt] = []
    ranked = Scorer(ladder).ranked(role)
    for tried, (score, other) in enumerate(ranked):
        if len(moves) >= LIMIT or tried >= TRIES:
            if goal is None or any(m["id"] == goal for m in moves):
                break
            if other.id != goal:
                continue
        move = _move(ladder, role, other, score)
        if move is not None:
            moves.append(move)
    return moves


def toward_goal(ladder: Ladder, role: Head, goal: Head) -> MoveAt | None:
    """The overlap move from ``role`` straight to ``goal``, when the goal passes the rule: at
    ``role``'s stage or above, a score of :data:`THRESHOLD` or more, a row held some of."""
    rung = rungs(ladder)
    if role.id == goal.id or rung[goal.stage] < rung[role.stage]:
        return None
    there, back = overlap(ladder, role, goal), overlap(ladder, goal, role)
    score = round((percent(there["points"], there["of"]) + percent(back["points"], back["of"])) / 2, 1)
    return _move(ladder, role, goal, score) if score >= THRESHOLD else None


def _move(ladder: Ladder, role: Head, other: Head, score: float) -> MoveAt | None:
    """The overlap move from ``role`` to ``other``, or None when ``role`` holds nothing toward
    ``other``'s rows (``shared``: the rows it meets, then those it holds below their level)."""
    found = overlap(ladder, role, other)
    shared: list[SkillRef] = [{"id": m["id"], "name": m["name"], "category": m["category"], "level": m["level"]}
                              for m in found["shared"]]
    shared += [{"id": d["id"], "name": d["name"], "category": d["category"], "level": d["to"]}
               for d in found["deepen"]]
    if not shared:
        return None
    rung = rungs(ladder)
    return {
        **role_at(other),
        "kind": "promotion" if rung[other.stage] > rung[role.stage] else "lateral",
        "basis": "overlap",
        "note": f"ours: the ladder names no move from {role.name}; {other.name} is near it by overlap",
        "overlap": score,
        "shared": shared,
    }


def deriver(ladder: Ladder, goal: Head, derived: dict[tuple[str, str], MoveAt]) -> Derive:
    """The overlap moves of a role the search reaches (kept in ``derived`` for the steps): from
    a start, its nearest roles and the goal; from a role reached after, the goal alone
    (:data:`RULE`). The roles the search never reaches are never scored."""

    def derive(here: str, moves_before: int) -> list[tuple[str, str]]:
        role = ladder.roles[here]
        if not derives(ladder, role):
            return []
        if moves_before == 0:
            found = nearest(ladder, role, goal.id)
        else:
            one = toward_goal(ladder, role, goal)
            found = [one] if one is not None else []
        for move in found:
            derived[here, move["id"]] = move
        return [(m["id"], str(m["kind"])) for m in found]

    return derive
