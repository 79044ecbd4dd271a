"""The document of ``map OTHER``: each role of the ladder in use placed on its nearest roles of
another ladder by overlap (docs/planning.md: Mapping one ladder onto another)."""

from __future__ import annotations

from typing_extensions import TypedDict

from .common import NameRef
from .words import Level


class LadderRef(TypedDict):
    """A ladder of the mapping: its title, its file (``builtin`` for the built-in one) and the
    words the output names it by ("the built-in ladder", else its title)."""

    title: str
    file: str
    label: str


class Ambiguous(TypedDict):
    """A skill whose name or alias names more than one skill of the other ladder: not matched."""

    id: str
    name: str
    candidates: list[NameRef]


class MatchedBy(TypedDict):
    id: int
    name: int
    alias: int


class SkillMatching(TypedDict):
    """How the skills of the ladder in use were matched to the other ladder's."""

    total: int
    matched: int
    by: MatchedBy
    #: Skills of the ladder in use with no match (none, or an ambiguous one).
    unmatched_count: int
    unmatched: list[NameRef]
    ambiguous: list[Ambiguous]
    #: Skills of the other ladder no skill of the ladder in use matched.
    other_unmatched_count: int


class Figure(TypedDict):
    """How much of a role's requirement points a holder of the other meets (readiness's rule)."""

    overlap: float
    points: int
    of: int


LevelGap = TypedDict("LevelGap", {"id": str, "name": str, "from": Level, "to": Level})


class Nearest(TypedDict):
    """A role of the other ladder, and how close the role mapped is to it."""

    id: str
    name: str
    stage: str
    #: The mean of both overlaps, in percent.
    score: float
    #: From the role mapped to this one: the share of this one's points it meets.
    forward: Figure
    #: From this one to the role mapped.
    backward: Figure
    #: This role's rows the role mapped meets (the other ladder's skills).
    shared: list[NameRef]
    #: This role's rows it holds below their level.
    deepen: list[LevelGap]
    #: This role's rows it holds nothing toward (the other ladder's skills).
    only_other: list[NameRef]
    #: The mapped role's rows that count toward none of this role's (its own ladder's skills).
    only_here: list[NameRef]


class MappedRole(TypedDict):
    id: str
    name: str
    stage: str
    nearest: list[Nearest]


class MapDoc(TypedDict):
    here: LadderRef
    other: LadderRef
    rule: str
    skills: SkillMatching
    roles: list[MappedRole]
