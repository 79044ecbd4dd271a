"""Output: ``json`` (pydantic-core, no Rich) and ``text`` (Rich, imported only to render)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ..results.common import Via
    from ..results.plans import Start

#: How a route's start was chosen (``start.how``), said by ``path`` and ``plan``.
STARTS = {
    "--from": "from --from",
    "profile": "from your profile's role",
    "skills": "from the roles your skills fully meet",
    "entry stage": "from the entry stage: no role given, and your skills fully meet none",
}


#: A start of more roles than this is counted, not named (a taxonomy's entry stage: thousands).
START_NAMED = 10


def start_line(start: Start) -> str:
    """"starting from the roles your skills fully meet: junior-ds": where an answer starts. Past
    :data:`START_NAMED` roles, their number (``--json`` lists them)."""
    roles = start["roles"]
    named = (", ".join(r["id"] for r in roles) if len(roles) <= START_NAMED
             else f"{len(roles):,} roles (--json lists them)")
    return f"starting {STARTS.get(start['how'], start['how'])}: {named}"


#: The most items ``match``, ``next`` and ``map`` draw on a terminal when no ``--limit`` (``map``:
#: ``--role``) chooses them (``match`` and ``next``: the best, as ``--limit`` keeps them): a
#: taxonomy's thousands took seconds to draw (``map`` of an ESCO-sized ladder: 17 s), screens of
#: them nobody reads there.
ON_SCREEN = 20


def not_drawn(left: int, noun: str, choose: str = "--limit N") -> str:
    """"2,980 more roles not drawn: ...": what a terminal's :data:`ON_SCREEN` left out."""
    return (f"{left:,} more {noun}{'s' if left != 1 else ''} not drawn: a terminal shows {ON_SCREEN} "
            f"({choose} to choose; a pipe or --json has them all)")


def cut(total: int, shown: int, noun: str, screen: int | None) -> str:
    """What a listing left out of ``total``: by the terminal's :data:`ON_SCREEN` (``screen``),
    else by a given ``--limit``."""
    return not_drawn(total - shown, noun) if screen else left_out(total, shown, noun)


def left_out(total: int, shown: int, noun: str) -> str:
    """"1,990 more moves left out by --limit": what a given ``--limit`` left out of ``total``
    (``next`` and ``match`` list every one without it, but on a terminal: :func:`cut`)."""
    left = total - shown
    return f"{left:,} more {noun}{'s' if left != 1 else ''} left out by --limit"


class Voice(NamedTuple):
    """Whose words a ladder's wording (and a move's ``text`` basis) are: the built-in ladder's
    are "the text"'s, another ladder's its own ``source``'s (docs/ladder.md: Whose words). The
    text renderers that say so take one; the built-in one is the default."""

    name: str = "the text"

    @property
    def title(self) -> str:
        """The name to start a line with: "The text", "Acme ladder 2026" (a source as spelled)."""
        return self.name[:1].upper() + self.name[1:] if self.name.startswith("the ") else self.name

    @property
    def says(self) -> str:
        """A heading over the wording: "The text says", "Acme ladder 2026 says"."""
        return f"{self.title} says"

    @property
    def own(self) -> str:
        """"the text's", "Acme ladder 2026's"."""
        return f"{self.name}'s"


#: The built-in ladder's voice.
TEXT = Voice()
#: The longest ``source`` taken as a ladder's name; a longer one describes it: "the ladder".
SOURCE_NAME_MAX = 60


def voice(builtin: bool, source: str) -> Voice:
    """The built-in ladder speaks as "the text"; another as its own ``source`` when that is a
    name (one line of at most :data:`SOURCE_NAME_MAX` characters), else as "the ladder"."""
    if builtin:
        return TEXT
    source = " ".join(source.split())
    return Voice(source if 0 < len(source) <= SOURCE_NAME_MAX else "the ladder")


def write_utf8(data: bytes, stream=None) -> None:
    """Bytes to ``stream`` (stdout) as they are: UTF-8 whatever the locale says."""
    stream = sys.stdout if stream is None else stream
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (tests): it takes str
        stream.write(data.decode("utf-8"))
        stream.flush()
        return
    stream.flush()
    buffer.flush()
    try:
        fd = stream.fileno()
    except (OSError, ValueError):  # not a real file (tests, a closed stdout)
        buffer.write(data)
        buffer.flush()
        return
    # Straight to the descriptor: a short write (a file-size limit) is retried and
    # raises (EFBIG), where the buffered writer can drop the rest of a large write.
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def alternatives(row: Mapping[str, Any], colon: str = ":") -> str:
    """"any of: TensorFlow, PyTorch" (the gap lines write "any of" without the colon), or on an
    open row (the text gives examples) "e.g. TensorFlow, PyTorch, or another of its kind"."""
    names = ", ".join(a["name"] for a in row["any_of"])
    return f"e.g. {names}, or another of its kind" if row.get("open") else f"any of{colon} {names}"


def counted_from(via: Via) -> str:
    """"counted from PyTorch (advanced)": the related skill a row's level was counted from."""
    return f"counted from {via['name']} ({via['level']})"


def requirement_label(row: Mapping[str, Any]) -> str:
    """A requirement row in words: "ML frameworks (any of: TensorFlow, PyTorch)",
    "Docker (part of Deployment technologies)". The same words in every output."""
    label = str(row["name"])
    if row.get("any_of"):
        label += f" ({alternatives(row)})"
    if row.get("part_of"):
        label += f" (part of {row['part_of']['name']})"
    return label
