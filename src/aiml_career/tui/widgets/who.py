"""The top line: who you are (your role, the skills held, what of your profile this ladder
leaves out, where the profile is). What does not fit is left out, a part at a time, from
the end: the line never ends in a dangling "·" nor wraps out of sight."""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual.widget import Widget

from ...advice.person import Person
from ...render.text.base import T
from ..state import Browser


def home_short(path: object, home_folder: Path | None) -> str:
    """``~/.config/...`` for a path in the home folder (in full when there is no home folder)."""
    text, home = str(path), str(home_folder or "")
    return "~" + text[len(home):] if home not in ("", "/") and text.startswith(home + os.sep) else text


#: A part of the line, and whether it may be cut short ("…") rather than left out.
Part = tuple[Text, bool]


def who_parts(browser: Browser) -> list[Part]:
    """The parts of the line, most needed first."""
    me: Person = browser.me
    lost_role = any(entry.startswith("role ") for entry in me.ignored)
    first = Text("you: ", "dim")
    first.append_text(T(browser.ladder.roles[me.role].name) if me.role else Text(
        "your profile's role is not in this ladder" if lost_role else "no role set", "italic"))
    held = len(me.have or {})
    parts = [(first, True), (Text(f"{held} skill{'' if held == 1 else 's'} held", "dim"), False)]
    if me.ignored:  # as the CLI's note: what of the profile this ladder has no place for
        parts.append((T(f"not in this ladder, left out: {', '.join(me.ignored)}", "yellow"), True))
    if me.source == "profile" and me.path:
        parts.append((T(home_short(me.path, browser.home)), False))
    return parts


class WhoLine(Widget):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.parts: list[Part] = []

    def show(self, parts: list[Part]) -> None:
        self.parts = parts
        self.refresh(layout=True)

    def render(self) -> Text:
        """The parts that fit, from the first; the last one shown is cut short with "…" if
        it may be and a good part of it fits, else left out."""
        width = self.content_size.width or 10_000
        sep = Text(" · ", "dim")
        parts = list(self.parts)
        while len(parts) > 1:
            before = sep.join(text for text, _ in parts[:-1])
            last, cuttable = parts[-1]
            if before.cell_len + sep.cell_len + last.cell_len <= width:
                break
            if cuttable and width - before.cell_len - sep.cell_len >= min(12, last.cell_len):
                break
            parts.pop()
        line = sep.join(text for text, _ in parts)
        if line.cell_len > width:
            line.truncate(max(width - 1, 0))
            line.rstrip()
            line.append("…")
        line.no_wrap = True
        return line
