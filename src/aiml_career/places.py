"""Where to learn a skill: the text's own courses and certifications that teach it, then
the ladder's links (README: Where to learn)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .ladder import Ladder
    from .results.common import Place


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
