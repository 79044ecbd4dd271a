"""What the models cannot see: every reference, name and cycle in a ladder.

Unique ids and aliases, references to stages, tracks, categories, skills and
roles that exist, requirement groups and prerequisites, no move to itself, no
cycle of promotions, of ``includes`` or of prerequisites. Each problem is a
(place, message) pair; :mod:`.diagnostics` finds their lines and reports them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

from ..errors import MAX_PROBLEMS
from . import prerequisites, requirements
from .formats import version
from .locator import Loc
from .model import Education, LadderDoc, Resource, Role, Skill, SkillCategory, Specialization, Stage, Track, Transition
from .resolve import normalize
from .salvage import Salvaged, salvage
from .suggestions import add_suggestions

if TYPE_CHECKING:
    from pydantic import BaseModel


class Found(list):
    """Problems as they are found: the first ``keep`` (place, message) pairs, and how
    many there were in all (``total``).

    A report lists only the first :data:`~aiml_career.errors.MAX_PROBLEMS`, so
    past them a problem is only counted: a file with millions of bad references
    costs no more memory than one with a hundred, and walks that would build a
    long message (a cycle's path) ask :attr:`full` first and build nothing.
    """

    def __init__(self, keep: int = MAX_PROBLEMS) -> None:
        super().__init__()
        self.keep = keep
        self.total = 0

    @property
    def full(self) -> bool:
        return len(self) >= self.keep

    def add(self, problem: tuple[Loc, str]) -> None:
        self.total += 1
        if len(self) < self.keep:
            super().append(problem)

    def tally(self) -> None:
        """One more problem, past the ones kept: nothing is built for it."""
        self.total += 1

    def extend(self, problems: Iterable[tuple[Loc, str]]) -> None:
        for problem in problems:
            self.add(problem)

    append = add



def move_rules(move: Transition, where: Loc, old_format: bool = False) -> list[tuple[Loc, str]]:
    """A move's own rules (its format's basis or stated, a reason for a judgement), at ``where``:
    also asked of an overlay's move whose ``from`` names no role (:mod:`.overlay`)."""
    found: list[tuple[Loc, str]] = []
    if old_format and move.basis is not None:
        found.append(((*where, "basis"), "basis is format 2's: set \"format\": 2"))
    if old_format and move.stated is None:
        found.append((where, "missing 'stated' (format 1)"))
    if not old_format and move.stated is not None:
        found.append(((*where, "stated"), "'stated' is format 1's: format 2 says basis"))
    if not old_format and move.basis in ("titles", "editorial") and not move.note.strip():
        found.append(((*where, "note"), f"a move with basis {move.basis!r} needs a note saying why"))
    if not old_format and move.basis is None:
        found.append((where, "missing 'basis': text, titles or editorial"))
    return found

def problems(
    doc: LadderDoc, elsewhere: dict[str, set[str]] | None = None, keep: int = MAX_PROBLEMS
) -> Found:
    """(loc, message) of the first ``keep`` cross-reference problems, in the order
    found; ``.total`` counts them all.

    ``elsewhere``: ids, by list name, of items left out of ``doc`` because
    their shape is wrong; references to them are not reported as unknown.
    """
    problems = Found(keep)
    add = problems.add
    elsewhere = elsewhere or {}

    def unique_ids(name: str, items: list) -> set[str]:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen:
                add(((name, i, "id"), f"duplicate id {item.id!r}"))
            seen.add(item.id)
        return seen | elsewhere.get(name, set())

    stages = unique_ids("stages", doc.stages)
    tracks = unique_ids("tracks", doc.tracks)
    categories = unique_ids("skill_categories", doc.skill_categories)
    skills = unique_ids("skills", doc.skills)
    roles = unique_ids("roles", doc.roles)
    unique_ids("specializations", doc.specializations)
    unique_ids("resources", doc.resources)
    if doc.education:
        unique_ids("education.degrees", doc.education.degrees)

    orders: dict[int, str] = {}
    for i, stage in enumerate(doc.stages):
        if stage.order in orders and orders[stage.order] != stage.id:
            add((("stages", i, "order"), f"order {stage.order} is also stage {orders[stage.order]!r}'s"))
        orders.setdefault(stage.order, stage.id)

    def ref(loc: Loc, value: str, known: set[str], noun: str) -> None:
        if value not in known:
            add((loc, f"unknown {noun} {value!r}"))

    for i, cat in enumerate(doc.skill_categories):
        for j, sid in enumerate(cat.key_skills):
            ref(("skill_categories", i, "key_skills", j), sid, skills, "skill")
    for i, skill in enumerate(doc.skills):
        ref(("skills", i, "category"), skill.category, categories, "skill category")
        for j, sid in enumerate(skill.includes):
            ref(("skills", i, "includes", j), sid, skills, "skill")
            if sid == skill.id:
                add((("skills", i, "includes", j), "a skill cannot include itself"))
        problems.extend(prerequisites.problems(i, skill, skills))
        problems.extend(prerequisites.link_problems(
            i, skill, "related", skills, itself="a skill cannot count toward itself", noun="related skill",
            note="an editorial relation needs a note saying why", also=partial(_included, skill.includes)))
    old_format = version(doc) == 1
    for i, role in enumerate(doc.roles):
        ref(("roles", i, "stage"), role.stage, stages, "stage")
        if role.track is not None:
            ref(("roles", i, "track"), role.track, tracks, "track")
        if old_format:
            if role.requirements:
                add((("roles", i, "requirements"), "requirements are format 2's: set \"format\": 2"))
            seen: set[str] = set()
            for j, need in enumerate(role.skills or ()):
                ref(("roles", i, "skills", j, "skill"), need.skill, skills, "skill")
                if need.skill in seen:
                    add((("roles", i, "skills", j, "skill"), f"skill {need.skill!r} is listed twice"))
                seen.add(need.skill)
        else:
            if role.skills is not None:
                add((("roles", i, "skills"), "'skills' is format 1's list: format 2 lists 'requirements'"))
            problems.extend(requirements.problems(i, role, skills))
        targets: set[str] = set()
        for j, move in enumerate(role.next):
            ref(("roles", i, "next", j, "to"), move.to, roles, "role")
            for found in move_rules(move, ("roles", i, "next", j), old_format):
                add(found)
            if move.to == role.id:
                add((("roles", i, "next", j, "to"), "a role cannot lead to itself"))
            if move.to in targets:
                add((("roles", i, "next", j, "to"), f"transition to {move.to!r} is listed twice"))
            targets.add(move.to)
    skill_lists: list[tuple[str, Sequence[Specialization | Resource]]] = [
        ("specializations", doc.specializations), ("resources", doc.resources)]
    for name, items in skill_lists:
        for i, item in enumerate(items):
            for j, sid in enumerate(item.skills):
                ref((name, i, "skills", j), sid, skills, "skill")
    if doc.education:
        ref(("education", "stage"), doc.education.stage, stages, "stage")
        for field in ("math_foundation", "key_skills"):
            for j, sid in enumerate(getattr(doc.education, field)):
                ref(("education", field, j), sid, skills, "skill")
        for j, req in enumerate(doc.education.foundation):
            named: list[tuple[Loc, str | None]] = [(("education", "foundation", j, "skill"), req.skill)]
            named += [(("education", "foundation", j, "any_of", k), a) for k, a in enumerate(req.any_of)]
            named += [(("education", "foundation", j, "all_of", k), a) for k, a in enumerate(req.all_of)]
            for where, named_id in named:
                if named_id is not None:
                    ref(where, named_id, skills, "skill")
            problems.extend(requirements.repeats(("education", "foundation", j), req))

    # ``show`` looks roles and specializations up together: one namespace.
    problems.extend(
        _alias_problems(
            [("role", "roles", doc.roles), ("specialization", "specializations", doc.specializations)]
        )
    )
    problems.extend(_alias_problems([("skill", "skills", doc.skills)]))
    problems.extend(_alias_problems([("resource", "resources", doc.resources)]))
    _promotion_cycles(doc.roles, problems)
    _include_cycles(doc.skills, problems)
    _link_cycles(doc.skills, "prerequisites", "prerequisite", problems)
    _link_cycles(doc.skills, "related", "related", problems)
    add_suggestions(problems, doc)
    return problems


def sections() -> dict[str, type[BaseModel]]:
    return {
        "stages": Stage, "tracks": Track, "skill_categories": SkillCategory, "skills": Skill,
        "roles": Role, "specializations": Specialization, "resources": Resource,
    }


def partial_problems(raw: bytes) -> Found:
    """Reference problems among the items whose shape is right, in a document that
    failed shape validation: so one run reports both kinds."""
    import json

    from pydantic import ValidationError

    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return Found()
    if not isinstance(data, dict):
        return Found()
    kept: dict[str, list] = {}
    positions: dict[str, list[int]] = {}
    elsewhere: dict[str, set[str]] = {}
    rebuilt: dict[tuple[str, int], Salvaged] = {}  # by (list name, position in kept)
    for name, model in sections().items():
        items = data.get(name)
        kept[name], positions[name], elsewhere[name] = [], [], set()
        for i, item in enumerate(items if isinstance(items, list) else []):
            try:
                kept[name].append(model.model_validate(item))
                positions[name].append(i)
            except ValidationError as exc:
                salvaged = salvage(model, item, exc)
                if salvaged is not None:  # its well-shaped parts are checked too
                    rebuilt[name, len(kept[name])] = salvaged
                    kept[name].append(salvaged.item)
                    positions[name].append(i)
                elif isinstance(item, dict) and isinstance(item.get("id"), str):
                    elsewhere[name].add(item["id"])
    try:
        education = Education.model_validate(data["education"]) if data.get("education") else None
    except ValidationError:
        education = None
    fields: dict[str, Any] = {"title": "", "education": education, **kept}
    if data.get("format") in (1, 2):
        fields["format"] = data["format"]
    doc = LadderDoc.model_construct(**fields)
    listed = problems(doc, elsewhere)
    found = Found()
    for loc, message in listed:
        if loc and loc[0] in positions and len(loc) > 1 and isinstance(loc[1], int):
            inner = rebuilt.get((str(loc[0]), loc[1]))
            rest = inner.place(loc[2:]) if inner is not None else loc[2:]
            loc = (loc[0], positions[loc[0]][loc[1]], *rest)
        found.add((loc, message))
    found.total = listed.total
    return found


def _alias_problems(groups: list[tuple[str, str, list]]) -> Iterator[tuple[Loc, str]]:
    """Ids, names and aliases that normalise alike but belong to different items.

    ``groups`` are (noun, list name, items) sharing one namespace; an owner of
    another noun is named with its noun ("role 'senior'").
    """
    owner: dict[str, tuple[str, str]] = {}
    for noun, name, items in groups:
        for i, item in enumerate(items):
            labels: list[tuple[str | tuple[str, int], str]] = [("id", item.id), ("name", item.name)]
            labels += [(("aliases", j), a) for j, a in enumerate(getattr(item, "aliases", []))]
            for field, text in labels:
                key = normalize(text)
                loc = (name, i, *field) if isinstance(field, tuple) else (name, i, field)
                if not key:
                    yield loc, f"{text!r} has no letters or digits"
                    continue
                first = owner.setdefault(key, (noun, item.id))
                if first != (noun, item.id):
                    of = repr(first[1]) if first[0] == noun else f"{first[0]} {first[1]!r}"
                    yield loc, f"{text!r} is already a name of {of}"


#: Ids shown at each end of a long cycle's path; the middle is counted.
CYCLE_ENDS = 10


def _cycle_text(what: str, path: list[str], start: int, target: str) -> str:
    """"WHAT cycle: a -> b -> a" for ``path[start:] + [target]``, its middle left out when long
    (built from the ends alone: the cost does not grow with the cycle)."""
    length = len(path) - start
    if length <= 2 * CYCLE_ENDS:
        ids = [*path[start:], target]
    else:
        left = length - 2 * CYCLE_ENDS + 1
        ids = [*path[start:start + CYCLE_ENDS], f"… ({left:,} more) …", *path[len(path) - CYCLE_ENDS + 1:], target]
    return f"{what} cycle: " + " -> ".join(ids)


def _cycles(
    ids: list[str], edges: Callable[[int], list[tuple[int, str]]], where: Callable[[int, int], Loc], what: str,
    found: Found,
) -> None:
    """Every edge that closes a cycle, found depth first, added to ``found``: (its place,
    "WHAT cycle: a -> b -> a").

    ``edges(i)`` gives the (position in the list, target id) of item ``i``'s edges,
    unknown targets and self-loops left out (they are reported on their own);
    ``where(i, j)`` is the place of item ``i``'s edge at position ``j``.

    Linear in time and memory: each item is entered once, the path's positions are
    kept in a dict, and a message is built only while ``found`` keeps problems.
    """
    index = {item: i for i, item in enumerate(ids)}
    done: set[str] = set()
    depth: dict[str, int] = {}  # the items on the current path, by position
    for root in ids:
        if root in done or root in depth:
            continue
        path: list[str] = [root]
        depth[root] = 0
        stack = [iter(edges(index[root]))]
        while stack:
            for j, target in stack[-1]:
                if target not in index or target in done:
                    continue
                at = depth.get(target)
                if at is not None:
                    if found.full:
                        found.tally()
                    else:
                        found.add((where(index[path[-1]], j), _cycle_text(what, path, at, target)))
                else:
                    depth[target] = len(path)
                    path.append(target)
                    stack.append(iter(edges(index[target])))
                    break
            else:
                finished = path.pop()
                del depth[finished]
                done.add(finished)
                stack.pop()


def _include_cycles(skills: list[Skill], found: Found) -> None:
    """A skill must not include itself through others: the broad skill and its
    parts would then count for each other, and requirements vanish."""
    _cycles(
        [s.id for s in skills],
        lambda i: [(j, part) for j, part in enumerate(skills[i].includes) if part != skills[i].id],
        lambda i, j: ("skills", i, "includes", j),
        "includes",
        found,
    )


def _included(includes: list[str], sid: str) -> str | None:
    """A related skill that the skill already includes counts in full: listing it is a mistake."""
    return f"{sid!r} is in includes already: it counts in full" if sid in includes else None


def _link_cycles(skills: list[Skill], field: Literal["prerequisites", "related"], what: str, found: Found) -> None:
    """A skill's links must not loop back: prerequisites in a loop leave no learning order, and
    related skills in one would count for each other."""
    _cycles(
        [s.id for s in skills],
        lambda i: [(j, link.skill) for j, link in enumerate(getattr(skills[i], field)) if link.skill != skills[i].id],
        lambda i, j: ("skills", i, field, j, "skill"),
        what,
        found,
    )


def _promotion_cycles(roles: list[Role], found: Found) -> None:
    """Promotions must not loop back (lateral moves may)."""
    _cycles(
        [r.id for r in roles],
        lambda i: [(j, m.to) for j, m in enumerate(roles[i].next) if m.kind == "promotion"],
        lambda i, j: ("roles", i, "next", j, "to"),
        "promotion",
        found,
    )
