"""``skills SKILL --unlocks``: the roles whose readiness rises if the person learns one skill,
by how much, and the requirement rows it completes; scored by :func:`.assessment.assess`, as
readiness is everywhere. Plain data shaped as the ``--json`` output (docs/json.md); nothing here
prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import UsageError, check_limit
from ..ladder.index import Ladder
from ..ladder.levels import LEVEL_RANK, LEVELS, Level
from ..ladder.pieces import requirement_item, role_at, skill_ref
from ..ladder.places import places
from ..ladder.resolve import shown
from .assessment import assess, merge, person_have
from .person import Person

if TYPE_CHECKING:
    from ..ladder.requirements import Unit
    from ..results.learning import CompletedRow, UnlockRole, Unlocks


def unlocks(ladder: Ladder, me: Person, skill_query: str, level: Level | None = None,
            limit: int | None = None) -> Unlocks:
    """The roles whose readiness rises if the person learns one skill, most first.

    The person holds their role's requirements (if any) and their skills, as in
    ``match``. Learning the skill means holding it at ``level``, or, without one, at
    the level each role asks of it. Each role says its readiness before and after
    (:func:`planning.assess`), the gain, and the requirements it completes. At most
    ``limit`` roles are listed; ``total`` counts them all.
    """
    check_limit(limit)
    skill = ladder.skill(skill_query)
    if level is not None and level not in LEVEL_RANK:
        raise UsageError(f"unknown skill level {shown(level, 40)}", [f"levels: {', '.join(LEVELS)}"])
    current = ladder.roles[me.role] if me.role is not None else None
    held = person_have(ladder, me)
    # The roles with a requirement row the skill counts toward, and those rows, in ladder order.
    rows_of: dict[str, list[Unit]] = {}
    for role, unit in ladder.rows_toward(skill.id):
        rows_of.setdefault(role.id, []).append(unit)
    position_of = {rid: i for i, rid in enumerate(ladder.roles)}
    ranked: list[tuple[tuple[float, float, int], UnlockRole]] = []
    for role_id, units in rows_of.items():
        role, position = ladder.roles[role_id], position_of[role_id]
        rank = LEVEL_RANK[level] if level else max(u.rank for u in units)
        learned = merge(held, {skill.id: rank})
        if learned == held:
            continue
        before, after = assess(ladder, role, held), assess(ladder, role, learned)
        if after.points <= before.points:
            continue
        # The rows it completes: those to gain, then those to deepen, that learning it meets.
        pairs = list(zip(before.rows, after.rows))
        completes: list[CompletedRow] = [
            {**requirement_item(ladder, was.unit), "wording": was.unit.wording}
            for status in ("gain", "deepen") for was, now in pairs if was.status == status and not now.open
        ]
        # From the points, not the rounded scores: 2/12 more is +16.7, not 33.3 - 16.7 = 16.6.
        gain = round(100 * (after.points - before.points) / after.of, 1)
        ranked.append(((-gain, -after.readiness, position), {
            "id": role.id, "name": role.name, "stage": role.stage,
            "level": LEVELS[rank - 1],
            "readiness_before": before.readiness,
            "readiness_after": after.readiness,
            "gain": gain,
            "points_before": before.points,
            "points_after": after.points,
            "of": after.of,
            "completes": completes,
            "current": current is not None and role.id == current.id,
        }))
    ranked.sort(key=lambda pair: pair[0])
    return {
        "skill": skill_ref(ladder, skill.id),
        "level": level,
        "person": me.doc(),
        "current": role_at(current) if current else None,
        "rule": "readiness gained, then readiness after, then ladder order",
        "counts_toward": len(rows_of),
        "total": len(ranked),
        "roles": [item for _, item in ranked[:limit]],
        "learn": places(ladder, [skill.id]),
    }
