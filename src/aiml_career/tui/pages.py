"""Answers drawn by the CLI's own renderers (``render.text``, ``render.learning``), kept as
Rich renderables: Textual lays them out at the width it has, with their styles, and
nothing is turned into escape codes and parsed back."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from rich.console import Group, RenderableType
from rich.text import Text

from ..render.text.base import Out, T

if TYPE_CHECKING:
    from ..results.ladder import Compare, Foundation
    from ..results.learning import Plan
    from ..results.plans import PathDoc
    from ..results.progress import ProgressDoc


class Drawn(Out):
    """A console for a renderer to print to: it keeps what is printed, to show as one renderable.

    Laid out as for a person at ``width`` (a table narrower than the renderer's
    limit turns to records, as at a narrow terminal); never piped."""

    def __init__(self, width: int) -> None:
        sink = io.StringIO()
        super().__init__(piped=False, notes=sink, file=sink, width=width, highlight=False, markup=False,
                         emoji=False, color_system="truecolor", force_terminal=True)
        self.parts: list[RenderableType] = []

    def print(self, *objects: Any, **options: Any) -> None:
        if not objects:
            self.parts.append(Text())
        elif len(objects) == 1:
            self.parts.append(objects[0])
        else:
            self.parts.append(Text(" ").join(o if isinstance(o, Text) else T(o) for o in objects))

    def group(self) -> Group:
        return Group(*self.parts)


D = TypeVar("D")


def drawn(draw: Callable[[Out, D], None], data: D, width: int) -> Group:
    """What ``draw(console, data)`` prints, as one renderable."""
    out = Drawn(width)
    draw(out, data)
    return out.group()


def page(title: Text, body: RenderableType) -> Group:
    """A full page: its title, the body, and how to leave."""
    return Group(title, Text(), body, Text(), Text("escape: back", "dim"))


def compare_page(result: Compare, width: int) -> Group:
    """``compare A B``, as the command prints it."""
    from ..render.text import compare

    a, b = result["roles"]
    title = Text.assemble(("Compare ", "bold"), T(a["name"], "bold"), (" with ", "bold"), T(b["name"], "bold"))
    return page(title, drawn(compare, result, width))


def route_page(result: PathDoc, width: int) -> Group:
    """``path --to``, as the command prints it: the routes, each step's gap, the total."""
    from ..render.text import path

    return page(Text.assemble(("Route to ", "bold"), T(result["to"]["name"], "bold")), drawn(path, result, width))


def plan_page(result: Plan, width: int) -> Group:
    """``plan --to``, as the command prints it."""
    from ..render.learning import plan

    return page(Text("Learning plan", "bold"), drawn(plan, result, width))


def progress_page(result: ProgressDoc, width: int) -> Group:
    """``progress --to``, as the command prints it on a terminal: the chart, gains, the plan."""
    from ..render.text.progress import progress

    return page(Text("Your progress", "bold"), drawn(progress, result, width))


def foundation(found: Foundation, width: int) -> Group:
    """The education of the foundation stage, as ``stages`` prints it."""
    from ..render.text.ladder import _foundation

    return drawn(_foundation, found, width)
