"""The shapes of every answer: what the queries return and ``--json`` prints.

One TypedDict per document and per item in it. README's "JSON output"
table describes the same keys; ``tests/test_contract.py`` checks the three
(README, these types, the real output of every command) against each other.
Keys that are Python words (``from``, ``for``, ``as``) use the functional form.
Types only: the queries import them for type checking alone (no cost at run time).
No ``from __future__ import annotations`` here: TypedDict must see ``NotRequired``.
"""


from typing import Literal, Union

# typing's own from Python 3.11; typing_extensions (pydantic's dependency) before.
from typing_extensions import NotRequired, TypedDict

# -- small pieces, shared by many documents -----------------------------------


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


# -- listings -------------------------------------------------------------------


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
    track: str


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
    track: str
    aliases: list[str]
    summary: str


class SkillRow(TypedDict):
    id: str
    name: str
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
    degrees: NotRequired[list[Degree]]
    notes: NotRequired[list[str]]
    math_foundation: NotRequired[list[SkillRef]]
    key_skills_text: NotRequired[str]
    key_skills: NotRequired[list[SkillRef]]
    advanced_degrees: list[Resource]


class Resources(TypedDict):
    online_courses: list[Resource]
    certifications: list[Resource]
    advanced_degrees: list[Resource]
    advice: str


class TreeMove(TypedDict):
    id: str
    kind: str
    basis: str | None


class TreeRole(TypedDict):
    id: str
    name: str
    track: str
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
    level: str
    wording: str


class Occupation(TypedDict):
    system: str
    code: str
    title: str
    url: str


class RoleDetail(TypedDict):
    type: Literal["role"]
    id: str
    name: str
    aliases: list[str]
    stage: str
    stage_name: str
    track: str
    track_name: str
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


class SpecializationDetail(TypedDict):
    type: Literal["specialization"]
    id: str
    name: str
    aliases: list[str]
    description: str
    examples: list[str]
    skills: list[SkillRef]
    roles: list[NameRef]


Show = Union[RoleDetail, SpecializationDetail]


class Specializations(TypedDict):
    intro: str
    specializations: list[SpecializationDetail]


SkillUse = TypedDict(
    "SkillUse",
    {"id": str, "name": str, "stage": str, "level": str,
     "as": Literal["required", "alternative", "group"],
     "requirement": Union[Requirement, GroupRequirement], "wording": str},
)


class KindRef(TypedDict):
    id: str
    name: str
    kind: str


class SkillDetail(TypedDict):
    id: str
    name: str
    category: str
    category_name: str
    aliases: list[str]
    includes: list[SkillRef]
    roles: list[SkillUse]
    specializations: list[NameRef]
    resources: list[KindRef]


class CompareRole(TypedDict):
    id: str
    name: str
    stage: str
    track: str
    responsibilities: list[str]
    requirements: list[RequirementRow]


class CompareRow(TypedDict):
    """A row more than one role has: its level, and alternatives, by role id."""

    id: str
    name: str
    category: str
    levels: dict[str, str]
    any_of: NotRequired[dict[str, list[SkillRef]]]


class OnlyRow(TypedDict):
    """A row of one role only."""

    id: str
    name: str
    category: str
    level: str
    any_of: NotRequired[dict[str, list[SkillRef]]]


class Compare(TypedDict):
    roles: list[CompareRole]
    shared_skills: list[CompareRow]
    some_skills: list[CompareRow]
    only: dict[str, list[OnlyRow]]
    level_differences: list[CompareRow]


# -- planning --------------------------------------------------------------------


class MoveAt(TypedDict):
    """A move to a role: the role, and the move's kind, basis and note."""

    id: str
    name: str
    stage: str
    kind: Literal["promotion", "lateral", "entry"]
    basis: str | None
    note: str


class Entering(TypedDict):
    """The first step of a route from the entry stage: getting into a role."""

    kind: Literal["entry"]
    basis: str
    note: str


class Scores(TypedDict):
    """Readiness for one role, and the rows behind it."""

    readiness: float
    points: int
    of: int
    skills_to_gain: list[Requirement]
    skills_to_deepen: list[Deepen]
    met: list[Met]


class NextMove(MoveAt, Scores):
    specializations: list[NameRef]
    certifications: list[ResourceRef]


Next = TypedDict(
    "Next",
    {"from": RoleAt, "next": list[NextMove], "basis_legend": dict[str, str], "person": PersonDoc},
)


class Step(MoveAt):
    skills_to_gain: list[Requirement]
    skills_to_deepen: list[Deepen]


Route = TypedDict(
    "Route",
    {"from": RoleAt | None, "steps": list[Step], "skills_gained": int, "skills_deepened": int,
     "levels_to_climb": int, "editorial_moves": int},
)


StartHow = Literal["--from", "profile", "skills", "entry stage"]


class Start(TypedDict):
    how: StartHow
    roles: list[RoleAt]


class Gap(TypedDict):
    skills_to_gain: list[Requirement]
    skills_to_deepen: list[Deepen]


PathDoc = TypedDict(
    "PathDoc",
    {"from": RoleAt | None, "to": RoleAt, "start": Start, "promotions_only": bool,
     "allow_lateral": bool, "lateral_fallback": bool, "moves": int | None, "routes_found": int,
     "routes": list[Route], "total_gap": NotRequired[Gap], "readiness": NotRequired[float],
     "basis_legend": dict[str, str], "person": PersonDoc},
)


class MatchRow(RoleAt, Scores):
    rank_score: float
    current: bool
    at_or_below_current: bool


class Match(TypedDict):
    person: PersonDoc
    current: RoleAt | None
    rule: str
    roles: list[MatchRow]


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
    counts: NotRequired[Counts]


class ProfileSkill(TypedDict):
    id: str
    name: str
    level: str
    status: str


class ProfileDoc(TypedDict):
    path: str
    exists: bool
    role: NameRef | None
    skills: list[ProfileSkill]


class ProfileCleared(TypedDict):
    path: str
    deleted: bool


# -- documents that export draws (no --json of their own) --------------------------------


class DrawnStage(TypedDict):
    number: int  # the stage's place in the ladder, counting stages without roles too
    id: str
    name: str
    roles: list[NameRef]


class Drawing(TypedDict):
    title: str
    stages: list[DrawnStage]
    edges: list[tuple[str, str, str]]  # (from role id, to role id, kind)


class HandbookStage(TypedDict):
    id: str
    name: str
    summary: str
    foundation: Foundation | None
    roles: list[RoleDetail]


class HandbookResource(Resource):
    kind: str


class Handbook(TypedDict):
    title: str
    intro: str
    stages: list[HandbookStage]
    skills: list[SkillCategory]
    specializations: Specializations
    resources: list[HandbookResource]
    conclusion: str


#: Each command's ``--json`` document, by the name README's table gives it.
DOCUMENTS: dict[str, object] = {
    "stages": list[StageItem],
    "roles": list[RoleRow],
    "show ROLE": RoleDetail,
    "show SPECIALIZATION": SpecializationDetail,
    "compare": Compare,
    "next": Next,
    "path": PathDoc,
    "match": Match,
    "search": Search,
    "skills": list[SkillCategory],
    "skills SKILL": SkillDetail,
    "specializations": Specializations,
    "education": Education,
    "resources": Resources,
    "tree": Tree,
    "validate": Validation,
    "profile ...": ProfileDoc,
}
