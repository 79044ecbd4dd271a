"""Commands that plan for a person: next, path and match (``--have``, ``--from``
or the saved profile)."""

from __future__ import annotations

from enum import Enum
from functools import partial
from typing import Annotated, Literal, Optional

import typer

from ..errors import CareerError, UsageError
from ..render import ON_SCREEN, renderers
from .app import (
    Format,
    FormatOpt,
    FromOpt,
    HaveOpt,
    JsonOpt,
    ProvenOpt,
    claims_note,
    command,
    complete_role,
    goal_of,
    ladder_and_person,
    ladder_of,
    note,
    on_screen,
    output,
    pick_format,
    voice_of,
    write_file,
    write_text,
)
from .appkit import env_of

READINESS_HELP = (
    "Readiness = 100 x points / required points over a role's requirement rows: one row per "
    "skill the text asks for, except that interchangeable tools ('Python or R') are one row met "
    "by any of them. A row scores min(held, required), levels basic=1, proficient=2, advanced=3, "
    "expert=4, 0 when missing (docs/planning.md: Requirements)."
)


#: ``next``: the role aimed for, whose readiness the claims note speaks of (``match``: its own).
AimOpt = Annotated[
    Optional[str], typer.Option("--to", metavar="ROLE", autocompletion=complete_role,
                                help="The role you aim for (default: your profile's target): how much of "
                                "its readiness rests on claims alone is said.")
]
MatchAimOpt = Annotated[
    Optional[str], typer.Option("--to", metavar="ROLE", autocompletion=complete_role,
                                help="The role you aim for (default: your profile's target): its readiness and "
                                "place in the ranking, and how much of it rests on claims alone.")
]


NoOverlapOpt = Annotated[
    bool, typer.Option("--no-overlap", help="Offer no moves derived from overlap where the ladder names none.")
]


@command("next", epilog=READINESS_HELP)
def next_(
    ctx: typer.Context,
    start: FromOpt = None,
    have: HaveOpt = None,
    goal: AimOpt = None,
    proven: ProvenOpt = False,
    no_overlap: NoOverlapOpt = False,
    limit: Annotated[
        Optional[int], typer.Option("--limit", metavar="N", help="Only the N moves you are readiest for (from no "
                                    "role, on a big ladder, the entry stage's roles are thousands; on a terminal "
                                    f"without it: the readiest {ON_SCREEN}).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Where a role leads: each next role, its readiness, the skills to gain and to deepen.

    You are taken to hold your role's requirements, plus --have (or your
    saved profile's skills). Each move says its basis: the text, the role
    titles, or an editorial judgement with its reason. From a role the
    ladder names no move from (below its top), the nearest roles by
    overlap are offered instead, marked as ours (--no-overlap: none).

    Example: aiml-career next --from junior-ds --have "pytorch:advanced"
    """
    from ..advice import learning

    ladder, me = ladder_and_person(ctx, have, start, proven)
    aim = goal_of(ctx, goal, me, required=False)
    if not as_json:
        claims_note(ctx, ladder, me, aim)
    screen = None if as_json else on_screen(ctx, limit)  # a terminal's readiest ON_SCREEN, as --limit keeps them
    result = learning.next_steps(ladder, me, no_overlap=no_overlap, limit=limit if limit is not None else screen)
    output(ctx, result, as_json, partial(renderers.next_steps, voice_of(ctx), screen), renderers.next_rows)


#: Where a route starts (``path``, ``plan``).
RouteFromOpt = Annotated[
    Optional[str],
    typer.Option("--from", metavar="ROLE", autocompletion=complete_role,
                 help="Where you start (default: your profile's role; without one, the roles "
                 "your skills fully meet, else the entry stage)."),
]
ToOpt = Annotated[
    Optional[str], typer.Option("--to", metavar="ROLE", autocompletion=complete_role,
                                help="Where you want to be (default: your profile's target).")
]


PromotionsOnlyOpt = Annotated[
    bool, typer.Option("--promotions-only", help="Never take a lateral move, even when promotions reach no route.")
]
AllowLateralOpt = Annotated[
    bool, typer.Option("--allow-lateral", help="Let lateral moves in even when promotions reach a route.")
]


@command(epilog=READINESS_HELP)
def path(
    ctx: typer.Context,
    start: RouteFromOpt = None,
    goal: ToOpt = None,
    promotions_only: PromotionsOnlyOpt = False,
    allow_lateral: AllowLateralOpt = False,
    no_overlap: NoOverlapOpt = False,
    limit: Annotated[int, typer.Option("--limit", "--max", metavar="N", help="List at most N tied routes.")] = 5,
    have: HaveOpt = None,
    proven: ProvenOpt = False,
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """The shortest routes to a role, with the skills to gain at each step.

    Promotions first; when they reach no route, lateral moves too (said
    so); when the ladder's moves reach no route, moves derived from
    overlap too (said so; --no-overlap: none). Routes that tie on length
    come in order of least to learn; each route's totals count the lines
    under it. No route exits with 1.

    Example: aiml-career path --from intern --to caio
    """
    from ..advice import planning

    chosen = pick_format(as_json, fmt)
    ladder, me = ladder_and_person(ctx, have, start, proven)
    goal = goal_of(ctx, goal, me)
    assert goal is not None
    if chosen is Format.text:
        claims_note(ctx, ladder, me, goal)
    result = planning.path(ladder, me, goal, promotions_only=promotions_only,
                           allow_lateral=allow_lateral, limit=limit, no_overlap=no_overlap)
    if not result["routes"]:
        if chosen is Format.json:
            output(ctx, result, True, renderers.path)
        start = result["from"]["id"] if result["from"] else "the entry stage"
        raise CareerError(f"no route from {start} to {result['to']['id']}",
                          _no_route_hint(promotions_only, "path", no_overlap))
    if chosen is Format.mermaid:
        from ..advice import graph
        from ..render import export

        write_text(ctx, export.mermaid(graph.routes(ladder, result)))
        return
    output(ctx, result, chosen is Format.json, partial(renderers.path, voice_of(ctx)))


class PlanFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@command(epilog=READINESS_HELP)
def plan(
    ctx: typer.Context,
    goal: ToOpt = None,
    start: RouteFromOpt = None,
    have: HaveOpt = None,
    proven: ProvenOpt = False,
    promotions_only: PromotionsOnlyOpt = False,
    allow_lateral: AllowLateralOpt = False,
    as_json: JsonOpt = False,
    fmt: Annotated[
        Optional[PlanFormat],
        typer.Option("--format", metavar="FORMAT", case_sensitive=False,
                     help="text (default; into a file, the tab-separated rows a pipe gets), markdown "
                     "(a - [ ] checklist) or json (same as --json)."),
    ] = None,
    dest: Annotated[
        Optional[str],
        typer.Option("--output", "-o", metavar="FILE",
                     help="Write to FILE (replaced atomically). Without --format: .json is json, .md or "
                     ".markdown is markdown, anything else text rows. - is stdout, as without -o."),
    ] = None,
) -> None:
    """A learning plan to a role: what to learn along the best route, in order, and where.

    The items are the requirement lines of path's best route (and the
    prerequisites they need that you lack), step by step, each step's
    prerequisites first, then by how many steps of the route (and roles
    beyond it) each item completes. Each says its level, the step and the
    text's words asking for it, what it unlocks, your status (done,
    learning, skipped) and where to learn it. No route exits with 1
    (with json, the document still comes, its no_route true).

    Example: aiml-career plan --from junior-ds --to senior-mle
    """
    from ..advice import learning

    if as_json and fmt not in (None, PlanFormat.json):
        raise UsageError(f"--json and --format {fmt.value} disagree: give one of them")
    if dest == "-":
        dest = None
    if dest is not None:
        from ..ladder.loading import checked_path

        checked_path(dest, "--output")
    chosen = PlanFormat.json if as_json else fmt or plan_format(dest)
    ladder, me = ladder_and_person(ctx, have, start, proven)
    goal = goal_of(ctx, goal, me)
    assert goal is not None
    if chosen is PlanFormat.text and dest is None:
        claims_note(ctx, ladder, me, goal)
    result = learning.plan(ladder, me, goal, promotions_only=promotions_only, allow_lateral=allow_lateral)
    if result["no_route"] and chosen is not PlanFormat.json:
        raise CareerError(result["message"] or "no route", _no_route_hint(promotions_only, "plan"))
    if chosen is PlanFormat.text and dest is None:
        output(ctx, result, False, partial(renderers.plan, voice_of(ctx)))
        return
    if chosen is PlanFormat.text:
        import io

        from ..render.learning import plan as draw
        from ..render.text.base import piped_console

        buffer = io.StringIO()
        draw(piped_console(buffer, env_of(ctx).stderr), result, voice_of(ctx))
        document = buffer.getvalue()
    elif chosen is PlanFormat.markdown:
        from ..render.checklist import markdown

        document = markdown(result, voice_of(ctx))
    else:
        from ..render.json import dumps

        document = dumps(result).decode("utf-8")
    if dest is None:
        write_text(ctx, document)
    else:
        write_file(ctx, dest, document)
    if result["no_route"]:
        raise CareerError(result["message"] or "no route", _no_route_hint(promotions_only, "plan"))


def _no_route_hint(promotions_only: bool, asked: str, no_overlap: bool = False) -> list[str]:
    """Why no route, for ``path`` or ``plan``: what was left out, or what was tried."""
    if promotions_only:
        return ["lateral moves were left out: drop --promotions-only"]
    hints = ["no chain of promotions or lateral moves leads there; see the ladder: aiml-career tree"]
    if asked == "plan":
        hints.append("a plan follows only the moves the ladder names; path also tries moves derived from "
                     "overlap (ours), from roles the ladder names no move from: aiml-career path")
    elif no_overlap:
        hints.append("--no-overlap left out moves derived from overlap: drop it to try them")
    else:
        hints.append("nor do moves derived from overlap (ours: only from roles the ladder names no move "
                     "from, below its top stage; docs/planning.md: Moves from overlap)")
    return hints


def plan_format(dest: str | None) -> PlanFormat:
    """The format ``-o FILE`` gets without ``--format``: by the file's extension."""
    name = (dest or "").lower()
    if name.endswith(".json"):
        return PlanFormat.json
    if name.endswith((".md", ".markdown")):
        return PlanFormat.markdown
    return PlanFormat.text


@command(epilog=READINESS_HELP)
def match(
    ctx: typer.Context,
    have: HaveOpt = None,
    start: FromOpt = None,
    limit: Annotated[
        Optional[int], typer.Option("--limit", "--top", metavar="N",
                                    help=f"Only the N best roles (on a terminal without it: the best {ON_SCREEN}).")
    ] = None,
    stage: Annotated[
        Optional[str], typer.Option("--stage", metavar="STAGE", help="Only this stage (id or name).")
    ] = None,
    goal: MatchAimOpt = None,
    proven: ProvenOpt = False,
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
    from ..advice import planning

    ladder, me = ladder_and_person(ctx, have, start, proven)
    aim = goal_of(ctx, goal, me, required=False)
    screen = None if as_json else on_screen(ctx, limit)  # a terminal's best ON_SCREEN, as --limit keeps them
    result = planning.match(ladder, me, limit=limit if limit is not None else screen, stage=stage, aim=aim)
    if not as_json:
        claims_note(ctx, ladder, me, aim)
    output(ctx, result, as_json, partial(renderers.match, screen), renderers.match_rows)


@command(epilog=READINESS_HELP)
def progress(
    ctx: typer.Context,
    goal: ToOpt = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="DATE",
                                                 help="What changed from DATE on (YYYY-MM-DD).")] = None,
    given: Annotated[Optional[str], typer.Option("--profile", metavar="FILE",
                                                 help="Read this profile file instead of yours (read-only).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Your progress toward a role: readiness after each day of your profile's history as a
    chart, the skills gained and deepened, and which items of the plan were done when.

    The bar's solid part rests on evidence, its shaded part on claims alone. Into a pipe:
    one row per day (date, readiness, points/of, readiness on evidence alone).

    Example: aiml-career progress --to ml-engineer --since 2026-01-01
    """
    from ..advice.evidence import parse_date
    from ..advice.profile import Profile
    from ..advice.progress import progress as replay
    from .profile_cmds import read_profile

    day = parse_date(since, "--since") if since is not None else None
    ladder = ladder_of(ctx)
    _, profile = read_profile(ctx, given)
    profile = profile or Profile()
    source: Literal["--to", "profile"] = "--to" if goal is not None else "profile"
    if goal is None:
        if profile.target is None:
            raise UsageError("no --to given, and the profile has no target",
                             ["give --to ROLE, or save one: aiml-career profile set-target ROLE"])
        goal = profile.target
        note(ctx, f"toward your profile's target: {goal} (--to overrides)")
    role_id = ladder.role(goal).id
    output(ctx, replay(ladder, profile, role_id, source, day), as_json, renderers.progress)
