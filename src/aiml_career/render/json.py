"""The ``--json`` renderer: one UTF-8 document, newline-terminated, on stdout."""

from __future__ import annotations

from typing import Any

from . import write_utf8


def dumps(data: Any) -> bytes:
    """``data`` as indented UTF-8 JSON, non-ASCII text kept as it is.

    pydantic-core writes the same bytes as ``json.dumps(data, indent=2,
    ensure_ascii=False)`` several times faster (18 MB for ``match`` on
    10,000 roles: 0.38 s -> 0.08 s).
    """
    from pydantic_core import to_json

    return to_json(data, indent=2) + b"\n"


def emit(data: Any) -> None:
    """Write ``data`` as JSON to stdout, in UTF-8 whatever the locale says."""
    write_utf8(dumps(data))
