"""Human output for role overlap: ``compare``'s overlap table and ``similar``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from .. import rows
from .base import T, _aside, _labelled, _print_table, _table, for_people, rows_of

if TYPE_CHECKING:
    from ...results.overlap import OverlapDoc, Similar


def _names(items: Iterable[Mapping[str, Any]]) -> Text:
    return T(rows.names(items))


def _missing(doc: OverlapDoc) -> Text:
    """The rows not met: nothing held ("Docker"), or held below the level ("SQL basic→advanced")."""
    return T(rows.missing(doc))


def figure(doc: OverlapDoc) -> Text:
    return T(rows.figure(doc), "bold")


def overlaps(out: Console, docs: list[OverlapDoc]) -> None:
    """One entry per ordered pair of roles: how much of the second the first meets, and why. For
    a person, a block of labelled lines each (a table of long skill lists wraps mid-word);
    piped, one tab-separated row each."""
    if not docs:
        return
    if for_people(out):
        out.print()
        out.print(T("Overlap: the share of a role's requirement points another's requirements meet", "bold"))
        for doc in docs:
            out.print(Text.assemble("  ", T(f"{doc['from']['name']} → {doc['to']['name']}: "), figure(doc)))
            _labelled(out, [("shared:", _names(doc["shared"])), ("missing:", _missing(doc)),
                            ("extra:", _names(doc["extra"]))], indent=4)
        return
    table = _table("From", "To", "Overlap", "Shared", "Missing", "Extra",
                   title="Overlap: the share of To's requirement points From's requirements meet")
    for doc in docs:
        table.add_row(T(doc["from"]["id"]), T(doc["to"]["id"]), figure(doc), _names(doc["shared"]),
                      _missing(doc), _names(doc["extra"]))
    _print_table(out, table, header=True)


def similar(out: Console, data: Similar) -> None:
    """For a person, a block per role: both figures, then what the role shares with it, lacks
    for it and has beside it; piped, one tab-separated row per role (:func:`..rows.similar`)."""
    piped = rows_of(out)
    if piped is not None:
        return rows.similar(piped, data)
    role = data["role"]
    out.print(T(f"Roles nearest {role['name']} by overlap", "bold"))
    for item in data["roles"]:
        forward = item["forward"]
        out.print(Text.assemble("  ", T(f"{item['name']} ({item['id']})", "bold"), T(f"  score {item['score']:.1f}")))
        _labelled(out, [(f"{role['id']} → it:", figure(forward)), (f"it → {role['id']}:", figure(item["backward"])),
                        ("shared:", _names(forward["shared"])), ("missing:", _missing(forward)),
                        ("extra:", _names(forward["extra"]))], indent=4)
    _aside(out, T(f"ranked by {data['rule']}; {len(data['roles'])} of {data['total']} roles shown; "
                  f"missing: what {role['name']} lacks for the role; extra: what it has that the role does not ask",
                  "dim"))
