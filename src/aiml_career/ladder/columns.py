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
from bisect import bisect_right
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import repeat
from typing import overload

from .levels import Level
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


class Ways:
    """The lists of ways :func:`ways_packed` packed: one made when it is asked for
    (:meth:`one`), or every one at once (:meth:`every`)."""

    def __init__(self, meta: dict[str, bytes]) -> None:
        self.names = texts_of(meta["ways.names"])
        self._member = numbers_of(meta["ways.member"])
        self.counted = numbers_of(meta["ways.counted"])
        self._cap = numbers_of(meta["ways.cap"])
        self.ends = numbers_of(meta["ways.ends"]).tolist()
        self._made: dict[int, tuple[Way, ...]] = {}
        self._every: list[tuple[Way, ...]] | None = None

    def one(self, number: int) -> tuple[Way, ...]:
        made = self._made.get(number)
        if made is None:
            start, end = self.ends[number - 1] if number else 0, self.ends[number]
            name = self.names.__getitem__
            made = self._made[number] = tuple(zip(map(name, self._member[start:end]),
                                                  map(name, self.counted[start:end]), self._cap[start:end].tolist()))
        return made

    def every(self) -> list[tuple[Way, ...]]:
        """Every list, in order (made once)."""
        if self._every is None:
            name = self.names.__getitem__
            flat = list(zip(map(name, self._member), map(name, self.counted), self._cap.tolist()))
            ends = self.ends
            self._every = [tuple(flat[a:b]) for a, b in zip([0, *ends], ends)]
        return self._every


class _RowColumns:
    """The columns of :func:`rows_packed`, unpacked (each a list or an array)."""

    def __init__(self, meta: dict[str, bytes]) -> None:
        self.skills = texts_of(meta["rows.skill"])
        self.levels = texts_of(meta["rows.level"])
        self.any_of = texts_of(meta["rows.any_of"])
        self.part_of = texts_of(meta["rows.part_of"])
        self.ways = numbers_of(meta["rows.ways"])
        self.open = numbers_of(meta["rows.open"])


def _units(rows: _RowColumns, ways: Sequence[tuple[Way, ...]] | None) -> list[Unit]:
    """The rows as units; with no ``ways``, each without its ways."""
    listed = {text: tuple(text.split(" ")) if text else () for text in set(rows.any_of)}  # each list made once
    by_number = [(), *ways] if ways is not None else None
    return list(map(Unit._make, zip(
        rows.skills, rows.levels, repeat(""), repeat(None),
        map(listed.__getitem__, rows.any_of), [p or None for p in rows.part_of],
        map(by_number.__getitem__, rows.ways) if by_number is not None else repeat(()), [o == 1 for o in rows.open],
    )))


class Rows(Sequence[Unit]):
    """The distinct rows :func:`rows_packed` packed, each made a unit when it is first read
    (``next`` from the skills held reads the entry roles' rows: on a taxonomy, a third of
    them), every one at once when they are iterated (``match`` reads them all)."""

    def __init__(self, meta: dict[str, bytes], ways: Ways) -> None:
        self._rows = _RowColumns(meta)
        self._ways = ways
        self._made: list[Unit | None] = [None] * len(self._rows.skills)
        self._every = False

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, index: int) -> Unit: ...
    @overload
    def __getitem__(self, index: slice) -> list[Unit]: ...
    def __getitem__(self, index: int | slice) -> Unit | list[Unit]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        made = self._made[index]
        if made is None:
            rows, number = self._rows, self._rows.ways[index]
            any_of = rows.any_of[index]
            level: Level = rows.levels[index]  # type: ignore[assignment]
            made = self._made[index] = Unit(
                rows.skills[index], level, "", None, tuple(any_of.split(" ")) if any_of else (),
                rows.part_of[index] or None, self._ways.one(number - 1) if number else (), rows.open[index] == 1)
        return made

    def plain(self) -> list[Unit]:
        """Every row without its ways (empty): what a row's item names (``match`` names every
        row; only the rows something held counts toward need their ways: :meth:`toward`)."""
        return _units(self._rows, None)

    def toward(self, held: Collection[str], marked: Collection[str]) -> list[int]:
        """The numbers of the rows a skill of ``held`` counts toward (a way to meet them, as
        :func:`.advice.assessment.held_toward` decides), or naming a skill of ``marked``: found
        from the columns, no row made."""
        rows = self._rows
        lists = self._lists_naming(held)
        found = [i for i, (skill, ways) in enumerate(zip(rows.skills, rows.ways))
                 if (ways in lists if ways else skill in held)]
        if marked:
            more = {i for i, (skill, any_of) in enumerate(zip(rows.skills, rows.any_of))
                    if skill in marked or (any_of and not set(any_of.split(" ")).isdisjoint(marked))}
            found = sorted(more.union(found))
        return found

    def _lists_naming(self, held: Collection[str]) -> set[int]:
        """The numbers (as :func:`rows_packed` writes them: plus one) of the lists of ways with a
        way counted from a skill of ``held``."""
        ways = self._ways
        wanted = {number for number, name in enumerate(ways.names) if name in held}
        if not wanted:
            return set()
        ends = ways.ends
        return {bisect_right(ends, at) + 1 for at, counted in enumerate(ways.counted) if counted in wanted}

    def __iter__(self) -> Iterator[Unit]:
        if not self._every:
            every = _units(self._rows, self._ways.every())
            # A row made already stays the one given out (callers may compare by identity).
            self._made = [old if old is not None else new for old, new in zip(self._made, every)]
            self._every = True
        return iter(self._made)  # type: ignore[arg-type]
