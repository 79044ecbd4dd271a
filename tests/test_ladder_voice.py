"""Whose words (issue 22; docs/ladder.md: Whose words): on a ladder other than the built-in one,
output names the ladder's own ``source`` instead of "the text", and leaves out empty wording and
learning lines; the built-in ladder's output keeps "the text"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aiml_career.render import Voice, voice

ROOT = Path(__file__).resolve().parents[1]

SOURCE = "Acme engineering ladder 2026"

ACME = {
    "format": 2,
    "title": "Acme ladder",
    "source": SOURCE,
    "stages": [{"id": "one", "name": "Level one", "order": 1}, {"id": "two", "name": "Level two", "order": 2}],
    "skill_categories": [{"id": "core", "name": "Core"}],
    "skills": [{"id": "python", "name": "Python", "category": "core"},
               {"id": "sql", "name": "SQL", "category": "core"}],
    "roles": [
        {"id": "eng-1", "name": "Engineer I", "stage": "one",
         "requirements": [{"skill": "python", "level": "basic"}],
         "next": [{"to": "eng-2", "kind": "promotion", "basis": "editorial", "note": "Acme promotes"}]},
        {"id": "eng-2", "name": "Engineer II", "stage": "two",
         "requirements": [{"skill": "python", "level": "advanced"},
                          {"skill": "sql", "level": "proficient", "wording": "good SQL"}]},
    ],
}


def write(tmp_path, doc: dict, name: str = "acme.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


@pytest.fixture
def acme(tmp_path):
    return write(tmp_path, ACME)


def never_the_text(out: str) -> None:
    assert "the text" not in out.lower()
    assert "\u201c\u201d" not in out  # no empty quotes
    assert "learn: —" not in out.lower()
    assert "learn:   —" not in out




@pytest.mark.parametrize("args", [
    ["show", "eng-2"], ["show", "eng-1"], ["next", "--from", "eng-1"], ["path", "--from", "eng-1", "--to", "eng-2"],
    ["plan", "--from", "eng-1", "--to", "eng-2"], ["tree"],
    ["plan", "--from", "eng-1", "--to", "eng-2", "--format", "markdown"], ["export", "--format", "markdown", "-o", "-"],
])
def test_a_custom_ladder_never_speaks_as_the_text(cli, acme, args):
    result = cli("--color", "never", "--data", acme, *args, stdout_isatty=True, columns=200)
    assert result.exit_code == 0, result.stderr
    never_the_text(result.stdout)
    piped = cli("--data", acme, *args)
    never_the_text(piped.stdout)


def test_show_heads_the_wording_with_the_ladders_source(cli, acme):
    out = cli("--color", "never", "--data", acme, "show", "eng-2", stdout_isatty=True, columns=200).stdout
    assert f"{SOURCE} says" in out
    assert f"text = {SOURCE} says so" in out
    # eng-1's rows have no words: no column for them, and no empty responsibilities heading.
    one = cli("--color", "never", "--data", acme, "show", "eng-1", stdout_isatty=True, columns=200).stdout
    assert "says" not in one.split("Requirements")[1].splitlines()[1]
    assert "Responsibilities" not in one


def test_plan_leaves_out_empty_wording_and_learn_lines(cli, acme):
    out = cli("--color", "never", "--data", acme, "plan", "--from", "eng-1", "--to", "eng-2",
              stdout_isatty=True, columns=200).stdout
    assert "for:     step 1, Engineer II (eng-2)\n" in out  # Python's row: no words, no quotes
    assert "step 1, Engineer II (eng-2): \u201cgood SQL\u201d" in out
    assert "learn:" not in out
    assert f"not {SOURCE}'s" in out


def test_plan_markdown_quotes_the_source(cli, acme):
    out = cli("--data", acme, "plan", "--from", "eng-1", "--to", "eng-2", "--format", "markdown").stdout
    assert f"  - {SOURCE}: \u201cgood SQL\u201d" in out
    assert "Learn:" not in out
    assert out.count(SOURCE) == 2  # the one row with words, and the closing note


def test_the_handbook_heads_the_wording_with_the_source(cli, acme):
    out = cli("--data", acme, "export", "--format", "markdown", "-o", "-").stdout
    assert f"| Requirement | Level | {SOURCE} says |" in out
    assert "| Requirement | Level |\n|---|---|\n| Python | basic |" in out  # eng-1: no words at all


def test_the_ladders_own_resources_are_its_own(cli, tmp_path):
    doc = json.loads(json.dumps(ACME))
    doc["resources"] = [{"id": "acme-cert", "name": "Acme Python Certificate", "kind": "certification",
                         "provider": "Acme", "skills": ["python"], "skills_basis": "text"}]
    path = write(tmp_path, doc)
    skill = cli("--color", "never", "--data", path, "skills", "python", stdout_isatty=True, columns=200).stdout
    assert f"learn: {SOURCE}'s: Acme Python Certificate" in skill
    markdown = cli("--data", path, "plan", "--from", "eng-1", "--to", "eng-2", "--format", "markdown").stdout
    assert f"  - Learn: Acme Python Certificate ({SOURCE}'s certification)" in markdown
    handbook = cli("--data", path, "export", "--format", "markdown", "-o", "-").stdout
    assert f"Acme Python Certificate ({SOURCE}'s certification)" in handbook
    for out in (skill, markdown, handbook):
        never_the_text(out)


def test_a_ladder_without_a_source_speaks_as_the_ladder(cli, tmp_path):
    doc = json.loads(json.dumps(ACME))
    del doc["source"]
    out = cli("--color", "never", "--data", write(tmp_path, doc), "show", "eng-2",
              stdout_isatty=True, columns=200).stdout
    assert "The ladder says" in out
    never_the_text(out)


def test_the_voice_rule():
    assert voice(True, "anything") == Voice("the text")
    assert voice(False, "  Acme\nladder ") == Voice("Acme ladder")
    assert voice(False, "") == Voice("the ladder")
    assert voice(False, "x" * 61) == Voice("the ladder")  # a description, not a name
    assert Voice("the ladder").says == "The ladder says"
    assert Voice("acme.com ladder").says == "acme.com ladder says"  # spelled as the source spells it


def test_the_built_in_ladder_still_speaks_as_the_text(cli):
    show = cli("--color", "never", "show", "ml-engineer", stdout_isatty=True, columns=200).stdout
    assert "The text says" in show
    assert "text = the source says so" in show
    markdown = cli("plan", "--from", "junior-ds", "--to", "ml-engineer", "--format", "markdown").stdout
    assert "  - The text: \u201c" in markdown
    assert "not the text's." in markdown
    handbook = cli("export", "--format", "markdown", "-o", "-").stdout
    assert "| Requirement | Level | The text says |" in handbook


def test_an_overlay_on_the_built_in_ladder_keeps_the_texts_words_for_its_roles(cli):
    # examples/acme-overlay.json gives no source: the built-in roles speak as the text, the
    # roles it adds or replaces as the overlay (docs/ladder.md: Whose words).
    overlay = str(ROOT / "examples" / "acme-overlay.json")
    builtin_role = cli("--color", "never", "--data", overlay, "show", "data-scientist",
                       stdout_isatty=True, columns=200)
    assert builtin_role.exit_code == 0
    assert "The text says" in builtin_role.stdout
    replaced = cli("--color", "never", "--data", overlay, "show", "senior-mle", stdout_isatty=True, columns=200)
    assert "replaced by the overlay" in replaced.stdout
    assert "The text says" not in replaced.stdout
    assert "not the text's" not in replaced.stdout
