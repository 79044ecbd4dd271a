"""What backs a skill in the profile (format 2), and the history of every change to it.

Evidence is a piece of proof the person names: a ``claim`` (their word alone, the default),
a ``course``, a ``certificate``, a ``project`` or ``work``. A skill holds several; only the
kinds other than ``claim`` count for ``--proven``. Each piece has a note, an optional https
URL and a date (the day it happened; never in the future).

The history is a list of entries, oldest first, one for every change any command makes to
the profile (:func:`.profile.update_profile` records them by comparing the profile before and
after a change, so no command can forget to): its time (UTC), the command, what changed
(a skill, the role or the target), the old and new level and status, and the evidence added.
Checking the values a person types (:func:`evidence`) raises :class:`UsageError` (exit 2)
naming the value; checking a saved file raises :class:`ValueError` (the caller names the file).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import UsageError, escaped
from ..ladder.levels import LEVELS

if TYPE_CHECKING:
    import datetime as dt

    from ..ladder.levels import Level

#: The kinds of evidence, weakest first; all but ``claim`` are proof (``--proven``).
KINDS = ("claim", "course", "certificate", "project", "work")
PROOF = frozenset(KINDS[1:])
#: The profile's statuses (``done`` held, ``learning``, ``skipped``).
STATUSES = ("done", "learning", "skipped")
#: What a history entry is about.
WHATS = ("skill", "role", "target")
#: The longest note and URL kept.
MAX_NOTE = 500
MAX_URL = 2000
#: Control, bidi and line-breaking characters (patterns compiled on first use: start-up).
_CONTROL = r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
_TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z"


def _control(text: str) -> bool:
    return re.search(_CONTROL, text) is not None


def now() -> str:
    """This moment, as history records it: UTC to the second, ``2026-03-01T09:30:00Z``."""
    import datetime as dt

    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def today() -> dt.date:
    """Today where the person is, or in UTC, whichever is later: a date typed today is never
    "in the future", whatever the time zone."""
    import datetime as dt

    return max(dt.date.today(), dt.datetime.now(dt.timezone.utc).date())


def _shown(value: str) -> str:
    cut = value if len(value) <= 60 else value[:60] + "…"
    return "'" + re.sub(_CONTROL, lambda m: escaped(m.group()), cut) + "'"


def parse_date(value: str, option: str = "--date") -> dt.date:
    """``YYYY-MM-DD``, not after today; a UsageError naming the value otherwise."""
    import datetime as dt

    try:
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", value.strip()):
            raise ValueError
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{option} {_shown(value)} is not a date",
                         ["give it as YYYY-MM-DD, e.g. 2026-03-01"]) from None
    if day > today():
        raise UsageError(f"{option} {_shown(value)} is in the future", ["give the day it happened: today or before"])
    return day


class Evidence(NamedTuple):
    kind: str
    note: str
    url: str | None = None
    date: str | None = None  # YYYY-MM-DD

    @property
    def proof(self) -> bool:
        return self.kind in PROOF

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "note": self.note, "url": self.url, "date": self.date}


def evidence(kind: str, note: str | None, url: str | None = None, date: str | None = None) -> Evidence:
    """A piece of evidence from the command line, checked: a known kind, a note without control
    characters, an https URL, a date that is not in the future (default: today)."""
    kind = kind.strip().casefold()
    if kind not in KINDS:
        raise UsageError(f"unknown evidence kind {_shown(kind)}", [f"kinds: {', '.join(KINDS)}"])
    text = (note or "").strip()
    if not text:
        raise UsageError("--note is empty", ["say what it is: --note 'Kaggle competition, top 10%'"])
    if _control(text):
        raise UsageError(f"--note {_shown(text)} holds a control character", ["write it on one line, plain text"])
    if len(text) > MAX_NOTE:
        raise UsageError(f"--note {_shown(text)} is longer than {MAX_NOTE} characters")
    if url is not None:
        url = url.strip()
        if not re.fullmatch(r"https://[^\s/?#]+[^\s]*", url) or _control(url) or len(url) > MAX_URL:
            raise UsageError(f"--url {_shown(url)} is not an https URL", ["give one that starts with https://"])
    day = parse_date(date) if date is not None else today()
    return Evidence(kind, text, url, day.isoformat())


def evidence_from(raw: object, where: str) -> Evidence:
    """A saved piece of evidence; ValueError saying what is wrong at ``where``."""
    if not isinstance(raw, dict) or set(raw) - {"kind", "note", "url", "date"}:
        raise ValueError(f"{where} must be an object with 'kind', 'note', 'url' and 'date'")
    kind, note, url, date = raw.get("kind"), raw.get("note"), raw.get("url"), raw.get("date")
    if kind not in KINDS:
        raise ValueError(f"{where}.kind must be one of {', '.join(KINDS)}")
    if not isinstance(note, str) or _control(note):
        raise ValueError(f"{where}.note must be text without control characters")
    if url is not None and (not isinstance(url, str) or not url.startswith("https://") or _control(url)):
        raise ValueError(f"{where}.url must be an https URL or null")
    if date is not None and (not isinstance(date, str) or not re.fullmatch(r"\d{4}-\d\d-\d\d", date)):
        raise ValueError(f"{where}.date must be YYYY-MM-DD or null")
    return Evidence(kind, note, url, date)


class Change(NamedTuple):
    """One history entry: what one command changed, at one time.

    ``what`` is ``skill`` (``id`` the skill, ``old``/``new`` its level and status, or None when
    it was absent/removed), ``role`` or ``target`` (``old``/``new`` role ids or None).
    """

    time: str
    source: str
    what: str
    id: str | None
    old: dict[str, Any] | str | None = None
    new: dict[str, Any] | str | None = None
    evidence: list[Evidence] = []  # noqa: RUF012  (never changed in place: a NamedTuple default)

    @property
    def day(self) -> str:
        return self.time[:10]

    def to_dict(self) -> dict[str, Any]:
        return {"time": self.time, "source": self.source, "what": self.what, "id": self.id,
                "old": self.old, "new": self.new, "evidence": [e.to_dict() for e in self.evidence]}


def state(level: Level, status: str, held: Level | None = None) -> dict[str, Any]:
    """A skill's state in a history entry: ``{"level", "status"}`` (and ``held``)."""
    return {"level": level, "status": status, **({"held": held} if held else {})}


def _state_from(raw: object, where: str, what: str) -> dict[str, Any] | str | None:
    if raw is None:
        return None
    if what != "skill":
        if not isinstance(raw, str):
            raise ValueError(f"{where} must be a role id or null")
        return raw
    if (not isinstance(raw, dict) or set(raw) - {"level", "status", "held"}
            or raw.get("level") not in LEVELS or raw.get("status") not in STATUSES
            or raw.get("held") not in (None, *LEVELS)):
        raise ValueError(f"{where} must be a level and a status, or null")
    return dict(raw)


def change_from(raw: object, where: str) -> Change:
    """A saved history entry; ValueError saying what is wrong at ``where``."""
    keys = {"time", "source", "what", "id", "old", "new", "evidence"}
    if not isinstance(raw, dict) or set(raw) - keys:
        raise ValueError(f"{where} must be an object with {', '.join(sorted(keys))}")
    time, source, what, ident = raw.get("time"), raw.get("source", ""), raw.get("what"), raw.get("id")
    if not isinstance(time, str) or not re.match(_TIME, time):
        raise ValueError(f"{where}.time must be a UTC time, YYYY-MM-DDTHH:MM:SSZ")
    if not isinstance(source, str) or _control(source):
        raise ValueError(f"{where}.source must be text")
    if what not in WHATS:
        raise ValueError(f"{where}.what must be one of {', '.join(WHATS)}")
    if ident is not None and not isinstance(ident, str):
        raise ValueError(f"{where}.id must be a string or null")
    pieces = raw.get("evidence", [])
    if not isinstance(pieces, list):
        raise ValueError(f"{where}.evidence must be a list")
    return Change(time, source, what, ident, _state_from(raw.get("old"), f"{where}.old", what),
                  _state_from(raw.get("new"), f"{where}.new", what),
                  [evidence_from(p, f"{where}.evidence[{i}]") for i, p in enumerate(pieces)])
