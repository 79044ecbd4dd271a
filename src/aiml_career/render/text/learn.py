"""The "learn:" lines: where to learn a skill, as ``skills SKILL``, ``next``, ``plan`` and
``skills SKILL --unlocks`` show it, and the rest of what ``skills SKILL`` adds about learning
(the text's foundation, prerequisites, related skills, what rests on it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from .. import TEXT, Voice, requirement_label
from ..checklist import editorial
from .base import T

if TYPE_CHECKING:
    from ...results.common import Place, Requirement
    from ...results.ladder import SkillLearning


def place_label(place: Place) -> str:
    """"Docker: Get started https://docs.docker.com/get-started/ (editorial)", or
    "Coursera (online-course)": an editorial link says so, as in the Markdown checklist."""
    if place["url"]:
        return f"{place['title']} {place['url']}{editorial(place)}"
    return f"{place['title']} ({place['kind']})"


def learn_text(places: Iterable[Place], voice: Voice = TEXT) -> Text:
    """Links first, then the text's (the ladder's) own courses and certifications, on one line."""
    places = list(places)
    links = [place_label(p) for p in places if p["url"]]
    named = [p["title"] for p in places if not p["url"]]
    parts = links + ([f"{voice.own}: {', '.join(named)}"] if named else [])
    return T(" · ".join(parts) or "—")


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
    what rests on it, and where to learn it."""
    found = data.get("foundation")
    if found:
        words = T(f"\u201c{found['wording']}\u201d ", "italic") if found["wording"] else T("")
        out.print(Text.assemble(f"{voice.own} foundation: ", words, T(f"({found['level']})", "dim")))
    if data.get("prerequisites"):
        before = ", ".join(f"{p['name']} ({p['id']}, {p['basis']})" for p in data["prerequisites"])
        out.print(Text.assemble("learn first: ", T(before)))
    for label, related in (("counted from: ", data.get("related")), ("counts toward: ", data.get("counts_toward"))):
        if related:
            shown = ", ".join(f"{r['name']} (up to {r['up_to']}{editorial(r).replace(' (', '; ').rstrip(')')})"
                              for r in related)
            out.print(Text.assemble(label, T(shown)))
    if data.get("counts_for"):
        shown = "; ".join(f"{c['name']} ({requirement_label(c['requirement'])}"
                          f"{', up to ' + c['up_to'] if c['up_to'] else ''})" for c in data["counts_for"])
        out.print(Text.assemble("counts for the rows of: ", T(shown)))
    rests = data.get("rests_on_it")
    if rests and rests["skills"]:
        names = ", ".join(s["name"] for s in rests["skills"][:8])
        more = f", … (+{len(rests['skills']) - 8})" if len(rests["skills"]) > 8 else ""
        roles = f"; roles asking for them: {len(rests['roles'])}" if rests["roles"] else ""
        out.print(Text.assemble("rests on it: ", T(f"{names}{more}{roles}")))
    if data.get("learn"):
        out.print(Text.assemble("learn: ", learn_text(data["learn"], voice)))
