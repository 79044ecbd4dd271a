"""Human output with Rich: tables, trees and colour on a terminal, plain text elsewhere.

:mod:`..terminal` decides who reads: on a terminal (or with colour forced)
tables are drawn for people; into a pipe or a file every table prints one row
per line, cells separated by tabs, no header, nothing wrapped or cut
(:func:`_print_table`, the one place every table goes through). Colour follows
``--color``, ``NO_COLOR``, ``FORCE_COLOR`` and ``TERM=dumb``. Every string that
comes from a ladder file goes through :func:`T`, which makes it a ``Text``
(never parsed as markup) with control characters shown as escapes, never sent
raw.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..errors import sanitize
from . import requirement_label

LEVEL_STYLE = {
    "basic": "dim",
    "proficient": "cyan",
    "advanced": "yellow",
    "expert": "bold magenta",
}
KIND_STYLE = {"promotion": "green", "lateral": "blue"}
_TRAILING = re.compile(r" +(?=\n)")  # spaces only: a row may end in a tab (an empty cell)


class _Trimmed:
    """stdout when it is a pipe or a file: no line ends in padding spaces."""

    def __init__(self, stream) -> None:
        self._stream = stream
        self.encoding = getattr(stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        return self._stream.write(_TRAILING.sub("", text))

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return False


def T(text: object, style: str = "") -> Text:
    """Data as text: no markup; control, bidi and line-breaking characters (newline
    too) shown escaped, so a name can never start a line of its own."""
    return Text(sanitize(str(text)), style=style)


class Out(Console):
    """A console that knows whether a person reads it or a program does (``piped``)."""

    def __init__(self, *, piped: bool, **options) -> None:
        super().__init__(**options)
        self.piped = piped


#: The width text is laid out at when piped: wide enough that no line of ours wraps.
PIPED_WIDTH = 100_000


def make_console() -> Out:
    from .. import terminal

    colour = terminal.color(sys.stdout)
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(sys.stdout, "reconfigure"):
        # An ASCII or Latin-1 locale: show what cannot be encoded as "?", never crash.
        sys.stdout.reconfigure(errors="replace")
    tty = terminal.is_tty(sys.stdout)
    piped = not terminal.for_people(sys.stdout)
    return Out(
        piped=piped,
        file=sys.stdout if tty else _Trimmed(sys.stdout),
        # Piped: nothing is wrapped, whatever COLUMNS says (a line is as long as its text).
        highlight=False, markup=False, emoji=False, soft_wrap=False,
        width=PIPED_WIDTH if piped else terminal.columns(), height=terminal.lines(),
        # No colour: no escape code at all (Rich alone keeps bold under NO_COLOR).
        color_system=("auto" if tty else "standard") if colour else None,
        force_terminal=True if colour else None, no_color=False if colour else None,
    )


def _heading(title: str, subtitle: str = "") -> Text:
    text = T(title, "bold")
    if subtitle:
        text.append_text(T(f"  {subtitle}", "dim"))
    return text


def _bullets(items: Iterable[str], style: str = "") -> Table:
    """A bulleted list whose wrapped lines stay indented under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row("•", T(item, style))
    return grid


def _labelled(out: Console, rows: Iterable[tuple[str, Text]], indent: int = 2) -> None:
    """"label: text" lines whose wrapped text stays aligned after the label."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=max(indent - 1, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, text in rows:
        grid.add_row("", label, text)
    out.print(grid)


def _level(level: str) -> Text:
    return T(level, LEVEL_STYLE.get(level, ""))


def _table(*columns: str, title: str = "") -> Table:
    """A table whose cells fold when narrow: ids and names are never cut short."""
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, title=T(title, "bold") if title else None,
        title_justify="left",
    )
    for column in columns:
        # Ids are what people copy into the next command: keep them on one line.
        table.add_column(column, overflow="fold", no_wrap=column == "ID")
    return table


#: Below this width, tables print as one block of "header: value" lines per row.
NARROW = 60


def _print_table(out: Console, table: Table, *, header: bool = False) -> None:
    """A table; on a narrow terminal the same cells as labelled records; into a
    pipe one row per line, tab-separated (the header too when ``header``, for
    tables whose columns are data, such as compare's roles)."""
    if getattr(out, "piped", False):
        _print_rows(out, table, header)
        return
    if out.width >= NARROW:
        out.print(table)
        return
    if table.title:
        out.print(table.title)
    columns = table.columns
    cells = [list(column.cells) for column in columns]
    # A table whose first column has no header (compare) is titled by that column.
    titled = not str(columns[0].header)
    for row in range(table.row_count):
        if titled:
            out.print(cells[0][row])
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=not titled, overflow="fold")
        grid.add_column(overflow="fold")
        for number in range(1 if titled else 0, len(columns)):
            cell = cells[number][row]
            if isinstance(cell, Text) and not cell.plain:
                continue
            grid.add_row(columns[number].header, cell)
        out.print(grid)
        out.print()


def _plain(cell: object) -> str:
    """A cell as one line of a tab-separated row: lines joined by "; ", bullets and tabs dropped."""
    text = cell.plain if isinstance(cell, Text) else str(cell)
    lines = (line.strip().removeprefix("• ") for line in text.splitlines())
    return "; ".join(line for line in lines if line).replace("\t", " ")


def _print_rows(out: Console, table: Table, header: bool) -> None:
    if table.title:
        out.print(table.title, soft_wrap=True)
    columns = [list(column.cells) for column in table.columns]
    rows = [[column.header for column in table.columns]] if header else []
    rows += [[column[row] for column in columns] for row in range(table.row_count)]
    for row in rows:
        # Straight to the stream: Rich would turn the tabs into spaces.
        out.file.write("\t".join(_plain(cell) for cell in row) + "\n")


def _refs(items: Iterable[dict]) -> Text:
    return T(", ".join(f"{i['name']} ({i['id']})" for i in items) or "—")


# -- one renderer per query ---------------------------------------------------


def stages(out: Console, data: list[dict], intro: str = "") -> None:
    if intro:
        out.print(T(intro, "italic"))
        out.print()
    for number, stage in enumerate(data, start=1):
        out.print(_heading(f"{number}. {stage['name']}", stage["id"]))
        if stage["summary"]:
            out.print(T(stage["summary"]))
        roles = Table.grid(padding=(0, 1))
        roles.add_column(width=3, justify="right")
        roles.add_column(overflow="fold")
        for role in stage["roles"]:
            roles.add_row("•", Text.assemble(T(role["name"]), T(f"  {role['id']} · {role['track']}", "dim")))
        out.print(roles)
        if stage.get("foundation"):
            _foundation(out, stage["foundation"])
        out.print()


def _foundation(out: Console, data: dict) -> None:
    rows: list[tuple[str, Text]] = []
    for degree in data["degrees"]:
        rows.append((f"{sanitize(degree['name'])}:", T(degree["description"])))
        if degree["fields"]:
            rows.append(("fields:", T(", ".join(degree["fields"]))))
    rows += [("note:", T(note, "italic")) for note in data["notes"]]
    if data["math_foundation"]:
        rows.append(("maths foundation:", T(", ".join(s["name"] for s in data["math_foundation"]))))
    if data["key_skills_text"]:
        rows.append(("key skills:", T(data["key_skills_text"])))
    _labelled(out, rows)


def roles(out: Console, data: list[dict]) -> None:
    if not data:
        out.print(T("no roles match", "dim"))
        return
    table = _table("ID", "Name", "Stage", "Track")
    for role in data:
        table.add_row(T(role["id"], "cyan"), T(role["name"]), T(role["stage"]), T(role["track"]))
    _print_table(out, table)


def show(out: Console, data: dict) -> None:
    if data["type"] == "specialization":
        return specialization(out, data)
    out.print(_heading(data["name"], data["id"]))
    out.print(Text.assemble(
        "stage: ", T(data["stage_name"], "bold"), "   track: ", T(data["track_name"], "bold")
    ))
    if data["aliases"]:
        out.print(Text.assemble("also: ", T(", ".join(data["aliases"]), "dim")))
    if data["summary"]:
        out.print()
        out.print(T(data["summary"]))
    out.print()
    out.print(T("Responsibilities", "bold underline"))
    out.print(_bullets(data["responsibilities"]))
    out.print()
    if data["skills_text"]:
        out.print(Text.assemble(T("Skills needed: ", "bold"), T(data["skills_text"], "italic")))
        out.print()
    table = _table("Requirement", "Level", "The text says", title="Requirements")
    for row in data["requirements"]:
        table.add_row(_requirement(row), _level(row["level"]), T(row["wording"], "italic"))
    _print_table(out, table)
    for label, key in (("Comes from", "previous_moves"), ("Leads to", "next_moves")):
        moves = data[key]
        line = Text.assemble(T(f"{label}: ", "bold"))
        for i, move in enumerate(moves):
            if i:
                line.append(", ")
            line.append_text(T(move["name"]))
            line.append_text(T(f" ({move['id']}, ", "dim"))
            line.append_text(_kind(move))
            line.append_text(T(")", "dim"))
        if not moves:
            line.append_text(T("—", "dim"))
        out.print(line)
    if data["previous_moves"] or data["next_moves"]:
        _aside(out, _legend())
    for occ in data["occupations"]:
        link = T(occ["url"], f"link {occ['url']}")
        out.print(Text.assemble(T(f"{occ['system']} {occ['code']} ", "bold"), T(occ["title"]), "  ", link))


def _requirement(row: dict) -> Text:
    """"ML frameworks (any of: TensorFlow, PyTorch)" or "Docker (part of Deployment)"."""
    return T(requirement_label(row))


def _legend() -> Text:
    """What a move's basis means: the text, the role titles, or our judgement."""
    return T("basis of a move: text = the source says so; titles = the role titles imply it; "
             "editorial = our judgement (see its note), not the text's", "dim")


def specialization(out: Console, data: dict) -> None:
    out.print(_heading(data["name"], f"{data['id']} · specialization"))
    out.print(T(data["description"]))
    if data["examples"]:
        out.print(Text.assemble("examples: ", T(", ".join(data["examples"]))))
    if data["skills"]:
        out.print(Text.assemble("related skills: ", _refs(data["skills"])))
    if data["roles"]:
        out.print(Text.assemble("roles that use them: ", _refs(data["roles"])))


def specializations(out: Console, data: dict) -> None:
    if data["intro"]:
        out.print(T(data["intro"], "italic"))
        out.print()
    for spec in data["specializations"]:
        specialization(out, spec)
        out.print()


def compare(out: Console, data: dict) -> None:
    roles = data["roles"]
    table = Table(box=box.SIMPLE_HEAD, show_lines=True)
    table.add_column("")
    piped = getattr(out, "piped", False)  # the header is one line of a tab-separated row
    for role in roles:
        name = T(f"{role['name']} ({role['id']})", "bold") if piped else \
            Text.assemble(T(role["name"], "bold"), "\n", T(f"({role['id']})", "bold"))
        table.add_column(name)
    table.add_row(T("stage", "bold"), *(T(r["stage"]) for r in roles))
    table.add_row(T("track", "bold"), *(T(r["track"]) for r in roles))
    table.add_row(
        T("responsibilities", "bold"),
        *(Text("\n".join(f"• {sanitize(x)}" for x in r["responsibilities"])) for r in roles),
    )
    table.add_row(
        T("only this role", "bold"),
        *(_skill_lines(data["only"][r["id"]]) for r in roles),
    )
    _print_table(out, table, header=True)
    for title, key in (("Shared skills", "shared_skills"), ("Needed by some", "some_skills")):
        if not data[key]:
            continue
        skills = _table("Skill", *(r["id"] for r in roles), title=title)
        for skill in data[key]:
            skills.add_row(T(skill["name"] + (" (alternatives)" if skill.get("any_of") else "")),
                           *(_level(skill["levels"].get(r["id"], "—")) for r in roles))
        _print_table(out, skills, header=True)
    if not data["shared_skills"]:
        out.print(T("no skill is shared by all of these roles", "dim"))
    differ = ", ".join(s["name"] for s in data["level_differences"])
    out.print(Text.assemble(T("level differences: ", "bold"), T(differ or "none")))


def _skill_lines(skills: list[dict]) -> Text:
    text = Text()
    for i, skill in enumerate(skills):
        if i:
            text.append("\n")
        alternatives = skill.get("any_of")
        if isinstance(alternatives, dict):  # compare: each role's own alternatives
            alternatives = next(iter(alternatives.values()))
        text.append_text(_requirement({**skill, "any_of": alternatives or []}))
        text.append(" ")
        text.append_text(_level(skill["level"]))
    return text if skills else T("—", "dim")


def next_steps(out: Console, data: dict) -> None:
    start = data["from"]
    if not data["next"]:
        out.print(Text.assemble(T(start["name"]), T(" is the top of its ladder: no next role.", "dim")))
        return
    out.print(_heading(f"From {start['name']}", start["id"]))
    _person(out, data.get("person"))
    for move in data["next"]:
        out.print()
        line = Text.assemble("→ ", T(move["name"], "bold"), T(f"  {move['id']} · ", "dim"))
        line.append_text(_kind(move))
        line.append_text(_readiness(move))
        out.print(line)
        extra = [(label, _refs(move[key])) for label, key in
                 (("specializations:", "specializations"), ("certifications:", "certifications")) if move[key]]
        extra.append(("why:", T(move["note"] or "—", "dim")))
        from .learning import learn_rows

        extra += learn_rows(move["skills_to_gain"])
        _gap(out, move["skills_to_gain"], move["skills_to_deepen"], "  ", extra)
    out.print()
    _aside(out, _legend())


def _readiness(item: dict) -> Text:
    """"  readiness 62.5% (5/8 points)": the score and the rows it sums."""
    return T(f"  readiness {item['readiness']:.1f}% ({item['points']}/{item['of']} points)", "bold green")


def _gap(out: Console, gain: list[dict], deepen: list[dict], indent: str, extra: Iterable[tuple[str, Text]] = ()) -> None:
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


def _gain_item(skill: dict) -> Text:
    """"Python proficient", or "Programming proficient (any of Python, R)"."""
    text = Text.assemble(T(skill["name"]), " ", _level(skill["level"]))
    if skill.get("any_of"):
        text.append_text(T(f" (any of {', '.join(a['name'] for a in skill['any_of'])})", "dim"))
    return _status(text, skill)


def _deepen_item(skill: dict) -> Text:
    """"PyTorch basic→expert", or with "for ML frameworks" when it stands in for a broad skill."""
    text = Text.assemble(T(skill["name"]), T(f" {skill['from']}→", "dim"), _level(skill["to"]))
    if skill.get("for"):
        text.append_text(T(f" (for {skill['for']['name']})", "dim"))
    return _status(text, skill)


def _status(text: Text, skill: dict) -> Text:
    """Mark a gap your profile says you are learning, or chose to skip."""
    if skill.get("status"):
        text.append_text(T(f" [{skill['status']}]", "italic green" if skill["status"] == "learning" else "dim"))
    return text


def _kind(move: dict) -> Text:
    """A move's kind, coloured, and its basis (text, titles, editorial)."""
    text = T(move["kind"], KIND_STYLE.get(move["kind"], ""))
    text.append_text(T(f", {move['basis']}", "dim"))
    return text


def _joined(parts: Iterable[Text]) -> Text:
    return Text(", ").join(parts)


def skills(out: Console, data: list[dict]) -> None:
    for category in data:
        title = category["name"] + ("  (key skills)" if category["key"] else "")
        table = _table("ID", "Skill", "Also", "Roles", title=title)
        for skill in category["skills"]:
            table.add_row(T(skill["id"], "cyan"), T(skill["name"]), T(", ".join(skill["aliases"]), "dim"), T(skill["roles"]))
        _print_table(out, table)
        if category["description"]:
            out.print(Text.assemble("  ", T(category["description"], "italic")))
        if category["key_skills"]:
            out.print(Text.assemble("  key skills: ", T(", ".join(s["name"] for s in category["key_skills"]))))
        out.print()


def skill_detail(out: Console, data: dict) -> None:
    out.print(_heading(data["name"], f"{data['id']} · {data['category_name']}"))
    if data["aliases"]:
        out.print(Text.assemble("also: ", T(", ".join(data["aliases"]), "dim")))
    if data["includes"]:
        out.print(Text.assemble("includes: ", _refs(data["includes"])))
    table = _table("Role", "ID", "Stage", "Level", "As")
    for role in data["roles"]:
        how = {"required": "required",
               "alternative": f"one of: {_requirement(role['requirement']).plain}",
               "group": f"names a group, all of: {', '.join(p['name'] for p in role['requirement'].get('all_of', []))}",
               }[role["as"]]
        table.add_row(T(role["name"]), T(role["id"], "cyan"), T(role["stage"]), _level(role["level"]), T(how, "dim"))
    if data["roles"]:
        _print_table(out, table)
    else:
        out.print(T("no role lists this skill", "dim"))
    if data["specializations"]:
        out.print(Text.assemble("specializations: ", _refs(data["specializations"])))
    if data["resources"]:
        out.print(Text.assemble("resources: ", _refs(data["resources"])))
    from .learning import skill_lines

    skill_lines(out, data)


def education(out: Console, data: dict) -> None:
    out.print(_heading("Educational foundation", data["stage"] or ""))
    if data.get("degrees") is not None:
        _foundation(out, data)
    _resource_table(out, "Advanced degrees", data["advanced_degrees"])


def resources(out: Console, data: dict) -> None:
    _resource_table(out, "Online courses", data["online_courses"])
    _resource_table(out, "Certifications", data["certifications"])
    _resource_table(out, "Advanced degrees", data["advanced_degrees"])
    if data["advice"]:
        out.print(T("Advice", "bold underline"))
        out.print(T(data["advice"]))


def _resource_table(out: Console, title: str, items: list[dict]) -> None:
    if not items:
        return
    table = _table("ID", "Name", "Provider", "About", title=title)
    for item in items:
        table.add_row(T(item["id"], "cyan"), T(item["name"]), T(item["provider"]), T(item["description"]))
    _print_table(out, table)


def _person(out: Console, person: dict | None) -> None:
    if person and person["source"] == "--have":
        _aside(out, T(f"your skills (--have): {', '.join(f'{k}:{v}' for k, v in person['skills'].items())}", "dim"))


def _aside(out: Console, text: Text) -> None:
    """A line explaining the output (a legend, the ranking rule, whose skills): for people
    only. Piped, it is left out, so that stdout holds only rows (and stderr stays quiet)."""
    if not getattr(out, "piped", False):
        out.print(text)


_STARTS = {
    "--from": "from --from",
    "profile": "from your profile's role",
    "skills": "from the roles your skills fully meet",
    "entry stage": "from the entry stage: no role given, and your skills fully meet none",
}


def path(out: Console, data: dict) -> None:
    mode = "promotions and lateral moves" if data["allow_lateral"] else "promotions only"
    where = data["from"]["name"] if data["from"] else "No role yet"
    out.print(_heading(
        f"{where} → {data['to']['name']}",
        f"{_count(data['moves'], 'steps')} · {data['routes_found']} shortest "
        f"{'route' if data['routes_found'] == 1 else 'routes'} · {mode}",
    ))
    start = data["start"]
    names = ", ".join(r["id"] for r in start["roles"])
    out.print(T(f"starting {_STARTS.get(start['how'], start['how'])}: {names}", "dim"))
    if data["lateral_fallback"]:
        out.print(T("no route by promotions alone: this one takes lateral moves "
                    "(--promotions-only to refuse them)", "yellow"))
    _person(out, data.get("person"))
    for number, route in enumerate(data["routes"], start=1):
        out.print()
        along = T(f"{_count(route['skills_gained'], 'skills')} to gain, "
                  f"{route['skills_deepened']} to deepen along the way "
                  f"({_count(route['levels_to_climb'], 'levels')} to climb)", "dim")
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
            out.print(line)
            _gap(out, step["skills_to_gain"], step["skills_to_deepen"], "      ")
    hidden = data["routes_found"] - len(data["routes"])
    if hidden > 0:
        out.print(T(f"… {hidden} more tied routes (raise --limit to list them)", "dim"))
    out.print()
    total = data["total_gap"]
    now = data["from"]["name"] if data["from"] else "your skills alone"
    summary = Text.assemble(T(f"{data['to']['name']} compared with {now}: ", "bold"), T(
        f"{_count(len(total['skills_to_gain']), 'skills')} to gain, {len(total['skills_to_deepen'])} to deepen"
    ))
    summary.append_text(T(f" · readiness {data['readiness']:.1f}%", "bold green"))
    out.print(summary)
    if total["skills_to_gain"] or total["skills_to_deepen"]:
        _gap(out, total["skills_to_gain"], total["skills_to_deepen"], "  ")
    if any(step["basis"] != "text" for route in data["routes"] for step in route["steps"]):
        _aside(out, _legend())


def match(out: Console, data: dict) -> None:
    _person(out, data.get("person"))
    table = _table("Readiness", "Role", "ID", "Stage", "Still needed")
    for role in data["roles"]:
        needed = [s["name"] for s in role["skills_to_gain"]]
        needed += [f"{s['name']} ↑{s['to']}" for s in role["skills_to_deepen"]]
        shown = ", ".join(needed[:6]) + (f", … (+{len(needed) - 6})" if len(needed) > 6 else "")
        name = T(role["name"])
        if role.get("current"):
            name.append_text(T(" (your role)", "dim"))
        elif role.get("at_or_below_current"):
            name.append_text(T(" (at or below your role)", "dim"))
        table.add_row(T(f"{role['readiness']:.1f}% ({role['points']}/{role['of']})", "bold green"), name,
                      T(role["id"], "cyan"), T(role["stage"]), T(shown or "nothing", "dim"))
    _print_table(out, table)
    _aside(out, T(f"ranked by {data['rule']}", "dim"))


def search(out: Console, data: dict) -> None:
    if not data["hits"]:
        _note(f"no matches for {data['query']!r}")
        return
    table = _table("Type", "ID", "Name", "Matched", "Text")
    for item in data["hits"]:
        table.add_row(T(item["type"]), T(item["id"], "cyan"), T(item["name"]), T(item["field"], "dim"), T(item["text"]))
    _print_table(out, table)
    if data["total"] > len(data["hits"]):
        _note(f"{data['total'] - len(data['hits'])} more hits (use --limit)")


def _note(text: str) -> None:
    """A message about the output, not part of it: on stderr."""
    sys.stderr.write(sanitize(f"aiml-career: {text}") + "\n")


def profile(out: Console, data: dict) -> None:
    out.print(_heading("Your profile", data["path"]))
    if not data["exists"]:
        out.print(T("no profile saved yet: start with `aiml-career profile set-role ROLE`", "dim"))
        return
    role = data["role"]
    out.print(Text.assemble("role: ", T(f"{role['name'] or '?'} ({role['id']})" if role else "not set", "bold")))
    if not data["skills"]:
        out.print(T("no skills yet: aiml-career profile add python sql:advanced", "dim"))
        return
    table = _table("Status", "Skill", "ID", "Level")
    for skill in sorted(data["skills"], key=lambda s: (["done", "learning", "skipped"].index(s["status"]), s["id"])):
        table.add_row(T(skill["status"]), T(skill["name"] or "(not in this ladder)"), T(skill["id"], "cyan"), _level(skill["level"]))
    _print_table(out, table)


def cleared(out: Console, data: dict) -> None:
    if data["deleted"]:
        out.print(T(f"deleted {data['path']}"))
    else:
        out.print(T(f"no profile to delete at {data['path']}", "dim"))


def _count(number: int, plural: str) -> str:
    return f"{number} {plural[:-1] if number == 1 else plural}"


def validation(out: Console, data: dict) -> None:
    if data["valid"]:
        counts = ", ".join(_count(n, k) for k, n in data["counts"].items())
        out.print(Text.assemble(T("valid: ", "bold green"), T(data["file"]), T(f" ({counts})", "dim")))
        return
    count = data.get("problem_count", len(data["problems"]))
    out.print(Text.assemble(T("invalid: ", "bold red"), T(data["file"]), T(f" ({count:,} problem{'s' if count != 1 else ''})")))
    for problem in data["problems"]:
        where = problem["path"] or "(document)"
        if problem["line"] is not None:
            where += f" (line {problem['line']})"
        out.print(Text.assemble("  ", T(where, "cyan"), ": ", T(problem["message"])))
    if count > len(data["problems"]):
        out.print(T(f"  … and {count - len(data['problems']):,} more (the first {len(data['problems'])} are listed)", "dim"))


def tree(out: Console, data: dict) -> None:
    from rich.tree import Tree

    names = {r["id"]: r["name"] for s in data["stages"] for r in s["roles"]}
    root = Tree(T(data["title"], "bold"))
    for stage in data["stages"]:
        branch = root.add(T(stage["name"], "bold cyan"))
        for role in stage["roles"]:
            node = branch.add(Text.assemble(T(role["name"]), T(f"  {role['id']} · {role['track']}", "dim")))
            for move in role["next"]:
                node.add(Text.assemble("→ ", T(names.get(move["id"], move["id"])), " (", _kind(move), ")"))
    out.print(root)
    _aside(out, _legend())
