"""Questions about a ladder, answered as plain data.

Each function returns dicts and lists shaped exactly like the ``--json``
output documented in README; the text renderer draws the same objects. No
function here prints.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .errors import UsageError
from .ladder import LEVEL_RANK, Ladder
from .model import LEVELS, Role, RoleSkill, Transition

#: Skills a person holds: skill id -> level rank (1 basic .. 4 expert).
Have = Mapping[str, int]

ONET_URL = "https://www.onetonline.org/link/summary/{code}"


# -- small shared pieces -----------------------------------------------------


def role_ref(role: Role) -> dict:
    return {"id": role.id, "name": role.name}


def skill_ref(ladder: Ladder, skill_id: str, level: str | None = None) -> dict:
    skill = ladder.skills[skill_id]
    out = {"id": skill.id, "name": skill.name, "category": skill.category}
    if level is not None:
        out["level"] = level
    return out


def role_have(role: Role) -> dict[str, int]:
    """The skills a role's holder is taken to have, at the role's levels."""
    return {need.skill: LEVEL_RANK[need.level] for need in role.skills}


def merge_have(*haves: Have) -> dict[str, int]:
    merged: dict[str, int] = {}
    for have in haves:
        for skill_id, rank in have.items():
            merged[skill_id] = max(rank, merged.get(skill_id, 0))
    return merged


def held_rank(ladder: Ladder, have: Have, skill_id: str) -> int:
    """Level held of a skill; holding a skill it ``includes`` counts too."""
    rank = have.get(skill_id, 0)
    for part in ladder.skills[skill_id].includes:
        rank = max(rank, have.get(part, 0))
    return rank


def requirements(ladder: Ladder, role: Role) -> list[list[RoleSkill]]:
    """The role's skills as requirements, each met by any one of its members.

    See :meth:`Ladder.requirements`.
    """
    return ladder.requirements(role)


def _best(ladder: Ladder, have: Have, group: list[RoleSkill]) -> tuple[float, RoleSkill, int]:
    """(share met, member, level held) for the member of a requirement held best."""
    if len(group) == 1:  # the common case, without the tie-break bookkeeping
        need = group[0]
        held = held_rank(ladder, have, need.skill)
        required = LEVEL_RANK[need.level]
        return min(held, required) / required, need, held
    scored = []
    for need in group:
        held = held_rank(ladder, have, need.skill)
        required = LEVEL_RANK[need.level]
        # On a tie, the skill the person names beats a broad one held through it.
        scored.append((min(held, required) / required, need.skill in have, need, held))
    share, _, need, held = max(scored, key=lambda item: item[:2])
    return share, need, held


def assess(ladder: Ladder, role: Role, have: Have) -> tuple[list[dict], list[dict], float]:
    """(skills to gain, skills to deepen, readiness) for someone with ``have`` to fill ``role``.

    A requirement with alternatives appears once: to gain (with ``any_of``
    listing the alternatives) when no member is held, to deepen (the member
    held best) when one is held below its level.

    readiness = 100 * sum(min(held, required)) / sum(required) over the
    role's requirements (see :func:`requirements`), with levels ranked
    basic=1, proficient=2, advanced=3, expert=4 and held=0 for a skill not
    held. A requirement with alternatives counts once, at its broad skill's
    level, with the share of its best-held member. A role that lists no
    skills is 100.
    """
    gain: list[dict] = []
    deepen: list[dict] = []
    required = met = 0.0
    for group in requirements(ladder, role):
        share, need, held = _best(ladder, have, group)
        weight = LEVEL_RANK[group[0].level]
        required += weight
        met += weight * share
        if share >= 1:
            continue
        if held == 0:
            head = group[0]
            item = skill_ref(ladder, head.skill, head.level)
            if len(group) > 1:
                item["any_of"] = [skill_ref(ladder, n.skill, n.level) for n in group[1:]]
            gain.append(item)
        else:
            item = skill_ref(ladder, need.skill)
            item["from"] = LEVELS[held - 1]
            item["to"] = need.level
            deepen.append(item)
    score = round(100 * met / required, 1) if required else 100.0
    return gain, deepen, score


def skill_gap(ladder: Ladder, role: Role, have: Have) -> tuple[list[dict], list[dict]]:
    """(skills to gain, skills to deepen): see :func:`assess`."""
    gain, deepen, _ = assess(ladder, role, have)
    return gain, deepen


def readiness(ladder: Ladder, role: Role, have: Have) -> float:
    """Level-weighted share of the role's requirements met, in percent: see :func:`assess`."""
    return assess(ladder, role, have)[2]


def fitting(ladder: Ladder, role: Role) -> tuple[list[dict], list[dict]]:
    """(specializations, certifications) related to the skills ``role`` needs."""
    ids = {need.skill for need in role.skills}
    specs = [
        {"id": s.id, "name": s.name}
        for s in ladder.specializations.values()
        if ids.intersection(s.skills)
    ]
    certs = [
        {"id": r.id, "name": r.name, "provider": r.provider}
        for r in ladder.resources.values()
        if r.kind == "certification" and ids.intersection(r.skills)
    ]
    return specs, certs


# -- listings ----------------------------------------------------------------


def stages(ladder: Ladder) -> list[dict]:
    """The stages in order, each with its roles (and, for one, the education)."""
    education = ladder.doc.education
    out = []
    for stage in ladder.stages.values():
        item = {
            "id": stage.id,
            "name": stage.name,
            "order": stage.order,
            "summary": stage.summary,
            "roles": [
                {"id": r.id, "name": r.name, "track": r.track}
                for r in ladder.roles_by_stage[stage.id]
            ],
        }
        if education is not None and education.stage == stage.id:
            item["foundation"] = foundation(ladder)
        out.append(item)
    return out


def foundation(ladder: Ladder) -> dict:
    edu = ladder.doc.education
    if edu is None:
        return {}
    return {
        "degrees": [d.model_dump() for d in edu.degrees],
        "notes": list(edu.notes),
        "math_foundation": [skill_ref(ladder, s) for s in edu.math_foundation],
        "key_skills_text": edu.key_skills_text,
        "key_skills": [skill_ref(ladder, s) for s in edu.key_skills],
    }


def roles(ladder: Ladder, stage: str | None = None, track: str | None = None) -> list[dict]:
    """All roles in ladder order, optionally only one stage's or one track's."""
    if stage is not None:
        stage = _pick(stage, ladder.stages, "stage", "aiml-career stages")
    if track is not None:
        track = _pick(track, ladder.tracks, "track", "aiml-career roles (the Track column)")
    return [
        {
            "id": r.id,
            "name": r.name,
            "stage": r.stage,
            "track": r.track,
            "aliases": list(r.aliases),
            "summary": r.summary,
        }
        for sid in ladder.stages
        for r in ladder.roles_by_stage[sid]
        if (stage is None or r.stage == stage) and (track is None or r.track == track)
    ]


def _pick(query: str, known: Mapping[str, object], noun: str, listing: str = "") -> str:
    """A stage or track id from its id or name, forgivingly."""
    from .resolve import Entry, NameIndex

    if query in known:
        return query
    index = NameIndex(noun, ((Entry(k, getattr(v, "name", k)), ()) for k, v in known.items()), listing)
    return index.resolve(query).id


def show(ladder: Ladder, query: str) -> dict:
    """A role, or a specialization, in full."""
    from .errors import LookupFailed

    try:
        entry = ladder.role_or_specialization(query)
    except LookupFailed as failure:
        skills = ladder.skill_index.exact(query)
        if len(skills) == 1 and not failure.ambiguous:
            failure.hints.append(f"{skills[0].name} is a skill: aiml-career skills {skills[0].id}")
        raise
    if entry.kind == "specialization":
        return specialization(ladder, entry.id)
    return role_detail(ladder, ladder.roles[entry.id])


def role_detail(ladder: Ladder, role: Role) -> dict:
    stage = ladder.stages[role.stage]
    track = ladder.tracks[role.track]
    def move(other: str, m: Transition) -> dict:
        return {"id": other, "name": ladder.roles[other].name, "kind": m.kind,
                "stated": m.stated, "note": m.note}

    nexts = [move(m.to, m) for m in role.next]
    prevs = [move(rid, m) for rid, m in ladder.previous[role.id]]
    skills = []
    for need in role.skills:
        item = skill_ref(ladder, need.skill, need.level)
        item["category_name"] = ladder.categories[item["category"]].name
        item["wording"] = need.wording
        skills.append(item)
    return {
        "type": "role",
        "id": role.id,
        "name": role.name,
        "aliases": list(role.aliases),
        "stage": stage.id,
        "stage_name": stage.name,
        "track": track.id,
        "track_name": track.name,
        "summary": role.summary,
        "responsibilities": list(role.responsibilities),
        "skills_text": role.skills_text,
        "skills": skills,
        "next": [m["id"] for m in nexts],
        "previous": [m["id"] for m in prevs],
        "next_moves": nexts,
        "previous_moves": prevs,
        "occupations": [
            {**o.model_dump(), "url": ONET_URL.format(code=o.code)} for o in role.occupations
        ],
    }


def specialization(ladder: Ladder, spec_id: str) -> dict:
    spec = ladder.specializations[spec_id]
    related = set(spec.skills)
    return {
        "type": "specialization",
        "id": spec.id,
        "name": spec.name,
        "aliases": list(spec.aliases),
        "description": spec.description,
        "examples": list(spec.examples),
        "skills": [skill_ref(ladder, s) for s in spec.skills],
        "roles": [
            role_ref(r)
            for r in ladder.doc.roles
            if related.intersection(need.skill for need in r.skills)
        ],
    }


def specializations(ladder: Ladder) -> dict:
    """The text's lead-in sentence and every specialization."""
    return {
        "intro": ladder.doc.specializations_intro,
        "specializations": [specialization(ladder, sid) for sid in ladder.specializations],
    }


def skills(ladder: Ladder) -> list[dict]:
    """The skill vocabulary by category, key categories first."""
    by_category: dict[str, list[dict]] = {cid: [] for cid in ladder.categories}
    for skill in ladder.doc.skills:
        by_category[skill.category].append(
            {
                "id": skill.id,
                "name": skill.name,
                "aliases": list(skill.aliases),
                "includes": list(skill.includes),
                "roles": len(ladder.skill_users[skill.id]),
            }
        )
    categories = sorted(ladder.doc.skill_categories, key=lambda c: not c.key)
    return [
        {
            "id": c.id,
            "name": c.name,
            "key": c.key,
            "description": c.description,
            "key_skills": [skill_ref(ladder, s) for s in c.key_skills],
            "skills": by_category[c.id],
        }
        for c in categories
    ]


def skill_detail(ladder: Ladder, query: str) -> dict:
    """One skill, with every role that needs it and at which level."""
    from .errors import LookupFailed

    try:
        skill = ladder.skill(query)
    except LookupFailed as failure:
        shows = ladder.show_index.exact(query)
        if len(shows) == 1 and not failure.ambiguous:
            failure.hints.insert(0, f"{shows[0].name} is a {shows[0].kind}: aiml-career show {shows[0].id}")
        raise
    category = ladder.categories[skill.category]
    return {
        "id": skill.id,
        "name": skill.name,
        "category": category.id,
        "category_name": category.name,
        "aliases": list(skill.aliases),
        "includes": [skill_ref(ladder, s) for s in skill.includes],
        "roles": [
            {"id": r.id, "name": r.name, "stage": r.stage, "level": level}
            for r, level in sorted(
                ladder.skill_users[skill.id],
                key=lambda pair: (ladder.stages[pair[0].stage].order, -LEVEL_RANK[pair[1]]),
            )
        ],
        "specializations": [
            {"id": s.id, "name": s.name}
            for s in ladder.specializations.values()
            if skill.id in s.skills
        ],
        "resources": [
            {"id": r.id, "name": r.name, "kind": r.kind}
            for r in ladder.resources.values()
            if skill.id in r.skills
        ],
    }


def education(ladder: Ladder) -> dict:
    """The educational foundation and the advanced degrees."""
    edu = ladder.doc.education
    return {
        "stage": edu.stage if edu else None,
        **foundation(ladder),
        "advanced_degrees": _resources_of(ladder, "degree"),
    }


def resources(ladder: Ladder) -> dict:
    """Courses, certifications, degrees, and the closing advice."""
    return {
        "online_courses": _resources_of(ladder, "online-course"),
        "certifications": _resources_of(ladder, "certification"),
        "advanced_degrees": _resources_of(ladder, "degree"),
        "advice": ladder.doc.conclusion,
    }


def _resources_of(ladder: Ladder, kind: str) -> list[dict]:
    return [
        {
            "id": r.id,
            "name": r.name,
            "provider": r.provider,
            "description": r.description,
            "skills": [skill_ref(ladder, s) for s in r.skills],
        }
        for r in ladder.resources.values()
        if r.kind == kind
    ]


# -- comparing and moving on -------------------------------------------------


def compare(ladder: Ladder, queries: Iterable[str]) -> dict:
    """Roles side by side: shared skills, skills only one needs, level differences."""
    chosen = list(dict.fromkeys(ladder.role(q).id for q in queries))
    if len(chosen) < 2:
        others = [rid for rid in ladder.roles if rid not in chosen][:1]
        hints = [f"for example: aiml-career compare {' '.join([*chosen, *others])}"] if others else []
        raise UsageError("compare needs at least two different roles", [*hints, "see them all with: aiml-career roles"])
    picked = [ladder.roles[rid] for rid in chosen]
    levels: dict[str, dict[str, str]] = {}
    for role in picked:
        for need in role.skills:
            levels.setdefault(need.skill, {})[role.id] = need.level
    shared, some, differ = [], [], []
    only: dict[str, list[dict]] = {rid: [] for rid in chosen}
    for skill_id, by_role in levels.items():
        if len(by_role) == 1:
            (rid, level), = by_role.items()
            only[rid].append(skill_ref(ladder, skill_id, level))
            continue
        item = {**skill_ref(ladder, skill_id), "levels": by_role}
        (shared if len(by_role) == len(chosen) else some).append(item)
        if len(set(by_role.values())) > 1:
            differ.append(item)
    return {
        "roles": [
            {
                "id": r.id,
                "name": r.name,
                "stage": r.stage,
                "track": r.track,
                "responsibilities": list(r.responsibilities),
            }
            for r in picked
        ],
        "shared_skills": shared,
        "some_skills": some,
        "only": only,
        "level_differences": differ,
    }


def next_steps(ladder: Ladder, query: str, have: Have | None = None) -> dict:
    """Where a role leads, with the skills to gain and deepen for each move.

    Without ``have`` the person is taken to hold the role's own skills; with
    it, those plus ``have`` (the person's profile or ``--have``), and each
    move gets a readiness score.
    """
    role = ladder.role(query)
    held = merge_have(role_have(role), have or {})
    moves = []
    for move in role.next:
        target = ladder.roles[move.to]
        gain, deepen, score = assess(ladder, target, held)
        specs, certs = fitting(ladder, target)
        item = {
            "id": target.id,
            "name": target.name,
            "stage": target.stage,
            "kind": move.kind,
            "stated": move.stated,
            "skills_to_gain": gain,
            "skills_to_deepen": deepen,
            "specializations": specs,
            "certifications": certs,
        }
        if have is not None:
            item["readiness"] = score
        moves.append(item)
    return {"from": {**role_ref(role), "stage": role.stage}, "next": moves}


def mark_progress(result: object, marks: Mapping[str, str]) -> None:
    """Add ``"status"`` to every gap item the person marks as learning or skipped.

    Walks a query result (next, path, match) and tags each item of
    ``skills_to_gain`` and ``skills_to_deepen`` whose skill, or one of whose
    alternatives, ``marks`` names.
    """
    if not marks:
        return
    if isinstance(result, list):
        for value in result:
            mark_progress(value, marks)
        return
    if not isinstance(result, dict):
        return
    for key, value in result.items():
        if key in ("skills_to_gain", "skills_to_deepen"):
            for item in value:
                ids = [item["id"], *(a["id"] for a in item.get("any_of", ()))]
                status = next((marks[i] for i in ids if i in marks), None)
                if status is not None:
                    item["status"] = status
        else:
            mark_progress(value, marks)


# -- the person: skills held -------------------------------------------------

#: Words accepted after ``:`` in ``--have``, and the level each means.
LEVEL_WORDS = {
    "basic": "basic", "basic knowledge": "basic", "familiar": "basic", "familiarity": "basic",
    "beginner": "basic", "1": "basic",
    "proficient": "proficient", "proficiency": "proficient", "knowledge": "proficient",
    "understanding": "proficient", "intermediate": "proficient", "2": "proficient",
    "advanced": "advanced", "experience": "advanced", "experienced": "advanced", "strong": "advanced",
    "3": "advanced",
    "expert": "expert", "expertise": "expert", "extensive": "expert", "in-depth": "expert",
    "deep": "expert", "4": "expert",
}
#: Level of a skill given without ``:level``.
DEFAULT_LEVEL = "proficient"


def parse_level(word: str) -> str:
    level = LEVEL_WORDS.get(" ".join(word.split()).casefold())
    if level is None:
        raise UsageError(
            f"unknown skill level {word.strip()[:40]!r}",
            [f"levels: {', '.join(LEVELS)} (or 1-4, or the text's words: familiarity, "
             "knowledge, experience, expertise, ...)"],
        )
    return level


def parse_skill_specs(ladder: Ladder, specs: Iterable[str]) -> dict[str, str | None]:
    """``["python, sql", "pandas:advanced"]`` -> ``{"python": None, ..., "pandas": "advanced"}``.

    Names are skill ids, names or aliases, any case; an unknown one is an
    error with suggestions, never dropped. The level is None when not given.
    """
    found: dict[str, str | None] = {}
    for spec in specs:
        for part in spec.split(","):
            if not part.strip():
                continue
            name, sep, level_word = part.rpartition(":")
            if not sep:
                name, level_word = part, ""
            if sep and not level_word.strip():
                raise UsageError(
                    f"no level after ':' in {part.strip()[:40]!r}",
                    ["give one (python:advanced) or leave out the ':' for proficient"],
                )
            level = parse_level(level_word) if sep else None
            skill = ladder.skill(name.strip())
            old = found.get(skill.id)
            if skill.id not in found or LEVEL_RANK.get(level or "", 0) > LEVEL_RANK.get(old or "", 0):
                found[skill.id] = level
    if not found:
        shown = ", ".join(repr(s.strip()[:40]) for s in specs) or "nothing"
        raise UsageError(
            f"no skills given (got {shown})",
            ["name skills by id, name or alias, comma-separated: \"python, sql:advanced\""],
        )
    return found


def parse_have(ladder: Ladder, specs: Iterable[str]) -> dict[str, str]:
    """Like :func:`parse_skill_specs`, with :data:`DEFAULT_LEVEL` where none is given."""
    return {k: v or DEFAULT_LEVEL for k, v in parse_skill_specs(ladder, specs).items()}


def ranks(have: Mapping[str, str]) -> dict[str, int]:
    return {skill_id: LEVEL_RANK[level] for skill_id, level in have.items()}


def profile_view(ladder: Ladder, profile, path) -> dict:
    """A saved profile (or None) as data, skills grouped by status."""
    role = None
    skills = []
    if profile is not None:
        if profile.role is not None:
            known = ladder.roles.get(profile.role)
            role = {"id": profile.role, "name": known.name if known else None}
        for skill_id, entry in sorted(profile.skills.items()):
            known_skill = ladder.skills.get(skill_id)
            skills.append({
                "id": skill_id,
                "name": known_skill.name if known_skill else None,
                "level": entry.level,
                "status": entry.status,
            })
    return {"path": str(path), "exists": profile is not None, "role": role, "skills": skills}


# -- paths -----------------------------------------------------------------------


def _moves(ladder: Ladder, allow_lateral: bool) -> dict[str, list[tuple[str, str]]]:
    return {
        role.id: [(m.to, m.kind) for m in role.next if allow_lateral or m.kind == "promotion"]
        for role in ladder.doc.roles
    }


def path(
    ladder: Ladder,
    start: str,
    goal: str,
    *,
    have: Have | None = None,
    allow_lateral: bool = False,
    limit: int = 5,
) -> dict:
    """The shortest routes from ``start`` to ``goal``, with the skills each step needs.

    Breadth-first over the transitions (promotions; lateral moves too with
    ``allow_lateral``). Every shortest route is counted; at most ``limit``
    are listed, in ladder order. The person holds the start role's skills
    plus ``have``; each step adds the skills of the role reached.
    """
    from collections import deque

    from .errors import CareerError

    first, last = ladder.role(start), ladder.role(goal)
    if first.id == last.id:
        raise UsageError(f"--from and --to are the same role: {first.id}")
    if limit < 1:
        raise UsageError("--max must be at least 1")
    moves = _moves(ladder, allow_lateral)
    dist = {first.id: 0}
    parents: dict[str, list[tuple[str, str]]] = {first.id: []}
    count = {first.id: 1}
    queue = deque([first.id])
    while queue:
        here = queue.popleft()
        if here == last.id:
            break
        for there, kind in moves[here]:
            if there not in dist:
                dist[there] = dist[here] + 1
                parents[there] = []
                count[there] = 0
                queue.append(there)
            if dist[there] == dist[here] + 1:
                parents[there].append((here, kind))
                count[there] += count[here]
    if last.id not in dist:
        hint = [] if allow_lateral else ["lateral moves are left out; try --allow-lateral"]
        raise CareerError(f"no route from {first.id} to {last.id}", hint)

    # The roles on some shortest route, and the moves between them, walked
    # forwards from the start with each role's choices in ladder order, so
    # that the routes come out in ladder order and --max keeps the first ones.
    on_route = {last.id}
    stack = [last.id]
    while stack:
        for parent, _ in parents[stack.pop()]:
            if parent not in on_route:
                on_route.add(parent)
                stack.append(parent)
    position = {r.id: (ladder.stages[r.stage].order, i) for i, r in enumerate(ladder.doc.roles)}
    children: dict[str, list[tuple[str, str]]] = {}
    for node in on_route:
        for parent, kind in parents[node]:
            children.setdefault(parent, []).append((node, kind))
    for choices in children.values():
        choices.sort(key=lambda choice: position[choice[0]])

    routes: list[list[tuple[str, str]]] = []
    pending: list[tuple[str, list[tuple[str, str]]]] = [(first.id, [])]
    while pending and len(routes) < limit:  # depth first, in ladder order
        node, head = pending.pop()
        if node == last.id:
            routes.append(head)
            continue
        for child, kind in reversed(children.get(node, [])):
            pending.append((child, [*head, (child, kind)]))

    stated = {(r.id, m.to): m.stated for r in ladder.doc.roles for m in r.next}
    start_held = merge_have(role_have(first), have or {})
    listed = []
    for route in routes:
        held = dict(start_held)
        steps = []
        here = first.id
        gained: set[str] = set()
        deepened: set[str] = set()
        for role_id, kind in route:
            role = ladder.roles[role_id]
            gain, deepen = skill_gap(ladder, role, held)
            steps.append({**role_ref(role), "stage": role.stage, "kind": kind,
                          "stated": stated[here, role_id],
                          "skills_to_gain": gain, "skills_to_deepen": deepen})
            gained.update(s["id"] for s in gain)
            deepened.update(s["id"] for s in deepen)
            held = merge_have(held, role_have(role))
            here = role_id
        # Along the whole route: every skill gained once, every one deepened (not gained) once.
        listed.append({"steps": steps, "skills_gained": len(gained),
                       "skills_deepened": len(deepened - gained)})
    gain, deepen = skill_gap(ladder, last, start_held)
    result = {
        "from": {**role_ref(first), "stage": first.stage},
        "to": {**role_ref(last), "stage": last.stage},
        "allow_lateral": allow_lateral,
        "moves": dist[last.id],
        "routes_found": count[last.id],
        "routes": listed,
        "total_gap": {"skills_to_gain": gain, "skills_to_deepen": deepen},
    }
    if have is not None:
        result["readiness"] = readiness(ladder, last, start_held)
    return result


# -- matching and search -----------------------------------------------------------


def match(
    ladder: Ladder,
    have: Have,
    *,
    top: int | None = None,
    stage: str | None = None,
    current: str | None = None,
) -> list[dict]:
    """Every role ranked by readiness for ``have``, with what each still needs.

    The ``current`` role (the person's own) is marked ``"current": true``.
    """
    if stage is not None:
        stage = _pick(stage, ladder.stages, "stage")
    if top is not None and top < 1:
        raise UsageError("--top must be at least 1")
    ranked = []
    for role in ladder.doc.roles:
        if stage is not None and role.stage != stage:
            continue
        gain, deepen, score = assess(ladder, role, have)
        ranked.append({
            **role_ref(role),
            "stage": role.stage,
            "readiness": score,
            "skills_to_gain": gain,
            "skills_to_deepen": deepen,
            "current": role.id == current,
        })
    order = {sid: i for i, sid in enumerate(ladder.stages)}
    ranked.sort(key=lambda r: (-r["readiness"], order[r["stage"]], r["id"]))
    return ranked[:top] if top is not None else ranked


def tree(ladder: Ladder) -> dict:
    """The whole ladder nested: stages, their roles, and where each role leads."""
    return {
        "title": ladder.doc.title,
        "stages": [
            {
                "id": stage.id,
                "name": stage.name,
                "roles": [
                    {**role_ref(r), "track": r.track,
                     "next": [{"id": m.to, "kind": m.kind, "stated": m.stated} for m in r.next]}
                    for r in ladder.roles_by_stage[stage.id]
                ],
            }
            for stage in ladder.stages.values()
        ],
    }
