"""The browser: the ladder as a tree beside the selected role, keyboard first.

A thin view. Every answer comes from :class:`.state.Browser`, which asks the
functions the CLI uses; the widgets (:mod:`.widgets`) draw and post messages, the
app answers them and runs the keys of :mod:`.keys`; full pages are drawn by the
CLI's renderers (:mod:`.pages`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, ClassVar

from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.command import Provider
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input

from ..errors import CareerError, sanitize
from .filtering import NameFilter
from .keys import bindings, commands
from .pages import compare_page, plan_page, progress_page, route_page
from .screens.keys import KeysScreen
from .screens.page import Page
from .screens.pick import PickRole
from .state import Browser
from .widgets.detail import DetailPane
from .widgets.side import Side
from .widgets.tree import LadderTree
from .widgets.who import WhoLine, who_parts


def roles_commands() -> type[Provider]:
    """The palette's role commands, imported when the palette first opens (not at start-up)."""
    from .commands import RolesCommands

    return RolesCommands


#: Keys bound with priority (keys.Key.urgent) because what is typed next goes to the box they
#: open: in a box of their own they are typed, not run.
TYPED_AFTER = frozenset({"filter", "compare", "route_from"})
#: Actions that act on the role shown in the main screen: not while a page or list is over it.
MAIN_ONLY = frozenset({"filter", "compare", "route", "route_from", "plan", "history_back", "history_forward"})


class BrowseApp(App[None]):
    TITLE = "aiml-career browse"
    CSS_PATH = "browse.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    COMMANDS = App.COMMANDS | {roles_commands}
    BINDINGS: ClassVar[list[BindingType]] = [*bindings("app")]

    def __init__(self, browser: Browser, open_role: str | None = None, monochrome: bool = False) -> None:
        super().__init__()
        self.browser = browser
        self.names = NameFilter(browser.ladder)
        self.open_at = open_role
        self.shown: tuple[str, str] | None = None  # ("role" | "skill" | "stage", id) in the detail pane
        self.who = WhoLine(id="who")
        self.side = Side(browser, self.names, id="side")
        self.detail = DetailPane(browser, id="detail")
        if monochrome and not self.no_color:  # --color never: as NO_COLOR
            from textual.filter import Monochrome

            self.no_color = True
            self._filters.append(Monochrome())

    @property
    def ladder_tree(self) -> LadderTree:
        return self.side.ladder_tree

    def compose(self) -> ComposeResult:
        yield self.who
        with Horizontal(id="main"):
            yield self.side
            yield self.detail
        yield Footer()

    def on_mount(self) -> None:
        self.who.show(who_parts(self.browser))
        if self.browser.me.ignored:  # the top line may be cut on a narrow screen: said in full once
            self._say(f"not in this ladder, left out of your profile: {', '.join(self.browser.me.ignored)}",
                      severity="warning", timeout=8)
        self.ladder_tree.fill(None)
        first = self.open_at or self.browser.first_role()
        if self.open_at is None and self.browser.me.role is None and first == self.browser.me.target:
            self._say(f"opened on your profile's target: {first} (g: your progress toward it)", timeout=6)
        self.show_role(first)
        self.ladder_tree.focus()
        self.call_after_refresh(self.names.build)  # the `/` filter's index, once the first screen is out

    # -- showing ------------------------------------------------------------------------------

    def show_role(self, role_id: str, preview: bool = False, record: bool = True, keep: int | None = None) -> None:
        if record:
            self.browser.history.visit(role_id, preview)
        self.shown = ("role", role_id)
        self.detail.show_role(role_id, keep)
        self.ladder_tree.point_at(self.ladder_tree.nodes.get(role_id))

    def open_role(self, role_id: str) -> None:
        """Open a role (enter, a link, the palette): it goes into the history, and the keys
        go to its requirements."""
        self.show_role(role_id)
        self.screen.set_focus(self.detail.reqs)  # now: the keys typed next go there

    def _show(self, kind: str, key: str) -> None:
        if (kind, key) == self.shown:
            return
        if kind == "role":
            self.show_role(key, preview=True)
            return
        self.shown = (kind, key)
        if kind == "skill":
            self.detail.show_skill(key)
        elif kind == "stage":
            self.detail.show_stage(key)

    # -- what the widgets say -------------------------------------------------------------------

    def on_ladder_tree_shown(self, event: LadderTree.Shown) -> None:
        self._show(event.kind, event.key)

    def on_ladder_tree_chosen(self, event: LadderTree.Chosen) -> None:
        if event.kind == "role":
            self.open_role(event.key)
        elif event.kind == "skill":
            self._show(event.kind, event.key)
            self.screen.set_focus(self.detail.moves)

    def on_ladder_tree_clear_filter(self, event: LadderTree.ClearFilter) -> None:
        """escape in the filter, or in the tree while a filter is on: the whole tree again."""
        if not self.side.filtering:
            return
        self.side.clear_filter()
        if self.shown and self.shown[0] == "role":
            self.ladder_tree.point_at(self.ladder_tree.nodes.get(self.shown[1]))

    def on_detail_pane_open(self, event: DetailPane.Open) -> None:
        self.open_role(event.role_id)

    def on_detail_pane_cycle(self, event: DetailPane.Cycle) -> None:
        """Space on a requirement: the skill's next status, saved; readiness everywhere again."""
        if self.shown is None or self.shown[0] != "role":
            return
        row = event.row
        try:
            new = self.browser.cycle(row.skill, row.level)
        except CareerError as error:
            self._say(error.message, title="profile not changed", severity="error")
            return
        self.ladder_tree.relabel()
        self.who.show(who_parts(self.browser))
        self.show_role(self.shown[1], record=False, keep=event.keep)
        self._say(f"{row.item['name']}: {new or 'removed from your profile'}", timeout=2)

    # -- keys ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys of the main screen only there; `/` types a "/" into any input."""
        if action in MAIN_ONLY and self.screen is not self.screen_stack[0]:
            return False
        if action in TYPED_AFTER and isinstance(self.focused, Input):
            return False
        return True

    def _say(self, message: str, **how: Any) -> None:
        """A notification: text from the ladder or the profile, so no markup, escapes shown."""
        self.notify(sanitize(message), markup=False, **how)

    def _shown_role(self) -> str | None:
        if self.shown is None or self.shown[0] != "role":
            self._say("open a role first", severity="warning")
            return None
        return self.shown[1]

    def action_focus_tree(self) -> None:
        self.ladder_tree.focus()

    def action_history_back(self) -> None:
        role_id = self.browser.history.back()
        if role_id is not None:
            self.show_role(role_id, record=False)

    def action_history_forward(self) -> None:
        role_id = self.browser.history.forward()
        if role_id is not None:
            self.show_role(role_id, record=False)

    def action_filter(self) -> None:
        self.side.open_filter()

    def _page_width(self) -> int:
        return max(40, self.size.width - 7)  # the page's padding and scroll bar take 6 columns

    def _pick_for_shown(self, title: str, then: Callable[[str, str], object]) -> None:
        """Pick a role to go with the one shown (``{name}`` in ``title``); ``then(shown, picked)``."""
        role_id = self._shown_role()
        if role_id is None:
            return
        name = self.browser.ladder.roles[role_id].name

        def picked(other: str | None) -> None:
            if other is not None:
                then(role_id, other)

        self.push_screen(PickRole(self.browser.ladder, self.names, title.format(name=name), role_id), picked)

    def action_compare(self) -> None:
        self._pick_for_shown("Compare {name} with:", lambda role_id, other: self.push_screen(
            Page(compare_page(self.browser.compare(role_id, other), self._page_width()))))

    def action_route(self, start: str | None = None) -> None:
        role_id = self._shown_role()
        if role_id is None:
            return
        if start is None and role_id == self.browser.me.role:  # the CLI's words name its options
            self._say("this is your role: no route to take (P routes from another role)", severity="warning")
            return
        try:
            result = self.browser.route(role_id, start)
        except CareerError as error:
            self._say(error.message, severity="warning")
            return
        self.push_screen(Page(route_page(result, self._page_width())))

    def action_route_from(self) -> None:
        self._pick_for_shown("Route to {name}, starting from:", lambda _, start: self.action_route(start))

    def action_plan(self) -> None:
        role_id = self._shown_role()
        if role_id is None:
            return
        try:
            result = self.browser.plan(role_id)
        except CareerError as error:
            self._say(error.message, severity="warning")
            return
        self.push_screen(Page(plan_page(result, self._page_width())))

    def action_progress(self) -> None:
        role_id = self._shown_role()
        if role_id is None:
            return
        # The chart sizes its bars to the width it is given: the page's own, however narrow.
        width = max(20, self.size.width - 7)
        self.push_screen(Page(progress_page(self.browser.progress(role_id), width)))

    def action_keys(self) -> None:
        self.push_screen(KeysScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for title, help_text, action in commands():
            yield SystemCommand(title, help_text, partial(self.run_action, action))
