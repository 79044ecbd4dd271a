"""The lists of the detail pane and of the role picker: j/k, and a ▶ at the highlighted row."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..keys import bindings

#: The mark of the highlighted row (and of the tree's cursor): it reads without colour.
MARK = "▶"

#: j and k move like the arrows, in every list.
VIM_KEYS: list[BindingType] = [Binding("j", "cursor_down", "Down", show=False),
                               Binding("k", "cursor_up", "Up", show=False)]


def listed(prompt: Text, id: str | None = None, disabled: bool = False) -> Option:
    """An option whose first column is kept for :data:`MARK`."""
    return Option(Text(" ").append_text(prompt), id=id, disabled=disabled)


class Listing(OptionList):
    """A list: the first option lit when it takes the keys; the highlighted one marked by
    :data:`MARK` in the first column (:func:`listed` keeps it free), not by colour alone."""

    BINDINGS: ClassVar[list[BindingType]] = [*VIM_KEYS]

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.action_first()

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        if self.highlighted is not None and self._index_to_line.get(self.highlighted) == self.scroll_offset.y + y:
            style = next(iter(strip), Segment("")).style
            strip = Strip.join([Strip([Segment(MARK, style)], 1), strip.crop(1)])
        return strip

    def scroll_to_highlight(self, top: bool = False) -> None:
        """A list as tall as its options inside the scrolling detail pane: scroll the pane,
        so the highlighted option stays in view (after ↓, after a re-render)."""
        super().scroll_to_highlight(top)
        pane = self.parent
        if self.highlighted is None or not isinstance(pane, VerticalScroll):
            return
        line = self._index_to_line.get(self.highlighted)
        if line is None:
            return
        here = self.virtual_region
        pane.scroll_to_region(Region(here.x, here.y + line, here.width, self._heights.get(self.highlighted, 1)),
                              animate=False, immediate=True)


class PaneList(Listing):
    """A list of the detail pane: escape goes back to the tree."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.focus_tree", "Tree", show=False)]


class RequirementList(PaneList):
    """A role's requirements; space asks for the highlighted row's skill to change status."""

    BINDINGS: ClassVar[list[BindingType]] = [*bindings("requirements")]

    class Cycle(Message):
        """Space on a requirement row (``key``: the option's id)."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def action_cycle(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(self.Cycle(option.id))


class MoveList(PaneList):
    """Roles to go to: where a role leads and comes from, who needs a skill, a stage's roles."""
