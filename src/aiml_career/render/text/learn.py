"""The "learn:" lines: where to learn a skill, as ``skills SKILL``, ``next``, ``plan`` and
``skills SKILL --unlocks`` show it, and the rest of what ``skills SKILL`` adds about learning
(the text's foundation, prerequisites, related skills, what rests on it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from .. import TEXT, Voice
from ..rows import learn_words, place_label
from ..rows import skill_lines as rows_skill_lines
from .base import T

if TYPE_CHECKING:
    from ...results.common import Place, Requirement
    from ...results.ladder import SkillLearning

__all__ = ["learn_rows", "learn_text", "place_label", "skill_lines"]


def learn_text(places: Iterable[Place], voice: Voice = TEXT) -> Text:
    """Links first, then the text's (the ladder's) own courses and certifications, on one line."""
    return T(learn_words(places, voice))


def learn_rows(items: Iterable[Requirement]) -> list[tuple[str, Text]]:
    """``next``: one "learn:" line per skill to gain, its first link (or the text's resource)."""
    shown = []
    for item in items:
        places = item.get("learn") or []
        first = next((p for p in places if p["url"]), places[0] if places else None)
        if first is not None:
            shown.append(f"{item['name']}: {place_label(first)}")
    return [("learn:", T(" · ".join(shown)))] if shown else []


def skill_lines(out: Console, data: SkillLearning, voice: Voice = TEXT) -> None:
    """``skills SKILL``: the text's (the ladder's) foundation, its prerequisites, related skills,
    what rests on it, and where to learn it (:func:`..rows.skill_lines`, styled)."""
    for line in rows_skill_lines(data, voice):
        out.print(Text.assemble(*(T(text, style) for text, style in line)))
