"""Where to learn a skill: the text's own courses and certifications that teach it, then
the ladder's links (docs/planning.md: Where to learn)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..results.common import Place
    from .index import Ladder


def row_skills(skill_id: str, any_of: Iterable[str]) -> list[str]:
    """The skills to learn for a requirement row, to look places up by: its alternatives (or,
    on an open row, the text's examples) when it has some, as the text names them, else its
    skill. One rule for ``next``, ``plan`` and their certifications."""
    return list(any_of) or [skill_id]


def places(ladder: Ladder, skill_ids: Iterable[str]) -> list[Place]:
    """Where to learn ``skill_ids`` (a skill, or a row's skill and its alternatives): the
    text's own resources that cover one of them, then the ladder's links, each once."""
    ids = list(dict.fromkeys(skill_ids))
    found: dict[str, Place] = {}
    for resource in ladder.resources.values():
        if any(sid in resource.skills for sid in ids):
            found.setdefault(f"resource:{resource.id}", {
                "title": resource.name, "url": None, "kind": resource.kind, "id": resource.id,
                "basis": resource.skills_basis,
            })
    for sid in ids:
        for link in ladder.skills[sid].learn:
            found.setdefault(link.url, {
                "title": link.title, "url": link.url, "kind": "link", "id": None, "basis": link.basis,
            })
    return list(found.values())
