"""Commands that plan for a person: next, path and match (``--have``, ``--from``
or the saved profile)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import CareerError
from .app import Format, FormatOpt, JsonOpt, command, complete_role, ladder_of, note, output, pick_format, write_text

HaveOpt = Annotated[
    Optional[list[str]],
    typer.Option(
        "--have",
        metavar="SKILLS",
        help="Your skills, comma-separated, each with an optional :level "
        "(python, sql:advanced). Overrides the saved profile's skills.",
    ),
]
FromOpt = Annotated[
    Optional[str],
    typer.Option(
        "--from",
        metavar="ROLE",
        help="The role you hold now (default: your profile's role).",
        autocompletion=complete_role,
    ),
]


def _planning(ctx: typer.Context, have: Optional[list[str]], start: Optional[str] = None):
    """The ladder and the person (``--have``/``--from`` or the profile), with a note on stderr."""
    from ..person import person

    ladder = ladder_of(ctx)
    me = person(ladder, have, start)
    message = me.note()
    if message:
        note(ctx, message)
    return ladder, me


READINESS_HELP = (
    "Readiness = 100 x points / required points over a role's requirement rows: one row per "
    "skill the text asks for, except that interchangeable tools ('Python or R') are one row met "
    "by any of them. A row scores min(held, required), levels basic=1, proficient=2, advanced=3, "
    "expert=4, 0 when missing (README: Requirements)."
)


@command("next", epilog=READINESS_HELP)
def next_(
    ctx: typer.Context,
    start: FromOpt = None,
    have: HaveOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Where a role leads: each next role, its readiness, the skills to gain and to deepen.

    You are taken to hold your role's requirements, plus --have (or your
    saved profile's skills). Each move says its basis: the text, the role
    titles, or an editorial judgement with its reason.

    Example: aiml-career next --from junior-ds --have "pytorch:advanced"
    """
    from .. import planning

    ladder, me = _planning(ctx, have, start)
    output(ctx, planning.next_steps(ladder, me), as_json, "next_steps")


@command(epilog=READINESS_HELP)
def path(
    ctx: typer.Context,
    start: Annotated[
        Optional[str],
        typer.Option("--from", metavar="ROLE", autocompletion=complete_role,
                     help="Where you start (default: your profile's role; without one, the roles "
                     "your skills fully meet, else the entry stage)."),
    ] = None,
    goal: Annotated[
        str, typer.Option("--to", metavar="ROLE", help="Where you want to be.", autocompletion=complete_role)
    ] = ...,  # type: ignore[assignment]  # required: Typer reads ... as no default
    promotions_only: Annotated[
        bool, typer.Option("--promotions-only", help="Never take a lateral move, even when promotions reach no route.")
    ] = False,
    allow_lateral: Annotated[
        bool, typer.Option("--allow-lateral", help="Let lateral moves in even when promotions reach a route.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", "--max", metavar="N", help="List at most N tied routes.")] = 5,
    have: HaveOpt = None,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """The shortest routes to a role, with the skills to gain at each step.

    Promotions first; when they reach no route, lateral moves too (said
    so). Routes that tie on length come in order of least to learn; each
    route's totals count the lines under it. No route exits with 1.

    Example: aiml-career path --from intern --to caio
    """
    from .. import planning

    chosen = pick_format(as_json, fmt)
    ladder, me = _planning(ctx, have, start)
    result = planning.path(ladder, me, goal, promotions_only=promotions_only,
                           allow_lateral=allow_lateral, limit=limit)
    if not result["routes"]:
        if chosen is Format.json:
            output(ctx, result, True, "path")
        if promotions_only:
            hint = ["lateral moves were left out: drop --promotions-only"]
        else:
            hint = ["no chain of promotions or lateral moves leads there; see the ladder: aiml-career tree"]
        start = result["from"]["id"] if result["from"] else "the entry stage"
        raise CareerError(f"no route from {start} to {result['to']['id']}", hint)
    if chosen is Format.mermaid:
        from .. import export, graph

        write_text(ctx, export.mermaid(graph.routes(ladder, result)))
        return
    output(ctx, result, chosen is Format.json, "path")


@command(epilog=READINESS_HELP)
def match(
    ctx: typer.Context,
    have: HaveOpt = None,
    start: FromOpt = None,
    limit: Annotated[
        Optional[int], typer.Option("--limit", "--top", metavar="N", help="Only the N best roles.")
    ] = None,
    stage: Annotated[Optional[str], typer.Option("--stage", metavar="STAGE", help="Only this stage (id or name).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every role ranked for you: readiness, and what each still needs.

    Uses --have, else your saved profile; your role's requirements count as
    held. Ranked by readiness minus 10 points per stage above the first, so
    the nearer rung ranks first unless the one above is clearly readier;
    with a current role (--from or your profile's), roles at or below its
    stage come last.

    Example: aiml-career match --have "python:advanced, sql, pandas" --limit 3
    """
    from .. import planning

    ladder, me = _planning(ctx, have, start)
    output(ctx, planning.match(ladder, me, limit=limit, stage=stage), as_json, "match")
