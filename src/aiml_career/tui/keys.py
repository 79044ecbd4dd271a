"""Every key of the browser, once: the `?` list, the bindings and the palette's commands
are made from :data:`KEYS` (docs/browse.md's table of keys is checked against it)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    """One row of the `?` list, and what makes it work."""

    shown: str  # the keys, as the `?` list and docs/browse.md write them
    what: str  # what they do, as the `?` list and docs/browse.md say it
    action: str = ""  # the action run; "" when a widget of Textual's own does it (arrows, enter, tab)
    keys: str = ""  # Textual's names of the keys ("b,alt+left")
    urgent: str = ""  # keys bound with priority: before the focused widget sees them
    footer: str = ""  # the footer's word; "" keeps it out of the footer
    place: int = 9  # where in the footer, from the left: what a narrow footer cuts comes last
    command: str = ""  # the palette's title; "" keeps it out of the palette
    scope: str = "app"  # whose binding: "app", or a widget's scope ("requirements")
    parts: tuple[Key, ...] = ()  # a row of two actions (back / forward): each its own key


KEYS: tuple[Key, ...] = (
    Key("↑ ↓ / j k", "move in the tree or a list"),
    Key("enter", "open the role (in the tree, or a role it leads to or comes from)"),
    Key("tab / shift+tab", "next / previous pane: tree, requirements, moves"),
    Key("b / f", "back / forward through the roles you opened (also alt+← / alt+→)", parts=(
        Key("b", "the role opened before", "history_back", "b,alt+left", footer="Back", command="Back", place=5),
        Key("f", "the role opened after", "history_forward", "f,alt+right", footer="Fwd", command="Forward", place=6),
    )),
    # `/` goes first, before the tree sees it, so the keys typed (or pasted) right after it
    # go to the filter, however fast they come.
    Key("/", "filter roles and skills as you type (enter: to the tree; escape, there or in the tree: clear)",
        "filter", urgent="slash", footer="Filter", command="Filter", place=1),
    Key("space", "on a requirement: its skill in your profile, in turn done, learning, skipped, none",
        "cycle", "space", footer="Cycle status", scope="requirements", place=0),
    Key("c", "compare the role with another", "compare", urgent="c", footer="Compare", command="Compare", place=2),
    Key("p", "route from your role to this one, with the gap at each step", "route", "p", footer="Route",
        command="Route", place=3),
    Key("P", "route from a role you choose to this one", "route_from", urgent="P", command="Route from"),
    Key("l", "learning plan to this role: what to learn, in order, and where", "plan", "l", footer="Plan",
        command="Learning plan", place=4),
    Key("g", "your progress toward this role: readiness over your profile's history, what you gained",
        "progress", "g", command="Progress"),
    Key("ctrl+p", "command palette"),
    Key("?", "this list of keys", "keys", "question_mark", footer="Keys", command="Key list", place=7),
    Key("q / ctrl+c", "quit", "quit", "q", urgent="ctrl+c", footer="Quit", place=0),
)


def help_rows() -> list[tuple[str, str]]:
    """The `?` list: (keys, what they do), in the order of :data:`KEYS`."""
    return [(key.shown, key.what) for key in KEYS]


def _bound() -> Iterator[Key]:
    for key in KEYS:
        yield from (part for part in key.parts or (key,) if part.action)


def bindings(scope: str = "app") -> list[Binding]:
    """The bindings of ``scope``, in the footer's order (:attr:`Key.place`)."""
    made: list[Binding] = []
    for key in sorted((key for key in _bound() if key.scope == scope), key=lambda key: key.place):
        if key.urgent:
            made.append(Binding(key.urgent, key.action, key.footer or key.action,
                                show=bool(key.footer) and not key.keys, priority=True))
        if key.keys:
            made.append(Binding(key.keys, key.action, key.footer or key.action, show=bool(key.footer)))
    return made


def commands() -> list[tuple[str, str, str]]:
    """The palette's commands: (title, help, action); the help ends with the key, in brackets."""
    return [(key.command, f"{key.what[0].upper()}{key.what[1:]} ({key.shown})", key.action)
            for key in _bound() if key.command]
