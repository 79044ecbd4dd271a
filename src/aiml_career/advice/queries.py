"""Questions about a ladder, answered as plain data.

Each function returns dicts and lists shaped exactly like the ``--json``
output documented in docs/json.md; the text renderer draws the same objects. No
function here prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, cast

from ..errors import LookupFailed, UsageError
from ..ladder.index import Head, Ladder
from ..ladder.levels import LEVEL_RANK
from ..ladder.model import Role, Transition
from ..ladder.pieces import name_ref, requirement_item, skill_ref
from ..ladder.places import places
from ..ladder.prerequisites import listed
from ..ladder.requirements import Unit

if TYPE_CHECKING:
    from ..results.common import GroupRequirement, Move, RequirementRow, Resource
    from ..results.documents import Handbook
    from ..results.ladder import (
        Compare,
        CompareRow,
        Education,
        Foundation,
        OnlyRow,
        OverlayMark,
        Resources,
        RoleDetail,
        RoleRow,
        Show,
        SkillCategory,
        SkillDetail,
        SkillRow,
        SpecializationDetail,
        Specializations,
        StageItem,
        Tree,
        WordedSkill,
    )

ONET_URL = "https://www.onetonline.org/link/summary/{code}"


# -- listings ----------------------------------------------------------------


def stages(ladder: Ladder) -> list[StageItem]:
    """The stages in order, each with its roles (and, for one, the education)."""
    education = ladder.education
    out: list[StageItem] = []
    for stage in ladder.stages.values():
        item: StageItem = {
            "id": stage.id,
            "name": stage.name,
            "order": stage.order,
            "summary": stage.summary,
            "roles": [
                {"id": r.id, "name": r.name, "track": r.track}
                for r in ladder.roles_by_stage[stage.id]
            ],
        }
        found = foundation(ladder) if education is not None and education.stage == stage.id else None
        if found is not None:
            item["foundation"] = found
        out.append(item)
    return out


def foundation(ladder: Ladder) -> Foundation | None:
    edu = ladder.education
    if edu is None:
        return None
    return {
        "degrees": [{"id": d.id, "name": d.name, "fields": list(d.fields), "description": d.description}
                    for d in edu.degrees],
        "notes": list(edu.notes),
        "math_foundation": [skill_ref(ladder, s) for s in edu.math_foundation],
        "key_skills_text": edu.key_skills_text,
        "key_skills": [skill_ref(ladder, s) for s in edu.key_skills],
    }


def roles(ladder: Ladder, stage: str | None = None, track: str | None = None) -> list[RoleRow]:
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


def show(ladder: Ladder, query: str) -> Show:
    """A role, or a specialization, in full."""
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


def requirements(ladder: Ladder, role: Role) -> list[RequirementRow]:
    """The role's requirement rows, as every command shows them (docs/planning.md: Requirements)."""
    return [
        {**requirement_item(ladder, unit), "level_word": unit.level_word, "wording": unit.wording}
        for unit in ladder.units(role)
    ]


def role_detail(ladder: Ladder, role: Role) -> RoleDetail:
    stage = ladder.stages[role.stage]
    track = ladder.tracks[role.track] if role.track is not None else None

    def move(other: str, m: Transition) -> Move:
        return {"id": other, "name": ladder.roles[other].name, "kind": m.kind,
                "basis": m.basis, "note": m.note}

    nexts = [move(m.to, m) for m in role.next]
    prevs = [move(rid, m) for rid, m in ladder.leads_in(role.id)]
    rows = requirements(ladder, role)
    # Every skill the requirements name, broad ones and alternatives too, at the row's level.
    named: dict[str, WordedSkill] = {}
    for row in rows:
        ids = [row["id"], *(a["id"] for a in row.get("any_of", ()))]
        if "part_of" in row:
            ids.append(row["part_of"]["id"])
        for sid in ids:
            if sid not in named:
                skill = ladder.skills[sid]
                named[sid] = {"id": sid, "name": skill.name, "category": skill.category,
                              "level": row["level"], "wording": row["wording"]}
    return {
        "type": "role",
        "id": role.id,
        "name": role.name,
        "aliases": list(role.aliases),
        "stage": stage.id,
        "stage_name": stage.name,
        "track": track.id if track else None,
        "track_name": track.name if track else None,
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
            {"system": o.system, "code": o.code, "title": o.title, "url": ONET_URL.format(code=o.code)}
            for o in role.occupations
        ],
        "overlay": overlay_mark(ladder, role.id),
    }


def overlay_mark(ladder: Ladder, role_id: str) -> OverlayMark | None:
    """What an overlay did to the role, or None (docs/ladder.md: Overlays)."""
    mark = ladder.overlay.get(role_id)
    if mark is None:
        return None
    change, file = mark
    return {"change": cast("Literal['added', 'replaced', 'extended']", change), "file": file}


def specialization(ladder: Ladder, spec_id: str) -> SpecializationDetail:
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
        "skills_basis": spec.skills_basis,
        "skills_note": spec.skills_note,
        "roles": [name_ref(r) for r in ladder.roles_naming(related)],
    }


def specializations(ladder: Ladder) -> Specializations:
    """The text's lead-in sentence and every specialization."""
    return {
        "intro": ladder.specializations_intro,
        "specializations": [specialization(ladder, sid) for sid in ladder.specializations],
    }


def skills(ladder: Ladder) -> list[SkillCategory]:
    """The skill vocabulary by category, key categories first."""
    by_category: dict[str, list[SkillRow]] = {cid: [] for cid in ladder.categories}
    # Read from compact rows (a big ladder's index): no skill or role built as a model.
    counts, parts = ladder.naming_counts, ladder.skill_includes
    for skill in ladder.skill_heads.values():
        by_category[skill.category].append(
            {
                "id": skill.id,
                "name": skill.name,
                "description": skill.description,
                "aliases": list(skill.aliases),
                "includes": list(parts.get(skill.id, ())),
                "roles": counts[skill.id],
            }
        )
    categories = sorted(ladder.categories.values(), key=lambda c: not c.key)
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


def skill_detail(ladder: Ladder, query: str) -> SkillDetail:
    """One skill, with every role that needs it and at which level."""
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
        "description": skill.description,
        "includes": [skill_ref(ladder, s) for s in skill.includes],
        "roles": [
            {"id": r.id, "name": r.name, "stage": r.stage, "level": unit.level,
             "as": "required" if unit.skill == skill.id else "group" if unit.part_of == skill.id else "alternative",
             "requirement": (_group(ladder, r, unit, skill.id) if unit.part_of == skill.id
                             else requirement_item(ladder, unit)),
             "wording": unit.wording}
            for r, unit in sorted(
                ladder.users_of(skill.id),
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


def _group(ladder: Ladder, role: Head, unit: Unit, broad_id: str) -> GroupRequirement:
    """The all-of group of ``broad_id`` that ``unit`` is a part of, as one item."""
    req = next(r for r in ladder.roles[role.id].requirements if r.skill == broad_id and unit.skill in r.all_of)
    broad = ladder.skills[broad_id]
    return {"id": broad.id, "name": broad.name, "category": broad.category, "level": unit.level,
            "all_of": [skill_ref(ladder, s, unit.level) for s in req.all_of]}


def education(ladder: Ladder) -> Education:
    """The educational foundation and the advanced degrees."""
    edu = ladder.education
    found = foundation(ladder)
    degrees = _resources_of(ladder, "degree")
    if edu is None or found is None:  # the same keys, empty: a ladder may give no education
        return {"stage": None, "degrees": [], "notes": [], "math_foundation": [], "key_skills_text": "",
                "key_skills": [], "advanced_degrees": degrees}
    return {"stage": edu.stage, **found, "advanced_degrees": degrees}


def resources(ladder: Ladder) -> Resources:
    """Courses, certifications, degrees, and the closing advice."""
    return {
        "online_courses": _resources_of(ladder, "online-course"),
        "certifications": _resources_of(ladder, "certification"),
        "advanced_degrees": _resources_of(ladder, "degree"),
        "advice": ladder.conclusion,
    }


def _resources_of(ladder: Ladder, kind: str) -> list[Resource]:
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


def compare(ladder: Ladder, queries: Iterable[str]) -> Compare:
    """Roles side by side: their requirement rows, shared, only one role's, and level differences.

    Rows are matched by the skill they are about; a row of alternatives keeps
    each role's own list (``any_of`` by role).
    """
    from .overlap import overlap  # here: show and the listings need no readiness (start-up)

    chosen = list(dict.fromkeys(ladder.role(q).id for q in queries))
    if len(chosen) < 2:
        others = [rid for rid in ladder.roles if rid not in chosen][:1]
        hints = [f"for example: aiml-career compare {' '.join([*chosen, *others])}"] if others else []
        raise UsageError("compare needs at least two different roles", [*hints, "see them all with: aiml-career roles"])
    picked = [ladder.roles[rid] for rid in chosen]
    rows: dict[str, CompareRow] = {}
    for role in picked:
        for unit in ladder.units(role):
            skill = ladder.skills[unit.skill]
            item = rows.setdefault(
                unit.skill, {"id": skill.id, "name": skill.name, "category": skill.category, "levels": {}}
            )
            item["levels"][role.id] = unit.level
            if unit.any_of:
                item.setdefault("any_of", {})[role.id] = [skill_ref(ladder, a) for a in unit.any_of]
    shared: list[CompareRow] = []
    some: list[CompareRow] = []
    differ: list[CompareRow] = []
    only: dict[str, list[OnlyRow]] = {rid: [] for rid in chosen}
    for item in rows.values():
        by_role = item["levels"]
        if len(by_role) == 1:
            (rid, level), = by_role.items()
            alone: OnlyRow = {"id": item["id"], "name": item["name"], "category": item["category"], "level": level}
            if "any_of" in item:
                alone["any_of"] = item["any_of"]
            only[rid].append(alone)
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
        "overlap": [overlap(ladder, a, b) for a in picked for b in picked if a is not b],
    }




def tree(ladder: Ladder) -> Tree:
    """The whole ladder nested: stages, their roles, and where each role leads."""
    return {
        "title": ladder.title,
        "stages": [
            {
                "id": stage.id,
                "name": stage.name,
                "roles": [
                    {**name_ref(r), "track": r.track,
                     "next": [{"id": to, "kind": kind, "basis": basis} for to, kind, basis in ladder.move_refs[r.id]]}
                    for r in ladder.roles_by_stage[stage.id]
                ],
            }
            for stage in ladder.stages.values()
        ],
    }


def handbook(ladder: Ladder) -> Handbook:
    """Everything the Markdown handbook shows (``export --format markdown``)."""
    education = ladder.education
    return {
        "title": ladder.title,
        "intro": ladder.intro,
        "stages": [
            {
                "id": stage.id,
                "name": stage.name,
                "summary": stage.summary,
                "foundation": foundation(ladder) if education is not None and education.stage == stage.id else None,
                "roles": [role_detail(ladder, ladder.roles[r.id]) for r in ladder.roles_by_stage[stage.id]],
            }
            for stage in ladder.stages.values()
        ],
        "skills": skills(ladder) if ladder.skills else [],
        "learning": {
            sid: {"prerequisites": listed(ladder, sid), "learn": places(ladder, [sid])} for sid in ladder.skills
        },
        "specializations": specializations(ladder),
        "resources": [
            {"kind": r.kind, "id": r.id, "name": r.name, "provider": r.provider, "description": r.description,
             "skills": [skill_ref(ladder, s) for s in r.skills]}
            for r in ladder.resources.values()
        ],
        "conclusion": ladder.conclusion,
    }
