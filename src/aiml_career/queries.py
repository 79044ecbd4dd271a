"""Questions about a ladder, answered as plain data.

Each function returns dicts and lists shaped exactly like the ``--json``
output documented in README; the text renderer draws the same objects. No
function here prints.
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import UsageError
from .ladder import Ladder
from .levels import LEVEL_RANK
from .model import Role, Transition
from .planning import ref as skill_ref, requirement_item
from .requirements import skills_named

ONET_URL = "https://www.onetonline.org/link/summary/{code}"


# -- small shared pieces -----------------------------------------------------


def role_ref(role: Role) -> dict:
    return {"id": role.id, "name": role.name}


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
        stage = ladder.stage(stage)
    if track is not None:
        track = ladder.track(track)
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


def requirements(ladder: Ladder, role: Role) -> list[dict]:
    """The role's requirement rows, as every command shows them (README: Requirements)."""
    out = []
    for unit in ladder.units(role):
        item = requirement_item(ladder, unit)
        item["level_word"] = unit.level_word
        item["wording"] = unit.wording
        out.append(item)
    return out


def role_detail(ladder: Ladder, role: Role) -> dict:
    stage = ladder.stages[role.stage]
    track = ladder.tracks[role.track]

    def move(other: str, m: Transition) -> dict:
        return {"id": other, "name": ladder.roles[other].name, "kind": m.kind,
                "basis": m.basis, "note": m.note}

    nexts = [move(m.to, m) for m in role.next]
    prevs = [move(rid, m) for rid, m in ladder.previous[role.id]]
    rows = requirements(ladder, role)
    # Every skill the requirements name, broad ones and alternatives too, at the row's level.
    named: dict[str, dict] = {}
    for row in rows:
        for skill in (row, *row.get("any_of", ())):
            named.setdefault(skill["id"], {**skill_ref(ladder, skill["id"], row["level"]),
                                           "wording": row["wording"]})
        if "part_of" in row:
            named.setdefault(row["part_of"]["id"], {**skill_ref(ladder, row["part_of"]["id"], row["level"]),
                                                    "wording": row["wording"]})
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
        "requirements": rows,
        "skills": list(named.values()),
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
            if related.intersection(skills_named(r))
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
                "roles": len({role.id for role, _ in ladder.skill_users[skill.id]}),
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
            {"id": r.id, "name": r.name, "stage": r.stage, "level": unit.level,
             "as": "required" if unit.skill == skill.id else "group" if unit.part_of == skill.id else "alternative",
             "requirement": _group(ladder, r, unit) if unit.part_of == skill.id else requirement_item(ladder, unit),
             "wording": unit.wording}
            for r, unit in sorted(
                ladder.skill_users[skill.id],
                key=lambda pair: (ladder.stages[pair[0].stage].order, -LEVEL_RANK[pair[1].level]),
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


def _group(ladder: Ladder, role: Role, unit) -> dict:
    """The all-of group ``unit`` is a part of, as one item: the broad skill and ``all_of``."""
    req = next(r for r in role.requirements if r.skill == unit.part_of and unit.skill in r.all_of)
    return {**skill_ref(ladder, unit.part_of, unit.level), "all_of": [skill_ref(ladder, s, unit.level) for s in req.all_of]}


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
    """Roles side by side: their requirement rows, shared, only one role's, and level differences.

    Rows are matched by the skill they are about; a row of alternatives keeps
    each role's own list (``any_of`` by role).
    """
    chosen = list(dict.fromkeys(ladder.role(q).id for q in queries))
    if len(chosen) < 2:
        others = [rid for rid in ladder.roles if rid not in chosen][:1]
        hints = [f"for example: aiml-career compare {' '.join([*chosen, *others])}"] if others else []
        raise UsageError("compare needs at least two different roles", [*hints, "see them all with: aiml-career roles"])
    picked = [ladder.roles[rid] for rid in chosen]
    rows: dict[str, dict] = {}
    for role in picked:
        for unit in ladder.units(role):
            item = rows.setdefault(unit.skill, {**skill_ref(ladder, unit.skill), "levels": {}})
            item["levels"][role.id] = unit.level
            if unit.any_of:
                item.setdefault("any_of", {})[role.id] = [skill_ref(ladder, a) for a in unit.any_of]
    shared: list[dict] = []
    some: list[dict] = []
    differ: list[dict] = []
    only: dict[str, list[dict]] = {rid: [] for rid in chosen}
    for item in rows.values():
        by_role = item["levels"]
        if len(by_role) == 1:
            (rid, level), = by_role.items()
            only[rid].append({k: v for k, v in item.items() if k != "levels"} | {"level": level})
            continue
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
                "requirements": requirements(ladder, r),
            }
            for r in picked
        ],
        "shared_skills": shared,
        "some_skills": some,
        "only": only,
        "level_differences": differ,
    }




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
                     "next": [{"id": m.to, "kind": m.kind, "basis": m.basis} for m in r.next]}
                    for r in ladder.roles_by_stage[stage.id]
                ],
            }
            for stage in ladder.stages.values()
        ],
    }
