"""Human output for planning: next steps, routes and the ranking of roles for a person."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from .. import TEXT, Voice, alternatives, counted_from, cut, rows, start_line
from ..piped import next_steps as piped_next
from .base import (
    T,
    _aside,
    _count,
    _heading,
    _joined,
    _kind,
    _labelled,
    _legend,
    _level,
    _print_table,
    _refs,
    _table,
    bar,
    for_people,
    readiness_style,
    rows_of,
)

if TYPE_CHECKING:
    from ...results.common import Deepen, PersonDoc, Requirement
    from ...results.plans import Match, Next, PathDoc, Scores, Start


def next_steps(out: Console, data: Next, voice: Voice = TEXT, screen: int | None = None) -> None:
    lines = rows_of(out)
    if lines is not None:  # lines for a program: no bars, no legend (:func:`..piped.next_steps`)
        return piped_next(lines, data)
    start = data["from"]
    if not data["next"] and start is not None and (data["at_top"] or not data["ladder_names_no_move"]):
        out.print(Text.assemble(T(start["name"]), T(" is the top of its ladder: no next role.", "dim")))
        return
    if start is None:
        out.print(_heading("From no role yet", "the entry stage's roles are the next step"))
    else:
        out.print(_heading(f"From {start['name']}", start["id"]))
    _start(out, data["start"])
    _person(out, data.get("person"))
    if start is not None and data["ladder_names_no_move"] and not data["at_top"]:
        _no_move(out, data)
    for move in data["next"]:
        out.print()
        line = Text.assemble("→ ", T(move["name"], "bold"), T(f"  {move['id']} · ", "dim"))
        line.append_text(_kind(move))
        line.append_text(_readiness(move))
        if for_people(out):
            line.append_text(Text.assemble(" ", bar(move["readiness"])))
        out.print(line)
        extra = [(label, _refs(refs)) for label, refs in
                 (("specializations:", move["specializations"]), ("certifications:", move["certifications"])) if refs]
        if move["basis"] == "overlap":
            extra.append(("shared:", T(", ".join(m["name"] for m in move.get("shared", [])), "dim")))
        extra.append(("why:", T(move["note"] or "—", "dim")))
        from .learn import learn_rows

        extra += learn_rows(move["skills_to_gain"])
        _gap(out, move["skills_to_gain"], move["skills_to_deepen"], "  ", extra)
    if data["next"]:
        out.print()
        derived = any(m["basis"] == "overlap" for m in data["next"])
        _aside(out, _legend(derived, voice))
        if derived:
            _aside(out, T(f"overlap moves: {data['overlap_rule']}", "dim"))
    if data["total"] > len(data["next"]):
        out.print(T(f"… {cut(data['total'], len(data['next']), 'move', screen)}", "dim"))


def _no_move(out: Console, data: Next) -> None:
    """"The ladder names no move from X; nearest roles by overlap (ours): A 55.0% (shared: ...)"."""
    start = data["from"]
    assert start is not None
    said = Text.assemble(T(f"The ladder names no move from {start['name']}", "yellow"))
    if data["no_overlap"]:
        said.append_text(T(" (--no-overlap: none derived).", "yellow"))
    elif not data["next"]:
        said.append_text(T("; no role is near it by overlap.", "yellow"))
    else:
        near = "; ".join(f"{m['name']} {m.get('overlap', 0):.1f}% (shared: "
                         f"{', '.join(s['name'] for s in m.get('shared', []))})" for m in data["next"])
        said.append_text(T(f"; nearest roles by overlap (ours): {near}", "yellow"))
    out.print(said)


def _readiness(item: Scores) -> Text:
    """"  readiness 62.5% (5/8 points)": the score and the rows it sums."""
    return T(f"  readiness {item['readiness']:.1f}% ({item['points']}/{item['of']} points)",
             readiness_style(item["readiness"]))


def _gap(
    out: Console, gain: list[Requirement], deepen: list[Deepen], indent: str, extra: Iterable[tuple[str, Text]] = ()
) -> None:
    """Labelled lines (gain, deepen, and any ``extra``) with wrapped text kept aligned."""
    rows: list[tuple[str, Text]] = []
    if gain:
        rows.append(("gain:", _joined(_gain_item(s) for s in gain)))
    if deepen:
        rows.append(("deepen:", _joined(_deepen_item(s) for s in deepen)))
    if not rows:
        rows.append(("", T("no new skills needed", "dim")))
    rows.extend(extra)
    _labelled(out, rows, len(indent))


def _gain_item(skill: Requirement) -> Text:
    """"Python proficient", or "Programming proficient (any of Python, R)"."""
    text = Text.assemble(T(skill["name"]), " ", _level(skill["level"]))
    if skill.get("any_of"):
        text.append_text(T(f" ({alternatives(skill, colon='')})", "dim"))
    return _status(text, skill)


def _deepen_item(skill: Deepen) -> Text:
    """"PyTorch basic→expert", or with "for ML frameworks" when it stands in for a broad skill."""
    text = Text.assemble(T(skill["name"]), T(f" {skill['from']}→", "dim"), _level(skill["to"]))
    if skill.get("for"):
        text.append_text(T(f" (for {skill['for']['name']})", "dim"))
    if skill.get("via"):
        text.append_text(T(f" ({counted_from(skill['via'])})", "dim"))
    return _status(text, skill)


def _status(text: Text, skill: Requirement | Deepen) -> Text:
    """Mark a gap your profile says you are learning, or chose to skip."""
    if skill.get("status"):
        text.append_text(T(f" [{skill['status']}]", "italic green" if skill["status"] == "learning" else "dim"))
    return text


def _start(out: Console, start: Start, always: bool = False) -> None:
    """"starting from the roles your skills fully meet: junior-ds": where the answer starts,
    when it is not the role you named (or always)."""
    if always or start["how"] in ("skills", "entry stage"):
        out.print(T(start_line(start), "dim"))


def _person(out: Console, person: PersonDoc | None) -> None:
    if person and person["source"] == "--have":
        _aside(out, T(f"your skills (--have): {', '.join(f'{k}:{v}' for k, v in person['skills'].items())}", "dim"))


def routes_found(data: PathDoc) -> str:
    """How many tied routes ``path`` found: a number, or "more than 10^6" past the count's cap."""
    return "more than 10^6" if data.get("routes_found_capped") else f"{data['routes_found']:,}"


def path(out: Console, data: PathDoc, voice: Voice = TEXT) -> None:
    mode = "promotions and lateral moves" if data["allow_lateral"] else "promotions only"
    where = data["from"]["name"] if data["from"] else "No role yet"
    out.print(_heading(
        f"{where} → {data['to']['name']}",
        f"{_count(data['moves'] or 0, 'steps')} · {routes_found(data)} shortest "
        f"{'route' if data['routes_found'] == 1 else 'routes'} · {mode}",
    ))
    _start(out, data["start"], always=True)
    if data["lateral_fallback"] and not data["overlap_fallback"]:
        out.print(T("no route by promotions alone: this one takes lateral moves "
                    "(--promotions-only to refuse them)", "yellow"))
    if data["overlap_fallback"]:
        out.print(T("the ladder's moves reach no route: this one takes moves derived from overlap, ours "
                    "(--no-overlap to refuse them)", "yellow"))
    _person(out, data.get("person"))
    for number, route in enumerate(data["routes"], start=1):
        out.print()
        cost = route["cost"]
        moves = ", ".join(f"{n} {basis}" for basis, n in cost["moves_by_basis"].items() if n)
        along = T(f"{_count(route['skills_gained'], 'skills')} to gain, "
                  f"{route['skills_deepened']} to deepen along the way "
                  f"({_count(route['levels_to_climb'], 'levels')} to climb) · moves: {moves} · "
                  f"distinct: {cost['skills_to_gain']} to gain, {cost['skills_to_deepen']} to deepen", "dim")
        if len(data["routes"]) > 1 or data["routes_found"] > 1:
            out.print(Text.assemble(T(f"Route {number}", "bold underline"), "  ", along))
        else:
            out.print(along)
        first = route["from"]
        if first is None:
            out.print(T("  you, with no role yet", "bold"))
        else:
            out.print(Text.assemble("  ", T(first["name"], "bold"), T(f"  {first['id']}", "dim")))
        for step in route["steps"]:
            line = Text.assemble("  → ", T(step["name"], "bold"), T(f"  {step['id']} · ", "dim"))
            line.append_text(_kind(step))
            if step["basis"] == "overlap":
                shared = ", ".join(m["name"] for m in step.get("shared", []))
                line.append_text(T(f" {step.get('overlap', 0):.1f}% (shared: {shared})", "dim"))
            out.print(line)
            _gap(out, step["skills_to_gain"], step["skills_to_deepen"], "      ")
    hidden = data["routes_found"] - len(data["routes"])
    if data.get("routes_found_capped"):
        out.print(T("… more than 10^6 tied routes in all (raise --limit to list more of them)", "dim"))
    elif hidden > 0:
        out.print(T(f"… {hidden:,} more tied routes (raise --limit to list them)", "dim"))
    out.print()
    total = data["total_gap"]
    now = data["from"]["name"] if data["from"] else "your skills alone"
    summary = Text.assemble(T(f"{data['to']['name']} compared with {now}: ", "bold"), T(
        f"{_count(len(total['skills_to_gain']), 'skills')} to gain, {len(total['skills_to_deepen'])} to deepen"
    ))
    summary.append_text(T(f" · readiness {data['readiness']:.1f}%", readiness_style(data["readiness"])))
    out.print(summary)
    if total["skills_to_gain"] or total["skills_to_deepen"]:
        _gap(out, total["skills_to_gain"], total["skills_to_deepen"], "  ")
    if len(data["routes"]) > 1:
        _aside(out, T(f"routes ranked by {data['route_order']}", "dim"))
    if any(step["basis"] != "text" for route in data["routes"] for step in route["steps"]):
        _aside(out, _legend(data["overlap_fallback"], voice))
    if data["overlap_fallback"]:
        _aside(out, T(f"overlap moves: {data['overlap_rule']}", "dim"))


#: The skills a role still needs that ``match``'s table shows on a terminal (then how many more).
SHOWN_NEEDED = 6


def match(out: Console, data: Match, screen: int | None = None) -> None:
    piped = rows_of(out)
    if piped is not None:  # rows for a program: the number alone, no bar (:func:`..rows.match`)
        return rows.match(piped, data)
    _person(out, data.get("person"))
    table = _table("Readiness", "Role", "ID", "Stage", "Still needed")
    for role in data["roles"]:
        name = T(role["name"])
        name.append_text(T(rows.your_role(role), "dim"))
        score = T(f"{role['readiness']:.1f}% ({role['points']}/{role['of']})", readiness_style(role["readiness"]))
        score = Text("\n").join([score, bar(role["readiness"])])  # a bar under the number
        needed = rows.still_needed(role, SHOWN_NEEDED) or "nothing"
        table.add_row(score, name, T(role["id"], "cyan"), T(role["stage"]), T(needed, "dim"))
    _print_table(out, table)
    _aside(out, T(f"ranked by {data['rule']}", "dim"))
    if data["total"] > len(data["roles"]):
        out.print(T(f"… {cut(data['total'], len(data['roles']), 'role', screen)}", "dim"))
    if data["aim"] is not None:
        words = rows.aim_words(data["aim"], data["total"])
        out.print(T(words[0].upper() + words[1:], "bold"))
