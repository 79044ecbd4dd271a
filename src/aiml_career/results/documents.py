"""What export draws: a diagram's roles and moves, the Markdown handbook (no --json of their own)."""


# typing's own from Python 3.11; typing_extensions (pydantic's dependency) before.
from typing_extensions import TypedDict

from .common import NameRef, Place, Resource
from .ladder import Foundation, Prerequisite, RoleDetail, SkillCategory, Specializations
from .words import MoveKind, ResourceKind


class DrawnStage(TypedDict):
    number: int  # the stage's place in the ladder, counting stages without roles too
    id: str
    name: str
    roles: list[NameRef]


class Drawing(TypedDict):
    title: str
    stages: list[DrawnStage]
    edges: list[tuple[str, str, MoveKind]]  # (from role id, to role id, kind)


class HandbookStage(TypedDict):
    id: str
    name: str
    summary: str
    foundation: Foundation | None
    roles: list[RoleDetail]


class HandbookResource(Resource):
    kind: ResourceKind


class HandbookLearning(TypedDict):
    """A skill's prerequisites and places to learn, as the handbook's skill tables show them."""

    prerequisites: list[Prerequisite]
    learn: list[Place]


class Handbook(TypedDict):
    title: str
    intro: str
    stages: list[HandbookStage]
    skills: list[SkillCategory]
    learning: dict[str, HandbookLearning]  # by skill id
    specializations: Specializations
    resources: list[HandbookResource]
    conclusion: str
