"""The left pane: the `/` filter above the tree. It filters the tree itself; what the tree
shows or opens reaches the app as the tree's messages."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input

from ..filtering import Found, NameFilter
from ..state import Browser
from .tree import LadderTree


class FilterInput(Input):
    """The filter box. Out of the tab order (`/` gives it the keys), so that tab then space
    can never land in it and type over the filter."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "clear", "Clear filter")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="filter roles and skills", id=id)
        self.can_focus = False

    def on_blur(self) -> None:
        self.can_focus = False
        self.select_on_focus = True  # `/` again: what is typed replaces the filter

    def action_clear(self) -> None:
        self.post_message(LadderTree.ClearFilter())


class Side(Vertical):
    def __init__(self, browser: Browser, names: NameFilter, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names = names
        self.query_shown = ""  # what the tree is filtered by
        self.filter_box = FilterInput(id="filter")
        self.ladder_tree = LadderTree(browser, id="tree")

    def compose(self) -> ComposeResult:
        yield self.filter_box
        yield self.ladder_tree

    @property
    def filtering(self) -> bool:
        return bool(self.filter_box.value) or self.filter_box.has_class("shown")

    def open_filter(self, text: str = "") -> None:
        """Show the filter box and give it the keys now, not after the keys queued behind `/`."""
        box = self.filter_box
        box.add_class("shown")
        box.can_focus = True
        if text:  # pasted: the filter is that text, and more typed goes after it
            box.select_on_focus = False
            box.value = text
            box.cursor_position = len(text)
        self.screen.set_focus(box)

    def clear_filter(self) -> None:
        """The whole tree again; the keys to the tree."""
        self.filter_box.value = ""
        self.filter_box.remove_class("shown")
        self.refill("")
        self.screen.set_focus(self.ladder_tree)

    def refill(self, query: str) -> None:
        if query == self.query_shown:
            return
        self.query_shown = query
        found = self.names(query) if query else None
        if found is None and query.strip():  # words only of punctuation: nothing matches them
            found = Found([], [])
        self.ladder_tree.fill(found)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.refill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """enter in the filter: to the tree, on the first role or skill found (shown)."""
        event.stop()
        self.screen.set_focus(self.ladder_tree)
        first = self.ladder_tree.first_hit()
        if first is not None and first.data is not None:
            self.ladder_tree.point_at(first)
            self.post_message(LadderTree.Shown(*first.data))

    def on_paste(self, event: events.Paste) -> None:
        """Text pasted on the tree filters by it, as if typed after `/`."""
        lines = event.text.splitlines()
        if self.screen.focused is self.ladder_tree and lines:
            event.stop()
            self.open_filter(lines[0])  # one line, as the box itself takes a paste
