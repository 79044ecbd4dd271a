"""Output: ``json`` (pydantic-core, no Rich) and ``text`` (Rich, imported only to render)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..results.common import Via

#: How a route's start was chosen (``start.how``), said by ``path`` and ``plan``.
STARTS = {
    "--from": "from --from",
    "profile": "from your profile's role",
    "skills": "from the roles your skills fully meet",
    "entry stage": "from the entry stage: no role given, and your skills fully meet none",
}


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
