"""Pieces many documents share: skills, roles, requirement rows, gaps, the person."""

from typing import Literal

# typing's own from Python 3.11; typing_extensions (pydantic's dependency) before.
from typing_extensions import NotRequired, TypedDict

from .words import Level, MoveBasis, MoveKind, ResourceBasis, ResourceKind

#: The profile's mark on a gap: its skill is being learned, or skipped.
Mark = Literal["learning", "skipped"]


class NameRef(TypedDict):
    id: str
    name: str


class SkillRef(TypedDict):
    id: str
    name: str
    category: str
    level: NotRequired[Level]


class Row(TypedDict):
    """What names a requirement row: its skill and level, and its alternatives or group."""

    id: str
    name: str
    category: str
    level: Level
    any_of: NotRequired[list[SkillRef]]
    #: The text gives examples: any skill of the kind meets the row, the listed ones are examples.
    open: NotRequired[bool]
    part_of: NotRequired[NameRef]


class Requirement(Row):
    """One requirement row, as every gap and requirement list shows it."""

    #: On a gap, when the profile marks the skill (or one of its alternatives).
    status: NotRequired[Mark]
    #: On ``next``'s skills to gain: where to learn it.
    learn: NotRequired[list["Place"]]


class Place(TypedDict):
    """A place to learn a skill: a link, or one of the text's courses and certifications."""

    title: str
    url: str | None  # None for the text's own courses and certifications, named but not linked
    kind: Literal["link"] | ResourceKind
    id: str | None  # the resource's id; None for a link
    basis: ResourceBasis | None  # a link's basis; how a resource is tied to the skill (skills_basis)


class RequirementRow(Requirement):
    """A row of ``show``: the requirement with the text's words for it."""

    level_word: str | None
    wording: str


class GroupRequirement(TypedDict):
    """An all-of group as one item (``skills SKILL`` for the broad skill)."""

    id: str
    name: str
    category: str
    level: Level
    all_of: list[SkillRef]


class Via(TypedDict):
    """The related skill a row's level was counted from, at the level held (docs/planning.md: Related skills)."""

    id: str
    name: str
    level: Level


Deepen = TypedDict(
    "Deepen",
    {"id": str, "name": str, "category": str, "from": Level, "to": Level,
     "for": NotRequired[NameRef], "via": NotRequired[Via], "status": NotRequired[Mark]},
)


class Met(TypedDict):
    id: str
    name: str
    category: str
    level: Level
    by: NotRequired[NameRef]
    via: NotRequired[Via]


class RoleAt(TypedDict):
    id: str
    name: str
    stage: str


class Move(TypedDict):
    id: str
    name: str
    kind: MoveKind
    basis: MoveBasis | None
    note: str


class PersonDoc(TypedDict):
    source: Literal["--have", "profile", "none"]
    path: str | None
    role: str | None
    role_source: Literal["--from", "profile"] | None
    skills: dict[str, Level]


class ResourceRef(TypedDict):
    id: str
    name: str
    provider: str


class Resource(TypedDict):
    id: str
    name: str
    provider: str
    description: str
    skills: list[SkillRef]
