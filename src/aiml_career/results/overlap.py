"""The documents of role overlap: ``compare``'s ``overlap`` and ``similar``."""

from __future__ import annotations

from typing_extensions import TypedDict

from .common import Deepen, Met, NameRef, Requirement, SkillRef

#: How much of ``to``'s requirement points a holder of ``from`` meets (readiness's rule);
#: the functional form, as ``from`` is a Python keyword.
OverlapDoc = TypedDict("OverlapDoc", {"from": NameRef, "to": NameRef, "overlap": float, "points": int, "of": int,
                                      "shared": list[Met], "missing": list[Requirement], "deepen": list[Deepen],
                                      "extra": list[SkillRef]})


class SimilarRole(TypedDict):
    id: str
    name: str
    stage: str
    score: float
    forward: OverlapDoc
    backward: OverlapDoc


class Similar(TypedDict):
    role: NameRef
    rule: str
    total: int
    roles: list[SimilarRole]
