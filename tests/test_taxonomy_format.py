"""The taxonomy-friendly format (issue 22): a role's ``track`` is optional and a skill may
carry a ``description``, on examples/taxonomy.json (occupations with described skills,
no tracks, no moves)."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT

TAXONOMY = ROOT / "examples" / "taxonomy.json"
SCHEMA_FILE = ROOT / "schema" / "ladder.schema.json"
SQL = "The query language of relational databases."


def run(cli, *args: str):
    result = cli("--data", str(TAXONOMY), *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    return result


def test_the_taxonomy_example_validates(cli):
    assert run(cli, "validate", "--json").json()["valid"] is True


def test_the_taxonomy_example_validates_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed (optional)")
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text("utf-8")))
    assert list(validator.iter_errors(json.loads(TAXONOMY.read_text("utf-8")))) == []


def test_the_schema_makes_track_optional_and_describes_skills():
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    assert "track" not in schema["$defs"]["Role"]["required"]
    assert "description" in schema["$defs"]["Skill"]["properties"]


def test_a_role_without_a_track_shows_none(cli):
    detail = run(cli, "show", "data-analyst", "--json").json()
    assert detail["track"] is None
    assert detail["track_name"] is None


def test_show_leaves_the_track_out_when_there_is_none(cli):
    out = run(cli, "show", "data-analyst").stdout
    assert "stage: Occupations" in out
    assert "track:" not in out


def test_roles_lists_a_role_without_a_track(cli):
    rows = run(cli, "roles", "--json").json()
    assert [r["track"] for r in rows] == [None, None, None]


def test_a_track_that_is_given_is_still_checked(cli, tmp_path):
    doc = json.loads(TAXONOMY.read_text("utf-8"))
    doc["roles"][0]["track"] = "analytics"
    path = tmp_path / "with-track.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("validate", str(path), "--json")
    assert [p["message"] for p in result.json()["problems"]] == ["unknown track 'analytics'"]


def test_skills_skill_gives_the_description(cli):
    assert run(cli, "skills", "sql", "--json").json()["description"] == SQL


def test_skills_skill_prints_the_description(cli):
    assert SQL in run(cli, "skills", "sql").stdout


def test_the_skills_listing_gives_each_description(cli):
    categories = run(cli, "skills", "--json").json()
    described = {s["id"]: s["description"] for c in categories for s in c["skills"]}
    assert described["sql"] == SQL


def test_a_skill_without_a_description_has_an_empty_one(cli):
    assert cli("skills", "python", "--json").json()["description"] == ""


def test_search_finds_a_skill_by_its_description(cli):
    hits = run(cli, "search", "relational", "--json").json()["hits"]
    assert [(h["type"], h["id"], h["field"]) for h in hits] == [("skill", "sql", "description")]


def test_the_handbook_has_an_about_column_for_described_skills(cli):
    book = run(cli, "export", "--format", "markdown").stdout
    assert f"| SQL | `sql` | {SQL} |" in book


def test_the_handbook_has_no_about_column_for_undescribed_skills(cli):
    assert "| Skill | ID | Also known as |" in cli("export", "--format", "markdown").stdout


def test_the_exported_taxonomy_validates_back(cli, tmp_path):
    exported = tmp_path / "exported.json"
    exported.write_text(run(cli, "export", "--format", "json").stdout, encoding="utf-8")
    assert cli("validate", str(exported), "--json").json()["valid"] is True
