"""The ``--json`` renderer: one UTF-8 document, newline-terminated, on stdout."""

from __future__ import annotations

import json
import sys
from typing import Any


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def emit(data: Any) -> None:
    """Write ``data`` as JSON to stdout, in UTF-8 whatever the locale says."""
    out = dumps(data).encode("utf-8")
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (tests): it takes str
        sys.stdout.write(out.decode("utf-8"))
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(out)
    buffer.flush()
