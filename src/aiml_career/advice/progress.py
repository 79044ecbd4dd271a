"""``profile history`` and ``progress``: the profile's history, listed and replayed.

Replaying: the profile as it stands, with the history undone from the newest entry back,
is the profile before its first recorded change (an upgraded format-1 profile's skills are
there from the start). Each entry is then done again, in order; the state at the end of each
day that has an entry is one point of readiness toward the target role.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Literal

from ..ladder.levels import LEVEL_RANK, LEVELS
from .evidence import Change
from .person import Person

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from ..ladder.index import Ladder
    from ..results.progress import (
        HistoryDoc,
        HistoryEntry,
        PlanItemDone,
        ProgressDoc,
        ProgressPoint,
        SkillLoss,
        SkillStep,
    )
    from .profile import Profile


def _state_doc(value: object) -> object:
    """A skill's state as the documents give it: ``held`` always there (null when none)."""
    return {**value, "held": value.get("held")} if isinstance(value, dict) else value


def entry_doc(ladder: Ladder, change: Change) -> HistoryEntry:
    known = ladder.skills if change.what == "skill" else ladder.roles
    item = known.get(change.id) if change.id is not None else None
    return {"time": change.time, "source": change.source, "what": change.what,  # type: ignore[typeddict-item]
            "id": change.id, "name": item.name if item is not None else None,
            "old": _state_doc(change.old), "new": _state_doc(change.new),  # type: ignore[typeddict-item]
            "evidence": [piece.to_dict() for piece in change.evidence]}  # type: ignore[misc]


def history(ladder: Ladder, profile: Profile | None, path: Path, since: dt.date | None = None,
            skill: str | None = None) -> HistoryDoc:
    """The changes, oldest first: on or after ``since``, about ``skill`` (an id) only."""
    changes = profile.history if profile is not None else []
    day = since.isoformat() if since is not None else None
    kept = [c for c in changes if (day is None or c.day >= day) and (skill is None or c.id == skill)]
    return {"path": str(path), "since": day, "skill": skill, "entries": [entry_doc(ladder, c) for c in kept]}


def _apply(held: dict[str, tuple[str, str, str | None]], role: list[str | None], change: Change,
           state: Literal["old", "new"]) -> None:
    value = change.old if state == "old" else change.new
    if change.what == "role":
        role[0] = value if isinstance(value, str) else None
    elif change.what == "skill" and change.id is not None:
        if isinstance(value, dict):
            held[change.id] = (value["level"], value["status"], value.get("held"))
        else:
            held.pop(change.id, None)


def _have(held: dict[str, tuple[str, str, str | None]], proven: set[str] | None, ladder: Ladder) -> dict:
    have = {}
    for sid, (level, status, kept) in held.items():
        if sid not in ladder.skills or (proven is not None and sid not in proven):
            continue
        if status == "done":
            have[sid] = level
        elif status == "learning" and kept:
            have[sid] = kept
    return have


def _rank(state: tuple[str, str, str | None] | None) -> int:
    """The level rank a skill's state counts for (as :func:`_have` counts it): done at its level,
    learning at the level kept while learning, else 0."""
    if state is None:
        return 0
    level, status, kept = state
    if status == "done":
        return LEVEL_RANK[level]
    return LEVEL_RANK[kept] if status == "learning" and kept else 0


def progress(ladder: Ladder, profile: Profile, goal: str, source: Literal["--to", "profile"],
             since: dt.date | None = None) -> ProgressDoc:
    """Readiness toward ``goal`` (a role id) at the end of every day of the history, what was
    gained and deepened (since ``since``), and when each item of the plan to it was done."""
    from .assessment import assess, person_have

    target = ladder.roles[goal]
    held: dict[str, tuple[str, str, str | None]] = {k: (e.level, e.status, e.held) for k, e in profile.skills.items()}
    role: list[str | None] = [profile.role]
    for change in reversed(profile.history):
        _apply(held, role, change, "old")
    start, start_role = copy.deepcopy(held), role[0] if role[0] in ladder.roles else None
    proven: set[str] = set()

    def point(day: str) -> ProgressPoint:
        scores = []
        for only in (None, proven):
            who = Person("profile", _have(held, only, ladder), role[0] if role[0] in ladder.roles else None)
            scores.append(assess(ladder, target, person_have(ladder, who)))
        return {"date": day, "readiness": round(scores[0].readiness, 1), "points": scores[0].points,
                "of": scores[0].of, "proven_readiness": round(scores[1].readiness, 1)}

    points: list[ProgressPoint] = []
    gained: list[SkillStep] = []
    deepened: list[SkillStep] = []
    lost: list[SkillLoss] = []
    lowered: list[SkillLoss] = []
    #: (skill, level rank) -> the day since when it has been held without a break.
    first_held: dict[tuple[str, int], str] = {}
    first_day = profile.history[0].day if profile.history else None
    from .evidence import today

    begun = first_day or today().isoformat()
    if first_day is not None:
        proven.update(k for k, e in profile.skills.items() if any(p.proof and (p.date or "") < first_day
                                                                     for p in e.evidence))
    for sid, state in start.items():  # held from the start of the replay (a format-1 profile's skills)
        for r in range(1, _rank(state) + 1):
            first_held[(sid, r)] = begun
    for index, change in enumerate(profile.history):
        sid = change.id or ""
        before = held.get(sid)
        _apply(held, role, change, "new")
        if any(piece.proof for piece in change.evidence):
            proven.add(sid)
        after = held.get(sid) if change.what == "skill" else None
        if change.what == "skill" and sid in ladder.skills:
            if after is not None and after[1] == "done":
                _climbed(ladder, change, before, after, first_held, gained, deepened, since)
            _fell(ladder, change, before, after, first_held, lost, lowered, since)
        last_of_day = index + 1 == len(profile.history) or profile.history[index + 1].day != change.day
        if last_of_day:
            points.append(point(change.day))
    if since is not None:
        day = since.isoformat()
        earlier = [p for p in points if p["date"] < day]
        points = earlier[-1:] + [p for p in points if p["date"] >= day]
    now_person = Person("profile", _have(held, None, ladder), role[0] if role[0] in ladder.roles else None)
    readiness = round(assess(ladder, target, person_have(ladder, now_person)).readiness, 1)
    return {"to": {"id": target.id, "name": target.name}, "to_source": source,
            "since": since.isoformat() if since is not None else None, "points": points, "gained": gained,
            "deepened": deepened, "lost": lost, "lowered": lowered,
            "plan": _plan_done(ladder, start, start_role or now_person.role, goal, first_held),
            "readiness": readiness}


def _climbed(ladder: Ladder, change: Change, before: tuple | None, after: tuple, first_held: dict,
             gained: list[SkillStep], deepened: list[SkillStep], since: dt.date | None) -> None:
    """A skill marked done by ``change``: the days its levels were first held, and a step gained
    or deepened (on or after ``since``) when it rose."""
    sid, rank = change.id or "", LEVEL_RANK[after[0]]
    old_level = before[0] if before is not None and before[1] == "done" else None
    for r in range(1, rank + 1):
        first_held.setdefault((sid, r), change.day)
    if old_level is not None and LEVEL_RANK[old_level] >= rank:
        return
    if since is not None and change.day < since.isoformat():
        return
    step: SkillStep = {"id": sid, "name": ladder.skills[sid].name, "old": old_level, "new": after[0],
                       "date": change.day}
    (gained if old_level is None else deepened).append(step)


def _fell(ladder: Ladder, change: Change, before: tuple | None, after: tuple | None, first_held: dict,
          lost: list[SkillLoss], lowered: list[SkillLoss], since: dt.date | None) -> None:
    """A skill removed, or held at a lower level after ``change``: the levels above it are no
    longer held (a plan item is done only while the profile meets it), and a step lost or
    lowered (on or after ``since``)."""
    sid, old, new = change.id or "", _rank(before), _rank(after)
    for r in range(new + 1, 5):
        first_held.pop((sid, r), None)
    if new >= old or (since is not None and change.day < since.isoformat()):
        return
    step: SkillLoss = {"id": sid, "name": ladder.skills[sid].name, "old": LEVELS[old - 1],
                       "new": LEVELS[new - 1] if new else None, "date": change.day}
    (lowered if new else lost).append(step)


def _plan_done(ladder: Ladder, start: dict, role: str | None, goal: str,
               first_held: dict[tuple[str, int], str]) -> list[PlanItemDone]:
    """The plan to ``goal`` from where the history starts (from the role held then, else the role
    held now), each item with the day it was done."""
    from .learning import plan

    who = Person("profile", _have(start, None, ladder), role, "profile" if role else None)
    result = plan(ladder, who, goal)
    out: list[PlanItemDone] = []
    for item in result["items"]:
        ways = [item["id"], *(a["id"] for a in item.get("any_of") or [])]
        days = [d for d in (first_held.get((w, LEVEL_RANK[item["level"]])) for w in ways) if d]
        day = min(days) if days else None
        out.append({"id": item["id"], "name": item["name"], "level": item["level"], "done": day or None})
    return out
