"""Documents of planning: next, path, match (readiness and the rows behind it)."""

from typing import Literal

# typing's own from Python 3.11; typing_extensions (pydantic's dependency) before.
from typing_extensions import NotRequired, TypedDict

from .common import Deepen, Met, PersonDoc, Requirement, ResourceRef, RoleAt, SkillRef
from .words import Basis, MoveBasis, MoveKind

#: The basis of a move derived at run time, never one a ladder file states (docs/planning.md:
#: Moves from overlap): kept apart from the file's words (:data:`.words.MoveBasis`).
DerivedBasis = Literal["overlap"]


class MoveAt(TypedDict):
    """A move to a role: the role, and the move's kind, basis and note; a move derived from
    overlap also has its ``overlap`` score and the ``shared`` rows."""

    id: str
    name: str
    stage: str
    kind: MoveKind | Literal["entry"]
    basis: MoveBasis | DerivedBasis | None
    note: str
    overlap: NotRequired[float]
    shared: NotRequired[list[SkillRef]]


class Entering(TypedDict):
    """The first step of a route from the entry stage: getting into a role."""

    kind: Literal["entry"]
    basis: MoveBasis
    note: str


class Scores(TypedDict):
    """Readiness for one role, and the rows behind it."""

    readiness: float
    points: int
    of: int
    skills_to_gain: list[Requirement]
    skills_to_deepen: list[Deepen]
    met: list[Met]


StartHow = Literal["--from", "profile", "skills", "entry stage"]


class Start(TypedDict):
    how: StartHow
    roles: list[RoleAt]


class SpecializationRef(TypedDict):
    id: str
    name: str
    #: How it is linked to the role's skills: the text's, or editorial (derived).
    basis: Basis | None


class Fitting(TypedDict):
    """Specializations related to a role's skills, and certifications that can meet one of its rows."""

    specializations: list[SpecializationRef]
    certifications: list[ResourceRef]


class NextMove(MoveAt, Scores, Fitting):
    pass


Next = TypedDict(
    "Next",
    {"from": RoleAt | None, "start": Start, "next": list[NextMove], "total": int, "ladder_names_no_move": bool,
     "at_top": bool, "no_overlap": bool, "overlap_rule": str, "basis_legend": dict[str, str],
     "person": PersonDoc},
)


class Step(MoveAt):
    skills_to_gain: list[Requirement]
    skills_to_deepen: list[Deepen]


class MovesByBasis(TypedDict):
    text: int
    titles: int
    editorial: int
    overlap: int


class RouteCost(TypedDict):
    """What a route is ranked by (docs/planning.md: Which route comes first): its moves by basis, then
    the distinct skills to gain and to deepen, and the levels to climb."""

    moves_by_basis: MovesByBasis
    skills_to_gain: int
    skills_to_deepen: int
    levels_to_climb: int


Route = TypedDict(
    "Route",
    {"from": RoleAt | None, "steps": list[Step], "skills_gained": int, "skills_deepened": int,
     "levels_to_climb": int, "editorial_moves": int, "cost": RouteCost},
)


class Gap(TypedDict):
    skills_to_gain: list[Requirement]
    skills_to_deepen: list[Deepen]


PathDoc = TypedDict(
    "PathDoc",
    {"from": RoleAt | None, "to": RoleAt, "start": Start, "promotions_only": bool,
     "allow_lateral": bool, "lateral_fallback": bool, "overlap_fallback": bool, "no_overlap": bool,
     "overlap_rule": str, "moves": int | None, "routes_found": int,
     "routes_found_capped": bool,
     "routes": list[Route], "route_order": str, "total_gap": NotRequired[Gap], "readiness": NotRequired[float],
     "basis_legend": dict[str, str], "person": PersonDoc},
)


class MatchRow(RoleAt, Scores):
    rank_score: float
    current: bool
    at_or_below_current: bool


class MatchAim(RoleAt):
    """The role ``match --to`` (or the profile's target) names: its readiness, and its place."""

    readiness: float
    points: int
    of: int
    #: Its place in the ranking (1: first), counted before ``--limit``; None when ``--stage``
    #: leaves it out.
    rank: int | None


class Match(TypedDict):
    person: PersonDoc
    current: RoleAt | None
    rule: str
    roles: list[MatchRow]
    #: How many roles there are: more than ``roles`` holds under ``--limit``.
    total: int
    #: The role aimed for (``--to``, else the profile's target), or None.
    aim: MatchAim | None
