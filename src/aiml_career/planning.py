"""Planning: what a person lacks for a role, how ready they are, where a role
leads, routes between roles, and every role ranked for a person.

Everything works on a role's requirement units (:mod:`.requirements`) and on
a :class:`~aiml_career.person.Person`. Results come out complete, shaped as
the ``--json`` output documented in README (gaps carry the profile's marks,
each result says who it was planned for); nothing here prints.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import UsageError
from .ladder import Ladder
from .levels import LEVEL_RANK, LEVELS
from .model import Role, Transition
from .person import Person
from .pieces import name_ref, requirement_item, role_at, skill_ref
from .places import row_skills
from .requirements import Unit, skills_named, ways

if TYPE_CHECKING:
    from .results.common import Deepen, Mark, Met, Requirement, ResourceRef, Via
    from .results.plans import (
        Entering,
        Fitting,
        Match,
        MatchRow,
        MoveAt,
        MovesByBasis,
        Next,
        NextMove,
        PathDoc,
        Route,
        Scores,
        SpecializationRef,
        StartHow,
        Step,
    )

#: Skills held: skill id -> level rank (1 basic .. 4 expert; absent = 0).
Have = Mapping[str, int]

#: How much readier a role one stage up must be to rank above one below it in ``match``.
STAGE_STEP = 10
#: Shortest routes looked at to order ties by effort (``path`` counts them all).
ROUTES_ORDERED = 200

#: The first step of a route from the entry stage: getting into a role at all.
ENTRY: Entering = {
    "kind": "entry",
    "basis": "editorial",
    "note": "You hold no role yet: the route starts by getting into an entry-stage role.",
}

#: How ``path`` orders the shortest routes, said in every result (README: Which route comes first).
ROUTE_ORDER = (
    "fewest editorial moves (our judgement, not the text's), then fewest moves only the titles imply; "
    "then least to learn: fewest distinct skills to gain, then to deepen, then fewest levels to climb; "
    "then ladder order"
)

BASIS_LEGEND = {
    "text": "the text says so",
    "titles": "implied by the role titles",
    "editorial": "an editorial judgement, not the text's",
}

# -- pieces --------------------------------------------------------------------


def role_have(ladder: Ladder, role: Role) -> dict[str, int]:
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


# -- one role for one person -----------------------------------------------------


@dataclass
class Assessment:
    """How ``have`` meets a role: every row, and the score they add up to."""

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


def assess(ladder: Ladder, role: Role, have: Have, marks: Mapping[str, Mark] | None = None) -> Assessment:
    """Every requirement row of ``role`` for someone holding ``have``.

    A row is met, to gain (nothing held), or to deepen (held below its
    level: the member held best is named). Readiness is 100 x points / of,
    where each row adds min(held, required) points out of required. A level
    counted from a related skill says so (``via``).
    """
    out = Assessment()
    for unit in ladder.units(role):
        best, held, via = best_way(have, unit)
        required = unit.rank
        out.of += required
        out.points += min(held, required)
        if held >= required:
            met: Met = {**skill_ref(ladder, unit.skill), "level": unit.level}
            if best != unit.skill:
                met["by"] = name_ref(ladder.skills[best])
            if via is not None:
                met["via"] = _via(ladder, via, have)
            out.met.append(met)
            continue
        status = row_status(unit, best, held, marks) if marks else None
        if held == 0:
            gain = requirement_item(ladder, unit)
            if status is not None:
                gain["status"] = status
            out.gain.append(gain)
        else:
            skill = ladder.skills[best]
            deepen: Deepen = {"id": skill.id, "name": skill.name, "category": skill.category,
                              "from": LEVELS[held - 1], "to": unit.level}
            if best != unit.skill:
                deepen["for"] = name_ref(ladder.skills[unit.skill])
            if via is not None:
                deepen["via"] = _via(ladder, via, have)
            if status is not None:
                deepen["status"] = status
            out.deepen.append(deepen)
    return out


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


def _via(ladder: Ladder, via: str, have: Have) -> Via:
    return {**name_ref(ladder.skills[via]), "level": LEVELS[have[via] - 1]}


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


def meeting(ladder: Ladder) -> dict[str, list[tuple[Role, Unit]]]:
    """For each skill, the (role, row) pairs holding it counts toward: ``unit.ways``, indexed."""
    out: dict[str, list[tuple[Role, Unit]]] = {}
    for role in ladder.doc.roles:
        for unit in ladder.units(role):
            for sid in dict.fromkeys(counted for _, counted, _ in unit.ways or [(unit.skill, unit.skill, 0)]):
                out.setdefault(sid, []).append((role, unit))
    return out


def _move(ladder: Ladder, to: str, move: Transition) -> MoveAt:
    return {**role_at(ladder.roles[to]), "kind": move.kind, "basis": move.basis, "note": move.note}


# -- next ---------------------------------------------------------------------------


def next_steps(ladder: Ladder, me: Person) -> Next:
    """Where the person's role leads, with what each move asks of them.

    The person holds their role's requirements, plus their skills. Without a role,
    it starts as ``path`` does: from the roles the skills fully meet (the furthest
    along of them), else the entry stage, whose roles are then the next steps.
    """
    how: StartHow
    if me.role is not None:
        starts, how = [me.role], me.role_source or "--from"
    else:
        starts, how = _starts(ladder, me)[0]
        if how == "skills":
            rung = {sid: i for i, sid in enumerate(ladder.stages)}
            top = max(rung[ladder.roles[r].stage] for r in starts)
            starts = [r for r in starts if rung[ladder.roles[r].stage] == top]
    moves: list[NextMove] = []
    seen: set[str] = set()
    for start in starts if how != "entry stage" else [None]:
        if start is None:
            held = dict(me.ranks)
            targets: list[tuple[str, MoveAt]] = [(r, {**role_at(ladder.roles[r]), **ENTRY}) for r in starts]
        else:
            role = ladder.roles[start]
            held = merge(role_have(ladder, role), me.ranks)
            targets = [(m.to, _move(ladder, m.to, m)) for m in role.next]
        for to, move in targets:
            if to in seen or to in starts and start is not None:
                continue
            seen.add(to)
            target = ladder.roles[to]
            moves.append({**move, **assess(ladder, target, held, me.marks).fields(),
                          **fitting(ladder, target)})
    return {
        "from": None if how == "entry stage" else role_at(ladder.roles[starts[0]]),
        "start": {"how": how, "roles": [role_at(ladder.roles[s]) for s in starts]},
        "next": moves, "basis_legend": BASIS_LEGEND, "person": me.as_dict(),
    }


def fitting(ladder: Ladder, role: Role) -> Fitting:
    """The specializations related to the skills ``role`` needs, and the certifications that
    can meet one of its rows (:func:`places.row_skills`, as ``plan`` looks places up: a
    certification of a cloud the row does not name is not offered)."""
    ids = set(skills_named(role))
    specs: list[SpecializationRef] = [{**name_ref(s), "basis": s.skills_basis}
                                      for s in ladder.specializations.values() if ids.intersection(s.skills)]
    meets = {sid for unit in ladder.units(role) for sid in row_skills(unit.skill, unit.any_of)}
    certs: list[ResourceRef] = [
        {"id": r.id, "name": r.name, "provider": r.provider}
        for r in ladder.resources.values()
        if r.kind == "certification" and meets.intersection(r.skills)
    ]
    return {"specializations": specs, "certifications": certs}


# -- path -----------------------------------------------------------------------------


def _starts(ladder: Ladder, me: Person) -> list[tuple[list[str], StartHow]]:
    """Where routes may start, in the order to try them, each with how it was chosen."""
    if me.role is not None:
        return [([me.role], me.role_source or "--from")]
    tries: list[tuple[list[str], StartHow]] = []
    if me.have:
        ranks = me.ranks
        fit = [r.id for r in ladder.doc.roles if assess(ladder, r, ranks).readiness >= 100]
        if fit:
            tries.append((fit, "skills"))
    first = next(sid for sid in ladder.stages if ladder.roles_by_stage[sid])
    tries.append(([r.id for r in ladder.roles_by_stage[first]], "entry stage"))
    return tries


def _shortest(
    ladder: Ladder, starts: list[str], goal: str, lateral: bool
) -> tuple[dict[str, list[tuple[str, str]]], dict[str, int], int] | None:
    """Breadth first from every start: (parents, route counts, moves), or None if unreachable."""
    dist = {s: 0 for s in starts}
    parents: dict[str, list[tuple[str, str]]] = {s: [] for s in starts}
    count = {s: 1 for s in starts}
    queue = deque(starts)
    while queue:
        here = queue.popleft()
        if here == goal:
            break
        for move in ladder.roles[here].next:
            if not lateral and move.kind != "promotion":
                continue
            there = move.to
            if there not in dist:
                dist[there] = dist[here] + 1
                parents[there] = []
                count[there] = 0
                queue.append(there)
            if dist[there] == dist[here] + 1:
                parents[there].append((here, move.kind))
                count[there] += count[here]
    if goal not in dist:
        return None
    return parents, count, dist[goal]


def _routes(ladder: Ladder, parents: dict[str, list[tuple[str, str]]], goal: str, cap: int) -> list[list[str]]:
    """Up to ``cap`` shortest routes (role ids, start first), in ladder order."""
    position = {r.id: i for i, r in enumerate(ladder.doc.roles)}
    routes: list[list[str]] = []
    pending: list[list[str]] = [[goal]]
    while pending and len(routes) < cap:  # depth first, backwards from the goal
        tail = pending.pop()
        before = parents[tail[0]]
        if not before:
            routes.append(tail)
            continue
        for parent, _ in sorted(before, key=lambda p: -position[p[0]]):
            pending.append([parent, *tail])
    routes.sort(key=lambda route: [position[r] for r in route])
    return routes


def path(
    ladder: Ladder,
    me: Person,
    goal_query: str,
    *,
    promotions_only: bool = False,
    allow_lateral: bool = False,
    limit: int = 5,
) -> PathDoc:
    """The shortest routes to a role, with what each step asks of the person.

    Starts from the person's role; without one, from the roles their skills
    fully meet; else from the first stage's roles. Promotions first: when
    they reach no route, lateral moves too (unless ``promotions_only``);
    ``allow_lateral`` lets lateral moves in from the start. Routes that tie
    on length are ordered by least to learn: gain lines, then deepen lines.
    """
    if promotions_only and allow_lateral:
        raise UsageError("--promotions-only and --allow-lateral disagree: give one of them")
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    goal = ladder.role(goal_query)
    if me.role == goal.id:
        raise UsageError(f"you are already {goal.id}: --from and --to are the same role")
    tries = _starts(ladder, me)
    found, fallback = None, False
    modes = [allow_lateral] if allow_lateral or promotions_only else [False, True]
    # From where the person is, laterally if need be, before starting over; the start that
    # found a route (and how it was chosen) is read after the loop.
    for starts, how in tries:  # noqa: B007
        for lateral in modes:
            found = _shortest(ladder, starts, goal.id, lateral)
            if found is not None:
                fallback = lateral and not allow_lateral
                break
        if found is not None:
            break
    if found is None:
        starts, how = tries[0]
    result: PathDoc = {
        "to": role_at(goal),
        "start": {"how": how, "roles": [role_at(ladder.roles[s]) for s in starts]},
        "from": None if how == "entry stage" else role_at(ladder.roles[starts[0]]),
        "promotions_only": promotions_only,
        "allow_lateral": allow_lateral or fallback,
        "lateral_fallback": fallback,
        "moves": None,
        "routes_found": 0,
        "routes": [],
        "route_order": ROUTE_ORDER,
        "person": me.as_dict(),
        "basis_legend": BASIS_LEGEND,
    }
    if found is None:
        return result
    parents, count, moves = found
    kinds = {(r.id, m.to): m for r in ladder.doc.roles for m in r.next}
    ordered: list[tuple[tuple[int, int, int, int, int], Route]] = []
    # From the entry stage, the person holds no role yet: getting into the first one is a step.
    entering = how == "entry stage"
    ranks = me.ranks
    for route in _routes(ladder, parents, goal.id, max(limit, ROUTES_ORDERED)):
        first = ladder.roles[route[0]]
        held = dict(ranks) if entering else merge(role_have(ladder, first), ranks)
        steps: list[Step] = []
        for here, there in zip([None, *route], route):
            if here is None and not entering:
                continue
            role = ladder.roles[there]
            gap = assess(ladder, role, held, me.marks)
            move = ENTRY if here is None else _move(ladder, there, kinds[here, there])
            steps.append({**move, **role_at(role), "skills_to_gain": gap.gain, "skills_to_deepen": gap.deepen})
            held = merge(held, role_have(ladder, role))
        gained = {s["id"] for step in steps for s in step["skills_to_gain"]}
        deepened = {s["id"] for step in steps for s in step["skills_to_deepen"]} - gained
        by_basis: MovesByBasis = {"text": 0, "titles": 0, "editorial": 0}
        for s in steps:
            if s["basis"] in by_basis:
                by_basis[s["basis"]] += 1
        listed: Route = {
            "from": None if entering else role_at(first),
            "steps": steps,
            # Each total is the number of lines it sums.
            "skills_gained": sum(len(s["skills_to_gain"]) for s in steps),
            "skills_deepened": sum(len(s["skills_to_deepen"]) for s in steps),
            "levels_to_climb": sum(_climb(s) for s in steps),
            "editorial_moves": by_basis["editorial"],
            "cost": {"moves_by_basis": by_basis, "skills_to_gain": len(gained),
                     "skills_to_deepen": len(deepened), "levels_to_climb": 0},
        }
        listed["cost"]["levels_to_climb"] = listed["levels_to_climb"]
        # ROUTE_ORDER: standing first (editorial moves, then moves only the titles imply), then
        # least to learn; stable, so ladder order last.
        effort = (by_basis["editorial"], by_basis["titles"], len(gained), len(deepened), listed["levels_to_climb"])
        ordered.append((effort, listed))
    ordered.sort(key=lambda pair: pair[0])
    listed_routes = [route for _, route in ordered]
    best = listed_routes[0]["from"]
    start_held = merge(role_have(ladder, ladder.roles[best["id"]]), ranks) if best else dict(ranks)
    total = assess(ladder, goal, start_held, me.marks)
    result.update({
        "from": best,
        "moves": moves + entering,
        "routes_found": count[goal.id],
        "routes": listed_routes[:limit],
        "total_gap": {"skills_to_gain": total.gain, "skills_to_deepen": total.deepen},
        "readiness": total.readiness,
    })
    return result


def _climb(step: Step) -> int:
    """Levels a step asks to climb: a skill to gain from nothing, one to deepen from its level."""
    gain = sum(LEVEL_RANK[s["level"]] for s in step["skills_to_gain"])
    return gain + sum(LEVEL_RANK[s["to"]] - LEVEL_RANK[s["from"]] for s in step["skills_to_deepen"])


# -- match --------------------------------------------------------------------------


def match(
    ladder: Ladder,
    me: Person,
    *,
    limit: int | None = None,
    stage: str | None = None,
) -> Match:
    """Every role ranked for the person: readiness, and what each still needs.

    Ranked by readiness minus :data:`STAGE_STEP` points per stage: a role one
    stage up must be that much readier to rank above one below it. With a
    current role, the roles at or below its stage come last.
    """
    if me.have is None and me.role is None:
        raise UsageError(
            "match needs your skills or your role",
            ["give them with --have \"python, sql:advanced\" or --from ROLE, or save them: "
             "aiml-career profile add python"],
        )
    if stage is not None:
        stage = ladder.stage(stage)
    if limit is not None and limit < 1:
        raise UsageError("--limit must be at least 1")
    current = ladder.roles[me.role] if me.role is not None else None
    held = merge(role_have(ladder, current), me.ranks) if current else me.ranks
    # Rungs: stages that hold roles, the first one 0 (an empty foundation stage is no rung).
    step = {sid: i for i, sid in enumerate(s for s in ladder.stages if ladder.roles_by_stage[s])}
    mine = step[current.stage] if current else -1
    ranked: list[tuple[tuple[bool, float, int, float, int], MatchRow]] = []
    for i, role in enumerate(ladder.doc.roles):
        if stage is not None and role.stage != stage:
            continue
        gap = assess(ladder, role, held, me.marks)
        behind = step[role.stage] <= mine
        score = round(gap.readiness - STAGE_STEP * step[role.stage], 1)
        ranked.append(((behind, -score, step[role.stage], -gap.readiness, i), {
            **role_at(role),
            **gap.fields(),
            "rank_score": score,
            "current": current is not None and role.id == current.id,
            "at_or_below_current": behind,
        }))
    ranked.sort(key=lambda pair: pair[0])
    roles = [item for _, item in ranked]
    return {
        "person": me.as_dict(),
        "current": role_at(current) if current else None,
        "rule": f"readiness minus {STAGE_STEP} points per stage above the first; "
        "roles at or below your current role's stage last",
        "roles": roles[:limit] if limit is not None else roles,
    }
