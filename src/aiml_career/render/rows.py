"""Whole-ladder listings into a pipe or a file, written as plain rows without Rich.

When stdout is not a terminal, ``roles``, ``tree``, ``skills`` (and ``skills SKILL``), ``search``,
``match`` and ``similar`` print one row per line, cells separated by tabs, no header, nothing wrapped
(the standing rule; :mod:`.text.base` says how each table reads). On 10,000 roles, drawing
those rows through Rich cost a second and Rich's import alone a tenth of one, so they are
written here straight to the stream: the same bytes :mod:`.text` printed, cell by cell
(:func:`cell`: text from the file shown escaped, one line, no padding). The Rich renderers
hand their piped output to these functions too, so the rows are written in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Any, TypeVar

from ..errors import sanitize
from . import TEXT, Voice, left_out, requirement_label
from .checklist import editorial

if TYPE_CHECKING:
    from ..environment import Environment
    from ..results.common import Place, Resource
    from ..results.ladder import (
        Education,
        Foundation,
        Resources,
        RoleRow,
        Search,
        SkillCategory,
        SkillLearning,
        SkillUse,
        SpecializationDetail,
        Specializations,
        StageItem,
        Tree,
    )
    from ..results.overlap import OverlapDoc, Similar
    from ..results.plans import Match, MatchAim

D = TypeVar("D")


def one_line(text: str) -> str:
    """A cell as one line of a tab-separated row: lines joined by "; ", bullets and tabs dropped."""
    lines = (line.strip().removeprefix("• ") for line in text.splitlines())
    return "; ".join(line for line in lines if line).replace("\t", " ")


def cell(value: object) -> str:
    """Text from the ladder (or a figure) as a cell: unsafe characters escaped, one line."""
    text = str(value)
    # Printable text holds nothing to escape, no line break, no tab, and no blank but the space:
    # as it is, unless a space or a bullet begins it or a space ends it (most cells: a listing
    # of 10,000 roles writes 50,000).
    if printable(text) and not (text.startswith((" ", "• ")) or text.endswith(" ")):
        return text
    return one_line(sanitize(text))


#: The characters of ASCII that are not printable: its controls and DEL.
_ASCII_CONTROLS = bytes(range(32)) + b"\x7f"


def printable(text: str) -> bool:
    """``text.isprintable()``, three times quicker for a long ASCII text (``map`` writes a cell
    of a role's forty skills' names per row): ASCII is printable but for its controls, which
    one ``bytes.translate`` counts in C."""
    if len(text) > 256 and text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_CONTROLS)) == len(text)
    return text.isprintable()


#: Rich's tree guides (space, continue, fork, end), and the ones it draws on a non-UTF-8 stream.
GUIDES = ("    ", "│   ", "├── ", "└── ")
ASCII_GUIDES = ("    ", "|   ", "+-- ", "`-- ")


class Rows:
    """Where rows go: ``stream`` (stdout), and ``notes`` (stderr) for what is said about them."""

    def __init__(self, stream: Any, notes: Any) -> None:
        self.stream = stream
        self.notes = notes
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
        self.guides = GUIDES if encoding.startswith("utf") else ASCII_GUIDES

    @classmethod
    def of(cls, env: Environment) -> Rows:
        """Rows on ``env``'s stdout: on a locale that cannot encode a character, "?" for it, as Rich's console."""
        stdout = env.stdout
        encoding = (env.encoding or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stdout, "reconfigure"):
            stdout.reconfigure(errors="replace")
        return cls(stdout, env.stderr)

    def row(self, *cells: object) -> None:
        self.stream.write("\t".join(cell(c) for c in cells) + "\n")

    def line(self, *parts: object) -> None:
        """A line of text (no tabs between its parts); no line ends in spaces."""
        self.stream.write("".join(sanitize(str(p)) for p in parts).rstrip(" ") + "\n")

    def safe_lines(self, lines: Iterable[str]) -> None:
        """Lines of text made safe to print already (:func:`..errors.sanitize`; ``next`` from no
        role writes thousands, of pieces it made safe once): written at once, none ending in spaces."""
        self.stream.write("".join(line.rstrip(" ") + "\n" for line in lines))

    def note(self, text: str) -> None:
        """A message about the output, not part of it: on stderr."""
        self.notes.write(sanitize(f"aiml-career: {text}") + "\n")


#: Writes a document of type ``D`` as rows.
RowWriter = Callable[[Rows, D], None]


def roles(out: Rows, data: list[RoleRow]) -> None:
    if not data:
        out.line("no roles match")
        return
    for role in data:
        out.row(role["id"], role["name"], role["stage"], role["track"] or "—")


def tree(out: Rows, data: Tree) -> None:
    """The stages, their roles and where each leads, drawn with the guides of a Rich tree."""
    space, down, fork, end = out.guides
    names = {r["id"]: r["name"] for s in data["stages"] for r in s["roles"]}
    out.line(data["title"])
    stages = data["stages"]
    for s, stage in enumerate(stages):
        last_stage = s == len(stages) - 1
        out.line(end if last_stage else fork, stage["name"])
        under_stage = space if last_stage else down
        for r, role in enumerate(stage["roles"]):
            last_role = r == len(stage["roles"]) - 1
            out.line(under_stage, end if last_role else fork, role["name"], id_track(role))
            under_role = under_stage + (space if last_role else down)
            for m, move in enumerate(role["next"]):
                guide = end if m == len(role["next"]) - 1 else fork
                out.line(under_role, guide, "→ ", names.get(move["id"], move["id"]),
                         f" ({move['kind']}, {move['basis']})")


def id_track(role: Mapping[str, Any]) -> str:
    """A role's id and its track, if it has one: "  ml-engineer · engineering"."""
    return f"  {role['id']} · {role['track']}" if role["track"] else f"  {role['id']}"


def skills(out: Rows, data: list[SkillCategory]) -> None:
    """``skills`` into a pipe: a row per skill (id, name, aliases, how many roles need it, its
    category's id), in the ladder's order; the categories' headings and words are the
    terminal's and ``--json``'s (a heading among the rows would be cut as a skill)."""
    for category in data:
        for skill in category["skills"]:
            out.row(skill["id"], skill["name"], ", ".join(skill["aliases"]), skill["roles"], category["id"])


def refs(items: Iterable[Mapping[str, Any]]) -> str:
    """"Name (id), ...": a link the ladder derived (basis editorial) says so."""
    return ", ".join(f"{i['name']} ({i['id']}{'; editorial' if i.get('basis') == 'editorial' else ''})"
                     for i in items) or "—"


def skill_as(role: SkillUse) -> str:
    """How a role names the skill, in ``skills SKILL``: required, one of a row's alternatives, or
    the broad skill of a group."""
    requirement = role["requirement"]
    parts = requirement.get("all_of")  # a group's parts (GroupRequirement)
    parts = parts if isinstance(parts, list) else []
    return {"required": "required",
            "alternative": f"one of: {requirement_label(requirement)}",
            "group": f"names a group, all of: {', '.join(p['name'] for p in parts)}",
            }[role["as"]]


def place_label(place: Place) -> str:
    """"Docker: Get started https://docs.docker.com/get-started/ (editorial)", or
    "Coursera (online-course)": an editorial link says so, as in the Markdown checklist."""
    if place["url"]:
        return f"{place['title']} {place['url']}{editorial(place)}"
    return f"{place['title']} ({place['kind']})"


def learn_words(places: Iterable[Place], voice: Voice = TEXT) -> str:
    """Where to learn a skill, on one line: links first, then the text's (the ladder's) own
    courses and certifications."""
    places = list(places)
    links = [place_label(p) for p in places if p["url"]]
    named = [p["title"] for p in places if not p["url"]]
    parts = links + ([f"{voice.own}: {', '.join(named)}"] if named else [])
    return " · ".join(parts) or "—"


#: A line of text as (text, style) parts: the style is for Rich (a person's screen); rows drop it.
Line = list[tuple[str, str]]


def skill_lines(data: SkillLearning, voice: Voice = TEXT) -> list[Line]:
    """What ``skills SKILL`` says after its table: the text's (the ladder's) foundation, its
    prerequisites, related skills, what rests on it, and where to learn it."""
    lines: list[Line] = []
    found = data.get("foundation")
    if found:
        words = [(f"\u201c{found['wording']}\u201d ", "italic")] if found["wording"] else []
        lines.append([(f"{voice.own} foundation: ", ""), *words, (f"({found['level']})", "dim")])
    if data.get("prerequisites"):
        before = ", ".join(f"{p['name']} ({p['id']}, {p['basis']})" for p in data["prerequisites"])
        lines.append([("learn first: ", ""), (before, "")])
    for label, related in (("counted from: ", data.get("related")), ("counts toward: ", data.get("counts_toward"))):
        if related:
            shown = ", ".join(f"{r['name']} (up to {r['up_to']}{editorial(r).replace(' (', '; ').rstrip(')')})"
                              for r in related)
            lines.append([(label, ""), (shown, "")])
    if data.get("counts_for"):
        shown = "; ".join(f"{c['name']} ({requirement_label(c['requirement'])}"
                          f"{', up to ' + c['up_to'] if c['up_to'] else ''})" for c in data["counts_for"])
        lines.append([("counts for the rows of: ", ""), (shown, "")])
    rests = data.get("rests_on_it")
    if rests and rests["skills"]:
        names = ", ".join(s["name"] for s in rests["skills"][:8])
        more = f", … (+{len(rests['skills']) - 8})" if len(rests["skills"]) > 8 else ""
        roles = f"; roles asking for them: {len(rests['roles'])}" if rests["roles"] else ""
        lines.append([("rests on it: ", ""), (f"{names}{more}{roles}", "")])
    if data.get("learn"):
        lines.append([("learn: ", ""), (learn_words(data["learn"], voice), "")])
    return lines


def skill_detail(out: Rows, data: SkillLearning, voice: Voice = TEXT) -> None:
    """``skills SKILL``: the skill, a row per role that asks for it, and what it leads to."""
    out.line(data["name"], f"  {data['id']} · {data['category_name']}")
    if data["description"]:
        out.line(data["description"])
    if data["aliases"]:
        out.line("also: ", ", ".join(data["aliases"]))
    if data["includes"]:
        out.line("includes: ", refs(data["includes"]))
    for role in data["roles"]:
        out.row(role["name"], role["id"], role["stage"], role["level"], skill_as(role))
    if not data["roles"]:
        out.line("no role lists this skill")
    if data["specializations"]:
        out.line("specializations: ", refs(data["specializations"]))
    if data["resources"]:
        out.line("resources: ", refs(data["resources"]))
    for line in skill_lines(data, voice):
        out.line(*(text for text, _ in line))


def search(out: Rows, data: Search) -> None:
    if not data["hits"]:
        from ..ladder.resolve import shown

        out.note(f"no matches for {shown(data['query'], 200)}")
        return
    for item in data["hits"]:
        out.row(item["type"], item["id"], item["name"], item["field"], item["text"])
    if data["total"] > len(data["hits"]):
        out.note(f"{data['total'] - len(data['hits']):,} more hits (use --limit)")


def still_needed(role: Mapping[str, Any], shown: int | None = None) -> str:
    """``match``'s last column: the skills to gain, then those to deepen; with ``shown`` (the
    terminal's table), the first ``shown`` of them and how many more. A pipe gets every one
    (nothing cut: docs/conventions.md)."""
    gain, deepen = role["skills_to_gain"], role["skills_to_deepen"]
    needed = [s["name"] for s in (gain if shown is None else gain[:shown])]
    needed += [f"{s['name']} ↑{s['to']}" for s in (deepen if shown is None else deepen[:shown - len(needed)])]
    more = len(gain) + len(deepen) - len(needed)
    return ", ".join(needed) + (f", … (+{more})" if more else "")


def your_role(role: Mapping[str, Any]) -> str:
    """" (your role)" or " (at or below your role)" after a role's name in ``match``."""
    return " (your role)" if role.get("current") else " (at or below your role)" if role.get(
        "at_or_below_current") else ""


def match(out: Rows, data: Match) -> None:
    for role in data["roles"]:
        out.row(f"{role['readiness']:.1f}% ({role['points']}/{role['of']})", role["name"] + your_role(role),
                role["id"], role["stage"], still_needed(role) or "nothing")
    if data["total"] > len(data["roles"]):
        out.note(left_out(data["total"], len(data["roles"]), "role"))
    if data["aim"] is not None:  # not a row: said beside them
        out.note(aim_words(data["aim"], data["total"]))


def aim_words(aim: MatchAim, total: int) -> str:
    """``match --to``'s answer: "toward Machine Learning Engineer (ml-engineer): readiness 0.0%
    (0/12), ranked 5 of 11"."""
    place = (f"ranked {aim['rank']:,} of {total:,}" if aim["rank"] is not None
             else "not ranked here (another stage than --stage)")
    return (f"toward {aim['name']} ({aim['id']}): readiness {aim['readiness']:.1f}% "
            f"({aim['points']}/{aim['of']}), {place}")


def names(items: Iterable[Mapping[str, Any]]) -> str:
    return ", ".join(map(_NAME, items)) or "—"


_NAME = itemgetter("name")


def missing(doc: OverlapDoc) -> str:
    """The rows not met: nothing held ("Docker"), or held below the level ("SQL basic→advanced")."""
    return not_met(doc["missing"], doc["deepen"])


def not_met(none_held: Iterable[Mapping[str, Any]], below: Iterable[Mapping[str, Any]]) -> str:
    """Rows not met, on one line: those nothing is held toward, then those held below their level."""
    parts = [item["name"] for item in none_held]
    parts += [f"{item['name']} {item['from']}→{item['to']}" for item in below]
    return ", ".join(parts) or "—"


def figure(doc: Mapping[str, Any]) -> str:
    """An overlap and its points: "70.0% (7 of 10)" (``compare``, ``similar``, ``map``), written as
    every readiness is (one decimal)."""
    return f"{doc['overlap']:.1f}% ({doc['points']} of {doc['of']})"


def similar(out: Rows, data: Similar) -> None:
    for item in data["roles"]:
        out.row(item["id"], item["name"], f"{item['score']:.1f}", figure(item["forward"]), figure(item["backward"]),
                names(item["forward"]["shared"]), missing(item["forward"]), names(item["forward"]["extra"]))
    if data["total"] > len(data["roles"]):  # as search says of its hits: nothing cut silently
        out.note(f"{data['total'] - len(data['roles']):,} more roles (use --limit)")


# -- documents drawn as text (headings, bullets, labels), not as tables: the same lines --------


def stages(out: Rows, data: list[StageItem], intro: str = "") -> None:
    """``stages`` into a pipe: the lines :func:`.text.ladder.stages` draws there, written without
    Rich (10,000 roles took two seconds through it). Not a table: a heading per stage, its
    summary, a bullet per role ("  • Name  id · track", as ``tree`` names a role) and the text's
    foundation as labelled lines (:func:`foundation`), as ``show`` and ``education`` print them."""
    if intro:
        out.line(intro)
        out.line()
    for number, stage in enumerate(data, start=1):
        out.line(f"{number}. {stage['name']}", f"  {stage['id']}" if stage["id"] else "")
        if stage["summary"]:
            out.line(stage["summary"])
        for role in stage["roles"]:
            out.line("  • ", role["name"], id_track(role))
        found = stage.get("foundation")
        if found:
            foundation(out, found)
        out.line()


def foundation(out: Rows, data: Foundation | Education) -> None:
    """The text's foundation as "label: text" lines, each text starting in one column (as Rich
    lays the labels out: a column as wide as the widest label, in terminal cells)."""
    rows: list[tuple[str, str]] = []
    for degree in data["degrees"]:
        rows.append((f"{sanitize(degree['name'])}:", degree["description"]))
        if degree["fields"]:
            rows.append(("fields:", ", ".join(degree["fields"])))
    rows += [("note:", note) for note in data["notes"]]
    if data["math_foundation"]:
        rows.append(("maths foundation:", ", ".join(s["name"] for s in data["math_foundation"])))
    if data["key_skills_text"]:
        rows.append(("key skills:", data["key_skills_text"]))
    widths = [cells(label) for label, _ in rows]
    column = max(widths, default=0)
    for (label, text), width in zip(rows, widths):
        out.line("  ", label, " " * (column - width + 1), text)


#: Characters one terminal cell wide wherever they are (Latin, Greek, Cyrillic before the
#: combining marks; the dashes, quotes, bullets and ellipsis of General Punctuation): a label
#: of these alone is measured by its length, without Rich.
_NARROW = re.compile(r"[\u0020-\u02ff\u2010-\u2027]*")


def cells(text: str) -> int:
    """How many terminal cells ``text`` (sanitized) takes, as Rich counts them (a CJK character
    two, a combining mark none): Rich is asked only for text beyond :data:`_NARROW`."""
    if _NARROW.fullmatch(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def specializations(out: Rows, data: Specializations) -> None:
    """``specializations`` into a pipe: the lines :func:`.text.ladder.specializations` draws
    there, without Rich; a line is never wrapped (Rich wrapped one past 100,000 columns)."""
    if not data["specializations"] and not data["intro"]:
        out.note("this ladder names no specializations")
        return
    if data["intro"]:
        out.line(data["intro"])
        out.line()
    for spec in data["specializations"]:
        specialization(out, spec)
        out.line()


def specialization(out: Rows, data: SpecializationDetail) -> None:
    out.line(data["name"], f"  {data['id']} · specialization")
    out.line(data["description"])
    if data["examples"]:
        out.line("examples: ", ", ".join(data["examples"]))
    if data["skills"]:
        editorial_skills = " (editorial)" if data.get("skills_basis") == "editorial" else ""
        out.line("related skills: ", refs(data["skills"]), editorial_skills)
        if data.get("skills_note"):
            out.line(f"why: {data['skills_note']}")
    if data["roles"]:
        out.line("roles that use them: ", refs(data["roles"]))


def education(out: Rows, data: Education) -> None:
    """``education`` into a pipe, without Rich: the foundation's lines, then the advanced degrees'
    table titled, one tab-separated row each."""
    given = data["stage"] is not None or data["degrees"] or data["notes"] or data["key_skills"]
    if not given and not data["advanced_degrees"]:
        out.note("this ladder gives no educational foundation and no advanced degrees")
        return
    if given:
        out.line("Educational foundation", f"  {data['stage']}" if data["stage"] else "")
        foundation(out, data)
    resource_rows(out, "Advanced degrees", data["advanced_degrees"])


def resources(out: Rows, data: Resources) -> None:
    """``resources`` into a pipe, without Rich: a titled table each, then the closing advice."""
    if not (data["online_courses"] or data["certifications"] or data["advanced_degrees"] or data["advice"]):
        out.note("this ladder names no courses, certifications, advanced degrees or closing advice")
        return
    resource_rows(out, "Online courses", data["online_courses"])
    resource_rows(out, "Certifications", data["certifications"])
    resource_rows(out, "Advanced degrees", data["advanced_degrees"])
    if data["advice"]:
        out.line("Advice")
        out.line(data["advice"])


def resource_rows(out: Rows, title: str, items: list[Resource]) -> None:
    if not items:
        return
    out.line(title)
    for item in items:
        out.row(item["id"], item["name"], item["provider"], item["description"])
