"""Human output of a person's progress: ``profile history``, ``progress`` (a chart of readiness
drawn with Rich: one bar per day, the part resting on proof solid, the part resting on claims
alone shaded), ``profile assess``, and readiness bars for ``match`` and ``next``.

Into a pipe there is no chart: one tab-separated row per point, the numbers only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .base import T, _count, _heading, _note, bar

if TYPE_CHECKING:
    from ...results.progress import AssessDoc, HistoryDoc, HistoryEntry, ProgressDoc

#: The widest a bar is drawn, and the narrowest.
MAX_BAR, MIN_BAR = 60, 8


def bar_width(out: Console, taken: int) -> int:
    return max(MIN_BAR, min(MAX_BAR, out.width - taken))


def _state(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, dict):
        held = f", held {value['held']}" if value.get("held") else ""
        return f"{value['level']} {value['status']}{held}"
    return str(value)


def _entry(entry: HistoryEntry) -> Text:
    what = entry["what"] if entry["what"] != "skill" else (entry["id"] or "")
    line = Text.assemble(T(entry["time"].replace("T", " ").removesuffix("Z"), "dim"), "  ", T(what, "cyan"), " ")
    if entry["what"] == "skill" or entry["old"] != entry["new"]:
        line.append_text(T(f"{_state(entry['old'])} → {_state(entry['new'])}"))
    for piece in entry["evidence"]:
        line.append_text(T(f"  + {piece['kind']}: {piece['note']}", "bold" if piece["kind"] != "claim" else ""))
    line.append_text(T(f"  ({entry['source'] or 'unknown'})", "dim"))
    return line


def history(out: Console, data: HistoryDoc) -> None:
    filters = ", ".join(f for f in (f"since {data['since']}" if data["since"] else "",
                                    f"skill {data['skill']}" if data["skill"] else "") if f)
    if not getattr(out, "piped", False):
        out.print(_heading("History", f"{data['path']}{f' ({filters})' if filters else ''}"))
    if not data["entries"]:
        _note(out, "no changes recorded" + (f" ({filters})" if filters else ""))
        return
    for entry in data["entries"]:
        out.print(_entry(entry), soft_wrap=getattr(out, "piped", False))


def progress(out: Console, data: ProgressDoc) -> None:
    to = data["to"]
    piped = getattr(out, "piped", False)
    if piped:
        for point in data["points"]:
            out.file.write(f"{point['date']}\t{point['readiness']:.1f}\t{point['points']}/{point['of']}\t"
                           f"{point['proven_readiness']:.1f}\n")
    else:
        since = f" since {data['since']}" if data["since"] else ""
        out.print(_heading(f"Readiness for {to['name']} ({to['id']})", f"now {data['readiness']:.1f}%{since}"))
        if data["points"]:
            _chart(out, data)
        else:
            out.print(T("no changes recorded yet: aiml-career profile add SKILL", "dim"))
    steps_by_title: tuple[tuple[str, list[Any]], ...] = (
        ("gained", data["gained"]), ("deepened", data["deepened"]), ("lowered", data["lowered"]),
        ("lost", data["lost"]))
    for title, steps in steps_by_title:
        if steps:
            said = ", ".join(f"{s['name']} {s['old'] if title == 'lost' else ''}"
                             f"{(s['old'] + ' → ') if s['old'] and title in ('deepened', 'lowered') else ''}"
                             f"{s['new'] or ''} ({s['date']})" for s in steps)
            out.print(Text.assemble(T(f"{title}: ", "bold"), T(said)), soft_wrap=piped)
    done = [item for item in data["plan"] if item["done"]]
    if data["plan"]:
        out.print(T(f"plan from where the history starts: {len(done)} of {_count(len(data['plan']), 'items')} done",
                    "bold"), soft_wrap=piped)
        for item in data["plan"]:
            mark = f"[x] {item['done']}" if item["done"] else "[ ]" + " " * 11
            out.print(T(f"  {mark}  {item['name']} {item['level']}"), soft_wrap=piped)


def _chart(out: Console, data: ProgressDoc) -> None:
    width = bar_width(out, 10 + 2 + 2 + 6)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    for point in data["points"]:
        grid.add_row(T(point["date"], "dim"), bar(point["readiness"], point["proven_readiness"], width),
                     T(f"{point['readiness']:.1f}%"))
    out.print(grid)
    out.print(Text.assemble(("█", "green"), T(" proven by evidence  "), ("▓", "yellow"), T(" claims alone")))


def assessed(out: Console, data: AssessDoc) -> None:
    role = data["role"]
    out.print(_heading(f"Self-assessment for {role['name']} ({role['id']})",
                       "saved to " + data["path"] if data["written"] else "nothing saved"))
    for answer in data["answers"]:
        said = answer["level"] or (f"kept as it is ({answer['kept']})" if answer.get("kept") else "not held")
        out.print(Text.assemble("  ", T(answer["name"]), ": ", T(said, "bold")))
