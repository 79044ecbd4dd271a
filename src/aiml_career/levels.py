"""Skill levels: their names, their ranks, and the words that set them.

One table, used everywhere: the ladder's requirements take their level from
the source's words by :data:`TEXT_WORDS` (README, "Levels"), and ``--have``
accepts those words too.
"""

from __future__ import annotations

from typing import Literal

#: Skill levels, lowest first.
LEVELS: tuple[str, ...] = ("basic", "proficient", "advanced", "expert")
Level = Literal["basic", "proficient", "advanced", "expert"]
#: Rank of each level, 1 (basic) to 4 (expert); 0 means not held.
LEVEL_RANK: dict[str, int] = {name: rank for rank, name in enumerate(LEVELS, start=1)}

#: The source's words and the level each sets (README: Levels). The strongest of
#: these words in a requirement's wording sets its level ("strong ... expertise" is
#: expert, "Extensive experience" expert), except that a word of :data:`CAPPING_WORDS`
#: makes it basic ("Basic knowledge"); a requirement with none of them is
#: :data:`NO_WORD_LEVEL`.
TEXT_WORDS: dict[str, str] = {
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
NO_WORD_LEVEL = "proficient"
#: Words that say how little is asked: with one of them the requirement is basic,
#: whatever else its wording says ("Basic knowledge of machine learning algorithms").
CAPPING_WORDS = ("basic", "familiarity")


def level_of(words: list[str]) -> tuple[str, str | None]:
    """(level, the word that set it) for the level words of a wording, in their order:
    a capping word if there is one, else the strongest word (the first of equals)."""
    words = [w.casefold() for w in words if w.casefold() in TEXT_WORDS]
    capping = [w for w in words if w in CAPPING_WORDS]
    if capping:
        return TEXT_WORDS[capping[0]], capping[0]
    if not words:
        return NO_WORD_LEVEL, None
    word = max(words, key=lambda w: (LEVEL_RANK[TEXT_WORDS[w]], -words.index(w)))
    return TEXT_WORDS[word], word

#: Words accepted after ``:`` in ``--have``: the levels, 1-4, the text's words
#: and a few everyday ones.
HAVE_WORDS: dict[str, str] = {
    **{level: level for level in LEVELS},
    **{str(rank): level for level, rank in LEVEL_RANK.items()},
    **TEXT_WORDS,
    "basic knowledge": "basic", "familiar": "basic", "beginner": "basic",
    "intermediate": "proficient", "experienced": "advanced",
}
#: Level of a skill given without ``:level``.
DEFAULT_LEVEL = "proficient"
