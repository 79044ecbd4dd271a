"""Columns of a big ladder's index (:mod:`.stored`) packed as plain bytes, and read back.

The rows every whole-ladder query reads (the distinct requirement rows and their ways to be
met: ``match``, ``similar``, ``map``) are kept a column at a time, not as JSON: a column of
numbers is an :class:`array.array`, a column of ids or words one text split at newlines (an
id, a level or a skill list never holds one). Reading 43,000 rows and 117,000 ways back is
then a few splits and ``map`` calls in C rather than a JSON object per row (10,000 roles:
0.19 s -> a few hundredths). Nothing here is code: numbers and text, compressed.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable, Sequence
from itertools import repeat

from .requirements import Unit, Way

#: The array type of a column of numbers (unsigned, 4 bytes: row numbers, skill numbers, levels).
NUMBER = "I"


def numbers_packed(values: Iterable[int]) -> bytes:
    return zlib.compress(array(NUMBER, values).tobytes(), 1)


def numbers_of(blob: bytes) -> array[int]:
    found = array(NUMBER)
    found.frombytes(zlib.decompress(blob))
    return found


def texts_packed(values: Iterable[str]) -> bytes:
    """Texts without a newline (ids, level words, ids joined by spaces), one per line."""
    values = list(values)
    if any("\n" in v for v in values):
        raise ValueError("a packed text holds a newline")
    return zlib.compress(("\n".join(values)).encode(), 1) if values else b""


def texts_of(blob: bytes) -> list[str]:
    return zlib.decompress(blob).decode().split("\n") if blob else []


def ways_packed(lists: Sequence[tuple[Way, ...]]) -> dict[str, bytes]:
    """Each list of ways (:attr:`.requirements.Unit.ways`) as columns: the skills named, by
    number into one list of names, the caps, and where each list ends."""
    names: dict[str, int] = {}
    member, counted, cap, ends = [], [], [], []
    for ways in lists:
        for skill, counts, most in ways:
            member.append(names.setdefault(skill, len(names)))
            counted.append(names.setdefault(counts, len(names)))
            cap.append(most)
        ends.append(len(member))
    return {"ways.names": texts_packed(names), "ways.member": numbers_packed(member),
            "ways.counted": numbers_packed(counted), "ways.cap": numbers_packed(cap),
            "ways.ends": numbers_packed(ends)}


def rows_packed(rows: Sequence[Unit], way_number: dict[tuple[Way, ...], int]) -> dict[str, bytes]:
    """Distinct rows (no wording) as columns; a row's ways by their number in
    ``way_number``, plus one (0: no ways)."""
    return {"rows.skill": texts_packed(u.skill for u in rows), "rows.level": texts_packed(u.level for u in rows),
            "rows.any_of": texts_packed(" ".join(u.any_of) for u in rows),
            "rows.part_of": texts_packed(u.part_of or "" for u in rows),
            "rows.ways": numbers_packed(way_number[u.ways] + 1 if u.ways else 0 for u in rows),
            "rows.open": numbers_packed(int(u.open) for u in rows)}


def ways_of(meta: dict[str, bytes]) -> list[tuple[Way, ...]]:
    """The lists of ways :func:`ways_packed` packed, in their order."""
    names = texts_of(meta["ways.names"])
    name = names.__getitem__
    flat = list(zip(map(name, numbers_of(meta["ways.member"])), map(name, numbers_of(meta["ways.counted"])),
                    numbers_of(meta["ways.cap"]).tolist()))
    ends = numbers_of(meta["ways.ends"]).tolist()
    return [tuple(flat[a:b]) for a, b in zip([0, *ends], ends)]


def rows_of(meta: dict[str, bytes], ways: list[tuple[Way, ...]]) -> list[Unit]:
    """The distinct rows :func:`rows_packed` packed, as units (no wording), ``ways`` read
    by :func:`ways_of`."""
    any_of = texts_of(meta["rows.any_of"])
    listed = {text: tuple(text.split(" ")) if text else () for text in set(any_of)}  # each list made once
    by_number = [(), *ways]
    skills = texts_of(meta["rows.skill"])
    return list(map(Unit._make, zip(
        skills, texts_of(meta["rows.level"]), repeat(""), repeat(None),
        map(listed.__getitem__, any_of), [p or None for p in texts_of(meta["rows.part_of"])],
        map(by_number.__getitem__, numbers_of(meta["rows.ways"])), [o == 1 for o in numbers_of(meta["rows.open"])],
    )))

