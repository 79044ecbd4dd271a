"""The app's conventions on top of Typer, in one place.

- Typer's own usage errors (bad option value, unknown option, missing
  argument) print in the app's one style, ``aiml-career: error: ...`` plus a
  hint, and exit 2; never Typer's boxes or pydantic's wording.
- A single-value option given twice (``--stage a --stage b``) is an error, not
  "last one wins".
- Help is drawn by :mod:`.render.help`: plain metavars, readable at 40
  columns, no colour or bold under ``NO_COLOR`` or ``--color never``.

- Every run has one :class:`~.environment.Environment` as ``ctx.obj``: the
  entry point's (or a test's), else one read from this process.

Besides :mod:`.coercion` (the one reach into Typer's internals, said there), only what
``typer`` exposes is used: ``typer.core``'s classes (the ``cls=`` hook) and
``typer.TyperException``, the base of the usage errors.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from ..environment import COLOR_CHOICES, MAX_BYTES_ENV, Environment
from ..errors import CareerError, ExitCode, UsageError, clip, sanitize
from .coercion import install

#: The end of ``aiml-career --help``: the environment that counts, the exit codes, the docs.
EPILOG = ("Environment: AIML_CAREER_DATA (the ladder file), AIML_CAREER_PROFILE (the profile), "
          "AIML_CAREER_NO_CACHE=1 (no cache: every file validated in full, no index of a big ladder; the "
          "cache folder is used only when it is yours alone), AIML_CAREER_MAX_BYTES (the largest file "
          "read, 512M), NO_COLOR, XDG_CACHE_HOME and XDG_CONFIG_HOME. Exit codes: 0 ok, 1 runtime "
          "failure, 2 usage error. Docs: README.md and docs/.")

#: Options of the whole app that only work before the command.
ROOT_ONLY = ("--version", "--install-completion", "--show-completion")


def env_of(ctx) -> Environment:
    """The run's environment (``ctx.obj``, set by :meth:`AppGroup.main`)."""
    env = ctx.find_object(Environment) if ctx is not None else None
    return env if env is not None else Environment.from_os()


def report(error: CareerError, stream=None) -> None:
    """Write an error as one line on stderr (``stream``), then its hints, indented."""
    stream = sys.stderr if stream is None else stream
    # Each line escaped on its own: a newline inside a name cannot start a line.
    lines = [f"aiml-career: error: {sanitize(clip(error.message, 2000))}"]
    lines += [f"  {sanitize(clip(h, 2000))}" for h in error.hints]
    stream.write("\n".join(lines) + "\n")
    stream.flush()


def _takes_value(param) -> bool:
    return not getattr(param, "is_flag", False) and not getattr(param, "count", False)


def check_repeats(command, ctx, args: Sequence[str], *, stop_at_command: bool = False) -> None:
    """A usage error when an option that holds one value is given more than once."""
    options = {}
    for param in command.get_params(ctx):
        for name in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())):
            if name.startswith("-"):
                options[name] = param
    seen: dict[object, str] = {}
    tokens = iter(args)
    for token in tokens:
        if token == "--":
            break
        if not token.startswith("-") or token == "-":
            if stop_at_command:
                break
            continue
        name = token.split("=", 1)[0]
        param = options.get(name)
        if param is None:
            continue
        if _takes_value(param) and "=" not in token:
            next(tokens, None)  # its value, whatever it looks like
        if getattr(param, "multiple", False):
            continue  # --have a --have b: a union
        if param in seen:
            raise UsageError(f"{seen[param]} given twice", [f"give it once; see: {_where(ctx)} --help"])
        seen[param] = name


def _parse(command, parent, ctx, args: list[str], **options) -> list[str]:
    check_repeats(command, ctx, args, **options)
    install(command.get_params(ctx))  # its options' values taken without a validator each
    try:
        return parent.parse_args(command, ctx, args)
    except typer.TyperException as error:
        if getattr(error, "ctx", None) is None:  # the parser's own errors: say which command
            error.ctx = ctx  # type: ignore[attr-defined]
        raise


def _format_help(command, ctx, formatter) -> None:
    from ..render.help import render

    env = env_of(ctx)
    formatter.write(render(command, ctx, env))
    ctx.color = env.colour


class AppCommand(TyperCommand):
    def parse_args(self, ctx, args: list[str]) -> list[str]:
        return _parse(self, TyperCommand, ctx, args)

    def format_help(self, ctx, formatter) -> None:
        _format_help(self, ctx, formatter)


class AppGroup(TyperGroup):
    def parse_args(self, ctx, args: list[str]) -> list[str]:
        return _parse(self, TyperGroup, ctx, args, stop_at_command=True)

    def format_help(self, ctx, formatter) -> None:
        _format_help(self, ctx, formatter)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        """Run the app; usage errors in the app's style, and the exit code as ``SystemExit``."""
        obj = extra.pop("obj", None)
        env = obj if isinstance(obj, Environment) else Environment.from_os()
        env.color = _color_in(sys.argv[1:] if args is None else list(args)) or env.color
        extra["obj"] = env
        if env.max_bytes_refused is not None:
            _refused_limit(env)
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except typer.TyperException as error:
            code = report_usage(error, env)
        except CareerError as error:  # raised while parsing (an option given twice)
            report(error, env.stderr)
            code = int(error.exit_code)
        except typer.Abort:
            code = ExitCode.FAILURE
        sys.exit(code if isinstance(code, int) else 0)


def report_usage(error: typer.TyperException, env: Environment) -> int:
    """Print one of Typer's errors in the app's style; its exit code."""
    message, hints = describe(error)
    report(CareerError(message, hints), env.stderr)
    return int(getattr(error, "exit_code", ExitCode.USAGE))


def _where(ctx) -> str:
    return ctx.command_path if ctx is not None else "aiml-career"


def _option_name(error) -> str:
    param = getattr(error, "param", None)
    hint = getattr(error, "param_hint", None)
    if isinstance(hint, str):
        return hint
    if param is not None:
        opts = [o for o in getattr(param, "opts", ()) if o.startswith("--")] or list(getattr(param, "opts", ()))
        if getattr(param, "param_type_name", "") == "argument":
            return param.metavar or param.name.upper()
        return opts[0] if opts else param.name
    return "a value"


def describe(error: typer.TyperException) -> tuple[str, list[str]]:
    """(message, hints) for one of Typer's errors, in the app's words."""
    ctx = getattr(error, "ctx", None)
    where = _where(ctx)
    see = f"see: {where} --help"
    kind = type(error).__name__
    text = error.message if hasattr(error, "message") else str(error)
    if kind == "NoSuchOption":
        name = getattr(error, "option_name", "")
        if name in ROOT_ONLY:
            return f"{name} goes before the command", [f"try: aiml-career {name}"]
        possible = sorted(getattr(error, "possibilities", None) or ())
        hints = [f"did you mean: {', '.join(possible)}?"] if possible else []
        return f"no such option: {name}", [*hints, see]
    if kind == "MissingParameter":
        param = getattr(error, "param", None)
        noun = getattr(param, "param_type_name", "parameter")
        return f"missing {noun} {_option_name(error)}", [see]
    if kind in ("BadParameter",):
        return f"invalid value for {_option_name(error)}: {_plain_reason(error)}", [see]
    if text.startswith("No such command"):
        name = text.split("'")[1] if "'" in text else text
        hints = []
        if "Did you mean" in text:
            hints.append("did you mean: " + text.split("Did you mean", 1)[1].strip(" ?").replace("'", "") + "?")
        return f"no such command: {name}", [*hints, f"see all with: {where} --help"]
    if text.startswith("Got unexpected extra argument"):
        found = re.search(r"\(([^()]*)\)$", text)
        extra = found.group(1) if found else text
        return f"unexpected argument: {extra}", [see]
    return text[:1].lower() + text[1:].rstrip("."), [see]


def _plain_reason(error) -> str:
    """Why a value was refused, without pydantic's wording."""
    param = getattr(error, "param", None)
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    choices = getattr(descriptor, "choices", None) if descriptor is not None else None
    if choices:
        return "choose one of " + ", ".join(str(getattr(c, "value", c)) for c in choices) + " (any case)"
    if annotation is int:
        return "a whole number is needed"
    if annotation is float:
        return "a number is needed"
    return error.message.split("\n")[0]


def _refused_limit(env: Environment) -> None:
    """Say that ``$AIML_CAREER_MAX_BYTES`` is set to no size: the default limit holds."""
    from ..files import MAX_BYTES, megabytes

    given = clip(env.max_bytes_refused or "", 100)
    env.stderr.write(sanitize(f"aiml-career: warning: {MAX_BYTES_ENV}={given} is not a size (bytes, or K, M, G "
                              f"of them: 600M, 1G); the limit stays {megabytes(MAX_BYTES)}") + "\n")


def _color_in(args: list[str]) -> str | None:
    """The ``--color`` value among ``args``, read before parsing: ``--help`` is answered
    as soon as it is parsed, and must already know it (``--help --color never``)."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = arg[len("--color="):] if arg.startswith("--color=") else (
            args[i + 1] if arg == "--color" and i + 1 < len(args) else None)
        if value is not None and value.lower() in COLOR_CHOICES:
            return value.lower()
    return None
