"""Output: ``json`` (pydantic-core, no Rich) and ``text`` (Rich, imported only to render)."""

from __future__ import annotations

import sys


def write_utf8(data: bytes) -> None:
    """Bytes to stdout as they are: UTF-8 whatever the locale says."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (tests): it takes str
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()
