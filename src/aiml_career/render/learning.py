"""Human output of the learning commands: ``plan``, ``skills SKILL --unlocks``, and the
"learn:" lines that ``skills SKILL`` and ``next`` show.

Built on :mod:`.text.base`: on a terminal, labelled blocks for people; into a pipe,
one tab-separated row per item and nothing else. Every string from the ladder
goes through :func:`.text.base.T`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from . import TEXT, Voice, requirement_label
from .checklist import (
    action,
    counts_line,
    lateral_note,
    prerequisite,
    route_line,
    starting,
    what_for,
    whose,
)
from .text.base import T, _aside, _count, _heading, _labelled, _level, _note, _print_table, _table
from .text.learn import learn_text

if TYPE_CHECKING:
    from ..results.learning import Plan, PlanItem, Unlocks

#: The box of a checklist item, by status.
BOXES = {"todo": "[ ]", "done": "[x]", "learning": "[~]", "skipped": "[-]"}
#: What a prerequisite's state says.
STATES = {"held": "held", "planned": "earlier in this plan"}


def plan(out: Console, data: Plan, voice: Voice = TEXT) -> None:
    piped = getattr(out, "piped", False)
    if data["message"]:
        if piped:
            _note(out, data["message"])
        else:
            out.print(T(data["message"]))
        return
    items = data["items"]
    where = data["from"]["name"] if data["from"] else "No role yet"
    if not piped:
        steps = _count(len(data["route"]), "steps")
        out.print(_heading(f"{where} → {data['to']['name']}", f"{counts_line(data['counts'])} · {steps}"))
        out.print(T(starting(data), "dim"))
        out.print(T(whose(data["person"]), "dim"))
        out.print(T(f"route: {route_line(data)}", "dim"))
        lateral = lateral_note(data)
        if lateral:
            out.print(T(lateral, "yellow"))
    for item in items:
        if piped:
            _plan_row(out, item)
        else:
            _plan_item(out, item, voice)
    _aside(out, T(f"order: {data['rule']}", "dim"))
    _aside(out, T(f"(editorial): a move, prerequisite or link the ladder adds, not {voice.own}; "
                  f"{voice.own} own courses and certifications are named as it names them", "dim"))


def _item_label(item: PlanItem) -> str:
    return requirement_label(item)


def _plan_item(out: Console, item: PlanItem, voice: Voice = TEXT) -> None:
    out.print()
    line = Text.assemble(T(f"{item['number']:>2}. {BOXES[item['status']]} ", "bold"),
                         T(_item_label(item), "bold"), " ", _level(item["level"]))
    line.append_text(T(f"  {action(item, voice)}", "dim"))
    if item["status"] != "todo":
        line.append_text(T(f" [{item['status']}]", "italic green" if item["status"] == "done" else "dim"))
    out.print(line)
    step = item["step"]
    said = what_for(item)  # nothing for a row without words
    rows: list[tuple[str, Text]] = [
        ("for:", Text.assemble(T(f"step {step['number']}, {step['name']} ({step['id']})" + (": " if said else "")),
                               T(said, "italic"))),
    ]
    if item["prerequisites"] and item["status"] != "done":  # a done item's prerequisites are moot
        rows.append(("after:", T(", ".join(prerequisite(p, STATES[p["state"]]) for p in item["prerequisites"]))))
    unlocks = ", ".join(u["name"] + ("" if u["on_route"] else " (beyond)") for u in item["unlocks"])
    if unlocks or item["kind"] == "requirement":
        rows.append(("unlocks:", T(unlocks or "—")))
    if item["ready_for"]:
        rows.append(("then:", T(f"ready for {item['ready_for']['name']}: nothing left to learn for it", "bold")))
    if item["learn"]:  # a ladder with no places to learn gets no "learn: —"
        rows.append(("learn:", learn_text(item["learn"], voice)))
    _labelled(out, rows, 6)


def _plan_row(out: Console, item: PlanItem) -> None:
    """One tab-separated line: number, status, action, skill id, requirement, level, step,
    wording, prerequisites, unlocked roles, links, kind (requirement, prerequisite, foundation)."""
    cells = [
        str(item["number"]), item["status"], item["action"], item["id"], _item_label(item), item["level"],
        item["step"]["id"], item["wording"],
        ",".join(p["id"] for p in item["prerequisites"]),
        ",".join(u["id"] for u in item["unlocks"]),
        " ".join(p["url"] for p in item["learn"] if p["url"]),
        item["kind"],
    ]
    out.file.write("\t".join(T(c).plain.replace("\t", " ") for c in cells) + "\n")


def unlocks(out: Console, data: Unlocks) -> None:
    skill = data["skill"]
    level = data["level"] or "the level each role asks"
    if not getattr(out, "piped", False):
        out.print(_heading(f"Learning {skill['name']}", f"{skill['id']} · to {level}"))
    if not data["counts_toward"]:
        _note(out, f"no role in this ladder requires {skill['name']} ({skill['id']}), itself or through "
                   "a skill it counts for: learning it raises no role's readiness")
        return
    if not data["roles"]:
        _note(out, f"learning {skill['id']} raises no role's readiness: you meet every requirement it counts "
                   f"toward ({_count(data['counts_toward'], 'roles')})")
        return
    table = _table("Gain", "Role", "ID", "Readiness", "Completes")
    for role in data["roles"]:
        done = "; ".join(f"{requirement_label(c)} {c['level']}" for c in role["completes"])
        name = T(role["name"])
        if role["current"]:
            name.append_text(T(" (your role)", "dim"))
        table.add_row(T(f"+{role['gain']:.1f}", "bold green"), name, T(role["id"], "cyan"),
                      T(f"{role['readiness_before']:.1f}% → {role['readiness_after']:.1f}%"),
                      T(done or "raises a level, completes none", "dim" if not done else ""))
    _print_table(out, table)
    hidden = data.get("total", len(data["roles"])) - len(data["roles"])
    if hidden > 0:
        _note(out, f"{_count(hidden, 'more roles')} (use --limit)")
    if data["learn"]:
        _aside(out, Text.assemble(T("learn: ", "bold"), learn_text(data["learn"])))
    _aside(out, T(f"ranked by {data['rule']}", "dim"))
