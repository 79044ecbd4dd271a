"""Human output for reading the ladder: stages, roles, a role in full, compare, skills,
the text's education and resources, search hits and the tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ...errors import sanitize
from ...ladder.resolve import shown
from .. import TEXT, Voice
from .. import rows as plain
from .base import (
    T,
    _aside,
    _bullets,
    _heading,
    _kind,
    _labelled,
    _legend,
    _level,
    _note,
    _print_table,
    _refs,
    _requirement,
    _table,
    rows_of,
)
from .overlap import overlaps

if TYPE_CHECKING:
    from ...results.common import Resource
    from ...results.ladder import (
        Compare,
        Education,
        Foundation,
        OnlyRow,
        Resources,
        RoleRow,
        Search,
        Show,
        SkillCategory,
        SkillLearning,
        SpecializationDetail,
        Specializations,
        StageItem,
        Tree,
    )


def stages(out: Console, data: list[StageItem], intro: str = "") -> None:
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
            roles.add_row("•", Text.assemble(T(role["name"]), T(plain.id_track(role), "dim")))
        out.print(roles)
        if stage.get("foundation"):
            _foundation(out, stage["foundation"])
        out.print()


def _foundation(out: Console, data: Foundation | Education) -> None:
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


def roles(out: Console, data: list[RoleRow]) -> None:
    piped = rows_of(out)
    if piped is not None:
        return plain.roles(piped, data)
    if not data:
        out.print(T("no roles match", "dim"))
        return
    table = _table("ID", "Name", "Stage", "Track")
    for role in data:
        table.add_row(T(role["id"], "cyan"), T(role["name"]), T(role["stage"]), T(role["track"] or "—"))
    _print_table(out, table)


#: What ``show`` says of a role an overlay touched (docs/ladder.md: Overlays).
OVERLAY_SAID = {
    "added": "added by the overlay {file}",
    "replaced": "replaced by the overlay {file}: its definition, not the one of the ladder it extends",
    "extended": "moves added by the overlay {file}",
}


#: Whose words an overlay's own role gives, when the overlay names no ``source``.
OVERLAY_VOICE = Voice("the overlay")


def show(out: Console, data: Show, voice: Voice = TEXT) -> None:
    if data["type"] == "specialization":
        return specialization(out, data)
    if voice == TEXT and data["overlay"] and data["overlay"]["change"] != "extended":
        voice = OVERLAY_VOICE  # an overlay's own role, on the built-in ladder: not the text's words
    out.print(_heading(data["name"], data["id"]))
    out.print(Text.assemble(
        "stage: ", T(data["stage_name"], "bold"),
        *(("   track: ", T(data["track_name"], "bold")) if data["track_name"] else ()),
    ))
    if data["aliases"]:
        out.print(Text.assemble("also: ", T(", ".join(data["aliases"]), "dim")))
    if data["overlay"] is not None:
        out.print(T(OVERLAY_SAID[data["overlay"]["change"]].format(file=data["overlay"]["file"]), "yellow"))
    if data["summary"]:
        out.print()
        out.print(T(data["summary"]))
    out.print()
    if data["responsibilities"]:  # a company ladder's role may list none: no empty heading
        out.print(T("Responsibilities", "bold underline"))
        out.print(_bullets(data["responsibilities"]))
        out.print()
    if data["skills_text"]:
        out.print(Text.assemble(T("Skills needed: ", "bold"), T(data["skills_text"], "italic")))
        out.print()
    # The wording column only when a row has words (a company ladder's rows may have none).
    worded = any(row["wording"] for row in data["requirements"])
    table = _table("Requirement", "Level", *([voice.says] if worded else []), title="Requirements")
    for row in data["requirements"]:
        table.add_row(_requirement(row), _level(row["level"]), *([T(row["wording"], "italic")] if worded else []))
    _print_table(out, table)
    for label, moves in (("Comes from", data["previous_moves"]), ("Leads to", data["next_moves"])):
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
        _aside(out, _legend(voice=voice))
    for occ in data["occupations"]:
        link = T(occ["url"], f"link {occ['url']}")
        out.print(Text.assemble(T(f"{occ['system']} {occ['code']} ", "bold"), T(occ["title"]), "  ", link))


def specialization(out: Console, data: SpecializationDetail) -> None:
    out.print(_heading(data["name"], f"{data['id']} · specialization"))
    out.print(T(data["description"]))
    if data["examples"]:
        out.print(Text.assemble("examples: ", T(", ".join(data["examples"]))))
    if data["skills"]:
        line = Text.assemble("related skills: ", _refs(data["skills"]))
        if data.get("skills_basis") == "editorial":
            line.append_text(T(" (editorial)", "dim"))
        out.print(line)
        if data.get("skills_note"):
            out.print(T(f"why: {data['skills_note']}", "dim"))
    if data["roles"]:
        out.print(Text.assemble("roles that use them: ", _refs(data["roles"])))


def specializations(out: Console, data: Specializations) -> None:
    if not data["specializations"] and not data["intro"]:
        _note(out, "this ladder names no specializations")
        return
    if data["intro"]:
        out.print(T(data["intro"], "italic"))
        out.print()
    for spec in data["specializations"]:
        specialization(out, spec)
        out.print()


def compare(out: Console, data: Compare) -> None:
    roles = data["roles"]
    table = Table(box=box.SIMPLE_HEAD, show_lines=True)
    table.add_column("")
    piped = getattr(out, "piped", False)  # the header is one line of a tab-separated row
    for role in roles:
        name = T(f"{role['name']} ({role['id']})", "bold") if piped else \
            Text.assemble(T(role["name"], "bold"), "\n", T(f"({role['id']})", "bold"))
        table.add_column(name)
    table.add_row(T("stage", "bold"), *(T(r["stage"]) for r in roles))
    table.add_row(T("track", "bold"), *(T(r["track"] or "—") for r in roles))
    table.add_row(
        T("responsibilities", "bold"),
        *(Text("\n".join(f"• {sanitize(x)}" for x in r["responsibilities"])) for r in roles),
    )
    table.add_row(
        T("only this role", "bold"),
        *(_skill_lines(data["only"][r["id"]]) for r in roles),
    )
    _print_table(out, table, header=True)
    for title, rows in (("Shared skills", data["shared_skills"]), ("Needed by some", data["some_skills"])):
        if not rows:
            continue
        skills = _table("Skill", *(r["id"] for r in roles), title=title)
        for skill in rows:
            skills.add_row(T(skill["name"] + (" (alternatives)" if skill.get("any_of") else "")),
                           *(_level(skill["levels"].get(r["id"], "—")) for r in roles))
        _print_table(out, skills, header=True)
    if not data["shared_skills"]:
        out.print(T("no skill is shared by all of these roles", "dim"))
    differ = ", ".join(s["name"] for s in data["level_differences"])
    out.print(Text.assemble(T("level differences: ", "bold"), T(differ or "none")))
    overlaps(out, data["overlap"])


def _skill_lines(skills: list[OnlyRow]) -> Text:
    text = Text()
    for i, skill in enumerate(skills):
        if i:
            text.append("\n")
        by_role = skill.get("any_of")  # the role's own alternatives
        text.append_text(_requirement({**skill, "any_of": next(iter(by_role.values())) if by_role else []}))
        text.append(" ")
        text.append_text(_level(skill["level"]))
    return text if skills else T("—", "dim")


def skills(out: Console, data: list[SkillCategory]) -> None:
    piped = rows_of(out)
    if piped is not None:
        return plain.skills(piped, data)
    for category in data:
        title = category["name"] + ("  (key skills)" if category["key"] else "")
        table = _table("ID", "Skill", "Also", "Roles", title=title)
        for skill in category["skills"]:
            aliases = T(", ".join(skill["aliases"]), "dim")
            table.add_row(T(skill["id"], "cyan"), T(skill["name"]), aliases, T(skill["roles"]))
        _print_table(out, table)
        if category["description"]:
            out.print(Text.assemble("  ", T(category["description"], "italic")))
        if category["key_skills"]:
            out.print(Text.assemble("  key skills: ", T(", ".join(s["name"] for s in category["key_skills"]))))
        out.print()


def skill_detail(out: Console, data: SkillLearning, voice: Voice = TEXT) -> None:
    piped = rows_of(out)
    if piped is not None:
        return plain.skill_detail(piped, data, voice)
    out.print(_heading(data["name"], f"{data['id']} · {data['category_name']}"))
    if data["description"]:
        out.print(T(data["description"]))
    if data["aliases"]:
        out.print(Text.assemble("also: ", T(", ".join(data["aliases"]), "dim")))
    if data["includes"]:
        out.print(Text.assemble("includes: ", _refs(data["includes"])))
    table = _table("Role", "ID", "Stage", "Level", "As")
    for role in data["roles"]:
        table.add_row(T(role["name"]), T(role["id"], "cyan"), T(role["stage"]), _level(role["level"]),
                      T(plain.skill_as(role), "dim"))
    if data["roles"]:
        _print_table(out, table)
    else:
        out.print(T("no role lists this skill", "dim"))
    if data["specializations"]:
        out.print(Text.assemble("specializations: ", _refs(data["specializations"])))
    if data["resources"]:
        out.print(Text.assemble("resources: ", _refs(data["resources"])))
    from .learn import skill_lines

    skill_lines(out, data, voice)


def education(out: Console, data: Education) -> None:
    given = data["stage"] is not None or data["degrees"] or data["notes"] or data["key_skills"]
    if not given and not data["advanced_degrees"]:
        _note(out, "this ladder gives no educational foundation and no advanced degrees")
        return
    if given:
        out.print(_heading("Educational foundation", data["stage"] or ""))
        _foundation(out, data)
    _resource_table(out, "Advanced degrees", data["advanced_degrees"])


def resources(out: Console, data: Resources) -> None:
    if not (data["online_courses"] or data["certifications"] or data["advanced_degrees"] or data["advice"]):
        _note(out, "this ladder names no courses, certifications, advanced degrees or closing advice")
        return
    _resource_table(out, "Online courses", data["online_courses"])
    _resource_table(out, "Certifications", data["certifications"])
    _resource_table(out, "Advanced degrees", data["advanced_degrees"])
    if data["advice"]:
        out.print(T("Advice", "bold underline"))
        out.print(T(data["advice"]))


def _resource_table(out: Console, title: str, items: list[Resource]) -> None:
    if not items:
        return
    table = _table("ID", "Name", "Provider", "About", title=title)
    for item in items:
        table.add_row(T(item["id"], "cyan"), T(item["name"]), T(item["provider"]), T(item["description"]))
    _print_table(out, table)


def search(out: Console, data: Search) -> None:
    piped = rows_of(out)
    if piped is not None:
        return plain.search(piped, data)
    if not data["hits"]:
        _note(out, f"no matches for {shown(data['query'], 200)}")
        return
    table = _table("Type", "ID", "Name", "Matched", "Text")
    for item in data["hits"]:
        table.add_row(T(item["type"]), T(item["id"], "cyan"), T(item["name"]), T(item["field"], "dim"), T(item["text"]))
    _print_table(out, table)
    if data["total"] > len(data["hits"]):
        _note(out, f"{data['total'] - len(data['hits']):,} more hits (use --limit)")


def tree(out: Console, data: Tree, voice: Voice = TEXT) -> None:
    piped = rows_of(out)
    if piped is not None:
        return plain.tree(piped, data)
    from rich.tree import Tree

    names = {r["id"]: r["name"] for s in data["stages"] for r in s["roles"]}
    root = Tree(T(data["title"], "bold"))
    for stage in data["stages"]:
        branch = root.add(T(stage["name"], "bold cyan"))
        for role in stage["roles"]:
            node = branch.add(Text.assemble(T(role["name"]), T(plain.id_track(role), "dim")))
            for move in role["next"]:
                node.add(Text.assemble("→ ", T(names.get(move["id"], move["id"])), " (", _kind(move), ")"))
    out.print(root)
    _aside(out, _legend(voice=voice))
