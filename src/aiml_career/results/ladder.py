"""Documents about the ladder itself: listings, show, skills, compare, tree, search, validate, profile."""

from typing import Literal, Union

# typing's own from Python 3.11; typing_extensions (pydantic's dependency) before.
from typing_extensions import NotRequired, TypedDict

from .common import GroupRequirement, Move, NameRef, Place, Requirement, RequirementRow, Resource, RoleAt, SkillRef
from .overlap import OverlapDoc
from .words import Basis, Level, MoveBasis, MoveKind, ResourceKind


class Degree(TypedDict):
    id: str
    name: str
    fields: list[str]
    description: str


class Foundation(TypedDict):
    degrees: list[Degree]
    notes: list[str]
    math_foundation: list[SkillRef]
    key_skills_text: str
    key_skills: list[SkillRef]


class StageRole(TypedDict):
    id: str
    name: str
    track: str | None


class StageItem(TypedDict):
    id: str
    name: str
    order: int
    summary: str
    roles: list[StageRole]
    foundation: NotRequired[Foundation]


class RoleRow(TypedDict):
    id: str
    name: str
    stage: str
    track: str | None
    aliases: list[str]
    summary: str


class SkillRow(TypedDict):
    id: str
    name: str
    description: str
    aliases: list[str]
    includes: list[str]
    roles: int


class SkillCategory(TypedDict):
    id: str
    name: str
    key: bool
    description: str
    key_skills: list[SkillRef]
    skills: list[SkillRow]


class Education(TypedDict):
    stage: str | None
    degrees: list[Degree]
    notes: list[str]
    math_foundation: list[SkillRef]
    key_skills_text: str
    key_skills: list[SkillRef]
    advanced_degrees: list[Resource]


class Resources(TypedDict):
    online_courses: list[Resource]
    certifications: list[Resource]
    advanced_degrees: list[Resource]
    advice: str


class TreeMove(TypedDict):
    id: str
    kind: MoveKind
    basis: MoveBasis | None


class TreeRole(TypedDict):
    id: str
    name: str
    track: str | None
    next: list[TreeMove]


class TreeStage(TypedDict):
    id: str
    name: str
    roles: list[TreeRole]


class Tree(TypedDict):
    title: str
    stages: list[TreeStage]


# -- show, skills SKILL, compare ----------------------------------------------------


class WordedSkill(TypedDict):
    id: str
    name: str
    category: str
    level: Level
    wording: str


class Occupation(TypedDict):
    system: str
    code: str
    title: str
    url: str


class OverlayMark(TypedDict):
    """What an overlay did to a role (docs/ladder.md: Overlays)."""

    change: Literal["added", "replaced", "extended"]
    #: The overlay file that did it.
    file: str


class RoleDetail(TypedDict):
    type: Literal["role"]
    id: str
    name: str
    aliases: list[str]
    stage: str
    stage_name: str
    track: str | None
    track_name: str | None
    summary: str
    responsibilities: list[str]
    skills_text: str
    requirements: list[RequirementRow]
    skills: list[WordedSkill]
    next: list[str]
    previous: list[str]
    next_moves: list[Move]
    previous_moves: list[Move]
    occupations: list[Occupation]
    #: Null unless the ladder is an overlay's and it added, replaced or extended this role.
    overlay: OverlayMark | None


class SpecializationDetail(TypedDict):
    type: Literal["specialization"]
    id: str
    name: str
    aliases: list[str]
    description: str
    examples: list[str]
    skills: list[SkillRef]
    #: Why those skills: the text's, or an editorial judgement (derived; the note says why).
    skills_basis: Basis | None
    skills_note: str
    roles: list[NameRef]


Show = Union[RoleDetail, SpecializationDetail]


class Specializations(TypedDict):
    intro: str
    specializations: list[SpecializationDetail]


SkillUse = TypedDict(
    "SkillUse",
    {"id": str, "name": str, "stage": str, "level": Level,
     "as": Literal["required", "alternative", "group"],
     "requirement": Union[Requirement, GroupRequirement], "wording": str},
)


class KindRef(TypedDict):
    id: str
    name: str
    kind: ResourceKind


class SkillDetail(TypedDict):
    id: str
    name: str
    description: str
    category: str
    category_name: str
    aliases: list[str]
    includes: list[SkillRef]
    roles: list[SkillUse]
    specializations: list[NameRef]
    resources: list[KindRef]


class Prerequisite(TypedDict):
    id: str
    name: str
    basis: Basis
    note: str


class RelatedSkill(SkillRef):
    """A skill that counts toward another, up to a level (docs/planning.md: Related skills)."""

    up_to: Level
    basis: Basis
    note: str


class RestsOnIt(TypedDict):
    """What is learned after a skill: the skills that need it first, however far on, and the
    roles whose requirement rows name one of them."""

    skills: list[SkillRef]
    roles: list[RoleAt]


class FoundationRow(TypedDict):
    level: Level
    wording: str


class CountsFor(TypedDict):
    """A requirement row a skill counts toward without naming it, and the most it counts for."""

    id: str
    name: str
    stage: str
    requirement: Requirement
    wording: str
    up_to: Level | None


class SkillLearning(SkillDetail):
    """``skills SKILL``: the skill with what to learn first and where to learn it, what counts
    toward it and what it counts toward, and what rests on it."""

    prerequisites: list[Prerequisite]
    related: list[RelatedSkill]
    counts_toward: list[RelatedSkill]
    rests_on_it: RestsOnIt
    foundation: FoundationRow | None
    counts_for: list[CountsFor]
    learn: list[Place]


class CompareRole(TypedDict):
    id: str
    name: str
    stage: str
    track: str | None
    responsibilities: list[str]
    requirements: list[RequirementRow]


class CompareRow(TypedDict):
    """A row more than one role has: its level, and alternatives, by role id."""

    id: str
    name: str
    category: str
    levels: dict[str, Level]
    any_of: NotRequired[dict[str, list[SkillRef]]]


class OnlyRow(TypedDict):
    """A row of one role only."""

    id: str
    name: str
    category: str
    level: Level
    any_of: NotRequired[dict[str, list[SkillRef]]]


class Compare(TypedDict):
    roles: list[CompareRole]
    shared_skills: list[CompareRow]
    some_skills: list[CompareRow]
    only: dict[str, list[OnlyRow]]
    level_differences: list[CompareRow]
    #: Each role's overlap with each other role (advice/overlap.py), in order of the roles.
    overlap: list[OverlapDoc]


# -- search, validate, profile ----------------------------------------------------------


HitType = Literal["role", "skill", "category", "specialization", "online-course", "certification",
                  "degree", "text"]


class Hit(TypedDict):
    type: HitType
    id: str
    name: str
    field: str
    text: str
    score: float
    via: str | None


class Search(TypedDict):
    query: str
    total: int
    hits: list[Hit]


class ProblemDoc(TypedDict):
    path: str
    message: str
    line: int | None
    #: The file that holds it: ``file``, or a ladder an overlay extends.
    file: str


class Counts(TypedDict):
    stages: int
    roles: int
    skills: int
    transitions: int
    specializations: int
    resources: int


class Validation(TypedDict):
    file: str
    valid: bool
    problems: list[ProblemDoc]
    problem_count: NotRequired[int]
    #: When the file could not be read at all: what to do about it (a file over the read limit).
    hints: NotRequired[list[str]]
    #: When valid: the ladders it extends, nearest first (an overlay's); empty for a whole ladder.
    extends: NotRequired[list[str]]
    counts: NotRequired[Counts]


SkillStatus = Literal["done", "learning", "skipped"]


class ProfileRole(TypedDict):
    id: str
    #: Null when the ladder in use has no role of that id (the profile was saved with another).
    name: str | None


EvidenceKind = Literal["claim", "course", "certificate", "project", "work"]


class EvidenceItem(TypedDict):
    kind: EvidenceKind
    note: str
    #: An https link, or null.
    url: str | None
    #: The day it happened (YYYY-MM-DD), or null.
    date: str | None


class ProfileSkill(TypedDict):
    id: str
    #: Null when the ladder in use has no skill of that id.
    name: str | None
    level: Level
    status: SkillStatus
    #: A skill being learned further: the level held meanwhile (null otherwise).
    held: Level | None
    #: What backs it, oldest first.
    evidence: list[EvidenceItem]
    #: Backed by evidence other than a claim (counts with ``--proven``).
    proven: bool


class ProfileDoc(TypedDict):
    """``profile show``: the saved file as it is, names looked up in the ladder in use."""

    path: str
    exists: bool
    role: ProfileRole | None
    #: The role worked toward (``profile set-target``).
    target: ProfileRole | None
    skills: list[ProfileSkill]
    #: How many changes the history holds (``profile history``).
    history_entries: int


class ProfileCleared(TypedDict):
    path: str
    deleted: bool
