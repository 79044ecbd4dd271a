"""Skill levels: their names, their ranks, and the words that set them.

One table, used everywhere: the ladder's requirements take their level from
the source's words by :data:`TEXT_WORDS` (docs/planning.md, "Levels"), and ``--have``
accepts those words too.
"""

from __future__ import annotations

from ..results.words import Level

LEVELS: tuple[Level, ...] = ("basic", "proficient", "advanced", "expert")
#: Rank of each level, 1 (basic) to 4 (expert); 0 means not held.
LEVEL_RANK: dict[str, int] = {name: rank for rank, name in enumerate(LEVELS, start=1)}

#: The source's words and the level each sets (docs/planning.md: Levels). The strongest
#: of these words in a requirement's wording sets its level ("strong ... expertise" is
#: expert, "Extensive experience" expert), except that "basic" or "familiarity" makes
#: it basic ("Basic knowledge"); a requirement with none of them is :data:`NO_WORD_LEVEL`.
TEXT_WORDS: dict[str, Level] = {
    "basic": "basic",
    "familiarity": "basic",
    "knowledge": "proficient",
    "proficiency": "proficient",
    "understanding": "proficient",
    "experience": "proficient",
    "advanced": "advanced",
    "strong": "advanced",
    "expertise": "expert",
    "in-depth": "expert",
    "extensive": "expert",
    "deep": "expert",
    "excellent": "expert",
    "executive-level": "expert",
}
#: The level of a requirement whose wording has no level word ("system design").
NO_WORD_LEVEL: Level = "proficient"
#: How the table read a word before (docs/planning.md: Levels): a ladder written then keeps its
#: meaning, so ``validate`` accepts either reading of these words.
FORMER_WORDS: dict[str, Level] = {"experience": "advanced"}


#: Words accepted after ``:`` in ``--have``: the levels, 1-4, the text's words
#: and a few everyday ones.
HAVE_WORDS: dict[str, Level] = {
    **{level: level for level in LEVELS},
    **{str(rank): level for rank, level in enumerate(LEVELS, start=1)},
    **TEXT_WORDS,
    "basic knowledge": "basic", "familiar": "basic", "beginner": "basic",
    "intermediate": "proficient", "experienced": "advanced",
}
#: Level of a skill given without ``:level``.
DEFAULT_LEVEL: Level = "proficient"
