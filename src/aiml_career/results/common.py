"""Pieces many documents share: skills, roles, requirement rows, gaps, the person."""

from typing import Literal

# typing's own from Python 3.11; typing_extensions (pydantic's dependency) before.
from typing_extensions import NotRequired, TypedDict


class NameRef(TypedDict):
    id: str
    name: str


class SkillRef(TypedDict):
    id: str
    name: str
    category: str
    level: NotRequired[str]


class Requirement(TypedDict):
    """One requirement row, as every gap and requirement list shows it."""

    id: str
    name: str
    category: str
    level: str
    any_of: NotRequired[list[SkillRef]]
    part_of: NotRequired[NameRef]
    #: On a gap, when the profile marks the skill (or one of its alternatives).
    status: NotRequired[str]


class RequirementRow(Requirement):
    """A row of ``show``: the requirement with the text's words for it."""

    level_word: str | None
    wording: str


class GroupRequirement(TypedDict):
    """An all-of group as one item (``skills SKILL`` for the broad skill)."""

    id: str
    name: str
    category: str
    level: str
    all_of: list[SkillRef]


Deepen = TypedDict(
    "Deepen",
    {"id": str, "name": str, "category": str, "from": str, "to": str,
     "for": NotRequired[NameRef], "status": NotRequired[str]},
)


class Met(TypedDict):
    id: str
    name: str
    category: str
    level: str
    by: NotRequired[NameRef]


class RoleAt(TypedDict):
    id: str
    name: str
    stage: str


class Move(TypedDict):
    id: str
    name: str
    kind: str
    basis: str | None
    note: str


class PersonDoc(TypedDict):
    source: Literal["--have", "profile", "none"]
    path: str | None
    role: str | None
    role_source: Literal["--from", "profile"] | None
    skills: dict[str, str]


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
