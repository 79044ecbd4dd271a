"""The Typer app and what every command shares: the global options, the output
flags, the run's environment and ladder, and the one way results are written.

A command parses its arguments, calls one plain function that returns data
(:mod:`..queries`, :mod:`..planning`, :mod:`..search`, ...), and hands the result
to :func:`output`, which picks the JSON or the Rich renderer. No logic of its own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer

from .. import __version__
from ..environment import Environment
from ..errors import CareerError, UsageError, sanitize
from .appkit import EPILOG, AppCommand, AppGroup, env_of, report

if TYPE_CHECKING:
    from ..render import Voice
    from ..render.renderers import Renderer
    from ..render.rows import RowWriter

F = TypeVar("F", bound=Callable[..., Any])
D = TypeVar("D")

app = typer.Typer(
    name="aiml-career",
    cls=AppGroup,
    help="Explore the AI/ML career ladder: stages, roles, skills, and the moves between them.", epilog=EPILOG,
    # Bare `aiml-career` prints the help and exits 0, as gh does (see main below).
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print one JSON document (stable keys: docs/json.md).")
]

#: How many to show, the same flag on every command that lists: --limit N.
LimitOpt = Annotated[int, typer.Option("--limit", metavar="N", help="Show at most N.")]


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _set_color(ctx: typer.Context, value: Optional[Color]) -> Optional[Color]:
    if value is not None:
        env_of(ctx).color = value.value
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
        raise UsageError(f"--json and --format {fmt.value} disagree: give one of them")
    return Format.json if as_json else (fmt or Format.text)


# -- global options, given before or after the command ------------------------------

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
    parameters = [*signature.parameters.values(), *extra]
    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {**{p.name: p.annotation for p in signature.parameters.values()},
                           **GLOBAL_OPTIONS, "return": signature.return_annotation}


def _take_global_options(ctx: typer.Context | None, data: Optional[str], color: Any) -> None:
    """Global options given after the command: the same as before it, but not both."""
    if ctx is None:
        return
    root = ctx.find_root()
    for name, value in (("data", data), ("color", color)):
        if value is not None and root.params.get(name) is not None:
            raise UsageError(f"--{name} given twice", ["give it once, before or after the command"])
    if data is not None:
        env_of(ctx).data = data


def _on_this_ladder(error: CareerError, data: str | None) -> CareerError:
    """The error with each command its hints name run on the ladder in use: ``--data FILE``
    added, so that a hint pasted as printed answers on the same ladder (``$AIML_CAREER_DATA``
    names it for every command already; a hint that names its own ``--data`` is left as it is)."""
    if data is None:
        return error
    import shlex

    given = f"aiml-career --data {shlex.quote(data)} "
    error.hints = [hint if "--data " in hint else hint.replace("aiml-career ", given) for hint in error.hints]
    return error


def command(*names: str, on: typer.Typer | None = None, **options: Any) -> Callable[[F], F]:
    """``app.command`` whose errors become a message and an exit code, never a traceback,
    and which takes the global options after the command too."""

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def run(*args: Any, global_data: Optional[str] = None, global_color: Any = None, **kwargs: Any) -> Any:
            ctx = kwargs.get("ctx") or (args[0] if args and isinstance(args[0], typer.Context) else None)
            try:
                _take_global_options(ctx, global_data, global_color)
                return fn(*args, **kwargs)
            except CareerError as error:
                env = env_of(ctx)
                report(_on_this_ladder(error, env.data if not env.data_from_env else None), env.stderr)
                raise typer.Exit(int(error.exit_code)) from None

        _with_global_options(fn, run)
        options.setdefault("cls", AppCommand)
        (on or app).command(*names, **options)(run)
        return fn

    return register


# -- the ladder, and the output ----------------------------------------------------

_LADDER = "aiml_career.ladder.index"


def data_file(env: Environment):
    """The ladder file in use: ``--data``, else ``$AIML_CAREER_DATA`` (``env.data``), else built in."""
    from ..ladder.loading import data_path

    return data_path(env.data)


def ladder_of(ctx: typer.Context, *, models: bool = False):
    """The run's ladder, loaded once (``ctx.meta`` is shared by all of a run's contexts).

    ``models``: built from the document's models, never from the index of a big ladder
    (:mod:`..ladder.store`): ``export`` writes the document itself."""
    if _LADDER not in ctx.meta:
        from ..ladder.loading import load

        env = env_of(ctx)
        given = ctx.find_root().params.get("data")
        if given is not None and env.data != given:  # shell completion runs no callback
            env.data = given
        with env.loading():  # the garbage collector's one tuning
            # A one-shot process builds the index of a big ladder after its answer (run()).
            ctx.meta[_LADDER] = load(data_file(env), cache=env.ladder_cache, named_by_env=env.data_from_env,
                                     models=models, later=env.after if env.one_shot else None)
    return ctx.meta[_LADDER]


def voice_of(ctx: typer.Context) -> Voice:
    """Whose words the run's ladder gives (:class:`..render.Voice`): the built-in ladder's are
    "the text"'s; a ladder from --data or $AIML_CAREER_DATA speaks as its own ``source``."""
    from ..ladder.loading import BUILTIN
    from ..render import voice

    ladder = ladder_of(ctx)
    return voice(env_of(ctx).data in (None, BUILTIN) or ladder.text_words, ladder.text_source)


def other_ladder(ctx: typer.Context, value: str):
    """A second ladder named on the command line (``map OTHER``): a file, or ``builtin``; read,
    checked and cached as ``--data`` is (:func:`..ladder.loading.load`)."""
    from pathlib import Path

    from ..ladder.loading import BUILTIN, builtin_path, checked_path, load

    env = env_of(ctx)
    path = builtin_path() if value == BUILTIN else Path(checked_path(value, "OTHER"))
    here = ladder_of(ctx)
    if str(path) != "-" and here.source != "<stdin>" and _same_file(path, Path(here.source)):
        return here  # the ladder in use onto itself: read once
    with env.loading():
        return load(path, cache=env.ladder_cache)


def _same_file(one, two) -> bool:
    try:
        return one.samefile(two)
    except OSError:
        return False


def on_screen(ctx: typer.Context, chosen: object) -> int | None:
    """How many items a listing draws (:data:`..render.ON_SCREEN`) when its stdout is a terminal
    and the person chose none (``chosen``: ``--limit``, ``map``'s ``--role``); else None, every
    one (a pipe, ``--color always`` into a pager). ``--json`` is never cut: its callers ask only
    for text."""
    from ..render import ON_SCREEN

    return ON_SCREEN if not chosen and env_of(ctx).stdout_isatty else None


def output(ctx: typer.Context, data: D, as_json: bool, renderer: Callable[[], Renderer[D]],
           rows: Callable[[], RowWriter[D]] | None = None) -> None:
    """Hand a query's result to the JSON renderer, or to the text renderer that ``renderer()``
    gives (:mod:`..render.renderers`: it imports Rich, so it is called for text only); into a
    pipe, to the row writer ``rows()`` gives, if any (a whole-ladder listing: no Rich)."""
    env = env_of(ctx)
    if as_json:
        from ..render.json import emit

        emit(data, env.stdout)
        return
    if rows is not None and not env.for_people:
        from ..render.rows import Rows

        rows()(Rows.of(env), data)
        return
    from ..render.text.base import make_console

    renderer()(make_console(env), data)


def write_file(ctx: typer.Context, dest: str, text: str) -> None:
    """A document to FILE by the one write policy (:func:`..writes.write_atomic`: replaced
    atomically, never through another user's link, never over a read-only file, written
    through when FILE is this process's stdout), and "wrote FILE" on stderr."""
    from ..writes import write_atomic

    try:
        write_atomic(dest, text.encode("utf-8"))
    except OSError as exc:
        hint = getattr(exc, "hint", None)
        raise CareerError(f"cannot write {dest}: {exc.strerror or exc}", [hint] if hint else None) from None
    note(ctx, f"wrote {dest}")


def write_text(ctx: typer.Context, text: str) -> None:
    """A document (diagram, handbook) on stdout, UTF-8."""
    from ..render import write_utf8

    write_utf8(text.encode("utf-8"), env_of(ctx).stdout)


def note(ctx: typer.Context, text: str) -> None:
    """A line about the run, not its output (``aiml-career: wrote FILE``): on stderr."""
    env_of(ctx).stderr.write(sanitize(f"aiml-career: {text}") + "\n")


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


# -- whose skills: --have, --from, else the saved profile ----------------------------

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


ProvenOpt = Annotated[
    bool, typer.Option("--proven", help="Count only the profile's skills backed by evidence (not a claim alone).")
]


def ladder_and_person(ctx: typer.Context, have: Optional[list[str]], start: Optional[str] = None,
                      proven: bool = False):
    """The ladder and the person (``--have``/``--from`` or the profile), with a note on stderr."""
    from ..advice.person import person

    ladder = ladder_of(ctx)
    if proven and have:
        raise UsageError("--proven counts your profile's evidence: it cannot go with --have")
    me = person(ladder, have, start, profile=env_of(ctx).profile_file, proven=proven)
    message = me.note()
    if message:
        note(ctx, message)
    return ladder, me


def goal_of(ctx: typer.Context, goal: Optional[str], me: Any, *, required: bool = True) -> Optional[str]:
    """``--to``, else the profile's target (said on stderr); with neither, a usage error
    (``required``) or None."""
    if goal is not None:
        return goal
    from ..advice.person import saved_target

    target = me.target if me.source == "profile" else None
    if target is None and not required and me.source == "--have":
        return None  # --have asks for no profile: a corrupt one is no reason to fail
    if target is None and env_of(ctx).profile_file is not None:
        target = saved_target(env_of(ctx).profile_file)
    if target is None:
        if not required:
            return None
        raise UsageError("no --to given, and your profile has no target",
                         ["give --to ROLE, or save one: aiml-career profile set-target ROLE"])
    note(ctx, f"toward your profile's target: {target} (--to overrides)")
    return target


def claims_note(ctx: typer.Context, ladder: Any, me: Any, goal: Optional[str]) -> None:
    """How much of the readiness for ``goal`` (else of the skills) rests on claims alone."""
    if me.source != "profile" or me.proven or not me.claims:
        return
    names = ", ".join(sorted(me.claims))
    if goal is None:
        note(ctx, f"{len(me.claims)} of your {len(me.have or {})} skills rest on claims alone ({names}); "
                  "--proven counts only those with evidence")
        return
    from dataclasses import replace

    from ..advice.assessment import assess, person_have

    role = ladder.role(goal)
    have = me.have or {}

    def scored(skills: dict[str, Any]) -> Any:
        return assess(ladder, role, person_have(ladder, replace(me, have=skills)), rows=False)

    proven = {k: v for k, v in have.items() if k not in me.claims}
    every, proof = scored(dict(have)), scored(proven)
    full = every.readiness
    # From the points, not the two rounded figures: 2 of 12 points rest on claims is 16.7, not 16.6.
    rest = round(100 * (every.points - proof.points) / every.of, 1) if every.of else 0.0
    if rest < 0.05:  # nothing shown as "0.0 points" rests on claims: say nothing
        return
    # A claim counts when it adds points on its own to what evidence backs, or when the
    # readiness falls without it (two claims that stand in for each other).
    counted = sorted(k for k in me.claims
                     if scored({**proven, k: have[k]}).points > proof.points
                     or scored({s: v for s, v in have.items() if s != k}).points < every.points)
    note(ctx, f"readiness for {role.id}: {full:.1f}%, of which {rest:.1f} points rest on claims "
              f"alone ({', '.join(counted)}); --proven counts only skills with evidence")


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        env_of(ctx).stdout.write(f"aiml-career {__version__}\n")
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
    if data is not None:
        env_of(ctx).data = data
    if ctx.invoked_subcommand is None:  # bare `aiml-career`: the help, exit 0
        show_help(ctx)


def show_help(ctx: typer.Context) -> None:
    typer.echo(ctx.get_help(), color=ctx.color)
    raise typer.Exit(0)


@functools.cache
def _command():
    """The click command Typer builds from the functions' signatures (20 ms): built once."""
    from typer.main import get_command

    return get_command(app)


def run(args: list[str], env: Environment | None = None) -> int:
    """Run one command line in this process with ``env`` (default: this process's);
    its exit code. Exceptions other than the app's own propagate."""
    from ..files import reading_up_to
    try:
        with reading_up_to(env.max_bytes if env is not None else None):  # $AIML_CAREER_MAX_BYTES
            _command().main(list(args), prog_name="aiml-career", obj=env)
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    finally:
        while env is not None and env.after:  # the answer is written: what was left for after it
            env.after.pop(0)()
    return 0
