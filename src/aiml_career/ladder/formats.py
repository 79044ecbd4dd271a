"""The two ladder formats: which one a document is, and reading format 1 as 2.

Format 2 roles list ``requirements`` and moves say ``basis``. Format 1 roles
listed ``skills`` and moves said ``stated``; such files still load, keeping the
meaning they had (README: "Format 1 files").
"""

from __future__ import annotations

from . import requirements
from .model import LadderDoc


def version(doc: LadderDoc) -> int:
    """The document's format: as it says, else format 1 if it uses format 1's fields."""
    if "format" in doc.model_fields_set:
        return doc.format
    old = any(r.skills is not None or any(m.stated is not None for m in r.next) for r in doc.roles)
    return 1 if old else 2


def migrate(doc: LadderDoc) -> None:
    """Read a checked format 1 document as format 2, keeping what it meant.

    Format 1 roles list ``skills``: they become requirements by the format 1
    rule (:func:`requirements.from_format_1`). Format 1 moves say ``stated``:
    true becomes basis ``text``, false ``editorial``. ``export --format json``
    then writes the file as format 2.
    """
    if version(doc) != 1:
        return
    skills = {s.id: s for s in doc.skills}
    for role in doc.roles:
        role.requirements = requirements.from_format_1(role.skills or [], skills)
        role.skills = None
        for move in role.next:
            move.basis = "text" if move.stated else "editorial"
            if not move.stated and not move.note.strip():
                move.note = "Marked as not stated by the text (\"stated\": false) in a format 1 file."
            move.stated = None
    doc.format = 2
