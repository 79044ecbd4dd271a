"""A validator that guides (issue 22): every problem in one run, "did you mean" for unknown
references, ids and levels said in words.

Each test breaks a copy of examples/data-engineering.json and checks the messages
``validate --json`` gives.
"""

from __future__ import annotations

import json

import pytest

from aiml_career.ladder.levels import HAVE_WORDS

from conftest import EXAMPLE


def broken(tmp_path, change) -> str:
    """A copy of the example ladder with ``change(doc)`` applied: its path."""
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    change(doc)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return str(path)


def messages(cli, path: str) -> dict[str, str]:
    """``validate --json`` on an invalid file: its messages by place."""
    result = cli("validate", path, "--json")
    assert result.exit_code == 1, result.stdout + result.stderr
    return {p["path"]: p["message"] for p in result.json()["problems"]}


@pytest.mark.parametrize(
    ("place", "change", "message"),
    [
        ("roles[1].requirements[0].skill", lambda doc: doc["roles"][1]["requirements"][0].update(skill="pythn"),
         "unknown skill 'pythn' (did you mean 'python'?)"),
        ("roles[0].next[0].to", lambda doc: doc["roles"][0]["next"][0].update(to="data-enginer"),
         "unknown role 'data-enginer' (did you mean 'data-engineer'?)"),
        ("roles[2].stage", lambda doc: doc["roles"][2].update(stage="senoir"),
         "unknown stage 'senoir' (did you mean 'senior'?)"),
        ("roles[2].track", lambda doc: doc["roles"][2].update(track="engneering"),
         "unknown track 'engneering' (did you mean 'engineering'?)"),
        ("skills[0].category", lambda doc: doc["skills"][0].update(category="languges"),
         "unknown skill category 'languges' (did you mean 'languages'?)"),
    ],
)
def test_an_unknown_reference_says_the_closest_id(cli, tmp_path, place, change, message):
    assert messages(cli, broken(tmp_path, change))[place] == message


def test_a_reference_is_matched_by_name_too(cli, tmp_path):
    # "Python" is the skill's name: the id it names is given.
    path = broken(tmp_path, lambda doc: doc["roles"][1]["requirements"][0].update(skill="pyhton-lang"))
    assert messages(cli, path)["roles[1].requirements[0].skill"] == (
        "unknown skill 'pyhton-lang' (did you mean 'python'?)"
    )


def test_nothing_close_gives_no_suggestion(cli, tmp_path):
    path = broken(tmp_path, lambda doc: doc["roles"][2].update(stage="zzzz"))
    assert messages(cli, path)["roles[2].stage"] == "unknown stage 'zzzz'"


def test_an_id_over_100_characters_is_said_in_words(cli, tmp_path):
    long_id = "senior" + "-x" * 60
    path = broken(tmp_path, lambda doc: doc["roles"][0]["next"][0].update(to=long_id))
    assert messages(cli, path)["roles[0].next[0].to"] == "an id is at most 100 characters"


def test_a_reference_over_100_characters_is_not_looked_up():
    from aiml_career.ladder.model import LadderDoc
    from aiml_career.ladder.suggestions import add_suggestions

    doc = LadderDoc.model_validate_json(EXAMPLE.read_bytes())
    long_id = "senior" + "-x" * 60
    found = [
        (("roles", 0, "next", 0, "to"), f"unknown role {long_id!r}"),
        (("roles", 1, "stage"), "unknown stage 'senoir'"),
    ]
    add_suggestions(found, doc)
    assert found == [
        (("roles", 0, "next", 0, "to"), f"unknown role {long_id!r}"),
        (("roles", 1, "stage"), "unknown stage 'senoir' (did you mean 'senior'?)"),
    ]


def test_a_bad_id_is_said_in_words_with_one_to_try(cli, tmp_path):
    path = broken(tmp_path, lambda doc: doc["roles"][1].update(id="ML Engineer II"))
    assert messages(cli, path)["roles[1].id"] == (
        "an id is lowercase letters, digits and single hyphens: try 'ml-engineer-ii'"
    )


def test_a_bad_reference_id_is_said_in_words_too(cli, tmp_path):
    path = broken(tmp_path, lambda doc: doc["roles"][1].update(stage="Mid_Level"))
    assert messages(cli, path)["roles[1].stage"] == (
        "an id is lowercase letters, digits and single hyphens: try 'mid-level'"
    )


def test_an_id_with_nothing_to_keep_has_no_suggestion(cli, tmp_path):
    path = broken(tmp_path, lambda doc: doc["roles"][1].update(id="!!!"))
    result = cli("validate", path, "--json")
    said = [p["message"] for p in result.json()["problems"] if p["path"] == "roles[1].id"]
    assert "an id is lowercase letters, digits and single hyphens" in said


def test_a_have_word_as_a_level_says_which_level_to_write(cli, tmp_path):
    path = broken(tmp_path, lambda doc: doc["roles"][1]["requirements"][0].update(level="intermediate"))
    assert messages(cli, path)["roles[1].requirements[0].level"] == (
        "a level is 'basic', 'proficient', 'advanced' or 'expert': "
        "'intermediate' means 'proficient' (as in --have), so write 'proficient'"
    )


def test_the_level_advice_follows_the_have_table():
    assert HAVE_WORDS["intermediate"] == "proficient"


def test_an_unknown_level_word_lists_the_levels(cli, tmp_path):
    path = broken(tmp_path, lambda doc: doc["roles"][1]["requirements"][0].update(level="guru"))
    assert messages(cli, path)["roles[1].requirements[0].level"] == (
        "a level is 'basic', 'proficient', 'advanced' or 'expert'"
    )


def test_a_related_skill_level_is_said_the_same_way(cli, tmp_path):
    def change(doc):
        doc["skills"][0]["related"] = [{"skill": "python", "up_to": "beginner", "basis": "editorial", "note": "n"}]

    assert messages(cli, broken(tmp_path, change))["skills[0].related[0].up_to"] == (
        "a level is 'basic', 'proficient', 'advanced' or 'expert': "
        "'beginner' means 'basic' (as in --have), so write 'basic'"
    )


def break_everything(doc: dict) -> None:
    """The issue's rounds in one file: a bad id, a have-word level and an unknown skill in
    the same role, an unknown stage there, a move without a basis elsewhere."""
    role = doc["roles"][1]
    role["id"] = "Data Engineer"
    role["requirements"][0]["level"] = "intermediate"
    role["requirements"][2]["skill"] = "pytorh"
    role["stage"] = "midd"
    del doc["roles"][3]["next"][0]["basis"]


def test_every_problem_is_reported_in_one_run(cli, tmp_path):
    found = messages(cli, broken(tmp_path, break_everything))
    assert set(found) == {
        "roles[0].next[0].to", "roles[1].id", "roles[1].stage", "roles[1].requirements[0].level",
        "roles[1].requirements[2].skill", "roles[2].next[0].to", "roles[3].next[0]",
    }


def test_an_ill_shaped_role_still_has_its_references_checked(cli, tmp_path):
    found = messages(cli, broken(tmp_path, break_everything))
    # The row after the dropped one keeps its place in the file.
    assert found["roles[1].requirements[2].skill"] == "unknown skill 'pytorh' (did you mean 'python'?)"


def test_an_ill_shaped_role_still_has_its_stage_checked(cli, tmp_path):
    assert messages(cli, broken(tmp_path, break_everything))["roles[1].stage"] == (
        "unknown stage 'midd' (did you mean 'mid'?)"
    )


def test_a_missing_basis_comes_with_the_shape_problems(cli, tmp_path):
    assert messages(cli, broken(tmp_path, break_everything))["roles[3].next[0]"] == (
        "missing 'basis': text, titles or editorial"
    )


def test_a_reference_to_a_bad_id_suggests_the_id_as_written(cli, tmp_path):
    assert messages(cli, broken(tmp_path, break_everything))["roles[0].next[0].to"] == (
        "unknown role 'data-engineer' (did you mean 'Data Engineer'?)"
    )


def test_problems_in_one_run_keep_their_lines(cli, tmp_path):
    result = cli("validate", broken(tmp_path, break_everything), "--json")
    lines = [p["line"] for p in result.json()["problems"]]
    assert lines == sorted(lines)
    assert all(lines)


def test_suggestions_are_capped_per_report(cli, tmp_path):
    def change(doc):
        for role in doc["roles"]:
            for row in role["requirements"]:
                row.update(skill="pythn", any_of=[], all_of=[])

    found = list(messages(cli, broken(tmp_path, change)).values())
    suggested = [m for m in found if "did you mean" in m]
    assert len(suggested) == 20
    assert len(found) > 20
