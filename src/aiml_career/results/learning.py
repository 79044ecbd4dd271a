"""plan and skills SKILL --unlocks: the learning documents."""

from typing import Literal

# typing's own from Python 3.11; typing_extensions (pydantic's dependency) before.
from typing_extensions import NotRequired, TypedDict

from .common import NameRef, PersonDoc, Place, Requirement, RoleAt, Row, SkillRef, Via
from .plans import DerivedBasis, Start
from .words import Basis, Level, MoveBasis, MoveKind


class PlanStep(TypedDict):
    id: str
    name: str
    stage: str
    kind: MoveKind | Literal["entry"]
    #: Never ``overlap``: a plan follows the moves the ladder names (typed as a route's step is).
    basis: MoveBasis | DerivedBasis | None


class StepAt(TypedDict):
    id: str
    name: str
    stage: str
    number: int


class PrerequisiteState(TypedDict):
    id: str
    name: str
    basis: Basis
    note: str
    state: Literal["held", "planned"]


class Value(TypedDict):
    steps: int
    roles_beyond: int


class Unlocked(TypedDict):
    id: str
    name: str
    stage: str
    on_route: bool
    requirement: str


class PlanItem(Row):
    """One line of a learning plan: a requirement row of a step, or a prerequisite or piece of
    the text's foundation it adds (``kind``), with all that goes with it."""

    number: int
    kind: Literal["requirement", "prerequisite", "foundation"]
    basis: Basis
    action: Literal["gain", "deepen"]
    held: Level | None
    by: NotRequired[NameRef]
    via: NotRequired[Via]
    step: StepAt
    wording: str
    reason: str
    status: Literal["todo", "done", "learning", "skipped"]
    prerequisites: list[PrerequisiteState]
    value: Value
    unlocks: list[Unlocked]
    ready_for: RoleAt | None
    learn: list[Place]


class PlanCounts(TypedDict):
    items: int
    todo: int
    done: int
    learning: int
    skipped: int


Plan = TypedDict(
    "Plan",
    {"to": RoleAt, "from": RoleAt | None, "start": Start | None, "route": list[PlanStep],
     "qualified": bool, "lateral_fallback": bool, "message": str | None, "readiness": float, "rule": str,
     "counts": PlanCounts, "items": list[PlanItem], "no_route": bool, "person": PersonDoc},
)


class CompletedRow(Requirement):
    wording: str


class UnlockRole(TypedDict):
    id: str
    name: str
    stage: str
    level: Level
    readiness_before: float
    readiness_after: float
    gain: float
    points_before: int
    points_after: int
    of: int
    completes: list[CompletedRow]
    current: bool


class Unlocks(TypedDict):
    skill: SkillRef
    level: Level | None
    person: PersonDoc
    current: RoleAt | None
    rule: str
    counts_toward: int
    total: int
    roles: list[UnlockRole]
    learn: list[Place]
