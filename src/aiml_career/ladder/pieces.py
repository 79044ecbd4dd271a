"""Small pieces every answer is built from: a skill, a role, a requirement row.

Shared by :mod:`.queries`, :mod:`.planning` and :mod:`.search`, so that a skill
or a requirement looks the same in every document (types: :mod:`.results`).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from ..results.common import NameRef, Requirement, RoleAt, SkillRef
    from .index import Head, Ladder
    from .levels import Level
    from .requirements import Unit


def skill_ref(ladder: Ladder, skill_id: str, level: Level | None = None) -> SkillRef:
    skill = ladder.skill_heads[skill_id]
    out: SkillRef = {"id": skill.id, "name": skill.name, "category": skill.category}
    if level is not None:
        out["level"] = level
    return out


class Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...


def name_ref(item: Named) -> NameRef:
    """``{id, name}`` of anything that has both (a role, a skill, a specialization)."""
    return {"id": item.id, "name": item.name}


def role_at(role: Head) -> RoleAt:
    return {"id": role.id, "name": role.name, "stage": role.stage}


def requirement_item(ladder: Ladder, unit: Unit) -> Requirement:
    """A unit as the item every requirement and gap list shows: a new dict each time (callers
    add keys), made once per distinct row (``match`` asks it for every row of every role)."""
    key = (unit.skill, unit.level, unit.any_of, unit.open, unit.part_of)
    made = ladder.pieces.get(key)
    if made is None:
        made = ladder.pieces[key] = new_requirement_item(ladder, unit)
    return made.copy()


def new_requirement_item(ladder: Ladder, unit: Unit, refs: Mapping[str, SkillRef] | None = None) -> Requirement:
    """:func:`requirement_item`, made anew (a caller that asks once per distinct row). ``refs``:
    every skill's ref (:attr:`~.index.Ladder.skill_refs`), for a caller that names most of a big
    ladder's skills (``match``): copied, not looked up one by one."""
    ref: Callable[[str], SkillRef] = refs.__getitem__ if refs is not None else partial(skill_ref, ladder)
    item: Requirement = {**ref(unit.skill), "level": unit.level}
    if unit.any_of:
        item["any_of"] = [{**ref(a), "level": unit.level} for a in unit.any_of]
        if unit.open:
            item["open"] = True
    if unit.part_of is not None:
        item["part_of"] = {"id": unit.part_of, "name": ref(unit.part_of)["name"]}
    return item


def new_requirement_items(ladder: Ladder, units: Sequence[Unit], refs: Mapping[str, SkillRef]) -> list[Requirement]:
    """:func:`new_requirement_item` of each of ``units``: every distinct row of a big ladder
    (``match``: 40,000 on an ESCO-sized one). A row of one skill, most of them, is made
    here without the call."""
    return [{**refs[u.skill], "level": u.level} if not u.any_of and u.part_of is None
            else new_requirement_item(ladder, u, refs) for u in units]
