"""Your own ladder: ``validate``, ``--data`` / $AIML_CAREER_DATA, ``schema``.

The broken ladders are small files in ``tests/bad/``, one per kind of
problem, each a copy of the same tiny valid ladder with one thing wrong.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aiml_career.ladder.loading import builtin_path
from aiml_career.ladder.model import json_schema
from aiml_career.render.json import dumps

from conftest import BUILTIN, EXAMPLE, ROOT, main_in_process

BAD = Path(__file__).resolve().parent / "bad"
SCHEMA_FILE = ROOT / "schema" / "ladder.schema.json"
REGENERATE = "aiml-career schema > schema/ladder.schema.json"


def problems(cli, *args: str) -> list[dict]:
    """``validate ... --json`` on an invalid file: exit 1, and its problems."""
    result = cli("validate", *args, "--json")
    assert result.exit_code == 1, result.stdout + result.stderr
    report = result.json()
    assert report["valid"] is False
    assert result.stderr == ""
    for problem in report["problems"]:
        assert set(problem) == {"path", "message", "line", "file"}
    return report["problems"]


# -- one broken file per kind of problem ---------------------------------------

CASES = [
    # file, path, a fragment of the message, line (None: not known)
    ("wrong-type.json", "roles[0].skills[0].level", "'basic', 'proficient', 'advanced' or 'expert'", 15),
    ("missing-field.json", "roles[1].name", "missing required field 'name'", 18),
    ("unknown-key.json", "roles[1].nmae", "unknown field 'nmae' (did you mean 'name'?)", 20),
    ("unknown-stage.json", "roles[1].stage", "unknown stage 'principal'", 19),
    ("unknown-track.json", "roles[1].track", "unknown track 'management'", 19),
    ("unknown-skill.json", "roles[1].skills[0].skill", "unknown skill 'rust'", 20),
    ("unknown-category.json", "skills[0].category", "unknown skill category 'languages'", 9),
    ("unknown-role.json", "roles[0].next[0].to", "unknown role 'staff'", 16),
    ("duplicate-id.json", "skills[1].id", "duplicate id 'python'", 10),
    ("duplicate-alias.json", "roles[1].aliases[0]", "'Engineer' is already a name of 'junior'", 19),
    ("name-clash.json", "specializations[0].name", "already a name of role 'junior'", 23),
    ("self-transition.json", "roles[1].next[0].to", "cannot lead to itself", 21),
    ("promotion-cycle.json", "roles[1].next[0].to", "promotion cycle: junior -> senior -> junior", 21),
    ("prerequisite-cycle.json", "skills[1].prerequisites[0].skill",
     "prerequisite cycle: docker -> kubernetes -> docker", 11),
    ("duplicate-skill.json", "roles[0].skills[1].skill", "skill 'python' is listed twice", 15),
    ("duplicate-key.json", "roles[0].next", "key 'next' is given twice; only the last one counts", 17),
    ("not-object.json", "", "the document must be a JSON object", 1),
    ("empty.json", "", "the file is empty", None),
    ("whitespace.json", "", "the file is empty", None),
    ("not-utf8.json", "", "not UTF-8", 2),
]


@pytest.mark.parametrize(("name", "path", "fragment", "line"), CASES, ids=[c[0] for c in CASES])
def test_each_kind_of_problem(cli, name, path, fragment, line):
    found = problems(cli, str(BAD / name))
    assert len(found) == 1, found
    (problem,) = found
    assert problem["path"] == path
    assert fragment in problem["message"]
    assert problem["line"] == line


def test_json_syntax_error_has_line_and_column(cli):
    (problem,) = problems(cli, str(BAD / "syntax-error.json"))
    assert problem["path"] == ""
    assert problem["line"] == 5
    assert "line 5 column 5" in problem["message"]


def test_every_bad_file_is_checked():
    tested = {c[0] for c in CASES} | {"syntax-error.json", "three-problems.json", "shape-problems.json", "bom.json"}
    assert {p.name for p in BAD.glob("*.json")} == tested


def test_a_byte_order_mark_is_accepted(cli):
    assert (BAD / "bom.json").read_bytes().startswith(b"\xef\xbb\xbf")
    result = cli("validate", str(BAD / "bom.json"), "--json")
    assert result.exit_code == 0, result.stdout
    assert result.json()["valid"] is True
    shown = cli("--data", str(BAD / "bom.json"), "roles", "--json")
    assert shown.exit_code == 0
    assert [r["id"] for r in shown.json()] == ["junior", "senior"]


def test_reference_problems_are_all_reported_at_once(cli):
    found = problems(cli, str(BAD / "three-problems.json"))
    assert [(p["path"], p["line"]) for p in found] == [
        ("roles[0].next[0].to", 16),
        ("roles[1].stage", 19),
        ("roles[1].skills[0].skill", 20),
    ]
    assert "unknown role 'staff'" in found[0]["message"]
    assert "unknown stage 'principal'" in found[1]["message"]
    assert "unknown skill 'rust'" in found[2]["message"]


def test_shape_problems_are_all_reported_at_once(cli):
    found = problems(cli, str(BAD / "shape-problems.json"))
    assert [(p["path"], p["line"]) for p in found] == [
        ("title", 2),
        ("stages[1].order", 5),
        ("roles[0].next[0].stated", 16),
    ]


def test_lines_are_found_past_tricky_strings(cli, tmp_path):
    """Strings holding brackets, colons, commas and escaped quotes do not throw the line count off."""
    text = (BAD / "wrong-type.json").read_text("utf-8")
    text = text.replace('"title": "Tiny ladder",', '"title": "A \\"{[:,]}\\" \\\\",\n  "intro": "]]]}}} \\\\\\" [",')
    path = tmp_path / "tricky.json"
    path.write_text(text, "utf-8")
    (problem,) = problems(cli, str(path))
    assert problem["path"] == "roles[0].skills[0].level"
    assert problem["line"] == 16  # one line further down than in wrong-type.json


def test_a_problem_under_a_repeated_key_points_at_the_kept_value(cli, tmp_path):
    text = (BAD / "duplicate-key.json").read_text("utf-8")
    text = text.replace('"next": [{"to": "senior", "kind": "promotion", "stated": true}]\n    },',
                        '"next": [{"to": "senior", "kind": "upward", "stated": true}]\n    },')
    path = tmp_path / "twice.json"
    path.write_text(text, "utf-8")
    found = problems(cli, str(path))
    assert [(p["path"], p["line"]) for p in found] == [("roles[0].next", 17), ("roles[0].next[0].kind", 17)]


def test_text_mode_lists_every_problem(cli):
    result = cli("validate", str(BAD / "three-problems.json"))
    assert result.exit_code == 1
    assert "invalid" in result.stdout
    assert "3 problems" in result.stdout
    flat = " ".join(result.stdout.split())  # Rich may wrap long lines
    for where, message in [
        ("roles[0].next[0].to (line 16)", "unknown role 'staff'"),
        ("roles[1].stage (line 19)", "unknown stage 'principal'"),
        ("roles[1].skills[0].skill (line 20)", "unknown skill 'rust'"),
    ]:
        assert f"{where}: {message}" in flat


def test_text_mode_names_the_document_for_a_syntax_error(cli):
    result = cli("validate", str(BAD / "syntax-error.json"))
    assert result.exit_code == 1
    assert "(document) (line 5)" in result.stdout


def test_valid_files(cli):
    for path in (BUILTIN, EXAMPLE):
        roles = len(json.loads(path.read_text("utf-8"))["roles"])
        result = cli("validate", str(path), "--json")
        assert result.exit_code == 0, result.stdout
        report = result.json()
        assert report["valid"] is True
        assert report["problems"] == []
        assert report["file"] == str(path)
        assert report["counts"]["roles"] == roles
    assert cli("validate", str(EXAMPLE), "--json").json()["counts"]["transitions"] == 8
    text = cli("validate", str(EXAMPLE))
    assert text.exit_code == 0
    assert text.stdout.startswith("valid")


# -- a broken ladder in use ----------------------------------------------------


def test_a_broken_data_file_stops_every_command(cli):
    result = cli("--data", str(BAD / "three-problems.json"), "show", "x")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"aiml-career: error: invalid ladder file {BAD / 'three-problems.json'}: 3 problems"
    assert lines[1:] == [
        "  roles[0].next[0].to (line 16): unknown role 'staff'",
        "  roles[1].stage (line 19): unknown stage 'principal'",
        "  roles[1].skills[0].skill (line 20): unknown skill 'rust'",
    ]


def test_a_broken_data_file_through_the_entry_point():
    result = main_in_process(["--data", str(BAD / "wrong-type.json"), "roles"])
    assert result.returncode == 1
    assert result.stdout == b""
    err = result.stderr.decode()
    assert err.startswith("aiml-career: error: invalid ladder file")
    assert "roles[0].skills[0].level (line 15)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_a_data_file_that_cannot_be_read(cli, tmp_path, kind):
    path = tmp_path / "nope.json"
    if kind == "directory":
        path.mkdir()
    result = cli("--data", str(path), "stages")
    assert result.exit_code == 1
    assert result.stdout == ""
    reason = "no such file" if kind == "missing" else "is a directory"
    assert result.stderr.startswith(f"aiml-career: error: cannot read ladder file {path}: {reason}")
    (problem,) = problems(cli, str(path))
    assert problem["path"] == ""
    assert reason in problem["message"]


def test_the_variable_is_named_when_its_file_is_missing(cli, tmp_path):
    path = tmp_path / "gone.json"
    result = cli("stages", env={"AIML_CAREER_DATA": str(path)})
    assert result.exit_code == 1
    assert f"cannot read ladder file {path}" in result.stderr
    assert "AIML_CAREER_DATA" in result.stderr


# -- which ladder is in use: --data, then $AIML_CAREER_DATA, then built in ------------


def stage_ids(result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [s["id"] for s in result.json()]


def test_precedence(cli):
    tiny = str(BAD / "bom.json")
    builtin = stage_ids(cli("stages", "--json"))
    example = stage_ids(cli("--data", str(EXAMPLE), "stages", "--json"))
    assert builtin == [s["id"] for s in json.loads(BUILTIN.read_text("utf-8"))["stages"]]
    assert example == ["entry", "mid", "senior", "lead"]
    assert builtin != example
    env = {"AIML_CAREER_DATA": str(EXAMPLE)}
    assert stage_ids(cli("stages", "--json", env=env)) == example
    assert stage_ids(cli("--data", tiny, "stages", "--json", env=env)) == ["entry", "senior"]


def test_validate_checks_the_ladder_in_use(cli):
    assert cli("validate", "--json").json()["file"] == str(builtin_path())
    env = {"AIML_CAREER_DATA": str(EXAMPLE)}
    assert cli("validate", "--json", env=env).json()["file"] == str(EXAMPLE)
    broken = str(BAD / "unknown-role.json")
    result = cli("--data", broken, "validate", "--json", env=env)  # --data wins over the variable
    assert result.exit_code == 1
    report = result.json()
    assert report["file"] == broken
    assert [p["path"] for p in report["problems"]] == ["roles[0].next[0].to"]


def test_validate_path_wins_over_the_ladder_in_use(cli):
    result = cli("--data", str(BAD / "unknown-role.json"), "validate", str(EXAMPLE), "--json")
    assert result.exit_code == 0
    assert result.json()["file"] == str(EXAMPLE)


# -- the schema ------------------------------------------------------------------------


def test_committed_schema_matches_the_model():
    committed = SCHEMA_FILE.read_text("utf-8") if SCHEMA_FILE.exists() else ""
    assert committed == dumps(json_schema()).decode("utf-8"), (
        f"{SCHEMA_FILE.relative_to(ROOT)} is out of date with aiml_career/model.py; "
        f"regenerate it with: {REGENERATE}"
    )


def test_schema_command_prints_the_committed_schema(cli):
    result = cli("schema")
    assert result.exit_code == 0
    assert result.stdout == SCHEMA_FILE.read_text("utf-8")
    schema = result.json()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert {"title", "stages", "roles"} <= set(schema["required"])
    assert schema["additionalProperties"] is False
    assert "Role" in schema["$defs"]


@pytest.mark.parametrize("path", [BUILTIN, EXAMPLE], ids=["builtin", "example"])
def test_data_files_point_at_the_committed_schema(path):
    doc = json.loads(path.read_text("utf-8"))
    assert doc["$schema"] == "../schema/ladder.schema.json"
    assert (path.parent / doc["$schema"]).resolve() == SCHEMA_FILE.resolve()


@pytest.mark.parametrize("path", [BUILTIN, EXAMPLE], ids=["builtin", "example"])
def test_data_files_validate_against_the_schema(path):
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (optional)")
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text("utf-8")))
    document = json.loads(path.read_text("utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


@pytest.mark.parametrize("name", ["wrong-type.json", "missing-field.json", "unknown-key.json", "not-object.json"])
def test_the_schema_rejects_shape_problems(name):
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (optional)")
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text("utf-8")))
    assert list(validator.iter_errors(json.loads((BAD / name).read_text("utf-8"))))


def test_the_example_is_a_copyable_starting_point(cli, tmp_path):
    """A copy elsewhere still validates (the $schema pointer is only a hint to editors)."""
    copy = tmp_path / "mine.json"
    shutil.copy(EXAMPLE, copy)
    assert cli("validate", str(copy)).exit_code == 0


def test_type_errors_and_broken_references_are_reported_together(cli, tmp_path):
    doc = json.loads((ROOT / "examples" / "data-engineering.json").read_text(encoding="utf-8"))
    doc["roles"][1]["requirements"][0]["level"] = "guru"        # a type error in data-engineer
    doc["roles"][2]["stage"] = "middle"                     # an unknown stage in analytics-engineer
    doc["roles"][0]["next"][0]["to"] = "data-engineer"      # points at the ill-shaped role: not "unknown"
    doc["skills"][0]["category"] = "lingo"                  # an unknown category
    path = tmp_path / "both.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    result = cli("validate", str(path), "--json")
    assert result.exit_code == 1
    problems = {p["path"]: p for p in result.json()["problems"]}
    assert set(problems) == {"roles[1].requirements[0].level", "roles[2].stage", "skills[0].category"}
    assert problems["roles[2].stage"]["message"] == "unknown stage 'middle' (did you mean 'mid'?)"
    assert all(p["line"] for p in problems.values())
    lines = [p["line"] for p in result.json()["problems"]]
    assert lines == sorted(lines)


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.glob("*.json") if p.name != "bom.json"))
def test_an_error_lists_the_problems_validate_lists_in_the_same_order(cli, name):
    path = str(BAD / name)
    loaded = cli("--data", path, "roles")
    report = cli("validate", path)
    assert loaded.exit_code == report.exit_code == 1
    said = [line.strip() for line in loaded.stderr.splitlines()[1:]]
    listed = [line.strip() for line in report.stdout.splitlines()[1:]]
    assert said == listed
    assert said
