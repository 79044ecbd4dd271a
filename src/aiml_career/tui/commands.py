"""The command palette (ctrl+p) opens any role by name: imported when it first opens."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Protocol, cast

from textual.command import Hit, Hits, Provider

from ..errors import sanitize

if TYPE_CHECKING:
    from .state import Browser


class RoleOpener(Protocol):
    """What the palette needs of the app: the ladder it shows, and a way to open a role."""

    browser: Browser

    def open_role(self, role_id: str) -> None: ...


class RolesCommands(Provider):
    async def search(self, query: str) -> Hits:
        app = cast(RoleOpener, self.app)
        matcher = self.matcher(query)
        for role in app.browser.ladder.heads:
            name = sanitize(f"Open {role.name} ({role.id})")
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(app.open_role, role.id), text=name)
