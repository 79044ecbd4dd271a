"""Human output with Rich: the console, and the pieces every renderer uses.

The run's :class:`~aiml_career.environment.Environment` decides who reads: on
a terminal (or with colour forced) tables are drawn for people; into a pipe or a file every table prints one row
per line, cells separated by tabs, no header, nothing wrapped or cut
(:func:`_print_table`, the one place every table goes through). Colour follows
``--color``, ``NO_COLOR``, ``FORCE_COLOR`` and ``TERM=dumb``. Every string that
comes from a ladder file goes through :func:`T`, which makes it a ``Text``
(never parsed as markup) with control characters shown as escapes, never sent
raw.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ...environment import Environment
from ...errors import sanitize
from .. import TEXT, Voice, requirement_label
from ..rows import Rows, one_line, refs

if TYPE_CHECKING:
    from ...results.common import Move
    from ...results.ladder import TreeMove
    from ...results.plans import MoveAt

LEVEL_STYLE = {
    "basic": "dim",
    "proficient": "cyan",
    "advanced": "yellow",
    "expert": "bold magenta",
}


KIND_STYLE = {"promotion": "green", "lateral": "blue"}


_TRAILING = re.compile(r" +(?=\n)")  # spaces only: a row may end in a tab (an empty cell)


class _Trimmed:
    """stdout when it is a pipe or a file: no line ends in padding spaces."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self.encoding = getattr(stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        return self._stream.write(_TRAILING.sub("", text))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return False


def T(text: object, style: str = "") -> Text:
    """Data as text: no markup; control, bidi and line-breaking characters (newline
    too) shown escaped, so a name can never start a line of its own."""
    return Text(sanitize(str(text)), style=style)


class Out(Console):
    """A console that knows whether a person reads it or a program does (``piped``),
    and where messages about the output go (``notes``: stderr; Rich's own ``stderr`` is a flag)."""

    def __init__(self, *, piped: bool, notes=None, **options) -> None:
        super().__init__(**options)
        self.piped = piped
        self.notes = sys.stderr if notes is None else notes


#: The width text is laid out at when piped: wide enough that no line of ours wraps.
PIPED_WIDTH = 100_000


def piped_console(file: Any, notes: Any) -> Out:
    """A console laid out as for a pipe (rows, nothing wrapped, no colour) writing to ``file``."""
    return Out(piped=True, notes=notes, file=file, highlight=False, markup=False, emoji=False, soft_wrap=False,
               width=PIPED_WIDTH, color_system=None)


def make_console(env: Environment) -> Out:
    """A console on ``env``'s stdout, laid out for whoever reads it."""
    stdout = env.stdout
    colour = env.colour
    encoding = (env.encoding or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stdout, "reconfigure"):
        # An ASCII or Latin-1 locale: show what cannot be encoded as "?", never crash.
        stdout.reconfigure(errors="replace")
    tty = env.stdout_isatty
    piped = not env.for_people
    return Out(
        piped=piped, notes=env.stderr,
        file=stdout if tty else _Trimmed(stdout),
        # Piped: nothing is wrapped, whatever COLUMNS says (a line is as long as its text).
        highlight=False, markup=False, emoji=False, soft_wrap=False,
        width=PIPED_WIDTH if piped else env.columns, height=env.height(),
        # No colour: no escape code at all (Rich alone keeps bold under NO_COLOR).
        color_system=("auto" if tty else "standard") if colour else None,
        force_terminal=True if colour else None, no_color=False if colour else None,
    )


def _heading(title: str, subtitle: str = "") -> Text:
    text = T(title, "bold")
    if subtitle:
        text.append_text(T(f"  {subtitle}", "dim"))
    return text


def _bullets(items: Iterable[str], style: str = "") -> Table:
    """A bulleted list whose wrapped lines stay indented under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row("•", T(item, style))
    return grid


def _labelled(out: Console, rows: Iterable[tuple[str, Text]], indent: int = 2) -> None:
    """"label: text" lines whose wrapped text stays aligned after the label."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=max(indent - 1, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, text in rows:
        grid.add_row("", label, text)
    out.print(grid)


def _level(level: str) -> Text:
    return T(level, LEVEL_STYLE.get(level, ""))


def _table(*columns: str, title: str = "") -> Table:
    """A table whose cells fold when narrow: ids and names are never cut short."""
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, title=T(title, "bold") if title else None,
        title_justify="left",
    )
    for column in columns:
        # Ids are what people copy into the next command: keep them on one line.
        table.add_column(column, overflow="fold", no_wrap=column == "ID")
    return table


#: Below this width, tables print as one block of "header: value" lines per row.
NARROW = 60


def _print_table(out: Console, table: Table, *, header: bool = False) -> None:
    """A table; on a narrow terminal the same cells as labelled records; into a
    pipe one row per line, tab-separated (the header too when ``header``, for
    tables whose columns are data, such as compare's roles)."""
    if getattr(out, "piped", False):
        _print_rows(out, table, header)
        return
    if out.width >= NARROW:
        out.print(table)
        return
    if table.title:
        out.print(table.title)
    columns = table.columns
    cells = [list(column.cells) for column in columns]
    # A table whose first column has no header (compare) is titled by that column.
    titled = not str(columns[0].header)
    for row in range(table.row_count):
        if titled:
            out.print(cells[0][row])
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=not titled, overflow="fold")
        grid.add_column(overflow="fold")
        for number in range(1 if titled else 0, len(columns)):
            cell = cells[number][row]
            if isinstance(cell, Text) and not cell.plain:
                continue
            grid.add_row(columns[number].header, cell)
        out.print(grid)
        out.print()


def _plain(cell: object) -> str:
    """A cell as one line of a tab-separated row (:func:`..rows.one_line`)."""
    return one_line(cell.plain if isinstance(cell, Text) else str(cell))


def _print_rows(out: Console, table: Table, header: bool) -> None:
    if table.title:
        out.print(table.title, soft_wrap=True)
    columns = [list(column.cells) for column in table.columns]
    rows = [[column.header for column in table.columns]] if header else []
    rows += [[column[row] for column in columns] for row in range(table.row_count)]
    for row in rows:
        # Straight to the stream: Rich would turn the tabs into spaces.
        out.file.write("\t".join(_plain(cell) for cell in row) + "\n")


def _refs(items: Iterable[Mapping[str, Any]]) -> Text:
    """"Name (id), ...": a link the ladder derived (basis editorial) says so."""
    return T(refs(items))


def _requirement(row: Mapping[str, Any]) -> Text:
    """"ML frameworks (any of: TensorFlow, PyTorch)" or "Docker (part of Deployment)"."""
    return T(requirement_label(row))


def _legend(overlap: bool = False, voice: Voice = TEXT) -> Text:
    """What a move's basis means: the text (on another ladder: its source), the role titles,
    or our judgement (and, when a move is derived from overlap, what that means)."""
    more = "; overlap = derived from overlap where the ladder names no move: ours" if overlap else ""
    if voice == TEXT:
        said, judged = "the source", "our judgement (see its note), not the text's"
    else:  # another ladder's judgements are its authors', not this tool's
        said, judged = voice.name, f"a judgement its note explains, not {voice.own} words"
    return T(f"basis of a move: text = {said} says so; titles = the role titles imply it; "
             f"editorial = {judged}{more}", "dim")


def _kind(move: Move | TreeMove | MoveAt) -> Text:
    """A move's kind, coloured, and its basis (text, titles, editorial)."""
    text = T(move["kind"], KIND_STYLE.get(move["kind"], ""))
    text.append_text(T(f", {move['basis']}", "dim"))
    return text


def _joined(parts: Iterable[Text]) -> Text:
    return Text(", ").join(parts)


def _aside(out: Console, text: Text) -> None:
    """A line explaining the output (a legend, the ranking rule, whose skills): for people
    only. Piped, it is left out, so that stdout holds only rows (and stderr stays quiet)."""
    if not getattr(out, "piped", False):
        out.print(text)


def _note(out: Console, text: str) -> None:
    """A message about the output, not part of it: on stderr."""
    getattr(out, "notes", sys.stderr).write(sanitize(f"aiml-career: {text}") + "\n")


def _count(number: int, plural: str) -> str:
    return f"{number:,} {plural[:-1] if number == 1 else plural}"


#: How many cells a readiness bar takes beside a number (``match``, ``next``).
BAR_CELLS = 10


def readiness_style(readiness: float) -> str:
    """A readiness figure's style: bold green when anything counts toward the role, dim at 0%
    (nothing held toward it is no success to colour)."""
    return "bold green" if readiness > 0 else "dim"


def bar(readiness: float, proven: float | None = None, width: int = BAR_CELLS) -> Text:
    """``readiness`` (0-100) as a bar ``width`` cells wide; with ``proven``, the part it covers
    solid and the rest of the readiness (resting on claims alone) shaded."""
    full = round(width * readiness / 100)
    solid = full if proven is None else min(full, round(width * proven / 100))
    return Text.assemble(("█" * solid, "green"), ("▓" * (full - solid), "yellow"), ("·" * (width - full), "dim"))


def rows_of(out: Console) -> Rows | None:
    """Where a whole-ladder listing's rows go when ``out`` is piped (:mod:`..rows`, the one writer
    of them, also used without Rich); None when a person reads ``out``."""
    if not getattr(out, "piped", False):
        return None
    return Rows(out.file, getattr(out, "notes", sys.stderr))


def for_people(out: Console) -> bool:
    """Drawn for a person (a terminal), not rows for a program: bars are drawn then only."""
    return not getattr(out, "piped", False)
