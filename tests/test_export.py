"""Diagrams and documents: ``export``, ``show``/``path --format mermaid``, ``tree``;
and every command run against the example ladder through ``--data``."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aiml_career.errors import sanitize

from conftest import BUILTIN, EXAMPLE, main_in_process

LADDERS = pytest.mark.parametrize("ladder", [BUILTIN, EXAMPLE], ids=["builtin", "example"])


def load_json(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def one_line(text: str) -> str:
    """A name as a diagram shows it: one line, control characters escaped."""
    return sanitize(" ".join(text.split()))


def edges_of(doc: dict) -> list[tuple[str, str, str]]:
    return [(r["id"], m["to"], m["kind"]) for r in doc["roles"] for m in r.get("next", [])]


@pytest.fixture
def hostile(tmp_path) -> Path:
    """The example ladder with names that try to break out of every format."""
    doc = load_json(EXAMPLE)
    evil = 'Evil "quoted" [bracket] (paren) {brace} <b>tag</b> & amp #quot; `tick` \\back\\slash | pipe'
    doc["title"] = 'A "ladder" \\ with {braces}'
    doc["stages"][0]["name"] = 'Entry "stage" [one]\nend\nsubgraph x'
    doc["stages"][1]["name"] = "Mid\x07bell \x1b[31mred\x1b[0m"
    doc["roles"][0]["name"] = evil
    doc["roles"][0]["responsibilities"] = ["Line one\nline two | with pipe", "# not a heading *not bold*"]
    doc["roles"][1]["name"] = "graph"
    doc["roles"][2]["name"] = 'Back\\slash at the end\\'
    doc["roles"][3]["name"] = "- looks like a list\n1. and another"
    doc["skills"][0]["name"] = "S|Q|L"
    doc["skills"][1]["aliases"] = ["py|thon", "p\ny"]
    # a role whose id is a Mermaid keyword, reached by a lateral move
    doc["roles"].append({"id": "end", "name": "subgraph", "stage": "lead", "track": "engineering"})
    doc["roles"][4]["next"] = [{"to": "end", "kind": "lateral", "basis": "editorial", "note": "[bold]why[/] \x1b[31m"}]
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), "utf-8")
    return path


def test_the_hostile_ladder_is_valid(cli, hostile):
    assert cli("validate", str(hostile)).exit_code == 0


def export(cli, ladder: Path, fmt: str) -> str:
    result = cli("--data", str(ladder), "export", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


# -- Mermaid -----------------------------------------------------------------------

MERMAID_ID = r"[A-Za-z_][A-Za-z0-9_]*"
MERMAID_LABEL = r'"([^"\x00-\x1f\x7f]*)"'
MERMAID_LINE = {
    "header": re.compile(r"flowchart TB"),
    "subgraph": re.compile(rf"subgraph ({MERMAID_ID})\[{MERMAID_LABEL}\]"),
    "end": re.compile(r"end"),
    "node": re.compile(rf"({MERMAID_ID})\[{MERMAID_LABEL}\]"),
    "edge": re.compile(rf"({MERMAID_ID}) (-->|-\.->) ({MERMAID_ID})"),
}
MERMAID_KEYWORDS = {"end", "subgraph", "graph", "flowchart", "style", "class", "classDef", "click", "direction"}
ENTITIES = {"quot": '"', "amp": "&", "lt": "<", "gt": ">"}


def unescape_mermaid(label: str) -> str:
    # Raw characters that Mermaid would read as markup must not be there at all.
    assert not set(label) & set('"<>`'), label
    for entity in re.findall(r"#([^;]*);", label):
        assert entity in ENTITIES or entity.isdigit(), label
    return re.sub(
        r"#(\w+);", lambda m: chr(int(m[1])) if m[1].isdigit() else ENTITIES[m[1]], label
    )


class Flowchart:
    """What a Mermaid flowchart declares: subgraphs with their nodes, and edges."""

    def __init__(self, text: str) -> None:
        assert text.endswith("\n")
        lines = [line.strip() for line in text.splitlines()]
        assert lines[0] == "flowchart TB"
        self.subgraphs: dict[str, str] = {}  # id -> label
        self.members: dict[str, list[str]] = {}  # subgraph id -> node ids
        self.nodes: dict[str, str] = {}  # id -> label
        self.edges: list[tuple[str, str, str]] = []
        current: str | None = None
        for number, line in enumerate(lines[1:], start=2):
            kind, match = next(
                ((k, m) for k, rx in MERMAID_LINE.items() if (m := rx.fullmatch(line))), (None, None)
            )
            assert kind not in (None, "header"), f"line {number} is not a flowchart line: {line!r}"
            if kind == "subgraph":
                assert current is None, f"line {number}: nested subgraph"
                sid, label = match[1], unescape_mermaid(match[2])
                assert sid not in self.subgraphs
                assert sid not in MERMAID_KEYWORDS
                self.subgraphs[sid] = label
                self.members[sid] = []
                current = sid
            elif kind == "end":
                assert current is not None, f"line {number}: 'end' without a subgraph"
                current = None
            elif kind == "node":
                nid = match[1]
                assert nid not in self.nodes, line
                assert nid not in MERMAID_KEYWORDS, line
                assert current is not None, f"line {number}: a node outside every subgraph"
                self.nodes[nid] = unescape_mermaid(match[2])
                self.members[current].append(nid)
            else:
                self.edges.append((match[1], "promotion" if match[2] == "-->" else "lateral", match[3]))
        assert current is None, "a subgraph is never closed"
        assert not set(self.subgraphs) & set(self.nodes)
        for src, _, dst in self.edges:
            assert src in self.nodes, f"undeclared node in {src} -> {dst}"
            assert dst in self.nodes, f"undeclared node in {src} -> {dst}"

    def by_label(self) -> dict[str, str]:
        return {label: nid for nid, label in self.nodes.items()}

    def named_edges(self) -> set[tuple[str, str, str]]:
        """Edges as (from label, to label, kind)."""
        return {(self.nodes[s], self.nodes[d], k) for s, k, d in self.edges}


def expected_edges(doc: dict) -> set[tuple[str, str, str]]:
    names = {r["id"]: one_line(r["name"]) for r in doc["roles"]}
    return {(names[s], names[d], k) for s, d, k in edges_of(doc)}


@LADDERS
def test_mermaid_draws_the_whole_ladder(cli, ladder):
    doc = load_json(ladder)
    chart = Flowchart(export(cli, ladder, "mermaid"))
    stage_names = {s["id"]: one_line(s["name"]) for s in doc["stages"]}
    used = {r["stage"] for r in doc["roles"]}
    assert sorted(chart.subgraphs.values()) == sorted(stage_names[s] for s in used)
    assert sorted(chart.nodes.values()) == sorted(one_line(r["name"]) for r in doc["roles"])
    # every role sits in its own stage's subgraph
    by_label = {v: k for k, v in chart.subgraphs.items()}
    for role in doc["roles"]:
        members = chart.members[by_label[stage_names[role["stage"]]]]
        assert one_line(role["name"]) in [chart.nodes[m] for m in members]
    # promotions solid, lateral moves dotted, each one once
    kinds = [k for _, k, _ in chart.edges]
    data_kinds = [k for _, _, k in edges_of(doc)]
    assert kinds.count("promotion") == data_kinds.count("promotion") > 0
    assert kinds.count("lateral") == data_kinds.count("lateral") > 0
    assert chart.named_edges() == expected_edges(doc)


def test_mermaid_labels_survive_a_hostile_ladder(cli, hostile):
    doc = load_json(hostile)
    chart = Flowchart(export(cli, hostile, "mermaid"))
    assert sorted(chart.nodes.values()) == sorted(one_line(r["name"]) for r in doc["roles"])
    assert one_line(doc["stages"][0]["name"]) in chart.subgraphs.values()
    assert "Mid\\x07bell \\x1b[31mred\\x1b[0m" in chart.subgraphs.values()
    assert chart.named_edges() == expected_edges(doc)


def test_show_mermaid_draws_the_neighbourhood(cli):
    doc = load_json(EXAMPLE)
    result = cli("--data", str(EXAMPLE), "show", "Senior Data Engineer", "--format", "mermaid")
    assert result.exit_code == 0, result.stderr
    chart = Flowchart(result.stdout)
    names = {r["id"]: r["name"] for r in doc["roles"]}
    near = [e for e in edges_of(doc) if "senior-de" in e[:2]]
    assert sorted(chart.nodes.values()) == sorted(
        {names[i] for s, d, _ in near for i in (s, d)}
    )
    assert chart.named_edges() == {(names[s], names[d], k) for s, d, k in near}
    # the lateral moves between the two mid-level roles are not part of it
    assert all(k == "promotion" for _, k, _ in chart.edges)


def test_show_mermaid_of_a_role_with_lateral_moves(cli):
    result = cli("--data", str(EXAMPLE), "show", "data-engineer", "--format", "mermaid")
    chart = Flowchart(result.stdout)
    assert ("Data Engineer", "Analytics Engineer", "lateral") in chart.named_edges()
    assert ("Analytics Engineer", "Data Engineer", "lateral") in chart.named_edges()
    assert "Staff Data Engineer" not in chart.nodes.values()


def test_path_mermaid_draws_only_the_route(cli):
    result = cli("--data", str(EXAMPLE), "path", "--from", "junior-de", "--to", "staff-de", "--format", "mermaid")
    assert result.exit_code == 0, result.stderr
    chart = Flowchart(result.stdout)
    # two tied routes: through Data Engineer or through Analytics Engineer
    assert sorted(chart.nodes.values()) == sorted(
        ["Junior Data Engineer", "Data Engineer", "Analytics Engineer", "Senior Data Engineer", "Staff Data Engineer"]
    )
    assert chart.named_edges() == {
        ("Junior Data Engineer", "Data Engineer", "promotion"),
        ("Junior Data Engineer", "Analytics Engineer", "promotion"),
        ("Data Engineer", "Senior Data Engineer", "promotion"),
        ("Analytics Engineer", "Senior Data Engineer", "promotion"),
        ("Senior Data Engineer", "Staff Data Engineer", "promotion"),
    }
    assert len(chart.edges) == 5  # a shared step is drawn once


def test_path_mermaid_with_a_lateral_move(cli):
    result = cli(
        "--data", str(EXAMPLE), "path", "--from", "data-engineer", "--to", "analytics-engineer",
        "--allow-lateral", "--format", "mermaid",
    )
    assert result.exit_code == 0, result.stderr
    assert Flowchart(result.stdout).named_edges() == {("Data Engineer", "Analytics Engineer", "lateral")}


@pytest.mark.parametrize(
    "args",
    [
        ("show", "data-engineer", "--json", "--format", "mermaid"),
        ("path", "--from", "junior-de", "--to", "staff-de", "--json", "--format", "mermaid"),
        ("show", "streaming-systems", "--format", "mermaid"),
    ],
    ids=["show-json", "path-json", "specialization"],
)
def test_mermaid_usage_errors(cli, args):
    result = cli("--data", str(EXAMPLE), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("aiml-career: error:")


def test_json_format_is_the_same_as_json(cli):
    a = cli("--data", str(EXAMPLE), "show", "data-engineer", "--format", "json")
    b = cli("--data", str(EXAMPLE), "show", "data-engineer", "--json")
    assert a.exit_code == b.exit_code == 0
    assert a.stdout == b.stdout


# -- Graphviz DOT -------------------------------------------------------------------

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz 'dot' is not installed (.ci/run installs it)"
)


def svg_texts(dot_source: str) -> list[str]:
    """Render with Graphviz; the texts the picture shows."""
    done = subprocess.run(
        ["dot", "-Tsvg"], input=dot_source.encode("utf-8"), capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Warning" not in done.stderr, done.stderr
    assert b"Error" not in done.stderr, done.stderr
    root = ET.fromstring(done.stdout)
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_dot_structure(cli):
    doc = load_json(EXAMPLE)
    text = export(cli, EXAMPLE, "dot")
    assert text.startswith("digraph ")
    assert text.rstrip().endswith("}")
    assert text.count("subgraph cluster_") == len({r["stage"] for r in doc["roles"]})
    assert text.count("[style=solid]") == sum(k == "promotion" for *_, k in edges_of(doc))
    assert text.count("[style=dashed]") == sum(k == "lateral" for *_, k in edges_of(doc))


@needs_dot
@LADDERS
def test_dot_parses(cli, ladder):
    doc = load_json(ladder)
    texts = svg_texts(export(cli, ladder, "dot"))
    for role in doc["roles"]:
        assert role["name"] in texts
    for stage in doc["stages"]:
        if any(r["stage"] == stage["id"] for r in doc["roles"]):  # a stage without roles has no cluster
            assert stage["name"] in texts


@needs_dot
def test_dot_parses_a_hostile_ladder(cli, hostile):
    doc = load_json(hostile)
    texts = svg_texts(export(cli, hostile, "dot"))
    for item in [*doc["roles"], *doc["stages"]]:
        assert one_line(item["name"]) in texts, item["name"]


# -- the Markdown handbook ----------------------------------------------------------


def md_escape(text: str) -> str:
    text = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]#|~])", r"\\\1", text)


def contents(text: str) -> list[str]:
    """The anchors the Contents section links to."""
    section = text.split("## Contents\n", 1)[1].split("\n\n<a ", 1)[0]
    return re.findall(r"\]\(#([^)]+)\)", section)


@LADDERS
def test_markdown_handbook(cli, ladder):
    doc = load_json(ladder)
    text = export(cli, ladder, "markdown")
    assert text.startswith(f"# {doc['title']}\n")
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', text))
    linked = contents(text)
    assert linked == list(dict.fromkeys(linked)), "a Contents entry is repeated"
    assert set(linked) <= anchors
    for stage in doc["stages"]:
        assert f"stage-{stage['id']}" in linked
        assert f"\n## {md_escape(stage['name'])}\n" in text
    for role in doc["roles"]:
        assert f"role-{role['id']}" in linked
        assert f"\n### {md_escape(role['name'])}\n" in text
        for duty in role.get("responsibilities", []):
            assert f"\n- {md_escape(duty)}\n" in text
    # every link in the document leads to an anchor in it
    assert set(re.findall(r"\]\(#([^)]+)\)", text)) <= anchors


def table_rows(text: str) -> list[list[str]]:
    """Each table: its rows' unescaped-pipe counts must all agree."""
    tables, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


def test_markdown_survives_a_hostile_ladder(cli, hostile):
    doc = load_json(hostile)
    text = export(cli, hostile, "markdown")
    tables = table_rows(text)
    assert tables
    for table in tables:
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table}
        assert len(widths) == 1, table
    assert "| S\\|Q\\|L |" in text
    assert "py\\|thon, p y" in text
    for role in doc["roles"]:
        assert f"role-{role['id']}" in contents(text)
        heading = f"### {md_escape(role['name'])}"
        if role["name"].startswith("- "):
            heading = "### \\" + heading[4:]
        assert f"\n{heading}\n" in text
    assert "\n- Line one line two \\| with pipe\n" in text
    assert "\n- \\# not a heading \\*not bold\\*\n" in text
    assert "<b>" not in text
    assert "\x1b" not in text
    assert "\x07" not in text
    # no line of the document starts a list or heading that the data did not ask for
    assert "\n1. and another" not in text
    assert "\nend\n" not in text


# -- normalised JSON: export -> validate -> export ---------------------------------------


@LADDERS
def test_json_round_trip(cli, ladder, tmp_path):
    first = tmp_path / "first.json"
    result = cli("--data", str(ladder), "export", "--format", "json", "--output", str(first))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    checked = cli("validate", str(first), "--json")
    assert checked.exit_code == 0, checked.stdout
    assert checked.json()["valid"] is True
    again = cli("--data", str(first), "export", "--format", "json")
    assert again.exit_code == 0
    assert again.stdout.encode("utf-8") == first.read_bytes()
    # the same ladder: every value of the source, with defaults spelled out
    exported, source = json.loads(first.read_text("utf-8")), load_json(ladder)
    assert [r["id"] for r in exported["roles"]] == [r["id"] for r in source["roles"]]
    assert exported["title"] == source["title"]
    assert edges_of(exported) == edges_of(source)


def test_json_export_is_stdout_by_default(cli):
    text = export(cli, EXAMPLE, "json")
    doc = json.loads(text)
    assert doc["format"] == 2
    assert doc["roles"][0]["id"] == "junior-de"
    assert "$schema" in doc


# -- --output -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["mermaid", "dot", "markdown", "json"])
def test_output_writes_the_file_and_nothing_else(cli, tmp_path, fmt):
    dest = tmp_path / f"ladder.{fmt}"
    result = cli("--data", str(EXAMPLE), "export", "--format", fmt, "-o", str(dest))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == f"aiml-career: wrote {dest}\n"
    assert dest.read_text("utf-8") == export(cli, EXAMPLE, fmt)


def test_output_replaces_an_existing_file(cli, tmp_path):
    dest = tmp_path / "out.md"
    dest.write_text("old content that is longer than nothing\n" * 1000, "utf-8")
    assert cli("--data", str(EXAMPLE), "export", "--output", str(dest)).exit_code == 0
    assert dest.read_text("utf-8") == export(cli, EXAMPLE, "markdown")


@pytest.mark.parametrize("where", ["missing-dir", "directory"])
def test_output_unwritable(cli, tmp_path, where):
    dest = tmp_path / "no" / "such" / "dir.md" if where == "missing-dir" else tmp_path
    result = cli("--data", str(EXAMPLE), "export", "--output", str(dest))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"aiml-career: error: cannot write {dest}")
    assert "Traceback" not in result.stderr


def test_export_bad_format_is_a_usage_error(cli):
    result = cli("export", "--format", "pdf")
    assert result.exit_code == 2


def test_export_default_is_markdown_through_the_entry_point():
    result = main_in_process(["--data", str(EXAMPLE), "export"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").startswith("# Data engineering ladder (example)\n")


# -- tree ----------------------------------------------------------------------------


@LADDERS
def test_tree_text_lists_every_stage_and_role(cli, ladder):
    doc = load_json(ladder)
    result = cli("--data", str(ladder), "tree")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0].strip() == doc["title"]
    positions = [out.index(s["name"]) for s in sorted(doc["stages"], key=lambda s: s["order"])]
    assert positions == sorted(positions), "stages out of order"
    for role in doc["roles"]:
        assert role["name"] in out
        assert role["id"] in out


def test_tree_json(cli):
    doc = load_json(EXAMPLE)
    result = cli("--data", str(EXAMPLE), "tree", "--json")
    assert result.exit_code == 0
    tree = result.json()
    assert tree["title"] == doc["title"]
    assert [s["id"] for s in tree["stages"]] == [s["id"] for s in doc["stages"]]
    for stage in tree["stages"]:
        assert set(stage) == {"id", "name", "roles"}
        expected = [r for r in doc["roles"] if r["stage"] == stage["id"]]
        assert [r["id"] for r in stage["roles"]] == [r["id"] for r in expected]
        for got, role in zip(stage["roles"], expected):
            assert {"id", "name", "track", "next"} <= set(got)
            assert got["name"] == role["name"]
            assert got["track"] == role["track"]
            assert got["next"] == [
                    {"id": m["to"], "kind": m["kind"], "basis": m["basis"]} for m in role.get("next", [])
                ]


# -- every command against the example ladder ----------------------------------------


EXAMPLE_COMMANDS = [
    (("stages",), "Entry level"),
    (("roles",), "Junior Data Engineer"),
    (("roles", "--stage", "lead"), "Data Engineering Manager"),
    (("show", "DE"), "Owns batch and streaming pipelines."),
    (("show", "streaming-systems"), "Low-latency pipelines."),
    (("compare", "junior-de", "analytics-engineer"), "Analytics Engineer"),
    (("next", "--from", "junior-de"), "Analytics Engineer"),
    (("path", "--from", "junior-de", "--to", "data-manager"), "Data Engineering Manager"),
    (("match", "--have", "sql:advanced, python"), "Junior Data Engineer"),
    (("search", "pipelines"), "Data Engineer"),
    (("skills",), "Workflow orchestration"),
    (("skills", "airflow"), "Workflow orchestration"),
    (("specializations",), "Streaming systems"),
    (("education",), "Information Systems"),
    (("resources",), "dbt Fundamentals"),
    (("tree",), "Staff Data Engineer"),
    (("export",), "Data Engineering Manager"),
    (("export", "--format", "mermaid"), "Data Engineering Manager"),
    (("export", "--format", "dot"), "Data Engineering Manager"),
    (("export", "--format", "json"), "Data Engineering Manager"),
    (("validate",), "data-engineering.json"),
]


@pytest.mark.parametrize(("args", "expected"), EXAMPLE_COMMANDS, ids=[" ".join(a) for a, _ in EXAMPLE_COMMANDS])
def test_every_command_on_the_example(cli, args, expected):
    result = cli("--data", str(EXAMPLE), *args)
    assert result.exit_code == 0, result.stderr
    flat = " ".join(result.stdout.split())
    assert expected in flat
    # nothing of the built-in ladder leaks in
    assert "Chief AI Officer" not in result.stdout
    assert "ML Engineer" not in result.stdout


JSON_COMMANDS = [
    (("stages",), lambda d: [s["id"] for s in d] == ["entry", "mid", "senior", "lead"]),
    (("roles",), lambda d: len(d) == 6),
    (("show", "DE"), lambda d: d["id"] == "data-engineer" and d["previous"] == ["junior-de", "analytics-engineer"]),
    (("compare", "junior-de", "data-engineer"),
     lambda d: [r["id"] for r in d["roles"]] == ["junior-de", "data-engineer"]),
    (("next", "--from", "senior-de"), lambda d: {n["id"] for n in d["next"]} == {"staff-de", "data-manager"}),
    (("path", "--from", "junior-de", "--to", "staff-de"), lambda d: d["moves"] == 3 and d["routes_found"] == 2),
    (("match", "--have", "sql:expert, data-modeling:advanced, warehousing, testing"),
     lambda d: d["roles"][0]["id"] == "analytics-engineer" and d["roles"][0]["readiness"] == 100),
    (("search", "orchestrator"), lambda d: any(h["id"] == "data-engineer" for h in d["hits"])),
    (("skills",), lambda d: [c["id"] for c in d] == ["languages", "platform", "practice", "people"]),
    (("skills", "dbt"), lambda d: d["id"] == "data-modeling"),
    (("specializations",), lambda d: [s["id"] for s in d["specializations"]] == ["streaming-systems"]),
    (("education",),
     lambda d: d["stage"] == "entry" and [s["id"] for s in d["key_skills"]] == ["sql", "python", "version-control"]),
    (("resources",), lambda d: [r["id"] for r in d["certifications"]] == ["gcp-pde"]),
    (("tree",), lambda d: d["title"] == "Data engineering ladder (example)"),
    (("validate",), lambda d: d["valid"] and d["counts"]["roles"] == 6),
]


@pytest.mark.parametrize(("args", "check"), JSON_COMMANDS, ids=[" ".join(a) for a, _ in JSON_COMMANDS])
def test_every_command_on_the_example_json(cli, args, check):
    result = cli("--data", str(EXAMPLE), *args, "--json")
    assert result.exit_code == 0, result.stderr
    assert check(result.json())


def test_the_example_through_the_variable_and_the_entry_point():
    result = main_in_process(["show", "AE", "--json"], env={"AIML_CAREER_DATA": str(EXAMPLE)})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "analytics-engineer"


@pytest.mark.parametrize(
    ("name", "starts"),
    [("ladder.mmd", "flowchart TB"), ("ladder.dot", "digraph"), ("ladder.gv", "digraph"),
     ("ladder.json", "{"), ("ladder.md", "# "), ("ladder.txt", "# ")],
)
def test_export_format_follows_the_output_extension(cli, tmp_path, name, starts):
    dest = tmp_path / name
    result = cli("export", "-o", str(dest))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert dest.read_text(encoding="utf-8").startswith(starts)


def test_an_explicit_format_wins_over_the_extension(cli, tmp_path):
    dest = tmp_path / "ladder.json"
    assert cli("export", "--format", "mermaid", "-o", str(dest)).exit_code == 0
    assert dest.read_text(encoding="utf-8").startswith("flowchart TB")
