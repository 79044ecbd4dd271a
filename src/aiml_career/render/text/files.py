"""Human output about files: the saved profile, and a ladder file's validation report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from .base import T, _count, _heading, _level, _print_table, _table

if TYPE_CHECKING:
    from ...results.ladder import EvidenceItem, ProfileCleared, ProfileDoc, Validation


def profile(out: Console, data: ProfileDoc) -> None:
    out.print(_heading("Your profile", data["path"]))
    if not data["exists"]:
        out.print(T("no profile saved yet: start with `aiml-career profile set-role ROLE`", "dim"))
        return
    role, target = data["role"], data["target"]
    out.print(Text.assemble("role: ", T(f"{role['name'] or '?'} ({role['id']})" if role else "not set", "bold")))
    if target is not None:
        out.print(Text.assemble("target: ", T(f"{target['name'] or '?'} ({target['id']})", "bold")))
    if not data["skills"]:
        out.print(T("no skills yet: aiml-career profile add python sql:advanced", "dim"))
        return
    table = _table("Status", "Skill", "ID", "Level", "Evidence")
    for skill in sorted(data["skills"], key=lambda s: (["done", "learning", "skipped"].index(s["status"]), s["id"])):
        name = T(skill["name"] or "(not in this ladder)")
        status = T(skill["status"])
        if skill.get("held"):
            status.append_text(T(f" (held at {skill['held']})", "dim"))
        table.add_row(status, name, T(skill["id"], "cyan"), _level(skill["level"]),
                      _evidence(skill["evidence"], skill["status"] == "done" or bool(skill.get("held"))))
    _print_table(out, table)
    if data["history_entries"]:
        out.print(T(f"{_count(data['history_entries'], 'changes')} recorded: aiml-career profile history", "dim"))


def _evidence(pieces: list[EvidenceItem], held: bool = True) -> Text:
    """Each piece on a line: kind, date, note, link; "claim only" when none for a skill held
    (a skill skipped, or being learned with no level kept, claims nothing: "-")."""
    if not pieces:
        return T("claim only" if held else "-", "dim")
    lines = []
    for piece in pieces:
        line = Text.assemble(T(piece["kind"], "bold" if piece["kind"] != "claim" else "dim"),
                             T(f" {piece['date'] or ''} "), T(piece["note"]))
        if piece["url"]:
            line.append_text(T(f" {piece['url']}", "cyan"))
        lines.append(line)
    return Text("\n").join(lines)


def cleared(out: Console, data: ProfileCleared) -> None:
    if data["deleted"]:
        out.print(T(f"deleted {data['path']}"))
    else:
        out.print(T(f"no profile to delete at {data['path']}", "dim"))


def validation(out: Console, data: Validation) -> None:
    if data["valid"]:
        counts = ", ".join(_count(n, k) for k, n in data["counts"].items() if isinstance(n, int))
        based = f"extends {', '.join(data['extends'])}; " if data.get("extends") else ""
        out.print(Text.assemble(T("valid: ", "bold green"), T(data["file"]), T(f" ({based}{counts})", "dim")))
        return
    count = data.get("problem_count", len(data["problems"]))
    counted = T(f" ({count:,} problem{'s' if count != 1 else ''})")
    if data.get("hints"):  # it could not be read at all: nothing was checked
        out.print(Text.assemble(T("not checked: ", "bold red"), T(data["file"]), T(" (it cannot be read)")))
    else:
        out.print(Text.assemble(T("invalid: ", "bold red"), T(data["file"]), counted))
    for problem in data["problems"]:
        where = problem["path"] or "(document)"
        if problem["file"] != data["file"]:  # in a ladder an overlay extends
            where = f"{problem['file']}: {where}"
        if problem["line"] is not None:
            where += f" (line {problem['line']})"
        out.print(Text.assemble("  ", T(where, "cyan"), ": ", T(problem["message"])))
    if count > len(data["problems"]):
        listed = len(data["problems"])
        out.print(T(f"  … and {count - listed:,} more (the first {listed} are listed)", "dim"))
    for hint in data.get("hints", []):
        out.print(T(f"  {hint}", "dim"))
