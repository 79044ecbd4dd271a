"""Human output for ``map OTHER``: each role of the ladder in use with its nearest roles of
the other ladder, the figures and what they share and have alone (into a pipe: :func:`..rows.mapping`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from ...errors import sanitize
from .. import not_drawn
from ..piped import mapping as piped_mapping
from ..piped import matching
from ..rows import figure, names, not_met
from .base import T, _aside, _labelled, rows_of

if TYPE_CHECKING:
    from ...results.mapping import MapDoc


def mapping(out: Console, data: MapDoc, screen: int | None = None) -> None:
    """For a person, a block per role: its nearest roles of the other ladder, each with the
    score, both figures and what they share and have alone; piped, one tab-separated row per
    (role, nearest role)."""
    lines = rows_of(out)
    if lines is not None:  # rows for a program (:func:`..piped.mapping`)
        return piped_mapping(lines, data)
    here, other = data["here"]["label"], data["other"]["label"]
    out.print(T(f"{here} onto {other}: the nearest roles by overlap", "bold"))
    roles = data["roles"][:screen] if screen else data["roles"]
    for role in roles:
        out.print(Text.assemble("  ", T(f"{role['name']} ({role['id']})", "bold")))
        for item in role["nearest"]:
            out.print(Text.assemble("    ≈ ", T(f"{item['name']} ({item['id']})"),
                                    T(f"  {item['score']:.1f}%", "bold")))
            # Rows of the other ladder's role not met: nothing held ("Docker"), or held below
            # their level ("SQL basic→advanced").
            _labelled(out, [("this → it:", T(figure(item["forward"]))),
                            ("it → this:", T(figure(item["backward"]))),
                            ("shared:", T(names(item["shared"]))),
                            (sanitize(f"only in {here}:"), T(names(item["only_here"]))),
                            (sanitize(f"only in {other}:"), T(not_met(item["only_other"], item["deepen"])))],
                      indent=6)
    _aside(out, T(f"skills: {matching(data['skills'], other)}", "dim"))
    _aside(out, T(f"ranked by {data['rule']}; this → it: how much of it a holder of the role meets; "
                  "it → this: how much of the role a holder of it meets", "dim"))
    if len(roles) < len(data["roles"]):
        out.print(T(f"… {not_drawn(len(data['roles']) - len(roles), 'role', '--role ROLE')}", "dim"))
