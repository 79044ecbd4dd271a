"""The command palette (ctrl+p) opens any role by name: imported when it first opens."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider

from ..errors import sanitize


class RolesCommands(Provider):
    async def search(self, query: str) -> Hits:
        app = self.app
        matcher = self.matcher(query)
        for role in app.browser.ladder.doc.roles:  # type: ignore[attr-defined]
            name = sanitize(f"Open {role.name} ({role.id})")
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(app.open_role, role.id), text=name)  # type: ignore[attr-defined]
