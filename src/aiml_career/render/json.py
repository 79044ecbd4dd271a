"""The ``--json`` renderer: one UTF-8 document, newline-terminated, on stdout."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import write_utf8

_CONTROLS: re.Pattern[str] | None = None


def escape_controls(text: str) -> str:
    """JSON text with DEL, C1 controls, bidi, zero-width and line-separator characters
    written as ``\\uXXXX`` escapes: the same data, but none of them raw on a terminal.

    (JSON encoders escape only C0 controls; these can appear only inside strings.)
    """
    global _CONTROLS
    if text.isascii() and "\x7f" not in text:
        return text
    if _CONTROLS is None:
        from ..errors import UNSAFE_RANGES

        ranges = [(max(lo, 0x7F), hi) for lo, hi in UNSAFE_RANGES if hi >= 0x7F]
        _CONTROLS = re.compile("[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges) + "]")
    return _CONTROLS.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a surrogate pair, as JSON spells characters beyond the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _replace_surrogates(data: Any) -> Any:
    """``data`` with lone surrogates (bytes that were not UTF-8) as U+FFFD."""
    if isinstance(data, str):
        return re.sub("[\ud800-\udfff]", "\ufffd", data)
    if isinstance(data, dict):
        return {_replace_surrogates(k): _replace_surrogates(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_replace_surrogates(v) for v in data]
    return data


def dumps(data: Any) -> bytes:
    """``data`` as indented UTF-8 JSON, non-ASCII text kept as it is, newline-terminated.

    orjson writes the same bytes as ``json.dumps(data, indent=2, ensure_ascii=False)``
    (a test checks), and fastest: ``match`` on an ESCO-sized ladder (29 MB) in 0.04-0.05 s,
    where pydantic-core took 0.11 s and the standard library 0.75 s. What orjson refuses
    (a lone surrogate, a number past 64 bits, a key that is no text) the standard library
    writes. Control and bidi characters are then escaped (:func:`escape_controls`).
    """
    return b"".join(pieces(data))


def _encoded(data: Any) -> bytes:
    import orjson

    try:
        out = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # a lone surrogate, a number past 64 bits, a key that is no text
        import json

        out = json.dumps(_replace_surrogates(data), indent=2, ensure_ascii=False).encode("utf-8")
    return out if out.isascii() else escape_controls(out.decode("utf-8")).encode("utf-8")


#: A document's list of more items than this is written a chunk of items at a time (:func:`pieces`).
STREAMED = 500
#: Items of such a list encoded together.
CHUNK = 16
#: Bytes gathered before a write, when a document is written a piece at a time.
BATCH = 1 << 20

# A chunk of items is encoded as this key's list, so that each item is indented as the
# document indents it; the chunk's items are what lies between these two.
_OPEN, _CLOSE = b'{\n  "": [\n', b"\n  ]\n}"


def pieces(data: Any) -> Iterator[bytes]:
    """:func:`dumps`' bytes in pieces: a document with a long list (``match`` on 10,000 roles:
    68 MB) is written a chunk of its items at a time, so the whole text is never held twice
    (the encoder's buffer and its copy) beside the document. The same bytes as one piece: each
    chunk is encoded as the list of an object one level deep, so its items are indented as
    the document would indent them (a test checks)."""
    big = None
    if isinstance(data, dict):
        big = next((key for key, value in data.items() if isinstance(value, list) and len(value) > STREAMED), None)
    if big is None:
        yield _encoded(data) + b"\n"
        return
    import secrets

    mark = f"streamed-{secrets.token_hex(16)}"  # no text of the document holds it: it cannot guess it
    parts = _encoded({**data, big: mark}).split(f'"{mark}"'.encode())
    if len(parts) != 2:
        yield _encoded(data) + b"\n"
        return
    head, tail = parts
    items = data[big]
    yield head + b"[\n"
    for start in range(0, len(items), CHUNK):
        text = _encoded({"": items[start:start + CHUNK]})
        yield (b",\n" if start else b"") + text[len(_OPEN):-len(_CLOSE)]
    yield b"\n  ]" + tail + b"\n"


def emit(data: Any, stream=None) -> None:
    """Write ``data`` as JSON to ``stream`` (stdout), in UTF-8 whatever the locale says."""
    batch: list[bytes] = []
    size = 0
    for piece in pieces(data):
        batch.append(piece)
        size += len(piece)
        if size >= BATCH:
            write_utf8(b"".join(batch), stream)
            batch, size = [], 0
    write_utf8(b"".join(batch), stream)
