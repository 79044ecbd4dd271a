"""``aiml-career browse``: the ladder in a terminal UI (Textual).

Imported by that command alone: no other command loads Textual (a test says so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..environment import Environment
    from ..ladder.index import Ladder


def run(ladder: Ladder, env: Environment, *, role: str | None = None, start: str | None = None,
        monochrome: bool = False) -> None:
    """Open the browser at ``role`` (else your role, else the first), until the user quits;
    the profile and the home folder are ``env``'s."""
    from .app import BrowseApp
    from .state import Browser

    BrowseApp(Browser(ladder, start, env=env), role, monochrome).run()
