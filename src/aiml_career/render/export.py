"""The ladder as documents: Mermaid, Graphviz DOT, a Markdown handbook, normalised JSON.

Each function draws a result it is given (:mod:`.graph`'s drawings,
:func:`queries.handbook`) and returns a string; none runs a query. Text from
the ladder file is escaped for the target format, so a name can never break
or inject into the document.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from ..errors import UNSAFE_CLASS as _UNSAFE_CLASS
from ..errors import UNSAFE_RANGES, sanitize
from . import TEXT, Voice, requirement_label

if TYPE_CHECKING:
    from ..ladder.index import Ladder
    from ..results.common import Move, Place
    from ..results.documents import Drawing, Handbook, HandbookLearning
    from ..results.ladder import Foundation, RoleDetail


def _one_line(text: str) -> str:
    return sanitize(" ".join(text.split()))


# -- Mermaid -------------------------------------------------------------------


def _mermaid_id(kind: str, item_id: str) -> str:
    return f"{kind}_{item_id.replace('-', '_')}"


def _mermaid_label(text: str) -> str:
    # Mermaid decodes "#name;" and "#123;" inside labels: escape "#" itself
    # first, then what could end the label or be read as HTML or Markdown.
    text = _one_line(text).replace("#", "#35;")
    for char, entity in (("&", "#amp;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("`", "#96;")):
        text = text.replace(char, entity)
    return f'"{text}"'


def mermaid(drawing: Drawing) -> str:
    """A flowchart: a subgraph per stage, promotions as arrows, lateral moves dotted."""
    lines = ["flowchart TB"]
    for stage in drawing["stages"]:
        lines.append(f"  subgraph {_mermaid_id('stage', stage['id'])}[{_mermaid_label(stage['name'])}]")
        lines.extend(f"    {_mermaid_id('role', r['id'])}[{_mermaid_label(r['name'])}]" for r in stage["roles"])
        lines.append("  end")
    for src, dst, kind in drawing["edges"]:
        arrow = "-->" if kind == "promotion" else "-.->"
        lines.append(f"  {_mermaid_id('role', src)} {arrow} {_mermaid_id('role', dst)}")
    return "\n".join(lines) + "\n"


# -- Graphviz DOT ----------------------------------------------------------------


def _dot_string(text: str) -> str:
    text = _one_line(text).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def dot(drawing: Drawing) -> str:
    """A digraph with a cluster per stage; lateral moves dashed."""
    lines = [
        f"digraph {_dot_string(drawing['title'])} {{",
        "  rankdir=TB;",
        '  node [shape=box, style=rounded, fontname="Helvetica"];',
    ]
    for stage in drawing["stages"]:
        lines.append(f"  subgraph cluster_{stage['number']} {{")
        lines.append(f"    label={_dot_string(stage['name'])};")
        lines.extend(f"    {_dot_string(r['id'])} [label={_dot_string(r['name'])}];" for r in stage["roles"])
        lines.append("  }")
    for src, dst, kind in drawing["edges"]:
        style = "solid" if kind == "promotion" else "dashed"
        lines.append(f"  {_dot_string(src)} -> {_dot_string(dst)} [style={style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- Markdown handbook -------------------------------------------------------------


# One pass: control characters shown as \\xNN (as sanitize() does, then
# backslash-escaped), HTML's specials as entities, Markdown's punctuation escaped.
_MD_TABLE = {
    **{
        code: "\\" + sanitize(chr(code))
        for lo, hi in UNSAFE_RANGES for code in range(lo, hi + 1)
    },
    **{ord(c): e for c, e in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))},
    **{ord(c): "\\" + c for c in "\\`*_[]#|~"},
}
_MD_LEAD = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
_MD_LEAD_CHARS = frozenset("-+=0123456789")


@functools.lru_cache(maxsize=8192)
def _md(text: str) -> str:
    """Text from the ladder as one line of Markdown that shows as written.

    Whitespace runs (newlines too) become one space, so a name cannot end a
    heading, a list item or a table row early; Markdown and HTML syntax is
    escaped, and so is a leading list or heading marker ("- x", "1. x", "===").
    """
    text = " ".join(text.split()).translate(_MD_TABLE)
    if text[:1] in _MD_LEAD_CHARS:
        text = _MD_LEAD.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text, count=1)
    return text


_cell = _md


def markdown(book: Handbook, voice: Voice = TEXT) -> str:
    """A handbook of every stage and role, readable on its own, with a table of contents
    (``voice``: whose words the rows' wording is)."""
    out: list[str] = [f"# {_md(book['title'])}", ""]
    if book["intro"]:
        out += [_md(book["intro"]), ""]
    out += ["## Contents", ""]
    for stage in book["stages"]:
        out.append(f"- [{_md(stage['name'])}](#stage-{stage['id']})")
        out += [f"  - [{_md(r['name'])}](#role-{r['id']})" for r in stage["roles"]]
    specs = book["specializations"]
    for anchor, title, present in (
        ("skills", "Skills", book["skills"]),
        ("specializations", "Specializations", specs["specializations"]),
        ("learning", "Learning resources", book["resources"]),
        ("conclusion", "Conclusion", book["conclusion"]),
    ):
        if present:
            out.append(f"- [{title}](#{anchor})")
    out.append("")
    for stage in book["stages"]:
        out += [f'<a id="stage-{stage["id"]}"></a>', "", f"## {_md(stage['name'])}", ""]
        if stage["summary"]:
            out += [_md(stage["summary"]), ""]
        if stage["foundation"] is not None:
            out += _education_md(stage["foundation"])
        for role in stage["roles"]:
            out += _role_md(role, voice)
    if book["skills"]:
        out += ['<a id="skills"></a>', "", "## Skills", ""]
        for category in book["skills"]:
            key = " (key skills)" if category["key"] else ""
            out += [f"### {_md(category['name'])}{key}", ""]
            if category["description"]:
                out += [_md(category["description"]), ""]
            # An "About" column only where the ladder describes its skills (a taxonomy does).
            about = any(s["description"] for s in category["skills"])
            out += ["| Skill | ID |" + (" About |" if about else "") + " Also known as | Roles | Learn first | "
                    "Where to learn |", "|---|---|" + ("---|" if about else "") + "---|---|---|---|"]
            out += [
                f"| {_cell(s['name'])} | `{s['id']}` |" + (f" {_cell(s['description'])} |" if about else "")
                + f" {_cell(', '.join(s['aliases']))} | {s['roles']} |"
                + f" {_learning_cells(book['learning'][s['id']], voice)} |"
                for s in category["skills"]
            ]
            out.append("")
        out += [f"Learn first (prerequisites) and the links are editorial: the ladder's, not {_md(voice.own)}; "
                f"{_md(voice.own)} own courses and certifications are named as it names them.", ""]
    if specs["specializations"]:
        out += ['<a id="specializations"></a>', "", "## Specializations", ""]
        if specs["intro"]:
            out += [_md(specs["intro"]), ""]
        for spec in specs["specializations"]:
            examples = f" Examples: {_md(', '.join(spec['examples']))}." if spec["examples"] else ""
            out.append(f"- **{_md(spec['name'])}** (`{spec['id']}`): {_md(spec['description'])}{examples}")
        out.append("")
    if book["resources"]:
        out += ['<a id="learning"></a>', "", "## Learning resources", ""]
        out += ["| Kind | Name | Provider | About |", "|---|---|---|---|"]
        out += [
            f"| {r['kind']} | {_cell(r['name'])} | {_cell(r['provider'])} | {_cell(r['description'])} |"
            for r in book["resources"]
        ]
        out.append("")
    if book["conclusion"]:
        out += ['<a id="conclusion"></a>', "", "## Conclusion", "", _md(book["conclusion"]), ""]
    return "\n".join(out)


#: What a Markdown link's address never holds as it is: every character a terminal could
#: obey or that reads differently than it is (as :func:`..errors.sanitize` finds them),
#: whitespace, and what could end the link or start HTML.
_URL_UNSAFE = re.compile(f"[{_UNSAFE_CLASS}\\s()<>\\[\\]`\"\\\\]")


def md_url(url: str) -> str:
    """An address for a Markdown link, neutralised: ESC, BEL, NUL, DEL, C1 controls, bidi
    overrides, zero-width characters, spaces, brackets and the like are percent-encoded
    (UTF-8), so ``cat`` of the file shows them as ``%1B``, never obeys them."""
    return _URL_UNSAFE.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogatepass")), url
    )


def place_link(place: Place, voice: Voice = TEXT) -> str:
    """A place to learn: ``[title](url) (editorial)``, or the text's (the ladder's) own resource by name."""
    if not place["url"]:
        return f"{_md(place['title'])} ({_md(voice.own)} {place['kind'].replace('-', ' ')})"
    mark = " (editorial)" if place["basis"] == "editorial" else ""
    return f"[{_md(place['title'])}]({md_url(place['url'])}){mark}"


def _learning_cells(learning: HandbookLearning, voice: Voice = TEXT) -> str:
    """A skill's prerequisites and its places to learn, as two table cells."""
    before = ", ".join(_cell(p["name"]) for p in learning["prerequisites"]) or "—"
    return f"{before} | {', '.join(place_link(p, voice) for p in learning['learn']) or '—'}"


def _education_md(found: Foundation) -> list[str]:
    out = []
    for degree in found["degrees"]:
        fields = f" Fields: {_md(', '.join(degree['fields']))}." if degree["fields"] else ""
        out.append(f"- **{_md(degree['name'])}**: {_md(degree['description'])}{fields}")
    out += [f"- {_md(note)}" for note in found["notes"]]
    if found["math_foundation"]:
        out.append(f"- Maths foundation: {_md(', '.join(s['name'] for s in found['math_foundation']))}")
    if found["key_skills_text"]:
        out.append(f"- Key skills: {_md(found['key_skills_text'])}")
    return out + [""]


def _role_md(role: RoleDetail, voice: Voice = TEXT) -> list[str]:
    out = [f'<a id="role-{role["id"]}"></a>', "", f"### {_md(role['name'])}", ""]
    meta = f"`{role['id']}`" + (f" · track: {_md(role['track_name'])}" if role["track_name"] else "")
    if role["aliases"]:
        meta += f" · also: {_md(', '.join(role['aliases']))}"
    out += [meta, ""]
    if role["summary"]:
        out += [_md(role["summary"]), ""]
    if role["responsibilities"]:
        out += ["**Responsibilities**", ""] + [f"- {_md(r)}" for r in role["responsibilities"]] + [""]
    if role["skills_text"]:
        out += [f"**Skills needed:** {_md(role['skills_text'])}", ""]
    if role["requirements"] and any(r["wording"] for r in role["requirements"]):
        out += [f"| Requirement | Level | {_cell(voice.says)} |", "|---|---|---|"]
        out += [
            f"| {_cell(requirement_label(r))} | {r['level']} | {_cell(r['wording'])} |"
            for r in role["requirements"]
        ]
        out.append("")
    elif role["requirements"]:  # no row has words: no column for them
        out += ["| Requirement | Level |", "|---|---|"]
        out += [f"| {_cell(requirement_label(r))} | {r['level']} |" for r in role["requirements"]]
        out.append("")

    def links(moves: list[Move]) -> str:
        return ", ".join(
            f"[{_md(m['name'])}](#role-{m['id']}) ({m['kind']}, {m['basis']})" for m in moves
        ) or "—"

    out += [f"Comes from: {links(role['previous_moves'])}  ", f"Leads to: {links(role['next_moves'])}", ""]
    for occ in role["occupations"]:
        out.append(f"- {occ['system']} [{_md(occ['code'])} {_md(occ['title'])}]({md_url(occ['url'])})")
    if role["occupations"]:
        out.append("")
    return out


# -- normalised JSON ---------------------------------------------------------------


def to_json(ladder: Ladder) -> str:
    """The ladder as format 2 JSON, every field spelled out, indented by two spaces:
    ``validate`` accepts it back unchanged. Serialised by pydantic directly; control
    characters are written as escapes."""
    from .json import escape_controls

    # Fields left unset (null) are left out: format 1's, and optional ones.
    return escape_controls(ladder.doc.model_dump_json(by_alias=True, indent=2, exclude_none=True)) + "\n"


#: ``--output`` extensions and the format each implies.
EXTENSIONS = {".mmd": "mermaid", ".mermaid": "mermaid", ".dot": "dot", ".gv": "dot",
              ".md": "markdown", ".markdown": "markdown", ".json": "json"}


def format_for(dest: str | None) -> str:
    """The format a file name implies; Markdown when it implies none."""
    from pathlib import PurePath

    return EXTENSIONS.get(PurePath(dest).suffix.lower(), "markdown") if dest else "markdown"
