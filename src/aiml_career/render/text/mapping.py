"""Human output for ``map OTHER``: each role of the ladder in use with its nearest roles of
the other ladder, the figures and what they share and have alone."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from ...errors import sanitize
from ..rows import figure, not_met
from .base import T, _aside, _count, _labelled, _note, _print_table, _table, for_people

if TYPE_CHECKING:
    from ...results.mapping import MapDoc, Nearest, SkillMatching


#: How many unmatched and ambiguous skills the text names (--json lists more).
SHOWN = 10


def _names(items: Iterable[Mapping[str, Any]]) -> str:
    return ", ".join(item["name"] for item in items) or "—"


def _only_other(item: Nearest) -> str:
    """Rows of the other ladder's role not met: nothing held ("Docker"), or held below their
    level ("SQL basic→advanced")."""
    return not_met(item["only_other"], item["deepen"])


def matching(skills: SkillMatching, other: str) -> str:
    """"12 of 14 skills matched in OTHER (10 by id, 1 by name, 1 by alias); 2 not: Dagster, Hiring"."""
    by = skills["by"]
    line = (f"{skills['matched']} of {_count(skills['total'], 'skills')} matched in {other} "
            f"({by['id']} by id, {by['name']} by name, {by['alias']} by alias)")
    if skills["unmatched_count"]:
        listed = skills["unmatched"][:SHOWN]
        more = skills["unmatched_count"] - len(listed)
        line += f"; {skills['unmatched_count']} not: {_names(listed)}" + (f" and {more} more" if more > 0 else "")
    if skills["ambiguous"]:
        line += "; ambiguous: " + ", ".join(
            f"{a['name']} ({' or '.join(c['name'] for c in a['candidates'])})" for a in skills["ambiguous"][:SHOWN])
        if len(skills["ambiguous"]) > SHOWN:
            line += f" and {len(skills['ambiguous']) - SHOWN} more"
    return line


def mapping(out: Console, data: MapDoc) -> None:
    """For a person, a block per role: its nearest roles of the other ladder, each with the
    score, both figures and what they share and have alone; piped, one tab-separated row per
    (role, nearest role)."""
    here, other = data["here"]["label"], data["other"]["label"]
    if for_people(out):
        out.print(T(f"{here} onto {other}: the nearest roles by overlap", "bold"))
        for role in data["roles"]:
            out.print(Text.assemble("  ", T(f"{role['name']} ({role['id']})", "bold")))
            for item in role["nearest"]:
                out.print(Text.assemble("    ≈ ", T(f"{item['name']} ({item['id']})"),
                                        T(f"  {item['score']:g}%", "bold")))
                _labelled(out, [("this → it:", T(figure(item["forward"]))),
                                ("it → this:", T(figure(item["backward"]))),
                                ("shared:", T(_names(item["shared"]))),
                                (sanitize(f"only in {here}:"), T(_names(item["only_here"]))),
                                (sanitize(f"only in {other}:"), T(_only_other(item)))], indent=6)
    else:
        table = _table("ID", "Role", "Nearest ID", "Nearest", "Score", "Forward", "Backward", "Shared",
                       f"Only in {here}", f"Only in {other}")
        for role in data["roles"]:
            for item in role["nearest"]:
                table.add_row(T(role["id"]), T(role["name"]), T(item["id"]), T(item["name"]),
                              T(f"{item['score']:g}%"), T(figure(item["forward"])), T(figure(item["backward"])),
                              T(_names(item["shared"])), T(_names(item["only_here"])), T(_only_other(item)))
        _print_table(out, table)
    line = matching(data["skills"], other)
    if for_people(out):
        _aside(out, T(f"skills: {line}", "dim"))
        _aside(out, T(f"ranked by {data['rule']}; this → it: how much of it a holder of the role meets; "
                      "it → this: how much of the role a holder of it meets", "dim"))
    elif data["skills"]["unmatched_count"]:
        _note(out, f"skills: {line}")
