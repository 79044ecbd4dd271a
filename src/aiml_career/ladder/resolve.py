"""Forgiving name lookup: ids, names and aliases, any case, punctuation ignored.

``normalize("Machine-Learning  Engineer")`` and ``normalize("machine learning
engineer")`` give the same key. A query resolves by, in order: an exact key,
a unique prefix of a key (three characters or more), else it fails with the
closest keys as suggestions, or with the candidates when it is ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import LookupFailed, UsageError

#: Longest query, in characters, that is looked up at all.
MAX_QUERY = 200
#: How many candidates an error lists at most.
MAX_LISTED = 8
#: How many "did you mean" suggestions at most.
MAX_SUGGESTED = 5
_MIN_PREFIX = 3


_NOT_ALNUM_ASCII = re.compile(r"[^a-z0-9]+")


#: Abbreviations of seniority and role words, read as the word whole ("Sr. MLE" is "Senior
#: MLE"): a word of their own only, on both sides of a lookup (docs/conventions.md: Names).
ABBREVIATIONS = {"sr": "senior", "snr": "senior", "jr": "junior", "jnr": "junior", "mgr": "manager"}
_ABBREVIATED = re.compile(r"(?<![^\W_])(" + "|".join(ABBREVIATIONS) + r")(?![^\W_])")


def normalize(text: str) -> str:
    """Case-fold, read the :data:`ABBREVIATIONS` whole, and drop everything but letters and
    digits ("C++" -> "cplusplus", "Sr. ML Engineer" -> "seniormlengineer")."""
    text = text.replace("+", "plus").replace("#", "sharp")
    if text.isascii():  # the common case, ten times faster than the general one
        text = text.lower()
        if "r" in text:
            text = _ABBREVIATED.sub(_expand, text)
        return _NOT_ALNUM_ASCII.sub("", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _ABBREVIATED.sub(_expand, text.replace("+", "plus").replace("#", "sharp"))
    return "".join(ch for ch in text if ch.isalnum())


def _expand(match: re.Match[str]) -> str:
    return ABBREVIATIONS[match[1]]


#: An ASCII text's bytes for :func:`normalize_many`: a capital as its small letter, a letter,
#: digit or line break as it is, anything else as a space (dropped once the abbreviations are read).
_SPACED = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 or c == 10 else 32
                for c in range(256))
#: :data:`ABBREVIATIONS` where every word follows a space (:func:`normalize_many`'s bytes).
_SPACED_ABBREVIATED = re.compile(rb" (" + "|".join(ABBREVIATIONS).encode() + rb")\b")
_SPACED_EXPANDED = {short.encode(): b" " + whole.encode() for short, whole in ABBREVIATIONS.items()}


def normalize_many(texts: list[str]) -> list[str]:
    """:func:`normalize` of each of ``texts``, the common ones (ASCII, on one line) in a pass over
    them all (``map`` matches the skills of a taxonomy of 14,000: a tenth of a second less).

    The pass works on bytes: each text on a line of its own after a space, every character but
    a letter or a digit a space, so an abbreviation is a word after a space (a literal the regex
    engine looks for quickly), and the spaces are dropped at the end in one ``translate``."""
    joined = "\n".join(texts)
    out: list[str] = []
    if joined.isascii() and joined.count("\n") == len(texts) - 1:  # all of them common (most calls)
        common: list[int] | range = range(len(texts))
    else:
        out = [""] * len(texts)
        common = []
        for number, text in enumerate(texts):
            if text.isascii() and "\n" not in text:
                common.append(number)
            else:
                out[number] = normalize(text)
        joined = "\n".join(texts[n] for n in common)
    if not common:
        return out
    spaced = (" " + joined.replace("\n", "\n ")).replace("+", "plus").replace("#", "sharp")
    data = spaced.encode("ascii").translate(_SPACED)
    if b"r" in data:
        data = _SPACED_ABBREVIATED.sub(_expand_spaced, data)
    keys = data.translate(None, b" ").decode("ascii").split("\n")
    if len(common) == len(texts):
        return keys
    for number, text in zip(common, keys):
        out[number] = text
    return out


def _expand_spaced(match: re.Match[bytes]) -> bytes:
    return _SPACED_EXPANDED[match[1]]


_SURROGATES = re.compile("[\ud800-\udfff]")


def shown(text: str, limit: int = 60) -> str:
    """A user's text made safe for one line of a message: quoted, escaped, cut. Bytes that
    were not UTF-8 (lone surrogates, as Python decodes arguments) show as U+FFFD."""
    if len(text) > limit:
        text = text[:limit] + "…"
    return repr(_SURROGATES.sub("\ufffd", text))


@dataclass(frozen=True)
class Entry:
    """Something a name can resolve to."""

    id: str
    name: str
    kind: str = ""

    def label(self) -> str:
        kind = f"{self.kind}: " if self.kind else ""
        return f"{kind}{self.name}"


class NameIndex:
    """Maps normalised ids, names and aliases to entries."""

    def __init__(
        self, noun: str, items: Iterable[tuple[Entry, Iterable[str]]], listing: str = ""
    ) -> None:
        self.noun = noun
        self.listing = listing
        self.keys: dict[str, list[Entry]] = {}
        for entry, names in items:
            for name in (entry.id, entry.name, *names):
                key = normalize(name)
                if not key:
                    continue
                found = self.keys.setdefault(key, [])
                if entry not in found:
                    found.append(entry)

    @staticmethod
    def key(query: str) -> str:
        """The lookup key of a query (a huge query is cut before it is normalised)."""
        return normalize(query[: MAX_QUERY * 4])

    def exact(self, query: str) -> list[Entry]:
        """The entries whose id, name or alias is ``query`` (forgivingly); no prefixes."""
        return list(self.keys.get(self.key(query), ()))

    def resolve(self, query: str) -> Entry:
        """The one entry ``query`` names; raises :class:`LookupFailed` otherwise."""
        key = self.key(query)
        if not key:
            hints = [f"see them all with: {self.listing}"] if self.listing else []
            raise UsageError(f"{self.noun} name {shown(query)} has no letters or digits", hints)
        if len(key) > MAX_QUERY:
            raise UsageError(
                f"{self.noun} name is too long ({len(query)} characters): {shown(query)}"
            )
        exact = self.keys.get(key)
        if exact is not None:
            if len(exact) == 1:
                return exact[0]
            return self._fail(query, exact, ambiguous=True)
        if len(key) >= _MIN_PREFIX:
            prefixed = self._unique(e for k, es in self.keys.items() if k.startswith(key) for e in es)
            if len(prefixed) == 1:
                return prefixed[0]
            if prefixed:
                return self._fail(query, prefixed, ambiguous=True)
        return self._fail(query, self.suggest(key), ambiguous=False)

    def suggest(self, key: str) -> list[Entry]:
        """Entries whose keys are close to ``key`` (difflib's ratio of 0.6 or more), closest first."""
        from difflib import get_close_matches

        close = get_close_matches(key, self.keys, n=MAX_SUGGESTED)
        return self._unique(e for k in close for e in self.keys[k])[:MAX_SUGGESTED]

    @staticmethod
    def _unique(entries: Iterable[Entry]) -> list[Entry]:
        return list(dict.fromkeys(entries))

    def _fail(self, query: str, entries: list[Entry], *, ambiguous: bool) -> Entry:
        entries = sorted(entries, key=lambda e: e.id) if ambiguous else entries
        shown_entries = entries[:MAX_LISTED]
        candidates = [(e.id, e.label()) for e in shown_entries]
        if ambiguous:
            message = f"ambiguous {self.noun} {shown(query)}"
            if len(entries) > MAX_LISTED:
                candidates.append(("…", f"{len(entries) - MAX_LISTED} more"))
        else:
            message = f"unknown {self.noun} {shown(query)}"
        error = LookupFailed(message, candidates, ambiguous=ambiguous)
        if not candidates and self.listing:
            error.hints.append(f"see them all with: {self.listing}")
        raise error
