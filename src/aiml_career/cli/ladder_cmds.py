"""Commands that read the ladder: stages, roles, show, compare, similar, map, search,
specializations, skills, education, resources and tree."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Optional

import typer

from ..errors import UsageError, check_limit
from ..render import ON_SCREEN, renderers
from .app import (
    Format,
    FormatOpt,
    FromOpt,
    HaveOpt,
    JsonOpt,
    LimitOpt,
    command,
    complete_role,
    complete_show,
    complete_skill,
    ladder_and_person,
    ladder_of,
    on_screen,
    other_ladder,
    output,
    pick_format,
    voice_of,
    write_text,
)


@command()
def stages(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The stages of the ladder in order, each with its roles.

    Example: aiml-career stages
    """
    from ..advice import queries

    ladder = ladder_of(ctx)
    output(ctx, queries.stages(ladder), as_json, partial(renderers.stages, ladder.intro),
           partial(renderers.stages_rows, ladder.intro))


@command()
def roles(
    ctx: typer.Context,
    stage: Annotated[
        Optional[str], typer.Option("--stage", metavar="STAGE", help="Only this stage (id or name).")
    ] = None,
    track: Annotated[
        Optional[str], typer.Option("--track", metavar="TRACK", help="Only this track (id or name).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """All roles, in ladder order.

    Example: aiml-career roles --stage mid
    """
    from ..advice import queries

    output(ctx, queries.roles(ladder_of(ctx), stage, track), as_json, renderers.roles, renderers.roles_rows)


@command()
def show(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="ROLE",
            help="A role or specialization: id, name or alias, any case.",
            autocompletion=complete_show,
        ),
    ],
    as_json: JsonOpt = False,
    fmt: FormatOpt = None,
) -> None:
    """A role in full: summary, responsibilities, requirements as the text states them, where it leads.

    Also shows a specialization, such as nlp. --format mermaid draws the
    role with the roles that lead to it and from it.

    Example: aiml-career show "ML Engineer"
    """
    from ..advice import queries

    chosen = pick_format(as_json, fmt)
    ladder = ladder_of(ctx)
    result = queries.show(ladder, name)
    if chosen is Format.mermaid:
        from ..advice import graph
        from ..render import export

        if result["type"] != "role":
            raise UsageError("--format mermaid draws roles; a specialization has no diagram")
        write_text(ctx, export.mermaid(graph.neighbourhood(ladder, result["id"])))
        return
    output(ctx, result, chosen is Format.json, partial(renderers.show, voice_of(ctx)))


@command()
def compare(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(metavar="ROLE ROLE...", help="Two or more roles.", autocompletion=complete_role),
    ],
    as_json: JsonOpt = False,
) -> None:
    """Roles side by side: stage, track, responsibilities, shared and distinct requirements.

    Example: aiml-career compare data-scientist ml-engineer
    """
    from ..advice import queries

    output(ctx, queries.compare(ladder_of(ctx), names), as_json, renderers.compare)


@command()
def similar(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="ROLE", help="A role: id, name or alias, any case.", autocompletion=complete_role),
    ],
    limit: LimitOpt = 10,
    as_json: JsonOpt = False,
) -> None:
    """The roles nearest ROLE by overlap, both ways: how much of each role ROLE meets, and how much of ROLE each meets.

    Overlap is scored as readiness is, for someone holding the first role's
    requirements (docs/planning.md: Role overlap).

    Example: aiml-career similar ml-engineer --limit 3
    """
    from ..advice.overlap import similar as nearest

    output(ctx, nearest(ladder_of(ctx), name, limit), as_json, renderers.similar, renderers.similar_rows)


@command("map")
def map_cmd(
    ctx: typer.Context,
    other: Annotated[
        str, typer.Argument(metavar="OTHER", help="Another ladder file, or builtin for the built-in ladder."),
    ],
    limit: LimitOpt = 3,
    roles: Annotated[
        Optional[list[str]],
        typer.Option("--role", metavar="ROLE", autocompletion=complete_role,
                     help="Map only this role of this ladder (repeatable); quick on a big ladder. On a "
                     f"terminal without it, the first {ON_SCREEN} roles are drawn."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Each role of this ladder on its nearest roles of OTHER by overlap, with what they share.

    OTHER is a ladder file, or builtin. Skills are matched by id, name or
    alias (exact, any case); the output says how many could not be matched.
    Ranked by the mean of both overlaps (docs/planning.md: Mapping one ladder
    onto another). --limit N: nearest roles per role (default 3).

    Example: aiml-career --data examples/data-engineering.json map builtin
    """
    from ..advice.mapping import map_onto

    check_limit(limit)
    here = ladder_of(ctx)
    if roles:
        for query in roles:
            here.role(query)  # an unknown role fails before OTHER is read
    output(ctx, map_onto(here, other_ladder(ctx, other), limit, roles), as_json,
           partial(renderers.mapping, on_screen(ctx, roles)), renderers.mapping_rows)


@command()
def search(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(metavar="QUERY...", help="Words to look for, any case.")],
    limit: LimitOpt = 20,
    as_json: JsonOpt = False,
) -> None:
    """Search roles, skills, skill categories, specializations, resources and the rest of the text.

    Names rank first. Every word must match the start of a word in a hit
    (deploy finds "deployment"); a word of five letters or more may have one
    typo. A skill brings the roles that need it. No hits exits with 1.

    Example: aiml-career search kubernetes
    """
    from ..advice.search import search as find

    result = find(ladder_of(ctx), " ".join(query), limit=limit)
    output(ctx, result, as_json, renderers.search, renderers.search_rows)
    if not result["total"]:
        raise typer.Exit(1)


@command()
def specializations(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The areas to specialise in, with examples and the roles they suit.

    Example: aiml-career specializations
    """
    from ..advice import queries

    output(ctx, queries.specializations(ladder_of(ctx)), as_json, renderers.specializations,
           renderers.specializations_rows)


@command()
def skills(
    ctx: typer.Context,
    name: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[SKILL]", help="One skill to show, with every role that needs it.",
            autocompletion=complete_skill,
        ),
    ] = None,
    show_unlocks: Annotated[
        bool, typer.Option("--unlocks", help="The roles whose readiness rises if you learn SKILL, most first.")
    ] = False,
    have: HaveOpt = None,
    start: FromOpt = None,
    level: Annotated[
        Optional[str],
        typer.Option("--level", metavar="LEVEL",
                     help="With --unlocks: learn it to LEVEL (default: the level each role asks)."),
    ] = None,
    limit: Annotated[
        Optional[int], typer.Option("--limit", metavar="N", help="With --unlocks: show at most N roles.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The skill vocabulary by category; or one skill, the roles that need it, and where to learn it.

    With --unlocks: the roles whose readiness rises if you learn the skill
    (your --have or saved profile, and your role's requirements), by how
    much, and the requirements it completes.

    Example: aiml-career skills sklearn
    """
    from ..advice import learning, queries, unlocks

    ladder = ladder_of(ctx)
    if show_unlocks or have or start or level or limit is not None:
        if not show_unlocks:
            raise UsageError(
                "--have, --from, --level and --limit go with --unlocks",
                ["try: aiml-career skills docker --unlocks"],
            )
        if name is None:
            raise UsageError("--unlocks needs a skill", ["try: aiml-career skills docker --unlocks"])
        from ..advice.person import parse_level

        chosen = parse_level(level) if level is not None else None
        ladder, me = ladder_and_person(ctx, have, start)
        output(ctx, unlocks.unlocks(ladder, me, name, chosen, limit), as_json, renderers.unlocks)
    elif name is None:
        output(ctx, queries.skills(ladder), as_json, renderers.skills, renderers.skills_rows)
    else:
        output(ctx, learning.skill_detail(ladder, name), as_json,
               partial(renderers.skill_detail, voice_of(ctx)), partial(renderers.skill_detail_rows, voice_of(ctx)))


@command()
def education(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The educational foundation: degrees, maths, key skills, advanced degrees.

    Example: aiml-career education
    """
    from ..advice import queries

    output(ctx, queries.education(ladder_of(ctx)), as_json, renderers.education, renderers.education_rows)


@command()
def resources(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Online courses, certifications, advanced degrees, and the closing advice.

    Example: aiml-career resources --json
    """
    from ..advice import queries

    output(ctx, queries.resources(ladder_of(ctx)), as_json, renderers.resources, renderers.resources_rows)


@command()
def tree(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The ladder in the terminal as a tree, stage by stage, with where each role leads.

    Example: aiml-career tree
    """
    from ..advice import queries

    output(ctx, queries.tree(ladder_of(ctx)), as_json, partial(renderers.tree, voice_of(ctx)), renderers.tree_rows)
