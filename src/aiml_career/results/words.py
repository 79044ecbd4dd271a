"""The closed sets of words the ladder file and every document share: levels, kinds and bases.

The bottom of the house: the ladder's model (:mod:`..ladder.model`, :mod:`..ladder.levels`)
and every ``--json`` type (:mod:`.`) take them from here, so the contract needs nothing above it.
"""

from typing import Literal

#: Skill levels, lowest first (docs/planning.md: Levels).
Level = Literal["basic", "proficient", "advanced", "expert"]
#: How a move goes: up the ladder, or across it.
MoveKind = Literal["promotion", "lateral"]
#: Why a move exists: the text says so, the role titles imply it, or an editorial judgement.
MoveBasis = Literal["text", "titles", "editorial"]
#: Why a link (prerequisite, related skill, place to learn, specialization's skills) exists.
Basis = Literal["text", "editorial"]
#: What a resource is.
ResourceKind = Literal["online-course", "certification", "degree"]
#: Why a resource is linked to its skills: the text, its name, or an editorial judgement.
ResourceBasis = Literal["text", "names", "editorial"]
