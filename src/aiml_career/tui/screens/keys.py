"""`?`: every key of the browser, from the one table of keys (:data:`..keys.KEYS`)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import help_rows


class KeysScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def __init__(self) -> None:
        super().__init__()
        self.table = Table.grid(padding=(0, 2))
        self.table.add_column(style="bold", no_wrap=True)
        self.table.add_column()
        for key, what in help_rows():
            self.table.add_row(key, what)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="keys"):
            yield Static(Text("Keys", "bold"))
            yield Static(self.table, id="keys-table")
            yield Static(Text("escape closes this list", "dim"))
