"""Search the ladder: one table of what is searched and what a hit there weighs.

A query is cut into words. A query word matches a word of a text when it is
that word or another form of it (``deployment``, ``deploying``), or the start
of it (``eng`` finds "engineer"); never the inside of a word (``ai`` does not
find "Maintaining"). A word of five letters or more that matches nothing in the
whole ladder may match with one typo (``enginer`` finds "engineers").

Every query word must match in the same text for a hit. A hit scores its
field's weight (:data:`FIELDS`) times how well the words matched: whole words
count more than starts of words, and those more than typos, and a text that is
exactly the query counts fully. Each item (a role, a skill...) is listed once,
with its best hit. A hit on a skill also brings the roles that need it; a hit on
a skill category brings the category's skills.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from typing import TYPE_CHECKING, Any, cast

from ..errors import UsageError, check_limit
from ..ladder.index import Head, Ladder, SkillHead
from ..ladder.resolve import shown

if TYPE_CHECKING:
    from ..results.ladder import Hit, HitType, Search


@dataclass(frozen=True)
class Field:
    """One searched field: the items it belongs to, its name, its weight, its texts."""

    type: str
    name: str
    weight: int
    texts: Callable[[Any], Iterable[str]]  # the item is of the field's type


#: Every field searched, by weight: names first. ``resource`` stands for its
#: kind (online-course, certification, degree); ``text`` is the rest of the
#: source text (introduction, conclusion, degrees, notes, key skills).
FIELDS: tuple[Field, ...] = (
    Field("role", "name", 100, lambda r: [r.name]),
    Field("role", "alias", 100, lambda r: r.aliases),
    Field("role", "id", 95, lambda r: [r.id]),
    Field("skill", "name", 90, lambda s: [s.name]),
    Field("skill", "alias", 90, lambda s: s.aliases),
    Field("category", "name", 80, lambda c: [c.name]),
    Field("specialization", "name", 80, lambda s: [s.name]),
    Field("specialization", "alias", 80, lambda s: s.aliases),
    Field("resource", "name", 75, lambda r: [r.name]),
    Field("resource", "alias", 75, lambda r: r.aliases),
    Field("role", "responsibility", 50, lambda r: r.responsibilities),
    Field("specialization", "example", 45, lambda s: s.examples),
    Field("resource", "provider", 40, lambda r: [r.provider]),
    Field("specialization", "description", 35, lambda s: [s.description]),
    Field("resource", "description", 35, lambda r: [r.description]),
    Field("skill", "description", 35, lambda s: [s.description]),
    Field("category", "description", 30, lambda c: [c.description]),
    Field("role", "summary", 25, lambda r: [r.summary]),
    Field("text", "text", 20, lambda p: [p.text]),
)

#: Hits brought by another hit, scored as a share of the hit that brought them.
REQUIRES = 0.7  # a role that needs a skill found
IN_CATEGORY = 0.6  # a skill of a category found

#: How well a query word matched a text word.
WHOLE, PREFIX, TYPO = 1.0, 0.85, 0.7
#: A text with more words than the query matched scores this share.
PARTIAL = 0.9
TYPO_MIN_LETTERS = 5
MAX_WORDS = 20

#: Words, with "c++" and "c#" kept whole.
_WORD = re.compile(r"\w+(?:\+\+|#)?")
_SUFFIXES = ("ments", "ment", "ings", "ing", "ions", "ion", "ed", "es", "s")


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def stem(word: str) -> str:
    """A word without its ending, so "deployment" and "deploying" meet."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


#: What a word starting with a root runs on with (word characters, "+" and "#"); a word character.
_RUN = re.compile(r"[\w+#]*")
_WORD_CHAR = re.compile(r"\w")


def starts_of(root: str, corpus: str) -> list[str]:
    """What ``re.findall(r"\\b" + re.escape(root) + r"[\\w+#]*", corpus)`` finds (``root``: word
    characters), found many times quicker: the root is looked for as plain text, and a place is
    kept where a word starts there (no word character before it) and no run taken before holds
    it. (A pattern that starts with ``\\b`` is tried at every place of the corpus.) A place the
    plain search steps over lies inside an earlier place of the root, after a word character."""
    found: list[str] = []
    end = 0
    for place in re.finditer(re.escape(root), corpus):
        at = place.start()
        if at < end or (at and _WORD_CHAR.match(corpus, at - 1)):
            continue
        run = _RUN.match(corpus, at)
        assert run is not None  # it matches the empty run too
        end = run.end()
        found.append(run.group())
    return found


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one insertion, deletion,
    substitution or swap of neighbours."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (a[i + 1:i + 2] == b[i:i + 1] and a[i:i + 1] == b[i + 1:i + 2]
                                          and a[i + 2:] == b[i + 2:])
    return a[i:] == b[i + 1:]


@dataclass(frozen=True)
class Passage:
    """A piece of the rest of the source text, searched as an item of type ``text``."""

    id: str
    name: str
    text: str


def _items(ladder: Ladder) -> dict[str, Sequence[Any]]:
    passages = [Passage("intro", "introduction", ladder.intro), Passage("conclusion", "conclusion", ladder.conclusion)]
    if ladder.education is not None:
        edu = ladder.education
        passages += [Passage(d.id, "degree", f"{d.name}: {d.description} {', '.join(d.fields)}") for d in edu.degrees]
        passages += [Passage("foundation", "note", note) for note in edu.notes]
        passages.append(Passage("foundation", "key skills", edu.key_skills_text))
    return {
        "role": ladder.heads, "skill": list(ladder.skill_heads.values()), "category": list(ladder.categories.values()),
        "specialization": list(ladder.specializations.values()), "resource": list(ladder.resources.values()),
        "text": passages,
    }


class Query:
    """The words of a query, and how each meets the words of the searched text."""

    def __init__(self, text: str, corpus: str) -> None:
        self.words = words(text)[:MAX_WORDS]
        self._vocabulary: set[str] | None = None
        self.quality: list[dict[str, float]] = [self._meet(w, corpus) for w in self.words]
        # What must occur in a text (casefolded) for each word to match: a cheap first test.
        self.needles = [
            [stem(w)] if any(q != TYPO for q in met.values()) else list(met)
            for w, met in zip(self.words, self.quality)
        ]

    def _meet(self, word: str, corpus: str) -> dict[str, float]:
        """The words of the ladder ``word`` matches, each with how well."""
        root = stem(word)
        if len(word) == 1 or not word[-1].isalnum():  # "r", "c++": the word itself, never a start
            return {word: WHOLE} if re.search(r"(?<!\w)" + re.escape(word) + r"(?![\w+#])", corpus) else {}
        starting = set(_WORD.findall(" ".join(starts_of(root, corpus))))
        met = {known: WHOLE if known == word or stem(known) == root else PREFIX for known in starting}
        if met or len(word) < TYPO_MIN_LETTERS:
            return met
        if self._vocabulary is None:
            self._vocabulary = set(_WORD.findall(corpus))
        low, high = len(word) - 1, len(word) + 1
        for known in self._vocabulary:
            if len(known) >= low and any(one_edit(word, known[:n]) for n in range(low, min(high, len(known)) + 1)):
                met[known] = TYPO
        return met

    def candidates(self, corpus: str, starts: Sequence[int]) -> list[int]:
        """The texts that pass :meth:`score`'s first test (every word's needle in the text), by
        number, in order: ``corpus`` is the texts joined by newlines, ``starts`` where each begins.
        Each needle is looked for in the whole corpus at once (a needle holds no newline), once
        per text that holds it, so the texts without are never scored one by one."""
        found: set[int] | None = None
        for needles in self.needles:
            holding: set[int] = set()
            for needle in needles:
                at = corpus.find(needle)
                while at != -1:
                    number = bisect_right(starts, at) - 1
                    holding.add(number)
                    if number + 1 == len(starts):
                        break
                    at = corpus.find(needle, starts[number + 1])
            found = holding if found is None else found & holding
        return sorted(found or ())

    def score(self, folded: str) -> tuple[float, list[str]]:
        """How well all query words match the casefolded text (0 when one is missing), and its words."""
        if not all(any(n in folded for n in needles) for needles in self.needles):
            return 0.0, []
        found = _WORD.findall(folded)
        total = 0.0
        for quality in self.quality:
            best = max((quality.get(w, 0.0) for w in found), default=0.0)
            if not best:
                return 0.0, found
            total += best
        share = total / len(self.quality)
        return (share if len(found) == len(self.quality) else share * PARTIAL), found

    def whole(self, found: list[str]) -> bool:
        """Whether every query word is a word of ``found`` as it is, or its plural."""
        return all(any(w in (q, q + "s", q + "es") or q in (w + "s", w + "es") for w in found) for q in self.words)


def search(ladder: Ladder, query: str, *, limit: int = 20) -> Search:
    """Ranked hits for ``query``: ``query``, ``total`` and the first ``limit`` ``hits``."""
    check_limit(limit)
    items = _items(ladder)
    texts = [(field, item, text, text.casefold()) for field in FIELDS for item in items[field.type]
             for text in field.texts(item) if text]
    corpus = "\n".join(folded for *_, folded in texts)
    wanted = Query(query, corpus)
    if not wanted.words:
        raise UsageError(f"search query {shown(query, 40)} has no words",
                         ["search for letters or digits: aiml-career search python"])

    best: dict[tuple[str, str], Hit] = {}  # one hit per item: its best
    whole: set[tuple[str, str]] = set()  # skills and categories named by whole words

    def hit(kind: str, item: Any, field: str, text: str, score: float, via: str | None = None) -> None:
        kind = item.kind if kind == "resource" else kind
        found: Hit = {"type": cast("HitType", kind), "id": item.id, "name": item.name, "field": field, "text": text,
                 "score": round(score, 1), "via": via}
        key = (kind, item.id if kind != "text" else f"{item.id}:{item.name}")
        if key not in best or best[key]["score"] < found["score"]:
            best[key] = found

    starts = list(accumulate((len(folded) + 1 for *_, folded in texts[:-1]), initial=0)) if texts else []
    for number in wanted.candidates(corpus, starts):  # the others score 0: never one by one
        field, item, text, folded = texts[number]
        quality, matched = wanted.score(folded)
        if quality:
            hit(field.type, item, item.name if field.type == "text" else field.name, text, field.weight * quality)
            if field.name in ("name", "alias") and wanted.whole(matched):
                whole.add((field.type, item.id))

    # A skill or category named by whole words brings what belongs to it.
    needs = _Needs(ladder)
    for found in list(best.values()):
        if (found["type"], found["id"]) not in whole:
            continue
        if found["type"] == "skill":
            skill = ladder.skill_heads[found["id"]]
            for role, need, level in needs.of(skill.id):
                counts = "" if need is skill else f", which {skill.name} counts for"
                text = f"{need.name}{counts} ({level})"
                hit("role", role, "requires", text, found["score"] * REQUIRES, via=skill.id)
        elif found["type"] == "category":
            for skill in ladder.skill_heads.values():
                if skill.category == found["id"]:
                    hit("skill", skill, "category", found["name"], found["score"] * IN_CATEGORY, via=found["id"])

    hits = sorted(best.values(), key=lambda h: -h["score"])  # stable: table order, then ladder order
    return {"query": query, "total": len(hits), "hits": hits[:limit]}


class _Needs:
    """Which roles a skill meets a requirement of, by the rules of readiness (docs/planning.md: Requirements)."""

    def __init__(self, ladder: Ladder) -> None:
        self.ladder = ladder

    @cached_property
    def order(self) -> dict[str, int]:
        return {rid: i for i, rid in enumerate(self.ladder.roles)}

    def of(self, skill_id: str) -> list[tuple[Head, SkillHead, str]]:
        """(role, skill the row is about, level) in ladder order, one per role."""
        seen: dict[str, tuple[Head, SkillHead, str]] = {}
        for role, unit in self.ladder.rows_toward(skill_id):
            seen.setdefault(role.id, (role, self.ladder.skill_heads[unit.skill], unit.level))
        return sorted(seen.values(), key=lambda found: self.order[found[0].id])
