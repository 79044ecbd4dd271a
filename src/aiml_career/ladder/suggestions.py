""""Did you mean" for a ladder file's unknown references.

A reference problem says ``unknown skill 'pytorh'``; this adds the ids closest to
it among the file's skills (roles, stages, tracks, skill categories), matched as
:mod:`.resolve` matches a name on the command line: ids, names and aliases, any
case, punctuation ignored. Only the first :data:`MAX_LOOKED_UP` unknown references
of a report are looked up, and none longer than :data:`MAX_ID` characters, so a
huge broken file costs no more than a small one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .resolve import Entry, NameIndex

if TYPE_CHECKING:
    from .locator import Loc
    from .model import LadderDoc

#: Unknown references looked up per report; the rest are said without suggestions.
MAX_LOOKED_UP = 20
#: Longest reference looked up (an id is at most 100 characters).
MAX_ID = 100

_UNKNOWN = re.compile(r"^unknown (skill category|related skill|skill|role|stage|track) '([^'\\]*)'$")
_SECTIONS = {
    "skill category": "skill_categories", "related skill": "skills", "skill": "skills",
    "role": "roles", "stage": "stages", "track": "tracks",
}


def add_suggestions(found: list[tuple[Loc, str]], doc: LadderDoc) -> None:
    """Rewrite ``found``'s unknown-reference messages in place with their closest ids."""
    indexes: dict[str, NameIndex] = {}
    looked_up = 0
    for i, (loc, message) in enumerate(found):
        match = _UNKNOWN.match(message)
        if match is None or len(match[2]) > MAX_ID:
            continue
        if looked_up >= MAX_LOOKED_UP:
            return
        looked_up += 1
        section = _SECTIONS[match[1]]
        index = indexes.get(section)
        if index is None:
            items = getattr(doc, section, None) or []
            index = indexes[section] = NameIndex(
                match[1], ((Entry(item.id, item.name), getattr(item, "aliases", ())) for item in items)
            )
        close = [entry.id for entry in index.suggest(NameIndex.key(match[2]))
                 if entry.id not in (match[2], _mover(doc, loc))]
        if close:  # the closest one: a list of near misses reads as noise
            found[i] = (loc, f"{message} (did you mean {close[0]!r}?)")


def _mover(doc: LadderDoc, loc: Loc) -> str | None:
    """The role whose move ``loc`` is (``roles[i].next[j].to``): never suggested as the move's
    target, since a role cannot lead to itself."""
    if len(loc) > 3 and loc[0] == "roles" and loc[2] == "next" and isinstance(loc[1], int):
        roles = getattr(doc, "roles", None) or []
        if loc[1] < len(roles):
            return str(roles[loc[1]].id)
    return None
