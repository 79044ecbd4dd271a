"""Documents of a person's progress: profile history, progress, profile assess."""

from typing import Literal, Union

from typing_extensions import TypedDict

from .common import NameRef
from .ladder import EvidenceItem, SkillStatus
from .words import Level


class SkillState(TypedDict):
    level: Level
    status: SkillStatus
    #: A skill being learned further: the level held meanwhile (null otherwise).
    held: Union[Level, None]


class HistoryEntry(TypedDict):
    #: UTC, to the second: 2026-03-01T09:30:00Z.
    time: str
    #: The command that made the change (``profile add``, ``browse``, ...).
    source: str
    what: Literal["skill", "role", "target"]
    #: The skill's id (``what`` skill) or the new role's (null when one was unset).
    id: Union[str, None]
    #: The name the ladder in use gives ``id`` (null when it does not know it).
    name: Union[str, None]
    #: Before and after: a skill's level and status (null: not in the profile), or a role id.
    old: Union[SkillState, str, None]
    new: Union[SkillState, str, None]
    #: The evidence this change added.
    evidence: list[EvidenceItem]


class HistoryDoc(TypedDict):
    """``profile history``: the changes, oldest first, filtered by ``--since`` and ``--skill``."""

    path: str
    since: Union[str, None]
    skill: Union[str, None]
    entries: list[HistoryEntry]


class ProgressPoint(TypedDict):
    #: The day (YYYY-MM-DD): the profile as it stood at the end of it.
    date: str
    readiness: float
    points: int
    of: int
    #: Readiness counting only skills backed by evidence other than a claim.
    proven_readiness: float


class SkillStep(TypedDict):
    id: str
    name: str
    #: The level held before (null: not held) and after.
    old: Union[Level, None]
    new: Level
    date: str


class SkillLoss(TypedDict):
    id: str
    name: str
    #: The level held before, and after (null: no longer held: removed, skipped, or learning
    #: with no level kept).
    old: Level
    new: Union[Level, None]
    date: str


class PlanItemDone(TypedDict):
    id: str
    name: str
    level: Level
    #: The day since when it has been held at that level without a break (the first day of the
    #: history for skills held before it; today when none is recorded), or null (not held now).
    done: Union[str, None]


class ProgressDoc(TypedDict):
    """``progress``: readiness toward the target over the history, and what changed."""

    to: NameRef
    #: Where the role came from: ``--to``, or the profile's target.
    to_source: Literal["--to", "profile"]
    since: Union[str, None]
    points: list[ProgressPoint]
    gained: list[SkillStep]
    deepened: list[SkillStep]
    #: Skills no longer held, and held at a lower level (since ``--since``).
    lost: list[SkillLoss]
    lowered: list[SkillLoss]
    plan: list[PlanItemDone]
    readiness: float


class AssessAnswer(TypedDict):
    id: str
    name: str
    #: The level answered, or null (not held, or skipped).
    level: Union[Level, None]
    #: Skipped (Enter) on a skill the profile holds: the level it keeps as it is; else null.
    kept: Union[Level, None]


class AssessDoc(TypedDict):
    """``profile assess``: the answers, and whether they were saved."""

    path: str
    role: NameRef
    answers: list[AssessAnswer]
    #: Every answer was the same level (a warning: answers may not be considered).
    same_answers: bool
    written: bool
