"""On a ladder of one's own (``--data``): what a new user's trial of a taxonomy-shaped ladder
tripped on (issue 22). Hints name commands that answer on the same ladder, ``--data builtin`` is
the built-in ladder, sections a ladder leaves out are said so, and nothing prints empty quotes."""

from __future__ import annotations

import json

from conftest import ROOT

TAXONOMY = str(ROOT / "examples" / "taxonomy.json")


def test_hints_name_commands_on_the_ladder_in_use(cli):
    result = cli("--data", TAXONOMY, "next", "--from", "nobody")
    assert result.exit_code == 2
    assert f"see them all with: aiml-career --data {TAXONOMY} roles" in result.stderr
    # A role named where a skill is wanted: the command offered shows it on this ladder.
    result = cli("--data", TAXONOMY, "skills", "data analyst")
    assert result.exit_code == 2
    assert f"aiml-career --data {TAXONOMY} show data-analyst" in result.stderr


def test_hints_need_no_data_when_the_environment_names_the_ladder(cli):
    result = cli("next", "--from", "nobody", env={"AIML_CAREER_DATA": TAXONOMY})
    assert result.exit_code == 2
    assert "see them all with: aiml-career roles" in result.stderr


def test_data_builtin_is_the_built_in_ladder(cli):
    builtin = cli("--data", "builtin", "show", "ml-engineer", "--json")
    default = cli("show", "ml-engineer", "--json")
    assert builtin.exit_code == 0
    assert builtin.stdout == default.stdout
    # and it speaks as the text, as the built-in ladder does
    drawn = cli("--color", "never", "--data", "builtin", "show", "ml-engineer", stdout_isatty=True, columns=200)
    assert "The text says" in drawn.stdout


def test_education_keeps_its_keys_on_a_ladder_without_education(cli):
    result = cli("--data", TAXONOMY, "education", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "stage": None, "degrees": [], "notes": [], "math_foundation": [], "key_skills_text": "",
        "key_skills": [], "advanced_degrees": []}
    said = cli("--data", TAXONOMY, "education")
    assert said.exit_code == 0
    assert said.stdout == ""
    assert "gives no educational foundation" in said.stderr


def test_empty_sections_are_said_not_left_blank(cli):
    for command, words in (("resources", "names no courses"), ("specializations", "names no specializations")):
        result = cli("--data", TAXONOMY, command)
        assert result.exit_code == 0
        assert result.stdout == ""
        assert words in result.stderr


def test_a_plan_row_without_wording_gives_its_reason_without_empty_quotes(cli, tmp_path):
    doc = json.loads((ROOT / "examples" / "taxonomy.json").read_text())
    for role in doc["roles"]:
        for row in role["requirements"]:
            row["wording"] = ""
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(doc))
    goal = doc["roles"][-1]["id"]
    result = cli("--data", str(path), "plan", "--to", goal, "--json")
    reasons = [item["reason"] for item in json.loads(result.stdout)["items"] if item["kind"] == "requirement"]
    assert reasons
    assert all("\u201c" not in reason and reason.endswith(("basic", "proficient", "advanced", "expert"))
               for reason in reasons)


def test_plan_says_why_it_finds_no_route_where_path_may(cli):
    roles = [r["id"] for r in json.loads((ROOT / "examples" / "taxonomy.json").read_text())["roles"]]
    result = cli("--data", TAXONOMY, "plan", "--from", roles[0], "--to", roles[-1])
    assert result.exit_code == 1  # the taxonomy names no move
    assert "a plan follows only the moves the ladder names" in result.stderr


def test_path_with_no_overlap_says_what_it_left_out(cli):
    roles = [r["id"] for r in json.loads((ROOT / "examples" / "taxonomy.json").read_text())["roles"]]
    result = cli("--data", TAXONOMY, "path", "--from", roles[0], "--to", roles[-1], "--no-overlap")
    assert result.exit_code == 1
    assert "--no-overlap left out moves derived from overlap" in result.stderr


def test_similar_into_a_pipe_keeps_its_score_and_extra(cli):
    result = cli("similar", "ml-engineer", "--limit", "1")
    assert result.exit_code == 0
    cells = result.stdout.rstrip("\n").split("\t")
    # id, name, score, there, back, shared, missing, extra (worked out in tests/test_overlap.py)
    assert cells[:3] == ["senior-mle", "Senior Machine Learning Engineer", "51.5"]
    assert len(cells) == 8
    # ML Engineer's rows Senior MLE does not ask for (it asks for neither):
    assert cells[7] == "Version control, CI/CD pipelines"
