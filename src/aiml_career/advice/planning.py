"""Planning: what a person lacks for a role, how ready they are, where a role
leads, routes between roles, and every role ranked for a person.

Everything works on a role's requirement units (:mod:`.requirements`) and on
a :class:`~aiml_career.advice.person.Person`. Results come out complete, shaped as
the ``--json`` output documented in README (gaps carry the profile's marks,
each result says who it was planned for); nothing here prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..errors import UsageError, check_limit
from ..ladder.index import Head, Ladder
from ..ladder.levels import LEVEL_RANK
from ..ladder.model import Transition
from ..ladder.pieces import role_at
from . import overlap_moves, routes
from .assessment import assess, assess_numbered, judge_rows, merge, person_have, role_have
from .entering import ENTRY, entering, fitting, fully_met
from .person import Person

if TYPE_CHECKING:
    from ..results.plans import (
        Entering,
        Match,
        MatchAim,
        MatchRow,
        MoveAt,
        MovesByBasis,
        Next,
        NextMove,
        PathDoc,
        Route,
        Scores,
        StartHow,
        Step,
    )

#: How much readier a role one stage up must be to rank above one below it in ``match``.
STAGE_STEP = 10
#: Shortest routes looked at to order ties by effort (``path`` counts them all).
ROUTES_ORDERED = 200
#: Route steps assessed at most to order ties: fewer routes are looked at when routes
#: are long (never fewer than ``--limit``), so the work stays linear in a route's length.
STEPS_ORDERED = 20_000

#: How ``path`` orders the shortest routes, said in every result (docs/planning.md: Which route comes first).
ROUTE_ORDER = (
    "fewest moves derived from overlap (ours, where the ladder names no move), "
    "then fewest editorial moves (our judgement, not the text's), then fewest moves only the titles imply; "
    "then least to learn: fewest distinct skills to gain, then to deepen, then fewest levels to climb; "
    "then ladder order"
)

BASIS_LEGEND = {
    "text": "the text says so",
    "titles": "implied by the role titles",
    "editorial": "an editorial judgement, not the text's",
    "overlap": "derived from overlap where the ladder names no move: ours, not the ladder's",
}

def _move(role: Head, move: Transition) -> MoveAt:
    return {**role_at(role), "kind": move.kind, "basis": move.basis, "note": move.note}


# -- next ---------------------------------------------------------------------------


def next_steps(ladder: Ladder, me: Person, *, no_overlap: bool = False, limit: int | None = None) -> Next:
    """Where the person's role leads, with what each move asks of them.

    The person holds their role's requirements, plus their skills. Without a role,
    it starts as ``path`` does: from the roles the skills fully meet (the furthest
    along of them), else the entry stage, whose roles are then the next steps, readiest
    first (ties: the ladder's order). From a
    role the ladder names no move from, below its top, the moves are derived from overlap
    (:mod:`.overlap_moves`), unless ``no_overlap``. ``limit``: only the moves the person is
    readiest for, in their order (:func:`readiest`; ``total`` counts them all: a taxonomy's
    entry stage has thousands of roles).
    """
    check_limit(limit)
    how: StartHow
    heads = ladder.head_of
    if me.role is not None:
        starts, how = [me.role], me.role_source or "--from"
    else:
        starts, how = _starts(ladder, me)[0]
        if how == "skills":
            rung = {sid: i for i, sid in enumerate(ladder.stages)}
            top = max(rung[heads[r].stage] for r in starts)
            starts = [r for r in starts if rung[heads[r].stage] == top]
    moves: list[NextMove] = []
    seen: set[str] = set()
    for start in starts if how != "entry stage" else [None]:
        if start is None:
            # Every role of the entry stage (on a taxonomy, thousands): judged by the ladder's
            # distinct rows, each once (:func:`.entering.entering`).
            moves += entering(ladder, [heads[r] for r in starts], dict(me.ranks), me)
            continue
        role = ladder.roles[start]
        held = merge(role_have(ladder, role), me.ranks)
        targets = [(m.to, _move(ladder.roles[m.to], m)) for m in role.next]
        if not no_overlap and overlap_moves.derives(ladder, role):
            targets = [(m["id"], m) for m in overlap_moves.nearest(ladder, role)]
        for to, move in targets:
            if to in seen or to in starts:
                continue
            seen.add(to)
            target = ladder.roles[to]
            moves.append({**move, **assess(ladder, target, held, me.marks).fields(),
                          **fitting(ladder, ladder.units(target))})
    if how == "entry stage":
        # Ours: the roles the person is readiest for first (ties: the ladder's order). They are
        # all ways in; the one nearest to hand is the advice (a taxonomy's are thousands).
        moves = [move for _, move in sorted(enumerate(moves), key=lambda pair: (-pair[1]["readiness"], pair[0]))]
    held_roles = [heads[s] for s in starts] if how != "entry stage" else []
    none_named = bool(held_roles) and all(not ladder.moves(r.id) for r in held_roles)
    return {
        "from": None if how == "entry stage" else role_at(heads[starts[0]]),
        "start": {"how": how, "roles": [role_at(heads[s]) for s in starts]},
        "next": readiest(moves, limit) if limit is not None else moves,
        "total": len(moves),
        "ladder_names_no_move": none_named,
        "at_top": none_named and all(overlap_moves.at_top(ladder, r) for r in held_roles),
        "no_overlap": no_overlap,
        "overlap_rule": overlap_moves.RULE,
        "basis_legend": BASIS_LEGEND, "person": me.doc(),
    }


# -- path -----------------------------------------------------------------------------


def _starts(ladder: Ladder, me: Person) -> list[tuple[list[str], StartHow]]:
    """Where routes may start, in the order to try them, each with how it was chosen."""
    if me.role is not None:
        return [([me.role], me.role_source or "--from")]
    tries: list[tuple[list[str], StartHow]] = []
    if me.have:
        fit = fully_met(ladder, me.ranks)
        if fit:
            tries.append((fit, "skills"))
    first = next(sid for sid in ladder.stages if ladder.roles_by_stage[sid])
    tries.append(([r.id for r in ladder.roles_by_stage[first]], "entry stage"))
    return tries


def path(
    ladder: Ladder,
    me: Person,
    goal_query: str,
    *,
    promotions_only: bool = False,
    allow_lateral: bool = False,
    limit: int = 5,
    no_overlap: bool = False,
) -> PathDoc:
    """The shortest routes to a role, with what each step asks of the person.

    Starts from the person's role; without one, from the roles their skills
    fully meet; else from the first stage's roles. Promotions first: when
    they reach no route, lateral moves too (unless ``promotions_only``);
    ``allow_lateral`` lets lateral moves in from the start. When the ladder's
    moves reach no route, moves derived from overlap too (unless ``no_overlap``:
    :mod:`.overlap_moves`). Routes that tie on length are ordered by
    :data:`ROUTE_ORDER`.
    """
    if promotions_only and allow_lateral:
        raise UsageError("--promotions-only and --allow-lateral disagree: give one of them")
    check_limit(limit)
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
            found = routes.shortest(ladder, starts, goal.id, lateral)
            if found is not None:
                fallback = lateral and not allow_lateral
                break
        if found is not None:
            break
    derived: dict[tuple[str, str], MoveAt] = {}
    overlapping = False
    if found is None and not no_overlap:
        derive = overlap_moves.deriver(ladder, goal, derived)
        for starts, how in tries:  # noqa: B007
            found = routes.shortest(ladder, starts, goal.id, not promotions_only, derive)
            if found is not None:
                overlapping = True
                fallback = not promotions_only and not allow_lateral
                break
    if found is None:
        starts, how = tries[0]
    # Roles named and judged by their heads: from no role, the start is thousands of roles, and
    # routes from them hundreds (no model built); from a role, a few roles' models are.
    heads: Mapping[str, Head] = ladder.head_of if me.role is None else ladder.roles
    result: PathDoc = {
        "to": role_at(goal),
        "start": {"how": how, "roles": [role_at(heads[s]) for s in starts]},
        "from": None if how == "entry stage" else role_at(heads[starts[0]]),
        "promotions_only": promotions_only,
        "allow_lateral": allow_lateral or fallback,
        "lateral_fallback": fallback,
        "overlap_fallback": overlapping,
        "no_overlap": no_overlap,
        "overlap_rule": overlap_moves.RULE,
        "moves": None,
        "routes_found": 0,
        "routes_found_capped": False,
        "routes": [],
        "route_order": ROUTE_ORDER,
        "person": me.doc(),
        "basis_legend": BASIS_LEGEND,
    }
    if found is None:
        return result
    parents, count, moves = found
    ordered: list[tuple[tuple[int, int, int, int, int, int], Route]] = []
    # From the entry stage, the person holds no role yet: getting into the first one is a step.
    entering = how == "entry stage"
    ranks = me.ranks
    looked_at = max(limit, min(ROUTES_ORDERED, STEPS_ORDERED // (moves + 1)))
    for route in routes.routes(ladder, parents, goal.id, looked_at):
        first = heads[route[0]]
        held = dict(ranks) if entering else merge(role_have(ladder, first), ranks)
        steps: list[Step] = []
        for here, there in zip([None, *route], route):
            if here is None and not entering:
                continue
            role = heads[there]
            gap = assess(ladder, role, held, me.marks)
            if here is None:
                move: MoveAt | Entering = ENTRY
            else:
                move = derived.get((here, there)) or _move(role, next(m for m in ladder.moves(here) if m.to == there))
            steps.append({**move, **role_at(role), "skills_to_gain": gap.gain, "skills_to_deepen": gap.deepen})
            held = merge(held, role_have(ladder, role))
        gained = {s["id"] for step in steps for s in step["skills_to_gain"]}
        deepened = {s["id"] for step in steps for s in step["skills_to_deepen"]} - gained
        by_basis: MovesByBasis = {"text": 0, "titles": 0, "editorial": 0, "overlap": 0}
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
        # ROUTE_ORDER: standing first (overlap moves, editorial moves, then moves only the titles imply), then
        # least to learn; stable, so ladder order last.
        effort = (by_basis["overlap"], by_basis["editorial"], by_basis["titles"], len(gained), len(deepened),
                  listed["levels_to_climb"])
        ordered.append((effort, listed))
    ordered.sort(key=lambda pair: pair[0])
    listed_routes = [route for _, route in ordered]
    best = listed_routes[0]["from"]
    start_held = merge(role_have(ladder, heads[best["id"]]), ranks) if best else dict(ranks)
    total = assess(ladder, goal, start_held, me.marks)
    result.update({
        "from": best,
        "moves": moves + entering,
        "routes_found": min(count[goal.id], routes.MAX_ROUTES_COUNTED),
        "routes_found_capped": count[goal.id] > routes.MAX_ROUTES_COUNTED,
        "routes": listed_routes[:limit],
        "total_gap": {"skills_to_gain": total.gain, "skills_to_deepen": total.deepen},
        "readiness": total.readiness,
    })
    return result


def readiest(moves: list[NextMove], limit: int) -> list[NextMove]:
    """The ``limit`` moves the person is readiest for (ties: the first), in the order given."""
    if len(moves) <= limit:
        return moves
    kept = set(sorted(range(len(moves)), key=lambda i: (-moves[i]["readiness"], i))[:limit])
    return [move for i, move in enumerate(moves) if i in kept]


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
    aim: str | None = None,
) -> Match:
    """Every role ranked for the person: readiness, and what each still needs.

    Ranked by readiness minus :data:`STAGE_STEP` points per stage: a role one
    stage up must be that much readier to rank above one below it. With a
    current role, the roles at or below its stage come last. ``aim``: a role
    whose readiness and place in the ranking are given apart (``--to``).
    """
    check_limit(limit)  # a usage error of its own, whatever else is given
    if me.have is None and me.role is None:
        raise UsageError(
            "match needs your skills or your role",
            ["give them with --have \"python, sql:advanced\" or --from ROLE, or save them: "
             "aiml-career profile add python"],
        )
    if stage is not None:
        stage = ladder.stage(stage)
    current = ladder.roles[me.role] if me.role is not None else None
    aimed = ladder.role(aim) if aim is not None else None
    aim_scores: Scores | None = None
    held = person_have(ladder, me)
    # Rungs: stages that hold roles, the first one 0 (an empty foundation stage is no rung).
    step = {sid: i for i, sid in enumerate(s for s in ladder.stages if ladder.roles_by_stage[s])}
    mine = step[current.stage] if current else -1
    ranked: list[tuple[tuple[bool, float, int, float, int], MatchRow]] = []
    distinct, table = ladder.row_table  # every role's rows, in one pass, as numbers
    judged = judge_rows(ladder, distinct, held, me.marks)  # each distinct row judged once
    for i, (role, numbers) in enumerate(table):
        is_aim = aimed is not None and role.id == aimed.id
        if stage is not None and role.stage != stage and not is_aim:
            continue
        gap = assess_numbered(judged, numbers)
        if is_aim:
            aim_scores = gap.fields()
            if stage is not None and role.stage != stage:
                continue
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
    aim_doc: MatchAim | None = None
    if aimed is not None and aim_scores is not None:
        rank = next((n for n, row in enumerate(roles, 1) if row["id"] == aimed.id), None)
        aim_doc = {**role_at(aimed), "readiness": aim_scores["readiness"], "points": aim_scores["points"],
                   "of": aim_scores["of"], "rank": rank}
    return {
        "person": me.doc(),
        "current": role_at(current) if current else None,
        "rule": f"readiness minus {STAGE_STEP} points per stage above the first; "
        "roles at or below your current role's stage last",
        "roles": roles[:limit] if limit is not None else roles,
        "total": len(roles),
        "aim": aim_doc,
    }
