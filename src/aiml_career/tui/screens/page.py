"""A full-screen answer (compare, route, learning plan): scroll with the arrows or j/k,
escape or q to go back."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static


class Page(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("q", "app.pop_screen", "Back", show=False),
        Binding("j", "scroll(1)", show=False),
        Binding("k", "scroll(-1)", show=False),
    ]

    def __init__(self, body: RenderableType) -> None:
        super().__init__()
        self.body = body
        self.pane = VerticalScroll(id="page")

    def compose(self) -> ComposeResult:
        with self.pane:
            yield Static(self.body, id="page-body")
        yield Footer()

    def on_mount(self) -> None:
        self.pane.focus()

    def action_scroll(self, by: int) -> None:
        self.pane.scroll_down() if by > 0 else self.pane.scroll_up()
