"""Where in a JSON file a value is: paths to line numbers, in one pass.

A problem found in a ladder is known by its path in the document
(``roles[3].next[0].to``); a person needs the line. :func:`locate` reads the
text once for all the paths asked about, stepping over whole values that hold
none of them with the C scanner, so it stays linear in the file's size however
many problems there are.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable

from ..errors import clip

Loc = tuple[str | int, ...]


def format_loc(loc: Iterable[str | int]) -> str:
    """``('roles', 3, 'next', 0, 'to')`` -> ``roles[3].next[0].to`` (a huge key cut short)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = clip(str(part))
            out += f".{text}" if out else text
    return out


#: One member of an object with a plain key and a plain scalar value (no escapes), and the
#: comma after it; :data:`_RUN` is up to a thousand of them in a row.
_PAIR = r'\s*"([^"\\]*)"\s*:\s*("[^"\\]*"|-?[0-9][0-9.eE+-]*|true|false|null)\s*,'
_PAIR_RE = re.compile(_PAIR)
_RUN = re.compile(r'(?:\s*"[^"\\]*"\s*:\s*(?:"[^"\\]*"|-?[0-9][0-9.eE+-]*|true|false|null)\s*,){1,1000}')
#: The same for an array: one plain scalar element and its comma, and up to a thousand in a row.
_ITEM_RE = re.compile(r'\s*("[^"\\]*"|-?[0-9][0-9.eE+-]*|true|false|null)\s*,')
_ITEMS = re.compile(r'(?:\s*(?:"[^"\\]*"|-?[0-9][0-9.eE+-]*|true|false|null)\s*,){1,1000}')


def locate(raw: bytes, wanted: Iterable[Loc]) -> dict[Loc, int]:
    """Line numbers of the values at ``wanted`` paths (or their nearest parent)."""
    wanted = list(wanted)
    want: set[Loc] = set()
    for loc in wanted:
        want.update(loc[:i] for i in range(len(loc) + 1))
    # The keys wanted right under each object: runs of plain members are read a thousand at a
    # time by the regex engine, and looked into only when they may hold one of these.
    under: dict[Loc, set[str]] = {}
    under_index: dict[Loc, set[int]] = {}  # likewise, the indices wanted in each array
    for loc in want:
        if loc and isinstance(loc[-1], str):
            under.setdefault(loc[:-1], set()).add(loc[-1])
        elif loc:
            under_index.setdefault(loc[:-1], set()).add(int(loc[-1]))
    skip = json.JSONDecoder().raw_decode
    scan_string = json.decoder.scanstring  # type: ignore[attr-defined]  # C: memory linear in the string
    text = raw.decode("utf-8", errors="replace")
    token = re.compile(r'\s*(?:(")|([{}\[\],:])|([^\s{}\[\],:"]+))')
    found: dict[Loc, int] = {}
    offsets: dict[Loc, int] = {}
    # Each frame: [path, is_object, next key or index, expecting a key (object) or an element (array)]
    stack: list[list] = []
    pos = 0
    pending_key: str | None = None

    def value_at() -> Loc:
        if not stack:
            return ()
        path, is_object, index, _ = stack[-1]
        return (*path, pending_key if is_object else index)

    while pos < len(text):
        if stack and stack[-1][1] and stack[-1][3]:  # where an object's next key may start
            run = _RUN.match(text, pos)
            if run is not None:
                path = stack[-1][0]
                for key in under.get(path, ()):
                    if len(key) < run.end() - pos and text.find(f'"{key}"', pos, run.end()) != -1:
                        for pair in _PAIR_RE.finditer(text, pos, run.end()):
                            if pair.group(1) == key:
                                offsets[(*path, key)] = pair.start(2)
                pos = run.end()
                continue
        elif stack and stack[-1][3]:  # where an array's next element may start
            run = _ITEMS.match(text, pos)
            if run is not None:
                path, _, index, _ = stack[-1]
                count = len(_ITEM_RE.findall(text, pos, run.end()))
                here = {k for k in under_index.get(path, ()) if index <= k < index + count}
                if here:
                    for k, item in enumerate(_ITEM_RE.finditer(text, pos, run.end()), start=index):
                        if k in here:
                            offsets[(*path, k)] = item.start(1)
                stack[-1][2] = index + count
                pos = run.end()
                continue
        match = token.match(text, pos)
        if match is None:
            break
        pos = match.end()
        quote, punct, bare = match.groups()
        start = match.start(1) if quote else match.start(2) if punct else match.start(3)
        if start < 0:
            break
        string = None
        if quote:
            try:
                string, pos = scan_string(text, pos)
            except ValueError:
                break
        if punct in ("}", "]"):
            if stack:
                stack.pop()
            continue
        if punct == ",":
            if stack and not stack[-1][1]:
                stack[-1][2] += 1
            if stack:
                stack[-1][3] = True
            continue
        if punct == ":":
            if stack:
                stack[-1][3] = False
            continue
        if stack and stack[-1][1] and stack[-1][3] and string is not None:
            pending_key = string
            continue
        loc = value_at()
        if stack and not stack[-1][1]:
            stack[-1][3] = False  # an element read: a comma or the end comes next
        if loc in want:
            # The last occurrence: for a key given twice, the value the parser keeps.
            offsets[loc] = start
        elif punct in ("{", "["):
            # Nothing wanted inside: let the C scanner step over the whole value.
            try:
                pos = skip(text, start)[1]
                continue
            except (ValueError, RecursionError):
                pass
        if punct in ("{", "["):
            stack.append([loc, punct == "{", 0, True])
    newlines = [m.start() for m in re.finditer("\n", text)]
    for loc in wanted:
        for i in range(len(loc), -1, -1):
            if loc[:i] in offsets:
                found[loc] = bisect_right(newlines, offsets[loc[:i]]) + 1
                break
    return found
