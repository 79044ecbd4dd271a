"""The `/` filter: roles and skills whose names match, as you type, fast on any ladder.

It follows :mod:`..search`'s rules on its name fields (the role and skill
rows of :data:`..search.FIELDS` named ``name``, ``alias`` and ``id``): the
same words (:func:`..search.words`), and a query word matches a word that is
it, another form of it (:func:`..search.stem`) or starts with it; every query
word must match. Two things differ, for typing: a one-letter word matches as a
start too, and there are no typo matches. ``search`` scans every text of the
ladder for each query (seconds on 10,000 roles); here the words are indexed
once, so a keystroke is a few sorted look-ups (docs/browse.md).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from ..advice.search import FIELDS, stem, words
from ..ladder.index import Ladder

NAME_FIELDS = ("name", "alias", "id")


@dataclass
class Found:
    roles: list[str]  # role ids, ladder order
    skills: list[str]  # skill ids, ladder order


class NameFilter:
    """The name index of ``ladder``, built when first used (:meth:`build`): the app builds it
    right after its first screen is out, so opening a big ladder does not wait for it."""

    def __init__(self, ladder: Ladder) -> None:
        self.ladder = ladder
        self.order: dict[str, dict[str, int]] = {}
        self.by_word: dict[str, set[tuple[str, str]]] = {}
        self.vocabulary: list[str] = []
        self.built = False

    def build(self) -> None:
        if self.built:
            return
        ladder = self.ladder
        items: dict[str, list[Any]] = {"role": list(ladder.heads), "skill": list(ladder.skills.values())}
        self.order = {kind: {item.id: i for i, item in enumerate(listed)} for kind, listed in items.items()}
        by_word: dict[str, set[tuple[str, str]]] = {}
        for fld in FIELDS:
            if fld.type not in items or fld.name not in NAME_FIELDS:
                continue
            for item in items[fld.type]:
                for text in fld.texts(item):
                    for word in words(text):
                        by_word.setdefault(word, set()).add((fld.type, item.id))
        self.by_word = by_word
        self.vocabulary = sorted(by_word)
        self.built = True

    def _matching(self, word: str) -> set[tuple[str, str]]:
        root = stem(word)
        found: set[tuple[str, str]] = set()
        i = bisect_left(self.vocabulary, root)
        while i < len(self.vocabulary) and self.vocabulary[i].startswith(root):
            found |= self.by_word[self.vocabulary[i]]
            i += 1
        return found

    def __call__(self, query: str) -> Found | None:
        """What ``query`` matches; None when it has no words (no filter)."""
        wanted = words(query)
        if not wanted:
            return None
        self.build()
        hits: set[tuple[str, str]] | None = None
        for word in wanted:
            found = self._matching(word)
            hits = found if hits is None else hits & found
            if not hits:
                break
        hits = hits or set()
        roles = sorted((i for kind, i in hits if kind == "role"), key=self.order["role"].__getitem__)
        skills = sorted((i for kind, i in hits if kind == "skill"), key=self.order["skill"].__getitem__)
        return Found(roles, skills)
