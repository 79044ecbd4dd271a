"""The skill-prerequisite graph: skills best learned before others (docs/planning.md: Learning order).

Its checks (known skills, not the skill itself, each once, a reason when
editorial; :mod:`.references` adds the cycle walk), a requirement row's prerequisites,
and what rests on a skill. ``plan``'s order walks them in :mod:`.learning_order`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Literal

from .model import Skill

if TYPE_CHECKING:
    from ..results.ladder import Prerequisite
    from .index import Ladder
    from .requirements import Unit

Loc = tuple[str | int, ...]


def problems(i: int, skill: Skill, known: set[str]) -> Iterator[tuple[Loc, str]]:
    """The problems of ``skill``'s prerequisites (it is ``skills[i]``); cycles are
    :mod:`.references`' to find."""
    return link_problems(i, skill, "prerequisites", known, itself="a skill cannot be its own prerequisite",
                         noun="prerequisite", note="an editorial prerequisite needs a note saying why")


def link_problems(i: int, skill: Skill, field: Literal["prerequisites", "related"], known: set[str], *,
                  itself: str, noun: str, note: str, also: Callable[[str], str | None] | None = None
                  ) -> Iterator[tuple[Loc, str]]:
    """The problems of a skill's links to other skills (its ``prerequisites`` or ``related``):
    each a known skill, not the skill itself, listed once (and whatever ``also`` says of it),
    with a note saying why when editorial."""
    seen: set[str] = set()
    for j, link in enumerate(getattr(skill, field)):
        loc: Loc = ("skills", i, field, j)
        extra = also(link.skill) if also is not None else None
        if link.skill not in known:
            yield (*loc, "skill"), f"unknown skill {link.skill!r}"
        elif link.skill == skill.id:
            yield (*loc, "skill"), itself
        elif link.skill in seen:
            yield (*loc, "skill"), f"{noun} {link.skill!r} is listed twice"
        elif extra is not None:
            yield (*loc, "skill"), extra
        seen.add(link.skill)
        if link.basis == "editorial" and not link.note.strip():
            yield (*loc, "note"), note


def listed(ladder: Ladder, skill_id: str) -> list[Prerequisite]:
    """A skill's prerequisites as the ladder gives them: id, name, basis, note."""
    skills = ladder.skills
    return [{"id": p.skill, "name": skills[p.skill].name, "basis": p.basis, "note": p.note}
            for p in skills[skill_id].prerequisites]


def of_row(ladder: Ladder, unit: Unit, by: str | None = None) -> list[Prerequisite]:
    """The prerequisites of a requirement row: its skill's, those every alternative shares
    (SageMaker and AI Platform both rest on programming; AWS is SageMaker's alone, so it
    is not the row's), and, when a member stands in for the row, that member's. An open
    row is learned as its broad skill: the broad skill's."""
    found = {p["id"]: p for p in listed(ladder, unit.skill)}
    if unit.any_of and not unit.open:
        shared = [{p["id"]: p for p in listed(ladder, a)} for a in unit.any_of]
        common = set(shared[0]).intersection(*shared[1:])
        found.update({sid: p for sid, p in shared[0].items() if sid in common})
    if by is not None and by != unit.skill:
        found.update({p["id"]: p for p in listed(ladder, by)})
    own = {unit.skill, *unit.any_of, *((by,) if by else ())}
    return [p for sid, p in found.items() if sid not in own]


def before(ladder: Ladder) -> Callable[[str], list[str]]:
    """A skill's direct prerequisites by id, for :mod:`.learning_order`."""
    skills = ladder.skills
    return lambda sid: [p.skill for p in skills[sid].prerequisites]


def behind(before: Callable[[str], list[str]], roots: list[str]) -> set[str]:
    """Every skill ``roots`` rest on, however far back (the roots themselves not included
    unless one rests on another): one walk, each skill once."""
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        for sid in before(todo.pop()):
            if sid not in seen:
                seen.add(sid)
                todo.append(sid)
    return seen


def depths(before: Callable[[str], list[str]]) -> Callable[[str], int]:
    """A skill's height in the prerequisite graph: 0 with no prerequisites, else one more than
    its deepest prerequisite. Worked out on demand, each skill once, without recursion (a
    chain of ten thousand is fine); a loop (``validate`` rejects them) is cut where it closes."""
    memo: dict[str, int] = {}
    active: set[str] = set()

    def depth(root: str) -> int:
        if root in memo:
            return memo[root]
        stack = [(root, iter(before(root)))]
        active.add(root)
        while stack:
            sid, rest = stack[-1]
            for prior in rest:
                if prior not in memo and prior not in active:
                    active.add(prior)
                    stack.append((prior, iter(before(prior))))
                    break
            else:
                stack.pop()
                active.discard(sid)
                memo[sid] = 1 + max((memo.get(p, 0) for p in before(sid)), default=-1)
        return memo[root]

    return depth


def dependents(ladder: Ladder, skill_id: str) -> list[str]:
    """The skills that rest on ``skill_id``: its prerequisite's dependents, however far on,
    in ladder order (``skills SKILL``: what rests on it)."""
    seen = {skill_id}
    todo = [skill_id]
    while todo:
        for sid in ladder.linked_to(todo.pop(), "prerequisite"):
            if sid not in seen:
                seen.add(sid)
                todo.append(sid)
    return [sid for sid in ladder.skills if sid in seen and sid != skill_id]
