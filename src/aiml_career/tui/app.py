"""The browser: the ladder as a tree beside the selected role, keyboard first.

A thin view: every answer comes from :class:`.state.Browser`, which asks the
functions the CLI uses. Text from the ladder file is shown as ``Text`` made by
``render.text.base.T`` (never parsed as markup, control characters escaped).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Region
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, OptionList, Static, Tree
from textual.widgets.option_list import Option

from ..errors import CareerError, sanitize
from ..render import requirement_label
from ..render.text.base import T
from .filtering import Found, NameFilter

if TYPE_CHECKING:
    from ..results.ladder import Compare
    from ..results.learning import Plan
    from ..results.plans import PathDoc

from .state import DEEPEN, GAIN, HELD, LEARNING, SKIPPED, Browser, Row

#: How each status looks: a sign that reads without colour, and a colour.
STATUS_LOOK = {
    HELD: ("✓", "green"),
    GAIN: ("+", "red"),
    DEEPEN: ("↑", "yellow"),
    LEARNING: ("◐", "cyan"),
    SKIPPED: ("–", "dim"),
}
#: At most this many roles (and skills) listed under a filter; type more to narrow.
FILTER_SHOWN = 100

#: Every key, for `?`, the footer and README (tests check README against it).
KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓ / j k", "move in the tree or a list"),
    ("enter", "open the role (in the tree, or a role it leads to or comes from)"),
    ("tab / shift+tab", "next / previous pane: tree, requirements, moves"),
    ("b / f", "back / forward through the roles you opened (also alt+← / alt+→)"),
    ("/", "filter roles and skills as you type (enter: to the tree; escape, there or in the tree: clear)"),
    ("space", "on a requirement: its skill in your profile, in turn done, learning, skipped, none"),
    ("c", "compare the role with another"),
    ("p", "route from your role to this one, with the gap at each step"),
    ("P", "route from a role you choose to this one"),
    ("l", "learning plan to this role: what to learn, in order, and where"),
    ("ctrl+p", "command palette"),
    ("?", "this list of keys"),
    ("q / ctrl+c", "quit"),
)


def _home_short(path: object) -> str:
    """``~/.config/...`` for a path in the home folder."""
    from ..environment import home as home_folder  # None without a home: shown in full

    text, home = str(path), str(home_folder() or "")
    return "~" + text[len(home):] if home not in ("", "/") and text.startswith(home + os.sep) else text


def status_text(row: Row) -> Text:
    sign, colour = STATUS_LOOK[row.status]
    out = Text.assemble((f"{sign} {row.status:<9} ", f"bold {colour}"), (f"{row.level:<10} ", "bold"),
                        T(requirement_label(row.item)))
    if row.detail:
        out.append(f"  {row.detail}", "dim")
    if row.saved:
        out.append(f"  · profile: {row.saved}", "italic")
    return out


#: j and k move like the arrows, in every list.
VIM_KEYS: list[BindingType] = [Binding("j", "cursor_down", "Down", show=False),
                               Binding("k", "cursor_up", "Up", show=False)]
#: escape in a list of the detail pane: back to the tree.
TO_TREE = Binding("escape", "app.focus_tree", "Tree", show=False)


class LadderTree(Tree):
    BINDINGS: ClassVar[list[BindingType]] = [*VIM_KEYS, Binding("escape", "app.clear_filter(True)", "Clear filter",
                                                                show=False)]


class Listing(OptionList):
    """A list of the detail pane: j/k, and the first option lit when it takes the keys."""

    BINDINGS: ClassVar[list[BindingType]] = [*VIM_KEYS, TO_TREE]

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.action_first()

    def scroll_to_highlight(self, top: bool = False) -> None:
        """The list is as tall as its options inside the scrolling detail pane: scroll the pane,
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


class RequirementList(Listing):
    BINDINGS = [Binding("space", "app.cycle", "Cycle status")]


class MoveList(Listing):
    pass


class FilterInput(Input):
    BINDINGS = [Binding("escape", "app.clear_filter", "Clear filter")]


def roles_commands() -> type:
    """The palette's role commands, imported when the palette first opens (not at start-up)."""
    from .commands import RolesCommands

    return RolesCommands


class PickRole(ModalScreen[str | None]):
    """Choose a role: type to filter, enter to take it, escape to cancel."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, browser: Browser, names: NameFilter, title: str, leave_out: str | None = None) -> None:
        super().__init__()
        self.browser, self.names, self.title_text, self.leave_out = browser, names, title, leave_out

    def compose(self) -> ComposeResult:
        with Vertical(id="pick"):
            yield Static(T(self.title_text), classes="heading")
            yield Input(placeholder="type to filter roles", id="pick-input")
            yield Listing(id="pick-list")

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        found = self.names(query)
        ids = found.roles if found is not None else list(self.browser.ladder.roles)
        roles = self.browser.ladder.roles
        listing = self.query_one("#pick-list", OptionList)
        listing.set_options(Option(T(f"{roles[i].name}  ({i})"), id=i)
                            for i in ids[:FILTER_SHOWN] if i != self.leave_out)
        listing.highlighted = 0 if listing.option_count else None

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        option = self.query_one("#pick-list", OptionList).highlighted_option
        if option is not None:
            self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_move(self, by: int) -> None:
        """The arrows move in the list while the keys go to the input."""
        listing = self.query_one("#pick-list", OptionList)
        listing.action_cursor_down() if by > 0 else listing.action_cursor_up()


class Page(Screen):
    """A full-screen answer (compare, route): scroll with the arrows, escape or q to go back."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("q", "app.pop_screen", "Back", show=False),
        Binding("j", "scroll_down", show=False),
        Binding("k", "scroll_up", show=False),
    ]

    def __init__(self, body: Text) -> None:
        super().__init__()
        self.body = body

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="page"):
            yield Static(self.body, id="page-body")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#page").focus()

    def action_scroll_down(self) -> None:
        self.query_one("#page").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#page").scroll_up()


class KeysScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        from rich.table import Table

        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            table.add_row(key, what)
        self.table = table
        with VerticalScroll(id="keys"):
            yield Static(Text("Keys", "bold"))
            yield Static(table, id="keys-table")
            yield Static(Text("escape closes this list", "dim"))


class BrowseApp(App[None]):
    TITLE = "aiml-career browse"
    CSS_PATH = "browse.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (72, "-wide")]
    COMMANDS = App.COMMANDS | {roles_commands}
    BINDINGS = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("q", "quit", "Quit"),
        Binding("slash", "filter", "Filter"),
        Binding("c", "compare", "Compare"),
        Binding("p", "route", "Route"),
        Binding("P", "route_from", "Route from…", show=False),
        Binding("l", "plan", "Plan"),
        Binding("b,alt+left", "history_back", "Back"),
        Binding("f,alt+right", "history_forward", "Fwd"),
        Binding("question_mark", "keys", "Keys"),
    ]

    def __init__(self, browser: Browser, open_role: str | None = None, monochrome: bool = False) -> None:
        super().__init__()
        self.browser = browser
        self.names = NameFilter(browser.ladder)
        self.open_at = open_role
        self.rows: dict[str, Row] = {}
        self.nodes: dict[str, Any] = {}
        self.shown: tuple[str, str] | None = None  # ("role" | "skill", id) in the detail pane
        if monochrome and not self.no_color:  # --color never: as NO_COLOR
            from textual.filter import Monochrome

            self.no_color = True
            self._filters.append(Monochrome())

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="who")
        with Horizontal(id="main"):
            with Vertical(id="side"):
                yield FilterInput(placeholder="filter roles and skills", id="filter")
                yield LadderTree(T(self.browser.ladder.doc.title or "Ladder"), id="tree")
            with VerticalScroll(id="detail"):
                yield Static(id="head")
                yield Static(id="about")
                yield Static("Requirements", classes="heading", id="reqs-heading")
                yield RequirementList(id="reqs")
                yield Static("Moves", classes="heading", id="moves-heading")
                yield MoveList(id="moves")
                yield Static(id="extra")
        yield Footer()

    def on_mount(self) -> None:
        tree = self.query_one(LadderTree)
        tree.show_root = False
        tree.guide_depth = 2
        self._show_who()
        if self.browser.me.ignored:  # the header may be cut on a narrow screen: said in full once
            self._say(f"not in this ladder, left out of your profile: {', '.join(self.browser.me.ignored)}",
                      severity="warning", timeout=8)
        self._fill_tree(None)
        self.show_role(self.open_at or self.browser.first_role())
        tree.focus()

    # -- the tree -----------------------------------------------------------------------

    def _role_label(self, role_id: str) -> Text:
        role = self.browser.ladder.roles[role_id]
        fit = self.browser.fit[role_id]
        mine = role_id == self.browser.me.role
        # Readiness first, so a narrow tree cuts the end of a long name, never the figure.
        label = Text(f"{fit['readiness']:g}%".rjust(5) + " ", "green" if fit["readiness"] >= 100 else "dim")
        label.append("● " if mine else "")
        label.append_text(T(role.name, "bold" if mine else ""))
        if mine:
            label.append(" you", "italic")
        return label

    def _fill_tree(self, query: str | None) -> None:
        tree = self.query_one(LadderTree)
        ladder = self.browser.ladder
        found = self.names(query) if query else None
        if found is None and query and query.strip():  # words only of punctuation: nothing matches them
            found = Found([], [])
        tree.clear()
        self.nodes = {}
        roles = found.roles if found is not None else list(ladder.roles)
        shown = set(roles[:FILTER_SHOWN])
        for sid, stage in ladder.stages.items():
            members = [r.id for r in ladder.roles_by_stage[sid] if r.id in shown]
            if found is not None and not members:
                continue
            branch = tree.root.add(T(stage.name, "bold"), data=("stage", sid), expand=True)
            for rid in members:
                self.nodes[rid] = branch.add_leaf(self._role_label(rid), data=("role", rid))
        if found is not None:
            if len(roles) > FILTER_SHOWN:
                tree.root.add_leaf(Text(f"first {FILTER_SHOWN} of {len(roles)} roles: type more to narrow", "dim"))
            if found.skills:
                branch = tree.root.add(Text("Skills", "bold"), data=("stage", ""), expand=True)
                for skill_id in found.skills[:FILTER_SHOWN]:
                    branch.add_leaf(T(ladder.skills[skill_id].name), data=("skill", skill_id))
                if len(found.skills) > FILTER_SHOWN:
                    branch.add_leaf(Text(f"first {FILTER_SHOWN} of {len(found.skills)} skills: type more to narrow",
                                         "dim"))
            if not roles and not found.skills:
                tree.root.add_leaf(Text("nothing matches", "dim"))

    def _relabel(self) -> None:
        for rid, node in self.nodes.items():
            node.set_label(self._role_label(rid))

    def _point_tree_at(self, role_id: str) -> None:
        """Put the tree's cursor on a role (when it is listed)."""
        node = self.nodes.get(role_id)
        if node is not None:
            self._cursor_to(node)

    def _cursor_to(self, node: Any) -> None:
        tree = self.query_one(LadderTree)
        if tree.cursor_node is not node:
            _ = tree.last_line  # lays out the lines: a node added since has no line before
            tree.move_cursor(node)

    def action_focus_tree(self) -> None:
        self.query_one(LadderTree).focus()

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node is self.query_one(LadderTree).cursor_node:  # not a line of the tree before a filter
            self._preview(event.node)

    def _preview(self, node: Any) -> None:
        kind, key = node.data or ("", "")
        if (kind, key) == self.shown:
            return
        if kind == "role":
            self.show_role(key, preview=True)
        elif kind == "skill":
            self.show_skill(key)
        elif kind == "stage" and key:
            self.show_stage(key)

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        kind, key = event.node.data or ("", "")
        if kind == "role":
            self.open_role(key)
        elif kind == "skill":
            self.show_skill(key)
            self.query_one("#moves").focus()

    # -- the detail pane ------------------------------------------------------------------

    def _show_who(self) -> None:
        me = self.browser.me
        ladder = self.browser.ladder
        line = Text("you: ", "dim")
        lost_role = any(entry.startswith("role ") for entry in me.ignored)
        role = T(ladder.roles[me.role].name) if me.role else Text(
            "your profile's role is not in this ladder" if lost_role else "no role set", "italic")
        line.append_text(role)
        held = len(me.have or {})
        line.append(f" · {held} skill{'' if held == 1 else 's'} held", "dim")
        if me.ignored:  # as the CLI's note: what of the profile this ladder has no place for
            line.append_text(T(f" · not in this ladder, left out: {', '.join(me.ignored)}", "yellow"))
        if me.source == "profile" and me.path:
            line.append(" · ", "dim")
            line.append_text(T(_home_short(me.path)))
        self.query_one("#who", Static).update(line)

    def open_role(self, role_id: str) -> None:
        """Open a role (enter, a link, the palette): it goes into the history, and
        the keys go to its requirements."""
        self.show_role(role_id)
        self.query_one(RequirementList).focus()

    def show_role(self, role_id: str, preview: bool = False, record: bool = True, keep: int | None = None) -> None:
        if record:
            self.browser.history.visit(role_id, preview)
        self.shown = ("role", role_id)
        page = self.browser.role_page(role_id)
        d, fit = page.detail, page.fit
        head = T(d["name"], "bold")
        head.append(f"  {d['id']}", "dim")
        head.append("\n")
        head.append_text(T(f"{d['stage_name']} · {d['track_name']}", "italic"))
        readiness = Text(f"\nreadiness {fit['readiness']:g}% ({fit['points']}/{fit['of']} points)",
                         "bold green" if fit["readiness"] >= 100 else "bold")
        head.append_text(readiness)
        if page.current:
            head.append("  · your role", "italic")
        self.query_one("#head", Static).update(head)

        about = T(d["summary"])
        if d["responsibilities"]:
            about.append("\n\nResponsibilities\n", "bold")
            for item in d["responsibilities"]:
                about.append("• ")
                about.append_text(T(item))
                about.append("\n")
        self.query_one("#about", Static).update(about)

        options: list[Option] = []
        self.rows = {}
        for g, group in enumerate(page.groups):
            heading = Text("all of " if group.all_of else "", "bold")
            if group.all_of:
                heading.append_text(T(group.all_of["name"], "bold"))
                heading.append(": ")
            heading.append_text(T(f"“{group.wording}”", "dim italic"))
            options.append(Option(heading, disabled=True))
            for row in group.rows:
                key = f"{g}:{row.skill}"
                self.rows[key] = row
                line = Text("  ")
                line.append_text(status_text(row))
                options.append(Option(line, id=key))
        reqs = self.query_one(RequirementList)
        reqs.set_options(options)
        reqs.display = True
        self.query_one("#reqs-heading").display = True
        self.query_one("#reqs-heading", Static).update(Text(
            "Requirements (space: cycle the skill's status in your profile)", "bold"))
        if keep is not None and keep < reqs.option_count:
            reqs.highlighted = keep

        moves: list[Option] = []
        for kind, sign, listed in (("next", "→ ", d["next_moves"]), ("prev", "← ", d["previous_moves"])):
            for move in listed:
                line = Text(sign)
                line.append_text(T(move["name"]))
                line.append(f"  {move['kind']} · {move['basis']}", "dim")
                moves.append(Option(line, id=f"{kind}:{move['id']}"))
        self.query_one("#moves-heading", Static).update(Text("Leads to (→) and comes from (←): enter opens", "bold"))
        self.query_one(MoveList).set_options(moves or [Option(Text("no moves", "dim"), disabled=True)])

        extra = Text()
        if d["occupations"]:
            extra.append("Occupations (O*NET-SOC, derived)\n", "bold")
            for occ in d["occupations"]:
                extra.append_text(T(f"{occ['code']}  {occ['title']}  "))
                extra.append(occ["url"], f"link {occ['url']}")
                extra.append("\n")
        self.query_one("#extra", Static).update(extra)
        if keep is None:
            self.query_one("#detail").scroll_home(animate=False)
        else:  # the same role again (space): where the reader was, the highlighted row in view
            self.call_after_refresh(reqs.scroll_to_highlight)
        self._point_tree_at(role_id)

    def show_skill(self, skill_id: str) -> None:
        self.shown = ("skill", skill_id)
        d = self.browser.skill_page(skill_id)
        head = T(d["name"], "bold")
        head.append(f"  {d['id']}", "dim")
        head.append("\n")
        head.append_text(T(f"skill · {d['category_name']}", "italic"))
        saved = self.browser.saved_status(skill_id)
        if saved:
            head.append(f"\nprofile: {saved}", "italic")
        self.query_one("#head", Static).update(head)
        self.query_one("#about", Static).update(Text())
        self.query_one(RequirementList).display = False
        self.query_one("#reqs-heading").display = False
        self.query_one("#moves-heading", Static).update(Text("Roles that need it: enter opens", "bold"))
        moves = []
        for role in d["roles"]:
            line = T(role["name"])
            line.append(f"  {role['level']} · {role['as']}", "dim")
            moves.append(Option(line, id=f"need:{role['id']}"))
        self.query_one(MoveList).set_options(moves or [Option(Text("no role needs it", "dim"), disabled=True)])
        self.query_one("#extra", Static).update(Text())

    def show_stage(self, stage_id: str) -> None:
        """A stage: its summary and roles; on the foundation stage the education, as ``stages`` shows it."""
        self.shown = ("stage", stage_id)
        d = self.browser.stage_page(stage_id)
        head = T(d["name"], "bold")
        head.append(f"  {d['id']}", "dim")
        head.append(f"\nstage {d['order']}", "italic")
        self.query_one("#head", Static).update(head)
        about = Text("\n")
        if d["summary"]:
            about.append_text(T(d["summary"]))
            about.append("\n")
        found = d.get("foundation")
        if found:
            for degree in found["degrees"]:
                about.append("\n")
                about.append_text(T(degree["name"], "bold"))
                about.append("\n")
                about.append_text(T(degree["description"]))
                if degree["fields"]:
                    about.append("\nfields: ", "bold")
                    about.append_text(T(", ".join(degree["fields"])))
                about.append("\n")
            for note in found["notes"]:
                about.append("\nnote: ", "bold")
                about.append_text(T(note))
                about.append("\n")
            if found["math_foundation"]:
                about.append("\nmaths foundation: ", "bold")
                about.append_text(T(", ".join(s["name"] for s in found["math_foundation"])))
                about.append("\n")
            if found["key_skills_text"]:
                about.append("\nkey skills: ", "bold")
                about.append_text(T(found["key_skills_text"]))
                about.append("\n")
        self.query_one("#about", Static).update(about)
        self.query_one(RequirementList).display = False
        self.query_one("#reqs-heading").display = False
        self.query_one("#moves-heading", Static).update(Text("Roles at this stage: enter opens", "bold"))
        roles = [Option(T(r["name"]), id=f"role:{r['id']}") for r in d["roles"]]
        self.query_one(MoveList).set_options(roles or [Option(Text("no roles at this stage", "dim"), disabled=True)])
        self.query_one("#extra", Static).update(Text())
        self.query_one("#detail").scroll_home(animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, MoveList) and event.option.id:
            self.open_role(event.option.id.split(":", 1)[1])

    # -- actions ------------------------------------------------------------------------

    def _say(self, message: str, **how: Any) -> None:
        """A notification: text from the ladder or the profile, so no markup, escapes shown."""
        self.notify(sanitize(message), markup=False, **how)

    def _shown_role(self) -> str | None:
        if self.shown is None or self.shown[0] != "role":
            self._say("open a role first", severity="warning")
            return None
        return self.shown[1]

    def action_cycle(self) -> None:
        reqs = self.query_one(RequirementList)
        option = reqs.highlighted_option
        if option is None or option.id not in self.rows or self.shown is None:
            return
        row = self.rows[option.id]
        try:
            new = self.browser.cycle(row.skill, row.level)
        except CareerError as error:
            self._say(error.message, title="profile not changed", severity="error")
            return
        self._relabel()
        self._show_who()
        self.show_role(self.shown[1], record=False, keep=reqs.highlighted)
        name = row.item["name"]
        self._say(f"{name}: {new or 'removed from your profile'}", timeout=2)

    def action_history_back(self) -> None:
        role_id = self.browser.history.back()
        if role_id is not None:
            self.show_role(role_id, record=False)

    def action_history_forward(self) -> None:
        role_id = self.browser.history.forward()
        if role_id is not None:
            self.show_role(role_id, record=False)

    def action_filter(self) -> None:
        box = self.query_one(FilterInput)
        box.add_class("shown")
        box.focus()

    def action_clear_filter(self, only_active: bool = False) -> None:
        """escape in the filter, or in the tree while a filter is on: the whole tree again."""
        box = self.query_one(FilterInput)
        if only_active and not box.value and not box.has_class("shown"):
            return
        box.value = ""
        box.remove_class("shown")
        self._fill_tree(None)
        if self.shown and self.shown[0] == "role":
            self._point_tree_at(self.shown[1])
        self.query_one(LadderTree).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self._fill_tree(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            tree = self.query_one(LadderTree)
            tree.focus()
            first = next((n for n in self._leaves() if n.data and n.data[0] in ("role", "skill")), None)
            if first is not None:
                self._cursor_to(first)
                self._preview(first)

    def _leaves(self) -> Iterable[Any]:
        for branch in self.query_one(LadderTree).root.children:
            yield from branch.children

    def _pick_for_shown(self, title: str, then: Callable[[str, str], object]) -> None:
        """Pick a role to go with the one shown (``{name}`` in ``title``); ``then(shown, picked)``."""
        role_id = self._shown_role()
        if role_id is None:
            return
        name = self.browser.ladder.roles[role_id].name

        def picked(other: str | None) -> None:
            if other is not None:
                then(role_id, other)

        self.push_screen(PickRole(self.browser, self.names, title.format(name=name), role_id), picked)

    def action_compare(self) -> None:
        self._pick_for_shown("Compare {name} with:", lambda role_id, other: self.push_screen(
            Page(compare_text(self.browser.compare(role_id, other)))))

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
        self.push_screen(Page(route_text(result)))

    def action_plan(self) -> None:
        role_id = self._shown_role()
        if role_id is None:
            return
        try:
            result = self.browser.plan(role_id)
        except CareerError as error:
            self._say(error.message, severity="warning")
            return
        # The page's padding and scroll bar take 6 columns.
        self.push_screen(Page(plan_text(result, max(40, self.size.width - 7))))

    def action_route_from(self) -> None:
        self._pick_for_shown("Route to {name}, starting from:", lambda _, start: self.action_route(start))

    def action_keys(self) -> None:
        self.push_screen(KeysScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Filter", "Filter roles and skills as you type (/)", self.action_filter)
        yield SystemCommand("Compare", "Compare the role shown with another (c)", self.action_compare)
        yield SystemCommand("Route", "Route from your role to the role shown (p)", self.action_route)
        yield SystemCommand("Route from", "Route from a role you choose to the role shown (P)",
                            self.action_route_from)
        yield SystemCommand("Learning plan", "What to learn on the way to the role shown, in order, and where (l)",
                            self.action_plan)
        yield SystemCommand("Back", "The role opened before (b)", self.action_history_back)
        yield SystemCommand("Forward", "The role opened after (f)", self.action_history_forward)
        yield SystemCommand("Key list", "Every key of the browser (?)", self.action_keys)


# -- full-page answers ---------------------------------------------------------------------


def _items(out: Text, sign: str, items: Sequence[Mapping[str, Any]], style: str) -> None:
    """Gap items, one a line: ``+ Docker  proficient``, ``↑ Python  basic → advanced``."""
    for item in items:
        out.append(f"  {sign} ", style)
        out.append_text(T(requirement_label(item)))
        level = f"{item['from']} → {item['to']}" if "to" in item else item["level"]
        out.append(f"  {level}", "dim")
        if item.get("status"):
            out.append(f"  · profile: {item['status']}", "italic")
        out.append("\n")


def compare_text(result: Compare) -> Text:
    """``compare A B`` as one page."""
    a, b = result["roles"]
    out = Text("Compare ", "bold")
    out.append_text(T(a["name"], "bold"))
    out.append(" with ", "bold")
    out.append_text(T(b["name"], "bold"))
    out.append("\n\n")
    out.append(f"Shared requirements ({len(result['shared_skills'])})\n", "bold")
    for shared in result["shared_skills"]:
        levels = shared["levels"]
        out.append_text(T(f"  {shared['name']}  {levels[a['id']]} / {levels[b['id']]}"))
        out.append("\n")
    for role in (a, b):
        only = result["only"][role["id"]]
        out.append("\nOnly ", "bold")
        out.append_text(T(role["name"], "bold"))
        out.append(f" ({len(only)})\n", "bold")
        for one in only:
            row = {**one, "any_of": one.get("any_of", {}).get(role["id"], [])}
            out.append_text(T(f"  {requirement_label(row)}  {one['level']}"))
            out.append("\n")
    if result["level_differences"]:
        out.append("\nLevel differences\n", "bold")
        for item in result["level_differences"]:
            levels = item["levels"]
            out.append_text(T(f"  {item['name']}  {levels.get(a['id'], '-')} / {levels.get(b['id'], '-')}"))
            out.append("\n")
    out.append("\nescape: back", "dim")
    return out


def route_text(result: PathDoc) -> Text:
    """``path --to`` as one page: the best route, each step's gap, the total."""
    out = Text("Route to ", "bold")
    out.append_text(T(result["to"]["name"], "bold"))
    start = result["start"]
    out.append("\nfrom ", "dim")
    out.append_text(T(", ".join(r["name"] for r in start["roles"][:3]) + (" …" if len(start["roles"]) > 3 else "")))
    out.append(f" ({start['how']})", "dim")
    if result["lateral_fallback"]:
        out.append("\nno chain of promotions leads there: lateral moves taken", "italic")
    if not result["routes"]:
        out.append("\n\nno route leads there", "bold")
        out.append("\n\nescape: back", "dim")
        return out
    best = result["routes"][0]
    found = result["routes_found"]
    out.append(f"\n{result['moves']} move{'s' if result['moves'] != 1 else ''}; "
               f"{found} shortest route{'s' if found != 1 else ''}, the one with least to learn "
               "(+ to gain, ↑ to deepen):\n", "dim")
    for step in best["steps"]:
        out.append("\n→ ", "bold")
        out.append_text(T(step["name"], "bold"))
        out.append(f"  {step['kind']} · {step['basis']}\n", "dim")
        _items(out, "+", step["skills_to_gain"], "red")
        _items(out, "↑", step["skills_to_deepen"], "yellow")
        if not step["skills_to_gain"] and not step["skills_to_deepen"]:
            out.append("  nothing to learn\n", "green")
    out.append(f"\nin all: {best['skills_gained']} to gain, {best['skills_deepened']} to deepen; "
               f"readiness for it now {result['readiness']:g}%\n", "bold")
    out.append("\nescape: back", "dim")
    return out


def plan_text(result: Plan, width: int) -> Text:
    """``plan --to`` as one page, drawn by the CLI's own renderer at ``width`` columns."""
    import io

    from ..render.learning import plan as draw
    from ..render.text.base import Out

    buffer = io.StringIO()
    console = Out(piped=False, file=buffer, notes=buffer, width=width, color_system="truecolor", force_terminal=True,
                  highlight=False, markup=False, emoji=False)
    draw(console, dict(result))
    lines = Text.from_ansi(buffer.getvalue()).split("\n")
    for line in lines:
        line.rstrip()  # the renderer pads its grids to the width
    out = Text("Learning plan\n", "bold", no_wrap=True)  # laid out already: kept as drawn
    out.append_text(Text("\n").join(lines))
    out.append("\n\nescape: back", "dim")
    return out
