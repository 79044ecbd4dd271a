"""Where to learn a skill: the text's own courses and certifications that teach it, then
the ladder's links (docs/planning.md: Where to learn)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..results.common import Place
    from .index import Ladder, Link
    from .model import Resource


def row_skills(skill_id: str, any_of: Iterable[str]) -> list[str]:
    """The skills to learn for a requirement row, to look places up by: its alternatives (or,
    on an open row, the text's examples) when it has some, as the text names them, else its
    skill. One rule for ``next``, ``plan`` and their certifications."""
    return list(any_of) or [skill_id]


def places(ladder: Ladder, skill_ids: Iterable[str]) -> list[Place]:
    """Where to learn ``skill_ids`` (a skill, or a row's skill and its alternatives): the
    text's own resources that cover one of them, then the ladder's links, each once."""
    ids = list(dict.fromkeys(skill_ids))
    return _places(ids, _teaching(ladder), {sid: ladder.skills[sid].learn for sid in ids})


def places_of(ladder: Ladder, rows: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], list[Place]]:
    """:func:`places` of many rows' skills (:func:`row_skills`, as tuples) at once: each distinct
    one worked out once, every skill's links read in one pass (:meth:`~.index.Ladder.learn_links`;
    ``next`` from no role names thousands of rows), and each link made a place once, shared by
    the rows that list it."""
    keys = dict.fromkeys(rows)
    links = ladder.learn_links({sid for key in keys for sid in key})
    teaching = _teaching(ladder)
    by_skill = teaching[1]
    # Each skill's own places: its links (each address once), or with the resources that teach it.
    own: dict[str, list[Place]] = {
        sid: [{"title": link.title, "url": link.url, "kind": "link", "id": None, "basis": link.basis}
              for link in found] for sid, found in links.items()}
    for sid, places in own.items():
        if sid in by_skill or (len(places) > 1 and len({p["url"] for p in places}) < len(places)):
            own[sid] = _places([sid], teaching, links)
    out: dict[tuple[str, ...], list[Place]] = {}
    for key in keys:
        if len(key) == 1:  # most rows: one skill, its places as they are
            out[key] = own[key[0]]
        elif by_skill.keys().isdisjoint(key):  # alternatives no resource teaches: their links, each address once
            found: dict[str | None, Place] = {}
            for sid in key:
                for place in own[sid]:
                    found.setdefault(place["url"], place)
            out[key] = list(found.values())
        else:
            out[key] = _places(list(dict.fromkeys(key)), teaching, links)
    return out


#: The ladder's resources, and for each skill the numbers of those that teach it.
Teaching = tuple[list["Resource"], dict[str, list[int]]]


def _teaching(ladder: Ladder) -> Teaching:
    resources = list(ladder.resources.values())
    by_skill: dict[str, list[int]] = {}
    for number, resource in enumerate(resources):
        for sid in dict.fromkeys(resource.skills):
            by_skill.setdefault(sid, []).append(number)
    return resources, by_skill


def _places(ids: list[str], teaching: Teaching, links: Mapping[str, Sequence[Link]]) -> list[Place]:
    resources, by_skill = teaching
    found: dict[str, Place] = {}
    for number in sorted({n for sid in ids for n in by_skill.get(sid, ())}):
        resource = resources[number]
        found.setdefault(f"resource:{resource.id}", {
            "title": resource.name, "url": None, "kind": resource.kind, "id": resource.id,
            "basis": resource.skills_basis,
        })
    for sid in ids:
        for link in links[sid]:
            found.setdefault(link.url, {
                "title": link.title, "url": link.url, "kind": "link", "id": None, "basis": link.basis,
            })
    return list(found.values())
