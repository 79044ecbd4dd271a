"""The right pane: a role (summary, requirements with your status, moves, occupations),
a skill (the roles that need it) or a stage (its summary, education and roles).

Enter on a role it lists posts :class:`DetailPane.Open`; space on a requirement
:class:`DetailPane.Cycle`. Text from the ladder is ``Text`` made by ``T`` (never markup).
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...render import requirement_label
from ...render.text.base import T
from ..pages import foundation
from ..state import DEEPEN, GAIN, HELD, LEARNING, SKIPPED, Browser, Row
from .lists import MoveList, RequirementList, listed

#: How each status looks: a sign that reads without colour, and a colour.
STATUS_LOOK = {
    HELD: ("✓", "green"),
    GAIN: ("+", "red"),
    DEEPEN: ("↑", "yellow"),
    LEARNING: ("◐", "cyan"),
    SKIPPED: ("–", "dim"),
}


def status_text(row: Row) -> Text:
    sign, colour = STATUS_LOOK[row.status]
    out = Text.assemble((f"{sign} {row.status:<9} ", f"bold {colour}"), (f"{row.level:<10} ", "bold"),
                        T(requirement_label(row.item)))
    if row.detail:
        out.append(f"  {row.detail}", "dim")
    if row.saved:
        out.append(f"  · profile: {row.saved}", "italic")
    return out


class DetailPane(VerticalScroll):
    class Open(Message):
        """Enter on a role the pane lists: open it."""

        def __init__(self, role_id: str) -> None:
            super().__init__()
            self.role_id = role_id

    class Cycle(Message):
        """Space on a requirement: its skill's next status in the profile (``keep``: the row lit)."""

        def __init__(self, row: Row, keep: int | None) -> None:
            super().__init__()
            self.row, self.keep = row, keep

    def __init__(self, browser: Browser, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.browser = browser
        self.rows: dict[str, Row] = {}
        self.head = Static(id="head")
        self.about = Static(id="about")
        self.reqs_heading = Static("Requirements", classes="heading", id="reqs-heading")
        self.reqs = RequirementList(id="reqs")
        self.moves_heading = Static("Moves", classes="heading", id="moves-heading")
        self.moves = MoveList(id="moves")
        self.extra = Static(id="extra")

    def compose(self) -> ComposeResult:
        yield from (self.head, self.about, self.reqs_heading, self.reqs, self.moves_heading, self.moves, self.extra)

    # -- what it shows ----------------------------------------------------------------------

    def show_role(self, role_id: str, keep: int | None = None) -> None:
        """A role; ``keep``: the same role again, the requirement ``keep`` lit and the place kept."""
        page = self.browser.role_page(role_id)
        d, fit = page.detail, page.fit
        head = T(d["name"], "bold")
        head.append(f"  {d['id']}", "dim")
        head.append("\n")
        head.append_text(T(" · ".join(n for n in (d["stage_name"], d["track_name"]) if n), "italic"))
        head.append_text(Text(f"\nreadiness {fit['readiness']:.1f}% ({fit['points']}/{fit['of']} points)",
                              "bold green" if fit["readiness"] >= 100 else "bold"))
        if page.current:
            head.append("  · your role", "italic")
        if d["overlay"] is not None:  # docs/ladder.md: Overlays
            from ...render.text.ladder import OVERLAY_SAID

            head.append_text(T("\n" + OVERLAY_SAID[d["overlay"]["change"]].format(file=d["overlay"]["file"]), "yellow"))
        self.head.update(head)

        about = T(d["summary"])
        if d["responsibilities"]:
            about.append("\n\nResponsibilities\n", "bold")
            for item in d["responsibilities"]:
                about.append("• ")
                about.append_text(T(item))
                about.append("\n")
        self.about.update(about)

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
                options.append(listed(Text(" ").append_text(status_text(row)), key))
        self.reqs.set_options(options)
        self._requirements(True)
        if keep is not None and keep < self.reqs.option_count:
            self.reqs.highlighted = keep

        moves: list[Option] = []
        for kind, sign, those in (("next", "→ ", d["next_moves"]), ("prev", "← ", d["previous_moves"])):
            for move in those:
                line = Text(sign)
                line.append_text(T(move["name"]))
                line.append(f"  {move['kind']} · {move['basis']}", "dim")
                moves.append(listed(line, f"{kind}:{move['id']}"))
        self._moves("Leads to (→) and comes from (←): enter opens", moves, "no moves")

        extra = Text()
        if d["occupations"]:
            extra.append("Occupations (O*NET-SOC, derived)\n", "bold")
            for occ in d["occupations"]:
                extra.append_text(T(f"{occ['code']}  {occ['title']}  "))
                extra.append(occ["url"], f"link {occ['url']}")
                extra.append("\n")
        self.extra.update(extra)
        if keep is None:
            self.scroll_home(animate=False)
        else:  # the same role again (space): where the reader was, the highlighted row in view
            self.call_after_refresh(self.reqs.scroll_to_highlight)

    def show_skill(self, skill_id: str) -> None:
        d = self.browser.skill_page(skill_id)
        head = T(d["name"], "bold")
        head.append(f"  {d['id']}", "dim")
        head.append("\n")
        head.append_text(T(f"skill · {d['category_name']}", "italic"))
        saved = self.browser.saved_status(skill_id)
        if saved:
            head.append(f"\nprofile: {saved}", "italic")
        self.head.update(head)
        self.about.update(Text())
        self._requirements(False)
        moves = []
        for role in d["roles"]:
            line = T(role["name"])
            line.append(f"  {role['level']} · {role['as']}", "dim")
            moves.append(listed(line, f"need:{role['id']}"))
        self._moves("Roles that need it: enter opens", moves, "no role needs it")
        self.extra.update(Text())

    def show_stage(self, stage_id: str) -> None:
        """A stage: its summary and roles; on the foundation stage the education, drawn as ``stages`` draws it."""
        d = self.browser.stage_page(stage_id)
        head = T(d["name"], "bold")
        head.append(f"  {d['id']}", "dim")
        head.append(f"\nstage {d['order']}", "italic")
        self.head.update(head)
        about: list[RenderableType] = [Text()]
        if d["summary"]:
            about += [T(d["summary"]), Text()]
        found = d.get("foundation")
        if found:
            about.append(foundation(found, max(20, self.scrollable_content_region.width)))
        self.about.update(Group(*about))
        self._requirements(False)
        roles = [listed(T(r["name"]), f"role:{r['id']}") for r in d["roles"]]
        self._moves("Roles at this stage: enter opens", roles, "no roles at this stage")
        self.extra.update(Text())
        self.scroll_home(animate=False)

    def _requirements(self, shown: bool) -> None:
        self.reqs.display = self.reqs_heading.display = shown
        if shown:
            self.reqs_heading.update(Text("Requirements (space: cycle the skill's status in your profile)", "bold"))

    def _moves(self, heading: str, options: list[Option], none: str) -> None:
        self.moves_heading.update(Text(heading, "bold"))
        self.moves.set_options(options or [listed(Text(none, "dim"), disabled=True)])

    # -- what it says -------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is self.moves and event.option.id:
            event.stop()
            self.post_message(self.Open(event.option.id.split(":", 1)[1]))

    def on_requirement_list_cycle(self, event: RequirementList.Cycle) -> None:
        event.stop()
        row = self.rows.get(event.key)
        if row is not None:
            self.post_message(self.Cycle(row, self.reqs.highlighted))
