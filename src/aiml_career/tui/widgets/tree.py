"""The ladder as a tree: stages and their roles (each with your readiness), or what a filter
found. Moving posts :class:`LadderTree.Shown`, enter :class:`LadderTree.Chosen`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...render.text.base import T
from ..filtering import Found
from ..state import Browser
from .lists import MARK, VIM_KEYS

#: At most this many roles (and skills) listed, filtered or not; type more to narrow.
SHOWN = 100

#: What a node stands for: ("stage" | "role" | "skill", id), or ("", "") for a line of text.
Item = tuple[str, str]
Node = TreeNode[Item]


class LadderTree(Tree[Item]):
    BINDINGS: ClassVar[list[BindingType]] = [*VIM_KEYS, Binding("escape", "clear_filter", "Clear filter",
                                                                show=False)]

    class Shown(Message):
        """The cursor is on a stage, role or skill: show it (a preview, for a role)."""

        def __init__(self, kind: str, key: str) -> None:
            super().__init__()
            self.kind, self.key = kind, key

    class Chosen(Shown):
        """Enter on a stage, role or skill: open it."""

    class ClearFilter(Message):
        """escape in the tree: the whole tree again, if a filter is on."""

    def __init__(self, browser: Browser, *, id: str | None = None) -> None:
        super().__init__(T(browser.ladder.title or "Ladder"), id=id)
        self.browser = browser
        self.nodes: dict[str, Node] = {}
        self.show_root = False
        self.guide_depth = 2

    # -- what it lists ----------------------------------------------------------------------

    def role_label(self, role_id: str) -> Text:
        role = self.browser.ladder.roles[role_id]
        fit = self.browser.fit[role_id]
        mine = role_id == self.browser.me.role
        # Readiness first, so that a long name is cut (with "…") and the figure never is.
        label = Text(f"{fit['readiness']:g}%".rjust(5) + " ", "green" if fit["readiness"] >= 100 else "dim")
        label.append("● " if mine else "")
        label.append_text(T(role.name, "bold" if mine else ""))
        if mine:
            label.append(" you", "italic")
        return label

    def fill(self, found: Found | None) -> None:
        """The stages and their roles, or (``found``) the roles and skills a filter found;
        at most :data:`SHOWN` of each, and a line that says so when there are more. The
        cursor stays on what it was on, when that is listed still."""
        was = self.cursor_node.data if self.cursor_node is not None else None
        self._fill(found)
        if was:
            self.point_at(next((node for node in self._listed() if node.data == was), None))

    def _fill(self, found: Found | None) -> None:
        ladder = self.browser.ladder
        self.clear()
        self.nodes = {}
        roles = found.roles if found is not None else list(ladder.roles)
        shown = set(roles[:SHOWN])
        for sid, stage in ladder.stages.items():
            members = [r.id for r in ladder.roles_by_stage[sid] if r.id in shown]
            if found is not None and not members:
                continue
            branch = self.root.add(T(stage.name, "bold"), data=("stage", sid), expand=True)
            for rid in members:
                self.nodes[rid] = branch.add_leaf(self.role_label(rid), data=("role", rid))
        if len(roles) > SHOWN:
            more = "type more to narrow" if found is not None else "/ filters"
            self.root.add_leaf(Text(f"first {SHOWN} of {len(roles)} roles: {more}", "dim"), data=("", ""))
        if found is None:
            return
        if found.skills:
            branch = self.root.add(Text("Skills", "bold"), data=("stage", ""), expand=True)
            for skill_id in found.skills[:SHOWN]:
                branch.add_leaf(T(ladder.skills[skill_id].name), data=("skill", skill_id))
            if len(found.skills) > SHOWN:
                branch.add_leaf(Text(f"first {SHOWN} of {len(found.skills)} skills: type more to narrow", "dim"),
                                data=("", ""))
        if not roles and not found.skills:
            self.root.add_leaf(Text("nothing matches", "dim"), data=("", ""))

    def relabel(self) -> None:
        """Readiness again, after the profile changed."""
        for rid, node in self.nodes.items():
            node.set_label(self.role_label(rid))

    def _listed(self) -> Iterator[Node]:
        for branch in self.root.children:
            yield branch
            yield from branch.children

    def first_hit(self) -> Node | None:
        """The first role or skill listed."""
        return next((node for node in self._listed() if node.data and node.data[0] in ("role", "skill")), None)

    def point_at(self, node: Node | None) -> None:
        """The cursor on ``node`` (a role's node: ``self.nodes[id]``), if listed."""
        if node is not None and self.cursor_node is not node:
            _ = self.last_line  # lays out the lines: a node added since has no line before
            self.move_cursor(node)

    # -- how a line looks -------------------------------------------------------------------

    def render_label(self, node: Node, base_style: Style, style: Style) -> Text:
        """The cursor's line starts with a ▶ (it reads without colour); a label too long for
        the tree ends in "…" (the detail pane has the whole name)."""
        label = super().render_label(node, base_style, style)
        label = Text.assemble((f"{MARK} " if node is self.cursor_node else "  ", base_style + Style(bold=True)), label)
        room = self.scrollable_content_region.width - self._indent(node)
        if room > 1 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        return label

    def _indent(self, node: Node) -> int:
        """Columns of guides before ``node``'s label: two a level below the stages."""
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        return 2 * depth

    # -- what it says -------------------------------------------------------------------------

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[Item]) -> None:
        event.stop()
        if event.node is self.cursor_node and event.node.data and event.node.data[1]:
            self.post_message(self.Shown(*event.node.data))

    def on_tree_node_selected(self, event: Tree.NodeSelected[Item]) -> None:
        event.stop()
        if event.node.data and event.node.data[1]:
            self.post_message(self.Chosen(*event.node.data))

    def action_clear_filter(self) -> None:
        self.post_message(self.ClearFilter())
