"""browse: the ladder in a terminal UI. Textual is imported here, inside the command, and
nowhere else: no other command loads it (tests/test_browse.py checks)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import CareerError
from .app import FromOpt, command, complete_role, ladder_of
from .appkit import env_of


@command()
def browse(
    ctx: typer.Context,
    role: Annotated[
        Optional[str],
        typer.Argument(metavar="[ROLE]", help="The role to open first (default: your role).",
                       autocompletion=complete_role),
    ] = None,
    start: FromOpt = None,
) -> None:
    """Browse the ladder in a terminal UI: a tree of roles beside the one you look at.

    Move with the arrows or j/k, enter opens, / filters, c compares, p shows
    the route to a role, l the learning plan, space marks a requirement in
    your saved profile, ? lists every key, q quits (docs/browse.md).

    Example: aiml-career browse ml-engineer
    """
    from ..advice.person import person

    env = env_of(ctx)
    ladder = ladder_of(ctx)
    opened = ladder.role(role).id if role is not None else None
    me = person(ladder, None, start, profile=env.profile_file)  # a bad profile fails here, as in every command
    if not (env.stdin_isatty and env.stderr_isatty):  # Textual draws on stderr
        raise CareerError("browse needs a terminal (stdin and stderr)",
                          ["for output a script can read, see: aiml-career tree, aiml-career show ROLE"])
    from ..tui import run

    env.lasting()  # the collector back: the browser keeps running
    # Colour: --color, else NO_COLOR (the screen is stderr's, whatever stdout is).
    monochrome = env.color == "never" or (env.color == "auto" and env.no_color)
    run(ladder, env, role=opened, start=me.role if start is not None else None, monochrome=monochrome)
