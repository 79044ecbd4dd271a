"""Mapping one ladder onto another (``map OTHER``): each role of the ladder in use placed on its
nearest roles of OTHER by overlap, with what they share and what each has alone.

Skills are matched first (:func:`match_skills`): by id, else by name, else by alias, each
compared as :func:`..ladder.resolve.normalize` makes them; exact keys only, and a name that
names two skills of OTHER matches neither. A role's skills are then translated into the other
ladder's words, and overlap is scored by that ladder's readiness rule, exactly as ``compare``'s
overlap scores it (:mod:`.overlap`): overlap(A, B) is the share of B's requirement points a
holder of A meets, A's rows and its ladder's foundation counted as held.

Ranked by the mean of both directions, as ``similar`` ranks: one direction alone would place
every senior role on the other ladder's most junior one (a senior meets all of a junior's rows).

Never every pair of roles: from a role to every role of OTHER walks only the distinct rows of
OTHER that a skill it holds above the foundation counts toward (:class:`Rows`, an index of
OTHER's rows by skill); from every role of OTHER back to it is :func:`.overlap.gains`, through
the index of OTHER's holders by skill (``similar``'s). Roles that share nothing score what the
foundations alone meet, and are taken in the order of that score. A few roles (``--role``) walk
OTHER's rows once each instead (:func:`.overlap.scan`, as ``similar`` does). Only the roles shown
are explained in full (docs/planning.md: Mapping one ladder onto another). The work is that of
the pairs of roles sharing a skill: minutes for two 10,000-role benchmark ladders
(benchmarks/README.md: ``map`` on big ladders).
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import accumulate, compress, count, filterfalse, repeat
from operator import add, attrgetter, ge, itemgetter, not_, truediv
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import check_limit
from ..ladder.index import Head, Ladder, SkillHead
from ..ladder.pieces import name_ref
from ..ladder.resolve import normalize_many
from .assessment import Have
from .mapped import Explained, HereRows, Rows, holders_of
from .overlap import percent, scan

if TYPE_CHECKING:
    from ..results.common import NameRef
    from ..results.mapping import (
        Ambiguous,
        Figure,
        LadderRef,
        LevelGap,
        MapDoc,
        MappedRole,
        SkillMatching,
    )

#: How ``map`` ranks, in words (its ``rule``).
RULE = ("the mean of both overlaps (from the role to each role of the other ladder, and back), "
        "highest first; ties in the other ladder's order")

#: Up to this many roles (``--role``), OTHER's rows are walked once per role, as ``similar`` walks
#: them, instead of indexing them all first (about three walks' worth on a big ladder).
FEW = 3

#: How many skills ``skills.unmatched`` and ``skills.ambiguous`` list at most (the counts are whole).
LISTED = 200

_ID = attrgetter("id")


@dataclass
class Vocabulary:
    """Which skill of the other ladder each skill of the ladder in use is (:func:`match_skills`)."""

    to_other: dict[str, str] = field(default_factory=dict)
    by: dict[str, int] = field(default_factory=lambda: {"id": 0, "name": 0, "alias": 0})
    unmatched: list[NameRef] = field(default_factory=list)
    ambiguous: list[Ambiguous] = field(default_factory=list)

    def to_here(self) -> dict[str, list[str]]:
        """For each skill of the other ladder, the skills of the ladder in use matched to it."""
        out: dict[str, list[str]] = {}
        for here, there in self.to_other.items():
            out.setdefault(there, []).append(here)
        return out


def _keys(other: Ladder, wanted: AbstractSet[str] | None = None) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The other ladder's skills by normalised id and name, and by those and their aliases
    (only the keys of ``wanted``, when given: a taxonomy of 14,000 skills is keyed in one pass,
    and indexed by the few keys the ladder in use has)."""
    names: dict[str, set[str]] = {}
    every: dict[str, set[str]] = {}
    heads = list(other.skill_heads.values())
    keys = normalize_many([text for skill in heads for text in (skill.id, skill.name, *skill.aliases)])
    ends = list(accumulate(2 + len(skill.aliases) for skill in heads))  # where each skill's keys end
    for at in compress(count(), map(wanted.__contains__, keys)) if wanted is not None else range(len(keys)):
        number = bisect_right(ends, at)
        key, sid = keys[at], heads[number].id
        every.setdefault(key, set()).add(sid)
        if at - (ends[number - 1] if number else 0) < 2:  # its id or name
            names.setdefault(key, set()).add(sid)
    names.pop("", None)
    every.pop("", None)
    return names, every


def match_skills(here: Ladder, other: Ladder, named: Mapping[str, NameRef] | None = None,
                 heads: Sequence[SkillHead] | None = None) -> Vocabulary:
    """Each skill of ``here`` matched to one of ``other``'s: the same id; else one skill whose
    id or name is its id or name; else one whose id, name or alias is its id, name or alias
    (keys normalised: case, spaces and punctuation ignored). Two candidates at a step: ambiguous,
    not matched. No guessing beyond equal keys. ``named``, ``heads``: ``here``'s skills'
    ``{id, name}`` (:func:`refs`) and its skills, in order, when read already."""
    found = Vocabulary()
    heads = list(here.skill_heads.values()) if heads is None else heads
    ids = list(map(_ID, heads))
    inside = list(map(other.skills.__contains__, ids))  # OTHER has a skill of its id
    outside = list(compress(count(), map(not_, inside)))  # the positions of the rest
    rest = list(map(heads.__getitem__, outside))
    # Every key normalised in one pass (a taxonomy has 14,000 skills), taken in the same order;
    # most name nothing of OTHER: only the skills with a key of OTHER's are looked at one by one.
    keys = normalize_many([text for skill in rest for text in (skill.id, skill.name, *skill.aliases)])
    names, every = _keys(other, set(keys))  # only the keys ``here`` has: all a skill can share
    ends: list[int] = []
    near: dict[int, int] = {}  # a position in ``heads`` -> in ``rest``
    shared = every.keys()
    if shared:
        ends = list(accumulate(2 + len(skill.aliases) for skill in rest))
        near = {outside[n]: n for n in (bisect_right(ends, at) for at in
                                        compress(count(), map(shared.__contains__, keys)))}
    for position in sorted({*compress(count(), inside), *near}):  # in ladder order
        skill = heads[position]
        if inside[position]:
            found.to_other[skill.id] = skill.id
            found.by["id"] += 1
            continue
        number = near[position]
        start = ends[number - 1] if number else 0
        own = set(keys[start:start + 2])
        # The alias step looks every key of the skill up in ``every``, and one is there: a candidate.
        for how, keys_of, index in (("name", own, names), ("alias", set(keys[start:ends[number]]), every)):
            candidates = sorted({sid for key in keys_of for sid in index.get(key, ())})
            if len(candidates) == 1:
                found.to_other[skill.id] = candidates[0]
                found.by[how] += 1
                break
            if candidates:
                found.ambiguous.append({**name_ref(skill),
                                        "candidates": [name_ref(other.skills[c]) for c in candidates]})
                break
    unmatched = filterfalse(near.__contains__, outside)
    found.unmatched = (list(map(named.__getitem__, map(ids.__getitem__, unmatched))) if named is not None
                       else list(map(name_ref, map(heads.__getitem__, unmatched))))
    return found


def translate(have: Have, to: dict[str, str] | dict[str, list[str]]) -> dict[str, int]:
    """Skills held, in the other ladder's words (a skill with no match is left out; two matched to
    one skill count as the higher)."""
    out: dict[str, int] = {}
    for sid, rank in have.items():
        there = to.get(sid)
        for target in (there,) if isinstance(there, str) else there or ():
            if rank > out.get(target, 0):
                out[target] = rank
    return out


def foundation_have(ladder: Ladder) -> dict[str, int]:
    """What the ladder's foundation holds (:func:`.assessment.role_have` of no role)."""
    have: dict[str, int] = {}
    for unit in ladder.foundation:
        have[unit.skill] = max(unit.rank, have.get(unit.skill, 0))
    return have


def is_builtin(ladder: Ladder) -> bool:
    from ..ladder.loading import builtin_path

    try:
        return Path(ladder.source).resolve() == builtin_path().resolve()
    except (OSError, RuntimeError, ValueError):
        return False


def ladder_ref(ladder: Ladder, twin: Ladder | None = None) -> LadderRef:
    """How the output names a ladder: "the built-in ladder", else its title (with its file when
    ``twin``, the other ladder, has the same title)."""
    builtin = is_builtin(ladder)
    label = "the built-in ladder" if builtin else ladder.title
    if twin is not None and not builtin and not is_builtin(twin) and twin.title == ladder.title:
        label = f"{label} ({ladder.source})"
    return {"title": ladder.title, "file": "builtin" if builtin else ladder.source, "label": label}


def _figure(made: dict[tuple[int, int], Figure], points: int, of: int) -> Figure:
    """``points`` of ``of`` as a figure, one item for each (points, of) (``made``: those made so far)."""
    found = made.get((points, of))
    if found is None:
        found = made[points, of] = {"overlap": percent(points, of), "points": points, "of": of}
    return found


#: A nearest role of the other ladder as a role mapped is shown it, but for that role's own rows:
#: (id, role, score, forward, backward, shared, deepen, only_other).
_Near = tuple[str, Head, float, "Figure", "Figure", "list[NameRef]", "list[LevelGap]", "list[NameRef]"]


def refs(ladder: Ladder, heads: Iterable[SkillHead] | None = None) -> dict[str, NameRef]:
    """Every skill's ``{id, name}``, made once: a whole mapping names each skill thousands of
    times, and one shared item each keeps the document small. ``heads``: the ladder's skills,
    when read already."""
    return {skill.id: name_ref(skill) for skill in (ladder.skill_heads.values() if heads is None else heads)}


def map_onto(here: Ladder, other: Ladder, limit: int = 3, only: list[str] | None = None) -> MapDoc:
    """Every role of ``here`` (or the roles ``only`` names, in ladder order) on its ``limit``
    nearest roles of ``other`` (:data:`RULE`)."""
    check_limit(limit)
    chosen = {here.role(query).id for query in only} if only else None
    skills = list(here.skill_heads.values())  # read once: a taxonomy has 14,000
    here_refs = refs(here, skills)
    vocabulary = match_skills(here, other, here_refs, skills)
    to_here = vocabulary.to_here()
    ground_there = translate(foundation_have(here), vocabulary.to_other)
    ground_here = translate(foundation_have(other), to_here)
    order = {role.id: number for number, role in enumerate(other.heads)}
    start = translate({unit.skill: unit.rank for unit in here.foundation}, vocabulary.to_other)
    rows: Rows | None = None
    if chosen is not None and len(chosen) <= FEW:
        # A role or three: OTHER's rows walked once per role, as ``similar`` walks them.
        wanted = {sid for rid in chosen for unit in here.units(here.roles[rid]) for sid in unit.counted}
        holders = holders_of(other, to_here, wanted)
    else:
        rows = Rows(other, ground_there, {*start, *vocabulary.to_other.values()})  # what a role can hold
        holders = holders_of(other, to_here)
        # The roles of ``other`` by what the foundation alone meets of them: the order of the
        # roles that share nothing with a role mapped.
        plain = sorted(other.heads, key=lambda r: (-percent(*rows.base[r.id]), order[r.id]))
    explained = Explained(other, refs(other))
    pairs: Iterable[tuple[Head, HereRows, Sequence[int]]]
    if chosen is not None and len(chosen) <= FEW:  # each role's own rows
        pairs = ((role, HereRows(units, vocabulary.to_other, holders, ground_here, here_refs), range(len(units)))
                 for role in here.heads if role.id in chosen for units in (here.units(role),))
    else:  # every role's rows as numbers into the distinct rows, each worked out once
        distinct, table = here.row_table
        every = HereRows(distinct, vocabulary.to_other, holders, ground_here, here_refs)
        pairs = ((role, every, numbers) for role, numbers in table if chosen is None or role.id in chosen)
    # A role that shares nothing with the other ladder beyond the foundations (most roles of a
    # taxonomy mapped onto a small ladder) is shown the same of its nearest roles as every other
    # role of its figures and holdings, but for its own rows: worked out once per (figures, held).
    alike: dict[tuple[int, int, frozenset[tuple[str, int]] | None], list[_Near]] = {}
    start_gained = rows.gained(start) if rows is not None else Counter()  # what the foundation alone gains
    figures: dict[tuple[int, int], Figure] = {}  # each figure made once: thousands are alike
    mapped: list[MappedRole] = []
    for role, own, numbers in pairs:
        have, base, backward, of_here, matched = own.role(numbers, start)
        back = (base, backward, of_here)
        near: list[_Near] | None = None
        alike_key = None
        if rows is None:
            totals = scan(other, have, set())[0]
            forward: Counter[str] = Counter()
            chosen_ids = _nearest(list(totals), totals, {rid: pair if pair[1] else (1, 1)
                                                         for rid, pair in totals.items()}, forward, back, order, limit)
        else:
            totals, forward = rows.base, start_gained if have is start else rows.gained(have)
            if not forward and not backward and not matched:
                alike_key = (base, of_here, None if have is start else frozenset(have.items()))
                near = alike.get(alike_key)
            if near is None:
                touched = forward.keys() | backward.keys()
                keys = [*touched, *(r.id for r in _first(plain, touched, limit))]
                chosen_ids = _nearest(keys, totals, rows.shares, forward, back, order, limit)
        if near is None:
            near = []
            for rid in chosen_ids:
                target = other.roles[rid]
                points, of_there = totals[rid]
                there = _figure(figures, points + forward[rid], of_there)
                backward_figure = _figure(figures, base + backward.get(rid, 0), of_here)
                near.append((rid, target, round((there["overlap"] + backward_figure["overlap"]) / 2, 1), there,
                             backward_figure, *explained.rows(target, have)))
            if alike_key is not None:
                alike[alike_key] = near
        # The role's rows that count toward none of a role's there: all of them, when none of its
        # rows is matched (one list for every role there).
        alone = own.alone(numbers, [], set()) if not matched else []
        mapped.append({"id": role.id, "name": role.name, "stage": role.stage, "nearest": [
            {"id": rid, "name": target.name, "stage": target.stage, "score": score, "forward": there,
             "backward": backward_figure, "shared": shared, "deepen": deepen, "only_other": missing,
             "only_here": own.alone(numbers, matched, explained.counted(target)) if matched else alone}
            for rid, target, score, there, backward_figure, shared, deepen, missing in near]})
    return {"here": ladder_ref(here, other), "other": ladder_ref(other, here), "rule": RULE,
            "skills": _matching(here, other, vocabulary), "roles": mapped}


def _nearest(keys: list[str], totals: Mapping[str, tuple[int, int]], shares: Mapping[str, tuple[int, int]],
             forward: Counter[str], back: tuple[int, dict[str, int], int], order: dict[str, int],
             limit: int) -> list[str]:
    """The ``limit`` roles of ``keys`` nearest one role, by :data:`RULE`: a role's figure toward
    each is ``totals`` (points, of) plus the points in ``forward``; each's figure back is
    ``back``'s base plus its gain, of ``back``'s of. ``shares`` is ``totals`` with a role of no
    rows as 1 of 1 (all met), to divide by.

    The roles are scored in bulk by the unrounded sum of both shares first (C loops, no Python
    call per role), then those within 0.2 points of the ``limit``-th are ranked by the rounded
    figures, as ``similar`` ranks: rounding moves each figure by at most 0.05 points, the sum by
    0.1, so no role left out could have ranked among the first ``limit``."""
    base, backward, of = back
    there = list(map(shares.__getitem__, keys))
    got = map(add, map(itemgetter(0), there), map(forward.get, keys, repeat(0)))
    forward_share = map(truediv, got, map(itemgetter(1), there))
    back_share = map(truediv, map(add, repeat(base), map(backward.get, keys, repeat(0))), repeat(of or 1))
    scores = list(map(add, forward_share, back_share))
    if len(keys) > limit:
        floor = heapq.nlargest(limit, scores)[-1] - 0.002
        keys = list(compress(keys, map(ge, scores, repeat(floor))))

    def rank(rid: str) -> tuple[float, int]:
        points, of_there = totals[rid]
        return (-(percent(points + forward[rid], of_there) + percent(base + backward.get(rid, 0), of)), order[rid])

    return heapq.nsmallest(limit, keys, key=rank)


def _first(roles: list[Head], skip: AbstractSet[str], count: int) -> list[Head]:
    """The first ``count`` of ``roles`` not in ``skip``."""
    out: list[Head] = []
    for role in roles:
        if len(out) == count:
            break
        if role.id not in skip:
            out.append(role)
    return out


def _matching(here: Ladder, other: Ladder, vocabulary: Vocabulary) -> SkillMatching:
    matched = len(vocabulary.to_other)
    unmatched = vocabulary.unmatched + [name_ref(here.skills[a["id"]]) for a in vocabulary.ambiguous]
    reached = set(vocabulary.to_other.values())
    return {"total": len(here.skills), "matched": matched,
            "by": {"id": vocabulary.by["id"], "name": vocabulary.by["name"], "alias": vocabulary.by["alias"]},
            "unmatched_count": len(unmatched), "unmatched": unmatched[:LISTED],
            "ambiguous": vocabulary.ambiguous[:LISTED],
            "other_unmatched_count": sum(1 for sid in other.skills if sid not in reached)}
