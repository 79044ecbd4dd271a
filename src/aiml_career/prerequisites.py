"""The skill-prerequisite graph: skills best learned before others (README: Learning order).

Its checks (known skills, not the skill itself, each once, a reason when
editorial; :mod:`.references` adds the cycle walk), and the walk back through
prerequisites of prerequisites that ``plan`` orders by.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from .model import Skill

if TYPE_CHECKING:
    from .ladder import Ladder
    from .results.ladder import Prerequisite

Loc = tuple[str | int, ...]


def problems(i: int, skill: Skill, known: set[str]) -> Iterator[tuple[Loc, str]]:
    """The problems of ``skill``'s prerequisites (it is ``skills[i]``); cycles are
    :mod:`.references`' to find."""
    seen: set[str] = set()
    for j, before in enumerate(skill.prerequisites):
        loc: Loc = ("skills", i, "prerequisites", j)
        if before.skill not in known:
            yield (*loc, "skill"), f"unknown skill {before.skill!r}"
        elif before.skill == skill.id:
            yield (*loc, "skill"), "a skill cannot be its own prerequisite"
        elif before.skill in seen:
            yield (*loc, "skill"), f"prerequisite {before.skill!r} is listed twice"
        seen.add(before.skill)
        if before.basis == "editorial" and not before.note.strip():
            yield (*loc, "note"), "an editorial prerequisite needs a note saying why"


def ancestors(skills: Mapping[str, Skill], skill_id: str, memo: dict[str, frozenset[str]]) -> frozenset[str]:
    """Every skill to learn before ``skill_id``, through prerequisites of prerequisites.

    ``validate`` rules out cycles; a skill met again on the walk is skipped all the same.
    """
    found = memo.get(skill_id)
    if found is not None:
        return found
    seen: set[str] = set()
    todo = [p.skill for p in skills[skill_id].prerequisites]
    while todo:
        sid = todo.pop()
        if sid in seen or sid == skill_id:
            continue
        seen.add(sid)
        if sid in memo:
            seen |= memo[sid]
            continue
        todo.extend(p.skill for p in skills[sid].prerequisites)
    memo[skill_id] = frozenset(seen)
    return memo[skill_id]


def listed(ladder: Ladder, skill_id: str) -> list[Prerequisite]:
    """A skill's prerequisites as the ladder gives them: id, name, basis, note."""
    skills = ladder.skills
    return [{"id": p.skill, "name": skills[p.skill].name, "basis": p.basis, "note": p.note}
            for p in skills[skill_id].prerequisites]
