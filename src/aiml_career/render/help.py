"""``--help``, drawn by the app rather than Typer: the same on every Typer release.

Plain metavars (``ROLE``, ``[SKILL]``, ``QUERY...``, nothing after a flag),
no boxes, two columns when there is room and one under the other below
:data:`NARROW` columns, bold headings only when colour is on (never under
``NO_COLOR`` or ``--color never``).
"""

from __future__ import annotations

import inspect
import io
from enum import Enum

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..environment import Environment

#: Below this width, each option's help goes under its name instead of beside it.
NARROW = 60
GLOBAL_PANEL = "Global options"


def _paragraphs(text: str) -> list[str]:
    """A docstring's paragraphs, each on one line (wrapped when printed)."""
    text = inspect.cleandoc(text or "").partition("\f")[0]
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def usage(command, ctx) -> str:
    pieces = [ctx.command_path, "[OPTIONS]"]
    for param in command.get_params(ctx):
        if param.param_type_name == "argument":
            pieces.append(metavar(param))
    if hasattr(command, "list_commands"):
        pieces.append("COMMAND [ARGS]...")
    return " ".join(pieces)


def metavar(param) -> str:
    """What stands for a value: the declared metavar, else the name in capitals."""
    if param.metavar:
        return param.metavar
    name = (param.name or "value").upper()
    if getattr(param, "nargs", 1) != 1 or getattr(param, "multiple", False):
        name += "..."
    if param.param_type_name == "argument" and not param.required:
        name = f"[{name}]"
    return name


#: Option names that still work but are no longer shown: path --max and match --top are --limit.
RETIRED = frozenset({"--max", "--top"})


def _name(param) -> str:
    if param.param_type_name == "argument":
        return metavar(param)
    names = sorted([*param.opts, *param.secondary_opts], key=lambda o: (o.startswith("--"), o))
    # Old names kept working for scripts are not shown: one name for one idea.
    label = ", ".join(n for n in names if n not in RETIRED)
    if not getattr(param, "is_flag", False) and not getattr(param, "count", False):
        label += f" {metavar(param)}"
    return label


def _about(param) -> str:
    text = " ".join((getattr(param, "help", None) or "").split())
    extra = []
    default = param.default
    flag = getattr(param, "is_flag", False)
    if not flag and getattr(param, "show_default", False) and default not in (None, (), [], "", ...):
        if not callable(default):
            extra.append(f"default: {default.value if isinstance(default, Enum) else default}")
    if param.required:
        extra.append("required")
    if extra:
        text = f"{text} [{'; '.join(extra)}]".strip()
    return text


def _rows(out: Console, title: str, rows: list[tuple[str, str]]) -> None:
    if not rows:
        return
    out.print()
    out.print(Text(f"{title}:", "bold"))
    if out.width < NARROW:
        for name, about in rows:
            out.print(Text(f"  {name}", "bold"))
            if about:
                grid = Table.grid()
                grid.add_column(width=5)
                grid.add_column(overflow="fold")
                grid.add_row("", Text(about))
                out.print(grid)
        return
    grid = Table.grid(padding=(0, 2))
    grid.add_column(width=0)
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for name, about in rows:
        grid.add_row("", Text(name), Text(about))
    out.print(grid)


def render(command, ctx, env: Environment) -> str:
    """The help of ``command`` as text, with escape codes only when colour is on."""
    colour = env.colour
    buffer = io.StringIO()
    out = Console(
        file=buffer, width=env.columns, height=env.height(),
        highlight=False, markup=False, emoji=False, soft_wrap=False,
        color_system="standard" if colour else None, force_terminal=colour, no_color=not colour,
    )
    out.print(Text.assemble(("Usage: ", "bold"), usage(command, ctx)))
    for paragraph in _paragraphs(command.help):
        out.print()
        out.print(Text(paragraph))
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [(_name(p), _about(p)) for p in params if p.param_type_name == "argument"]
    options = [p for p in params if p.param_type_name == "option"]
    own = [p for p in options if getattr(p, "rich_help_panel", None) != GLOBAL_PANEL]
    shared = [p for p in options if getattr(p, "rich_help_panel", None) == GLOBAL_PANEL]
    _rows(out, "Arguments", arguments)
    _rows(out, "Options", [(_name(p), _about(p)) for p in own])
    _rows(out, GLOBAL_PANEL, [(_name(p), _about(p)) for p in shared])
    if hasattr(command, "list_commands"):
        rows = []
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                first = _paragraphs(sub.help)
                rows.append((name, first[0] if first else ""))
        _rows(out, "Commands", rows)
    if command.epilog:
        for paragraph in _paragraphs(command.epilog):
            out.print()
            out.print(Text(paragraph))
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())
