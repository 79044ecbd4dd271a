"""Choose a role: type to filter, enter to take it, escape to cancel.

What is typed finds roles as the `/` filter does, and the role the CLI's own
resolver (:meth:`~aiml_career.ladder.index.Ladder.role`) gives for it, when it gives
one, comes first and lit: "data sci" picks Data Scientist here as ``compare``
would, not the first of the roles with both words.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static

from ...errors import CareerError
from ...ladder.index import Ladder
from ...render.text.base import T
from ..filtering import NameFilter
from ..widgets.lists import Listing, listed
from ..widgets.tree import SHOWN


def picked_first(ladder: Ladder, names: NameFilter, query: str) -> list[str]:
    """The roles to offer for ``query``: the one the CLI resolves it to first, then those the
    filter finds, in ladder order (every role for no query)."""
    found = names(query)
    ids = found.roles if found is not None else list(ladder.roles)
    if not query.strip():
        return ids
    try:
        best = ladder.role(query).id
    except CareerError:  # unknown or ambiguous: the filter's list alone
        return ids
    return [best, *(i for i in ids if i != best)]


class PickRole(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, ladder: Ladder, names: NameFilter, title: str, leave_out: str | None = None) -> None:
        super().__init__()
        self.ladder, self.names, self.title_text, self.leave_out = ladder, names, title, leave_out
        self.input = Input(placeholder="type to filter roles", id="pick-input")
        self.listing = Listing(id="pick-list")

    def compose(self) -> ComposeResult:
        with Vertical(id="pick"):
            yield Static(T(self.title_text), classes="heading")
            yield self.input
            yield self.listing

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        roles = self.ladder.roles
        ids = [i for i in picked_first(self.ladder, self.names, query) if i != self.leave_out]
        self.listing.set_options(listed(T(f"{roles[i].name}  ({i})"), i) for i in ids[:SHOWN])
        self.listing.highlighted = 0 if self.listing.option_count else None

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        option = self.listing.highlighted_option
        if option is not None:
            self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_move(self, by: int) -> None:
        """The arrows move in the list while the keys go to the input."""
        self.listing.action_cursor_down() if by > 0 else self.listing.action_cursor_up()
