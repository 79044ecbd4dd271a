"""The command palette (ctrl+p) opens any role by name: imported when it first opens."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import Hit, Hits, Provider

from ..errors import sanitize

if TYPE_CHECKING:
    from .app import BrowseApp


class RolesCommands(Provider):
    async def search(self, query: str) -> Hits:
        app = cast("BrowseApp", self.app)
        matcher = self.matcher(query)
        for role in app.browser.ladder.doc.roles:
            name = sanitize(f"Open {role.name} ({role.id})")
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(app.open_role, role.id), text=name)
