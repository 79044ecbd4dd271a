"""Learning: a learning plan to a role, and where to learn what ``next`` and ``skills SKILL``
show (what learning one skill unlocks is :mod:`.unlocks`').

- :func:`plan`: the requirement lines of the best route from :func:`planning.path`, with
  the prerequisites they lack, ordered by milestones (:mod:`.learning_order`), each with
  where to learn it (:mod:`.places`) (docs/planning.md: Learning plans).

Results are plain data shaped as the ``--json`` output (:mod:`.results.learning`,
documented in docs/json.md); nothing here prints.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from ..ladder import prerequisites
from ..ladder.index import Head, Ladder
from ..ladder.levels import LEVELS
from ..ladder.pieces import name_ref, requirement_item, role_at, skill_ref
from ..ladder.places import places, places_of, row_skills
from ..ladder.prerequisites import listed
from ..ladder.requirements import Unit
from . import planning
from .assessment import assess, held_level, merge, role_have, row_met, via_ref
from .learning_order import milestone_order, missing
from .person import Person

if TYPE_CHECKING:
    from ..results.ladder import SkillLearning
    from ..results.learning import Plan, PlanItem, StepAt, Unlocked
    from ..results.plans import Next, Route, Step

#: A plan item's status: from the profile's marks, or done when the person meets the row.
Status = Literal["todo", "done", "learning", "skipped"]

#: How ``plan`` orders its items, said in every result.
ORDER_RULE = (
    "milestones: each step's role is reached before the next step is worked on (an item for a later step comes "
    "earlier only as a prerequisite of one for this step); within a step, prerequisites first (the ladder's "
    "prerequisite graph; a skill's deeper level after its lower one), then the item that completes more steps "
    "of the route, then the more foundational one, then the one that completes requirements of more roles "
    "beyond it; then route order"
)
#: Roles beyond the goal listed in an item's ``unlocks`` (``value.roles_beyond`` counts them all).
BEYOND_LISTED = 5


# -- where to learn, in next and skills SKILL ---------------------------------------


def _row_skills(item: Mapping[str, Any]) -> list[str]:
    """The skills to learn for a gap line (:func:`places.row_skills`)."""
    return row_skills(item["id"], [a["id"] for a in item.get("any_of", ())])


def skill_detail(ladder: Ladder, query: str) -> SkillLearning:
    """``skills SKILL``: the skill and the roles that need it, with its prerequisites and where to learn it."""
    from .queries import skill_detail as detail

    found = detail(ladder, query)
    sid = found["id"]
    after = prerequisites.dependents(ladder, sid)
    rests = set(after)
    foundation = next((u for u in ladder.foundation if u.skill == sid or sid in u.any_of), None)
    return {
        **found,
        "prerequisites": listed(ladder, sid),
        "related": [{**skill_ref(ladder, r.skill), "up_to": r.up_to, "basis": r.basis, "note": r.note}
                    for r in ladder.skills[sid].related],
        "counts_toward": [{**skill_ref(ladder, s), "up_to": r.up_to, "basis": r.basis, "note": r.note}
                          for s in ladder.linked_to(sid, "related") for r in ladder.skills[s].related
                          if r.skill == sid],
        "rests_on_it": {
            "skills": [skill_ref(ladder, s) for s in after],
            "roles": [role_at(r) for r in ladder.roles_naming(rests)
                      if any(not rests.isdisjoint(u.members) for u in ladder.units(r))],
        },
        "foundation": {"level": foundation.level, "wording": foundation.wording} if foundation else None,
        # Rows the skill counts toward without naming it: through a broad skill that includes it,
        # an open row's kind, or a relation (the rows that name it are "roles" above).
        "counts_for": [
            {**role_at(role), "requirement": requirement_item(ladder, unit), "wording": unit.wording,
             "up_to": next((LEVELS[cap - 1] for _, counted, cap in unit.ways if counted == sid and cap), None)}
            for role, unit in ladder.rows_toward(sid) if sid not in unit.members
        ],
        "learn": places(ladder, [sid]),
    }


def next_steps(ladder: Ladder, me: Person, *, no_overlap: bool = False, limit: int | None = None) -> Next:
    """``next``, each skill to gain with where to learn it (``learn``)."""
    result = planning.next_steps(ladder, me, no_overlap=no_overlap, limit=limit)
    # From no role, thousands of rows, each item shared by the roles that have its row: each
    # item once, and the places of each distinct row's skills once.
    items = list({id(item): item for move in result["next"] for item in move["skills_to_gain"]}.values())
    keys = [tuple(_row_skills(item)) for item in items]
    found = places_of(ladder, keys)
    for item, key in zip(items, keys):
        item["learn"] = found[key]
    return result


# -- the plan ---------------------------------------------------------------------------


def _beyond(ladder: Ladder, goal: Head, route: set[str]) -> list[Head]:
    """The roles the goal leads to, directly or through further moves, in ladder order."""
    seen = {goal.id}
    queue = deque([goal.id])
    while queue:
        for move in ladder.moves(queue.popleft()):
            if move.to not in seen:
                seen.add(move.to)
                queue.append(move.to)
    # In ladder order, by id (on a big ladder, no listing of every role is made for a few)
    return [ladder.roles[rid] for rid in ladder.roles if rid in seen and rid not in route]


def plan(ladder: Ladder, me: Person, goal_query: str, *, promotions_only: bool = False,
         allow_lateral: bool = False) -> Plan:
    """The learning plan from the person to ``goal_query``: the lines of the best route of
    :func:`planning.path`, ordered by :data:`ORDER_RULE`, each with its status.

    Lines are worked out from where the route starts (the role held, or nothing), so
    what the person already holds is listed too, as ``done``; the other items are
    exactly the route's gaps in ``path``. A role the person holds, or whose every
    requirement they meet already, gives an empty plan and a message; so does a role no
    route reaches, with ``no_route`` true (the command then exits 1, as ``path`` does).
    """
    goal = ladder.role(goal_query)
    result: Plan = {
        "to": role_at(goal), "from": None, "start": None, "route": [], "qualified": False, "lateral_fallback": False,
        "message": None, "readiness": 0.0, "rule": ORDER_RULE,
        "counts": {"items": 0, "todo": 0, "done": 0, "learning": 0, "skipped": 0},
        "items": [], "no_route": False, "person": me.doc(),
    }
    if me.role == goal.id:
        result.update({"from": role_at(goal), "qualified": True, "readiness": 100.0,
                       "message": f"you hold {goal.name} already: nothing to learn for it"})
        return result
    # A plan follows the moves the ladder names only: moves derived from overlap are
    # suggestions (``next``, ``path``), not a route to commit a plan to.
    found = planning.path(ladder, me, goal.id, limit=1, promotions_only=promotions_only,
                          allow_lateral=allow_lateral, no_overlap=True)
    result["start"] = found["start"]
    if not found["routes"]:
        start = found["from"]["id"] if found["from"] else "the entry stage"
        result.update({"from": found["from"], "no_route": True, "message": f"no route from {start} to {goal.id}"})
        return result
    route = found["routes"][0]
    result["from"] = route["from"]
    result["readiness"] = found["readiness"]
    result["lateral_fallback"] = found["lateral_fallback"]
    result["route"] = [{"id": step["id"], "name": step["name"], "stage": step["stage"], "kind": step["kind"],
                        "basis": step["basis"]} for step in route["steps"]]
    if found["readiness"] >= 100:
        result["qualified"] = True
        result["message"] = (f"you meet every requirement of {goal.name} already "
                             f"(readiness 100%): nothing to learn for it")
        return result
    result["items"] = _items(ladder, me, goal, route)
    for item in result["items"]:
        result["counts"][item["status"]] += 1
    result["counts"]["items"] = len(result["items"])
    return result


def _items(ladder: Ladder, me: Person, goal: Head, route: Route) -> list[PlanItem]:
    steps = route["steps"]
    first = ladder.roles[route["from"]["id"]] if route["from"] else None
    now = merge(role_have(ladder, first), me.ranks) if first else dict(me.ranks)
    mine = now  # what the person holds at each step, as ``path`` works out the step's gaps
    held = role_have(ladder, first) if first else {}
    start_held = dict(held)
    route_ids = {s["id"] for s in steps} | ({first.id} if first else set())
    beyond = _beyond(ladder, goal, route_ids)
    items: list[PlanItem] = []
    units_of: list[Unit] = []
    positions: list[tuple[int, int]] = []
    for number, step in enumerate(steps, start=1):
        role = ladder.roles[step["id"]]
        units = ladder.units(role)
        # Every line of the step from where the route starts; the person's own rows (the
        # step's gaps in ``path``) say which are still open.
        bare = assess(ladder, role, held)
        own = assess(ladder, role, mine, me.marks)
        step_at: StepAt = {"id": role.id, "name": role.name, "stage": role.stage, "number": number}
        for position, (unit, from_start, theirs) in enumerate(zip(units, bare.rows, own.rows)):
            if not theirs.open and not from_start.open:
                continue  # met from where the route starts
            # An open row as the person stands on it; a done one as it stood at the start.
            judged = theirs if theirs.open else from_start
            status: Status = "done" if not theirs.open else theirs.mark or "todo"
            row = requirement_item(ladder, unit)
            item: PlanItem = {
                "number": 0, "kind": "requirement", "basis": "text", "id": row["id"], "name": row["name"],
                "category": row["category"], "level": row["level"],
                "action": "deepen" if judged.status == "deepen" else "gain",
                "held": LEVELS[theirs.held - 1] if theirs.status == "deepen" else None,
                "step": step_at, "wording": unit.wording,
                "reason": f"{role.name} asks for it at {unit.level}"
                          + (f": \u201c{unit.wording}\u201d" if unit.wording else ""),
                "status": status, "prerequisites": [], "value": {"steps": 0, "roles_beyond": 0},
                "unlocks": [], "ready_for": None, "learn": [],
            }
            for field in ("any_of", "open", "part_of"):
                if field in row:
                    item[field] = row[field]
            if judged.status == "deepen" and judged.by is not None:
                item["by"] = name_ref(ladder.skills[judged.by])
            if theirs.status == "deepen" and theirs.via is not None:
                item["via"] = via_ref(ladder, theirs.via, mine)
            items.append(item)
            units_of.append(unit)
            positions.append((number, position))
        held = merge(held, role_have(ladder, role))
        mine = merge(mine, role_have(ladder, role))
    _value(ladder, items, units_of, steps, beyond, now, start_held)
    return _ordered(ladder, me, items, units_of, positions, steps, now, first)


def _value(ladder: Ladder, items: list[PlanItem], units_of: list[Unit], steps: list[Step], beyond: list[Head],
           now: dict[str, int], start_held: dict[str, int]) -> None:
    """Each item's value, unlocks and places to learn: the route's steps, then the roles
    beyond, whose requirement row this item (its skill at its level) takes from unmet to
    met, from what the person holds now plus the earlier items of the same skill."""
    step_of = {step["id"]: number for number, step in enumerate(steps, start=1)}
    beyond_ids = {role.id for role in beyond}
    index = ladder.rows_counted([*(ladder.roles[s["id"]] for s in steps), *beyond])

    def rows(learned: str) -> tuple[list[tuple[int, Head, Unit]], list[tuple[Head, Unit]]]:
        """The rows ``learned`` counts toward (:meth:`.ladder.Ladder.rows_counted`): the route's,
        by step, and those of the roles beyond."""
        counted = index.get(learned, [])
        on_route = sorted(((step_of[r.id], r, u) for r, u in counted if r.id in step_of), key=lambda row: row[0])
        return on_route, [(r, u) for r, u in counted if r.id in beyond_ids]

    chain: dict[str, int] = {}  # skill -> the level the items so far reach
    for item, unit in zip(items, units_of):
        learned = item["by"]["id"] if "by" in item else unit.skill
        # A done item is valued as from where the route starts (what it counted for).
        base = start_held if item["status"] == "done" else now
        below = max(chain.get(learned, 0), base.get(learned, 0))
        chain[learned] = max(chain.get(learned, 0), unit.rank)
        before, after = {**base, learned: below}, {**base, learned: unit.rank}

        def completes(role: Head, other: Unit) -> bool:
            return not row_met(ladder, before, other) and row_met(ladder, after, other)  # noqa: B023

        step_rows, beyond_rows = rows(learned)
        on_route = list(dict.fromkeys(n for n, role, other in step_rows if completes(role, other)))
        beyond_done = [(role, other) for role, other in beyond_rows if completes(role, other)]
        roles_beyond = list(dict.fromkeys(role.id for role, _ in beyond_done))
        item["value"] = {"steps": len(on_route), "roles_beyond": len(roles_beyond)}
        unlocks = []
        for n in on_route:
            role: Head = ladder.roles[steps[n - 1]["id"]]
            wording = next(o.wording for k, r, o in step_rows if k == n and completes(r, o))
            unlocks.append(_unlocked(role, True, wording))
        shown: set[str] = set()
        for role, other in beyond_done:
            if len(shown) >= BEYOND_LISTED:
                break
            if role.id not in shown:
                shown.add(role.id)
                unlocks.append(_unlocked(role, False, other.wording))
        item["unlocks"] = unlocks
        item["learn"] = places(ladder, _row_skills(item))


def _ordered(ladder: Ladder, me: Person, items: list[PlanItem], units_of: list[Unit],
             positions: list[tuple[int, int]], steps: list[Step], now: dict[str, int],
             first: Head | None) -> list[PlanItem]:
    """The items with the prerequisites they lack added, in learning order (:data:`ORDER_RULE`),
    numbered, each prerequisite with its state and the item that readies a step marked."""
    before = prerequisites.before(ladder)
    foundation = {unit.skill for unit in ladder.foundation}
    # What the person holds rests on its prerequisites, however far back, and so does the role
    # they hold: those are behind them. The text's foundation is not: it is held only by holding
    # it, or a role (whose holder is taken to have it: planning.role_have).
    roots = [sid for sid, rank in now.items() if rank > 0]
    if first is not None:
        roots += [sid for unit in ladder.units(first) for sid in (unit.skill, *unit.any_of)]
    implied = prerequisites.behind(before, roots) - foundation

    known: dict[str, bool] = {}

    def held(sid: str) -> bool:
        found = known.get(sid)
        if found is None:
            found = known[sid] = sid in implied or held_level(ladder, now, sid) > 0
        return found

    lists = [prerequisites.of_row(ladder, unit, item["by"]["id"] if "by" in item else None)
             for item, unit in zip(items, units_of)]
    own = [{unit.skill, *((item["by"]["id"],) if "by" in item else ())} for item, unit in zip(items, units_of)]
    planned = {sid for item, skills in zip(items, own) if item["status"] != "done" for sid in skills}
    needs = [[p["id"] for p in listed_] if item["status"] != "done" else []
             for item, listed_ in zip(items, lists)]
    depth = prerequisites.depths(before)
    keys: list[tuple[int, ...]] = [
        (-i["value"]["steps"], _depth(depth, need), -i["value"]["roles_beyond"], n, p)
        for i, need, (n, p) in zip(items, needs, positions)]
    added = _added(ladder, me, items, needs, before, held, planned)
    for item, dependent in added:
        lists.append(listed(ladder, item["id"]))
        own.append({item["id"]})
        needs.append([p["id"] for p in lists[-1]])
        # As soon as the item that needs it is worth learning: its value, the added item's depth.
        worth = keys[dependent]
        keys.append((worth[0], _depth(depth, needs[-1]), *worth[2:]))
        items.append(item)
    step_of = [item["step"]["number"] for item in items]
    in_plan = planned | {item["id"] for item, _ in added}
    # A skill to learn in this plan is waited for, even where the person's skills rest on it.
    placed = milestone_order(own, needs, step_of, keys, before, lambda sid: sid not in in_plan and held(sid))
    out = [items[i] for i in placed]
    prereqs = [lists[i] for i in placed]
    # Open lines per step: a skipped one stays open (it is not going to be learned).
    open_left: dict[int, int] = {}
    for item in out:
        if item["status"] != "done":
            open_left[item["step"]["number"]] = open_left.get(item["step"]["number"], 0) + 1
    ready = 0  # the steps up to this one have nothing open left
    for number, (item, listed_) in enumerate(zip(out, prereqs), start=1):
        item["number"] = number
        item["prerequisites"] = [
            {**p, "state": "planned" if p["id"] in in_plan else "held"} for p in listed_
        ]
        item["ready_for"] = None
        if item["status"] in ("done", "skipped"):
            continue
        open_left[item["step"]["number"]] -= 1
        reached = ready
        while reached < len(steps) and not open_left.get(reached + 1, 0):
            reached += 1
        if reached > ready:
            ready = reached
            item["ready_for"] = role_at(ladder.roles[steps[reached - 1]["id"]])
    return out


def _depth(depth: Callable[[str], int], needs: list[str]) -> int:
    """How far up the prerequisite graph an item sits: 0 with no prerequisites, else one more
    than the deepest of them. Foundational items first, among those of equal value."""
    return 1 + max(map(depth, needs)) if needs else 0


def _added(ladder: Ladder, me: Person, items: list[PlanItem], needs: list[list[str]],
           before: Callable[[str], list[str]], held: Callable[[str], bool],
           planned: set[str]) -> list[tuple[PlanItem, int]]:
    """The items a plan adds: each prerequisite, however far back, that the person neither
    holds nor has among the items, with the item that first needs it. One the text's
    foundation names is a foundation item, at the foundation's level with its words
    (basis ``text``); any other is a prerequisite item, to learn to basic (enough to
    build on), with its link's basis and note."""
    foundation = {unit.skill: unit for unit in ladder.foundation}
    out: list[tuple[PlanItem, int]] = []
    for sid, dependent, needed_by in missing(needs, before, held, planned):
        skill = ladder.skills[sid]
        wanting = ladder.skills[needed_by] if needed_by else ladder.skills[items[dependent]["id"]]
        link = next((p for p in prerequisites.listed(ladder, wanting.id) if p["id"] == sid), None)
        unit = foundation.get(sid)
        item: PlanItem = {
            "number": 0, "kind": "foundation" if unit else "prerequisite",
            "basis": "text" if unit or (link and link["basis"] == "text") else "editorial",
            "id": sid, "name": skill.name, "category": skill.category,
            "level": unit.level if unit else "basic", "action": "gain", "held": None,
            "step": items[dependent]["step"], "wording": unit.wording if unit else "",
            "reason": (f"the text's foundation: \u201c{unit.wording}\u201d" if unit else
                       f"{wanting.name} builds on it" + (f": {link['note']}" if link and link["note"] else "")),
            "status": "learning" if me.marks.get(sid) == "learning" else
                      "skipped" if me.marks.get(sid) == "skipped" else "todo",
            "prerequisites": [], "value": {"steps": 0, "roles_beyond": 0},
            "unlocks": [], "ready_for": None, "learn": places(ladder, [sid]),
        }
        if unit is not None:
            row = requirement_item(ladder, unit)
            for field in ("any_of", "open", "part_of"):
                if field in row:
                    item[field] = row[field]
        out.append((item, dependent))
    return out


def _unlocked(role: Head, on_route: bool, wording: str) -> Unlocked:
    return {"id": role.id, "name": role.name, "stage": role.stage, "on_route": on_route, "requirement": wording}
