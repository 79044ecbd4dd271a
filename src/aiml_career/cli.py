"""The command line: each command parses, asks :mod:`queries`, and renders.

No logic of its own lives here; every answer comes from a plain function
that returns data, and goes to either the JSON or the Rich renderer.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Any, Optional, TypeVar

import typer

from . import __version__
from .errors import CareerError, sanitize

F = TypeVar("F", bound=Callable[..., Any])

#: Set by the entry point (``__main__.main``): this process runs one command.
ONE_SHOT = False

from .appkit import AppCommand, AppGroup

app = typer.Typer(
    name="aiml-career",
    cls=AppGroup,
    help="Explore the AI/ML career ladder: stages, roles, skills, and the moves between them.",
    # Bare `aiml-career` prints the help and exits 0, as gh does (see main below).
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print one JSON document (stable keys, see README).")
]

#: How many to show, the same flag on every command that lists: --limit N.
LimitOpt = Annotated[int, typer.Option("--limit", metavar="N", help="Show at most N.")]


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _set_color(value: Optional[Color]) -> Optional[Color]:
    if value is not None:
        from . import terminal

        terminal.color_choice = value.value
    return value


COLOR_HELP = (
    "Colour and drawn tables: auto (on a terminal, unless NO_COLOR), always "
    "(also into a pipe, for less -R; or set FORCE_COLOR) or never."
)
DATA_HELP = "Ladder file to use instead of the built-in one (also $AIML_CAREER_DATA)."


class Format(str, Enum):
    text = "text"
    json = "json"
    mermaid = "mermaid"


FormatOpt = Annotated[
    Optional[Format],
    typer.Option("--format", metavar="FORMAT", case_sensitive=False,
                 help="text (default), json (same as --json) or mermaid (a diagram)."),
]


def pick_format(as_json: bool, fmt: Optional[Format]) -> Format:
    """One output format from ``--json`` and ``--format``; a conflict is a usage error."""
    if as_json and fmt not in (None, Format.json):
        from .errors import UsageError

        raise UsageError(f"--json and --format {fmt.value} disagree: give one of them")
    return Format.json if as_json else (fmt or Format.text)


# -- shared plumbing -----------------------------------------------------------


def report(error: CareerError) -> None:
    """Write an error as one line on stderr, then its hints, indented."""
    from .errors import clip

    # Each line escaped on its own: a newline inside a name cannot start a line.
    lines = [f"aiml-career: error: {sanitize(clip(error.message, 2000))}"]
    lines += [f"  {sanitize(clip(h, 2000))}" for h in error.hints]
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()


#: The global options, also accepted after the command (``roles --data FILE``).
GLOBAL_OPTIONS = {
    "global_data": Annotated[
        Optional[str],
        typer.Option("--data", metavar="PATH", help=DATA_HELP, rich_help_panel="Global options"),
    ],
    "global_color": Annotated[
        Optional[Color],
        typer.Option("--color", metavar="WHEN", case_sensitive=False, callback=_set_color,
                     is_eager=True, help=COLOR_HELP, rich_help_panel="Global options"),
    ],
}


def _with_global_options(fn: Callable[..., Any], run: Callable[..., Any]) -> None:
    """Give ``run`` the signature of ``fn`` plus the global options, for Typer to read."""
    import inspect

    signature = inspect.signature(fn, eval_str=True)
    extra = [
        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=kind)
        for name, kind in GLOBAL_OPTIONS.items()
    ]
    run.__signature__ = signature.replace(parameters=[*signature.parameters.values(), *extra])
    run.__annotations__ = {**{p.name: p.annotation for p in signature.parameters.values()},
                           **GLOBAL_OPTIONS, "return": signature.return_annotation}


def _take_global_options(ctx: typer.Context | None, data: Optional[str], color: Any) -> None:
    """Global options given after the command: the same as before it, but not both."""
    if ctx is None:
        return
    root = ctx.find_root()
    from .errors import UsageError

    for name, value in (("data", data), ("color", color)):
        if value is not None and root.params.get(name) is not None:
            raise UsageError(f"--{name} given twice", ["give it once, before or after the command"])
    state = ctx.find_object(State)
    if data is not None and state is not None:
        state.data = data


def command(*names: str, on: typer.Typer | None = None, **options: Any) -> Callable[[F], F]:
    """``app.command`` whose errors become a message and an exit code, never a traceback,
    and which takes the global options after the command too."""

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def run(*args: Any, global_data: Optional[str] = None, global_color: Any = None, **kwargs: Any) -> Any:
            try:
                ctx = kwargs.get("ctx") or (args[0] if args and isinstance(args[0], typer.Context) else None)
                _take_global_options(ctx, global_data, global_color)
                return fn(*args, **kwargs)
            except CareerError as error:
                report(error)
                raise typer.Exit(int(error.exit_code)) from None

        _with_global_options(fn, run)
        options.setdefault("cls", AppCommand)
        (on or app).command(*names, **options)(run)
        return fn

    return register


class State:
    """What the top-level options say, and the ladder, loaded once on demand."""

    def __init__(self, data: str | None) -> None:
        self.data = data
        self._ladder = None

    @property
    def ladder(self):
        if self._ladder is None:
            import gc

            from .loading import data_path, load

            self._ladder = load(data_path(self.data))
            if ONE_SHOT:
                # The process runs one command and exits: move the ladder out of
                # the cyclic collector's sight for good (10,000 roles: show
                # 1.0 s -> 0.7 s). Not when the app runs in-process (tests,
                # Python callers): frozen objects are never freed.
                gc.freeze()
        return self._ladder


def ladder_of(ctx: typer.Context):
    state = ctx.find_object(State)
    if state is None:  # completion runs before the callback has set it
        root = ctx.find_root()
        state = State(root.params.get("data"))
    return state.ladder


def output(data: Any, as_json: bool, renderer: str, **context: Any) -> None:
    """Hand a query's result to the JSON or the Rich renderer (``context``: text only)."""
    if as_json:
        from .render.json import emit

        emit(data)
        return
    from .render import text

    module = text
    if "." in renderer:  # "learning.plan": a renderer of another module of render/
        import importlib

        name, renderer = renderer.split(".")
        module = importlib.import_module(f".render.{name}", __package__)
    getattr(module, renderer)(text.make_console(), data, **context)


def write_text(text: str) -> None:
    """A document (diagram, handbook) on stdout, UTF-8."""
    from .render import write_utf8

    write_utf8(text.encode("utf-8"))


def write_file(dest: str, text: str) -> None:
    """A document to FILE, replaced atomically, and "wrote FILE" on stderr."""
    from .files import write_atomic

    try:
        # A temporary file in the same folder, synced, then renamed over FILE:
        # a full disk or a size limit leaves the old FILE whole.
        write_atomic(dest, text.encode("utf-8"))
    except OSError as exc:
        raise CareerError(f"cannot write {dest}: {exc.strerror or exc}") from None
    sys.stderr.write(sanitize(f"aiml-career: wrote {dest}") + "\n")


def _completer(*kinds: str) -> Callable[[typer.Context, str], list[str]]:
    """Shell completion (TAB) of the ids of the ladder's roles, skills or specializations."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            ladder = ladder_of(ctx)
        except CareerError:
            return []
        ids = [i for kind in kinds for i in getattr(ladder, kind)]
        return [i for i in ids if i.startswith(incomplete.lower())]

    return complete


complete_role = _completer("roles")
complete_skill = _completer("skills")
complete_show = _completer("roles", "specializations")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"aiml-career {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    data: Annotated[Optional[str], typer.Option("--data", metavar="PATH", help=DATA_HELP)] = None,
    color: Annotated[
        Optional[Color],
        typer.Option("--color", metavar="WHEN", case_sensitive=False, callback=_set_color, is_eager=True,
                     help=COLOR_HELP),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Explore the AI/ML career ladder: stages, roles, skills, and the moves between them.

    Example: aiml-career show "ML Engineer"
    """
    ctx.obj = State(data)
    if ctx.invoked_subcommand is None:  # bare `aiml-career`: the help, exit 0
        _help(ctx)


def _help(ctx: typer.Context) -> None:
    typer.echo(ctx.get_help(), color=ctx.color)
    raise typer.Exit(0)


# -- commands ----------------------------------------------------------------


@command()
def stages(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The stages of the ladder in order, each with its roles.

    Example: aiml-career stages
    """
    from . import queries

    ladder = ladder_of(ctx)
    output(queries.stages(ladder), as_json, "stages", intro=ladder.doc.intro)


@command()
def roles(
    ctx: typer.Context,
    stage: Annotated[Optional[str], typer.Option("--stage", metavar="STAGE", help="Only this stage (id or name).")] = None,
    track: Annotated[Optional[str], typer.Option("--track", metavar="TRACK", help="Only this track (id or name).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """All roles, in ladder order.

    Example: aiml-career roles --stage mid
    """
    from . import queries

    output(queries.roles(ladder_of(ctx), stage, track), as_json, "roles")


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
    from . import queries

    chosen = pick_format(as_json, fmt)
    ladder = ladder_of(ctx)
    result = queries.show(ladder, name)
    if chosen is Format.mermaid:
        from . import export, graph

        if result["type"] != "role":
            from .errors import UsageError

            raise UsageError("--format mermaid draws roles; a specialization has no diagram")
        write_text(export.mermaid(graph.neighbourhood(ladder, result["id"])))
        return
    output(result, chosen is Format.json, "show")


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
    from . import queries

    output(queries.compare(ladder_of(ctx), names), as_json, "compare")


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
    from .person import person

    ladder = ladder_of(ctx)
    me = person(ladder, have, start)
    note = me.note()
    if note:
        sys.stderr.write(sanitize(f"aiml-career: {note}") + "\n")
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
    from . import learning

    ladder, me = _planning(ctx, have, start)
    output(learning.next_steps(ladder, me), as_json, "next_steps")


#: Where a route starts (``path``, ``plan``).
RouteFromOpt = Annotated[
    Optional[str],
    typer.Option("--from", metavar="ROLE", autocompletion=complete_role,
                 help="Where you start (default: your profile's role; without one, the roles "
                 "your skills fully meet, else the entry stage)."),
]
ToOpt = Annotated[
    str, typer.Option("--to", metavar="ROLE", help="Where you want to be.", autocompletion=complete_role)
]


@command(epilog=READINESS_HELP)
def path(
    ctx: typer.Context,
    start: RouteFromOpt = None,
    goal: ToOpt = ...,
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
    from . import planning

    chosen = pick_format(as_json, fmt)
    ladder, me = _planning(ctx, have, start)
    result = planning.path(ladder, me, goal, promotions_only=promotions_only,
                           allow_lateral=allow_lateral, limit=limit)
    if not result["routes"]:
        if chosen is Format.json:
            output(result, True, "path")
        if promotions_only:
            hint = ["lateral moves were left out: drop --promotions-only"]
        else:
            hint = ["no chain of promotions or lateral moves leads there; see the ladder: aiml-career tree"]
        raise CareerError(f"no route from {result['from']['id']} to {result['to']['id']}", hint)
    if chosen is Format.mermaid:
        from . import export, graph

        write_text(export.mermaid(graph.routes(ladder, result)))
        return
    output(result, chosen is Format.json, "path")


class PlanFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


@command(epilog=READINESS_HELP)
def plan(
    ctx: typer.Context,
    goal: ToOpt = ...,
    start: RouteFromOpt = None,
    have: HaveOpt = None,
    as_json: JsonOpt = False,
    fmt: Annotated[
        Optional[PlanFormat],
        typer.Option("--format", metavar="FORMAT", case_sensitive=False,
                     help="text (default), markdown (a - [ ] checklist) or json (same as --json)."),
    ] = None,
    dest: Annotated[
        Optional[str],
        typer.Option("--output", "-o", metavar="FILE",
                     help="Write to FILE (replaced atomically); format from --format, else .json is json "
                     "and anything else markdown; - is stdout."),
    ] = None,
) -> None:
    """A learning plan to a role: what to learn along the best route, in order, and where.

    The items are the requirement lines of path's best route, ordered by the
    skills' prerequisites, then by how many steps of the route (and roles
    beyond it) each counts toward. Each says its level, the step and the
    text's words asking for it, what it unlocks, your status (done,
    learning, skipped) and where to learn it.

    Example: aiml-career plan --from junior-ds --to senior-mle
    """
    from . import learning

    if as_json and fmt not in (None, PlanFormat.json):
        from .errors import UsageError

        raise UsageError(f"--json and --format {fmt.value} disagree: give one of them")
    if dest is not None:
        from .loading import checked_path

        checked_path(dest, "--output")
    chosen = PlanFormat.json if as_json else fmt
    if chosen is None:
        chosen = PlanFormat.text if dest in (None, "-") else \
            PlanFormat.json if dest.lower().endswith(".json") else PlanFormat.markdown
    ladder, me = _planning(ctx, have, start)
    result = learning.plan(ladder, me, goal)
    if chosen is PlanFormat.text:
        if dest not in (None, "-"):
            from .errors import UsageError

            raise UsageError("-o writes markdown or json: give --format markdown or --format json")
        output(result, False, "learning.plan")
        return
    if chosen is PlanFormat.markdown:
        from .render.checklist import markdown

        document = markdown(result)
    else:
        from .render.json import dumps

        document = dumps(result).decode("utf-8")
    if dest in (None, "-"):
        write_text(document)
    else:
        write_file(dest, document)


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
    from . import planning

    ladder, me = _planning(ctx, have, start)
    output(planning.match(ladder, me, limit=limit, stage=stage), as_json, "match")


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
    from .search import search as find

    result = find(ladder_of(ctx), " ".join(query), limit=limit)
    output(result, as_json, "search")
    if not result["total"]:
        raise typer.Exit(1)


@command()
def specializations(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The areas to specialise in, with examples and the roles they suit.

    Example: aiml-career specializations
    """
    from . import queries

    output(queries.specializations(ladder_of(ctx)), as_json, "specializations")


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
        typer.Option("--level", metavar="LEVEL", help="With --unlocks: learn it to LEVEL (default: the level each role asks)."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The skill vocabulary by category; or one skill, the roles that need it, and where to learn it.

    With --unlocks: the roles whose readiness rises if you learn the skill
    (your --have or saved profile, and your role's requirements), by how
    much, and the requirements it completes.

    Example: aiml-career skills sklearn
    """
    from . import learning, queries

    ladder = ladder_of(ctx)
    if show_unlocks or have or start or level:
        from .errors import UsageError

        if not show_unlocks:
            raise UsageError("--have, --from and --level go with --unlocks", ["try: aiml-career skills docker --unlocks"])
        if name is None:
            raise UsageError("--unlocks needs a skill", ["try: aiml-career skills docker --unlocks"])
        from .person import parse_level

        chosen = parse_level(level) if level is not None else None
        ladder, me = _planning(ctx, have, start)
        output(learning.unlocks(ladder, me, name, chosen), as_json, "learning.unlocks")
    elif name is None:
        output(queries.skills(ladder), as_json, "skills")
    else:
        output(learning.skill_detail(ladder, name), as_json, "skill_detail")


@command()
def education(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The educational foundation: degrees, maths, key skills, advanced degrees.

    Example: aiml-career education
    """
    from . import queries

    output(queries.education(ladder_of(ctx)), as_json, "education")


@command()
def resources(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Online courses, certifications, advanced degrees, and the closing advice.

    Example: aiml-career resources --json
    """
    from . import queries

    output(queries.resources(ladder_of(ctx)), as_json, "resources")


# -- the saved profile -------------------------------------------------------------

profile_app = typer.Typer(
    cls=AppGroup,
    help="Your saved skill profile: current role, skills held, being learned or skipped.",
    invoke_without_command=True,
)
app.add_typer(profile_app, name="profile")


@profile_app.callback()
def profile_main(ctx: typer.Context) -> None:
    """Your saved skill profile: current role, skills held, being learned or skipped.

    Example: aiml-career profile show
    """
    if ctx.invoked_subcommand is None:  # bare `aiml-career profile`: its help, exit 0
        _help(ctx)

SkillsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="SKILL[:LEVEL]...", help="Skill ids, names or aliases; level optional.",
        autocompletion=complete_skill,
    ),
]


def _show_profile(ctx: typer.Context, as_json: bool, written=None) -> None:
    """The profile as just ``written`` by a change, or as saved."""
    from .person import profile_view
    from .profile import load_profile, profile_path

    path = profile_path()
    profile = written if written is not None else load_profile(path)
    output(profile_view(ladder_of(ctx), profile, path), as_json, "profile")


def _set_skills(ctx: typer.Context, specs: list[str], status: str, as_json: bool) -> None:
    from .levels import DEFAULT_LEVEL
    from .person import parse_skill_specs
    from .profile import SkillEntry, update_profile

    chosen = parse_skill_specs(ladder_of(ctx), specs)

    def change(profile) -> None:
        for skill_id, level in chosen.items():
            old = profile.skills.get(skill_id)
            # Without a new :level, keep the one saved before.
            kept = level or (old.level if old else DEFAULT_LEVEL)
            profile.skills[skill_id] = SkillEntry(kept, status)

    _show_profile(ctx, as_json, update_profile(change))


@command("show", on=profile_app)
def profile_show(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Your profile: where it is stored, your role, and your skills by status.

    Example: aiml-career profile show
    """
    _show_profile(ctx, as_json)


@command("set-role", on=profile_app)
def profile_set_role(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(metavar="ROLE", help="Your current role.", autocompletion=complete_role)],
    as_json: JsonOpt = False,
) -> None:
    """Save your current role (next and path start from it).

    Example: aiml-career profile set-role junior-ds
    """
    from .profile import update_profile

    role_id = ladder_of(ctx).role(role).id

    def change(profile) -> None:
        profile.role = role_id

    _show_profile(ctx, as_json, update_profile(change))


@command("add", on=profile_app)
def profile_add(ctx: typer.Context, skills: SkillsArg, as_json: JsonOpt = False) -> None:
    """Mark skills as held (done), at a level (default proficient).

    Example: aiml-career profile add python sql:advanced
    """
    _set_skills(ctx, skills, "done", as_json)


@command("learning", on=profile_app)
def profile_learning(ctx: typer.Context, skills: SkillsArg, as_json: JsonOpt = False) -> None:
    """Mark skills as being learned (not yet counted as held).

    Example: aiml-career profile learning pytorch
    """
    _set_skills(ctx, skills, "learning", as_json)


@command("skip", on=profile_app)
def profile_skip(ctx: typer.Context, skills: SkillsArg, as_json: JsonOpt = False) -> None:
    """Mark skills as skipped: not held, and not planned.

    Example: aiml-career profile skip excel
    """
    _set_skills(ctx, skills, "skipped", as_json)


@command("remove", on=profile_app)
def profile_remove(
    ctx: typer.Context,
    skills: Annotated[
        list[str],
        typer.Argument(metavar="SKILL...", help="Skills to forget.", autocompletion=complete_skill),
    ],
    as_json: JsonOpt = False,
) -> None:
    """Forget skills.

    Example: aiml-career profile remove sql
    """
    from .profile import load_profile, update_profile

    ladder = ladder_of(ctx)
    saved = load_profile()
    held = saved.skills if saved is not None else {}
    # A saved id is removed as it is, even if this ladder does not know it.
    ids = [name if name in held or name in ladder.skills else ladder.skill(name).id for name in skills]

    absent: list[str] = []
    if saved is None:  # nothing saved: nothing to remove, and no profile made for it
        absent = list(dict.fromkeys(ids))
        sys.stderr.write(sanitize(f"aiml-career: no profile saved, nothing to remove: {', '.join(absent)}") + "\n")
        _show_profile(ctx, as_json)
        return

    def change(profile) -> None:
        for skill_id in ids:
            if profile.skills.pop(skill_id, None) is None:
                absent.append(skill_id)

    written = update_profile(change)
    if absent:
        sys.stderr.write(sanitize(f"aiml-career: not in your profile, nothing to remove: {', '.join(absent)}") + "\n")
    _show_profile(ctx, as_json, written)


@command("clear", on=profile_app)
def profile_clear(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """Delete the saved profile.

    Example: aiml-career profile clear
    """
    from .profile import clear_profile, profile_path

    path = profile_path()
    existed = clear_profile(path)
    output({"path": str(path), "deleted": existed}, as_json, "cleared")


# -- your own ladder: validate, schema, export, tree ----------------------------------


@command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Optional[str],
        typer.Argument(metavar="[PATH]", help="Ladder file to check (default: the one in use)."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Check a ladder file and report every problem at once; exit 1 when invalid.

    Example: aiml-career validate my-ladder.json
    """
    from .loading import checked_path, data_path, validate as check_file

    state = ctx.find_object(State)
    chosen = checked_path(path, "validate PATH") if path is not None else data_path(state.data if state else None)
    report_ = check_file(chosen)
    output(report_, as_json, "validation")
    if not report_["valid"]:
        raise typer.Exit(1)


@command()
def schema(ctx: typer.Context) -> None:
    """The JSON Schema of the ladder file format, generated from the model.

    Example: aiml-career schema > ladder.schema.json
    """
    from .model import json_schema
    from .render.json import emit

    emit(json_schema())


class ExportFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"
    markdown = "markdown"
    json = "json"


@command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        Optional[ExportFormat],
        typer.Option(
            "--format", metavar="FORMAT", case_sensitive=False,
            help="mermaid, dot, markdown or json (default: from --output's extension "
            ".mmd .dot .gv .md .json, else markdown).",
        ),
    ] = None,
    dest: Annotated[
        Optional[str],
        typer.Option("--output", "-o", metavar="FILE", help="Write to FILE (replaced atomically) instead of stdout; - is stdout."),
    ] = None,
) -> None:
    """The whole ladder as a Mermaid or Graphviz diagram, a Markdown handbook, or JSON.

    The JSON is the normalised ladder, which validate accepts back unchanged.

    Example: aiml-career export --format mermaid -o ladder.mmd
    """
    from . import export as documents

    from .loading import checked_path

    if dest is not None:
        checked_path(dest, "--output")
    chosen = fmt.value if fmt is not None else documents.format_for(dest if dest != "-" else None)
    text = _document(ladder_of(ctx), chosen)
    if dest is None or dest == "-":
        write_text(text)
        return
    write_file(dest, text)


def _document(ladder: Any, fmt: str) -> str:
    """The ladder as one document: a drawing of it, its handbook, or its own JSON."""
    from . import export, graph, queries

    if fmt == "markdown":
        return export.markdown(queries.handbook(ladder))
    if fmt == "json":
        return export.to_json(ladder)
    return export.mermaid(graph.drawing(ladder)) if fmt == "mermaid" else export.dot(graph.drawing(ladder))


@command()
def tree(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """The ladder in the terminal as a tree, stage by stage, with where each role leads.

    Example: aiml-career tree
    """
    from . import queries

    output(queries.tree(ladder_of(ctx)), as_json, "tree")


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
    the route to a role, space marks a requirement in your saved profile,
    ? lists every key, q quits (README: Browse).

    Example: aiml-career browse ml-engineer
    """
    from . import terminal
    from .person import person

    ladder = ladder_of(ctx)
    opened = ladder.role(role).id if role is not None else None
    me = person(ladder, None, start)  # a bad profile fails here, as in every command
    if not (terminal.is_tty(sys.stdin) and terminal.is_tty(sys.stderr)):  # Textual draws on stderr
        raise CareerError("browse needs a terminal (stdin and stderr)",
                          ["for output a script can read, see: aiml-career tree, aiml-career show ROLE"])
    from .tui import run

    run(ladder, role=opened, start=me.role if start is not None else None, monochrome=not terminal.color())
