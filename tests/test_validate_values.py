"""Issue 19, item 15: values ``validate`` refuses, each with a plain message at its line.

Unicode digits in O*NET-SOC codes and URL ports (``\\d`` matched them), control and bidi
characters in URLs, an alternative listed twice in ``any_of``, and an ``all_of`` whose
broad skill is also one of its parts.
"""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLE

CODE_SAID = "an O*NET-SOC code is two digits, a hyphen, four digits, a dot and two digits, all 0-9 (such as 15-2051.00)"


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def only_problem(cli, tmp_path, data: dict) -> dict:
    path = tmp_path / "ladder.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = cli("validate", str(path), "--json")
    assert result.exit_code == 1, result.stdout
    (problem,) = result.json()["problems"]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problem["line"] is not None
    problem["text"] = lines[problem["line"] - 1]
    return problem


@pytest.mark.parametrize("code", ["١٥-1243.00", "15-１２４３.00", "15-1243.0٠", "15-1243.00\n"])
def test_an_occupation_code_takes_ascii_digits_only(cli, tmp_path, code):
    data = example()
    data["roles"][1]["occupations"][0]["code"] = code
    problem = only_problem(cli, tmp_path, data)
    assert problem["path"] == "roles[1].occupations[0].code"
    assert problem["message"] == CODE_SAID
    assert '"code":' in problem["text"]


@pytest.mark.parametrize("url", [
    "https://www.postgresql.org:٤٤٣/docs/",  # Arabic-Indic digits in the port
    "https://www.postgresql.org:４４３/docs/",  # full-width digits
    "https://www.postgresql.org/docs/\x00",
    "https://www.postgresql.org/docs/\x7f",
    "https://www.postgresql.org/docs/\x1b[31m",
    "https://www.postgresql.org/docs/\x07",
    "https://www.postgresql.org/docs/\x9b",
    "https://www.postgresql.org/docs/\u202egnp.exe",
    "https://www.postgresql.org/docs/\u2066",
    "https://www.postgresql.org/docs/\u200b",
])
def test_a_url_refuses_unicode_port_digits_and_control_characters(cli, tmp_path, url):
    data = example()
    data["skills"][0]["learn"][0]["url"] = url
    problem = only_problem(cli, tmp_path, data)
    assert problem["path"] == "skills[0].learn[0].url"
    assert problem["message"].startswith("not an https address: https://, a host name, an optional port of digits 0-9")
    assert '"url":' in problem["text"]


@pytest.mark.parametrize("url", ["https://www.postgresql.org:8443/docs/", "https://example.org/caf%C3%A9/é?q=1#x"])
def test_ordinary_urls_still_pass(cli, tmp_path, url):
    data = example()
    data["skills"][0]["learn"][0]["url"] = url
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cli("validate", str(path)).exit_code == 0


def group(data: dict, key: str) -> tuple[int, dict]:
    """The first requirement of the second role with ``key`` (any_of or all_of), and its place."""
    return next((j, r) for j, r in enumerate(data["roles"][1]["requirements"]) if r.get(key))


def test_an_alternative_listed_twice(cli, tmp_path):
    data = example()
    j, alternatives = group(data, "any_of")
    alternatives["any_of"] = ["airflow", "dagster", "airflow"]
    problem = only_problem(cli, tmp_path, data)
    assert problem["path"] == f"roles[1].requirements[{j}].any_of[2]"
    assert problem["message"] == "alternative 'airflow' is listed twice"
    assert '"airflow"' in problem["text"]


def test_an_all_of_whose_broad_skill_is_one_of_its_parts(cli, tmp_path):
    data = example()
    j, parts = group(data, "all_of")
    parts["skill"] = "testing"
    assert parts["all_of"] == ["testing", "version-control"]
    problem = only_problem(cli, tmp_path, data)
    assert problem["path"] == f"roles[1].requirements[{j}].all_of[0]"
    assert problem["message"] == "'testing' is the group's broad skill, not one of its parts"
    assert '"testing"' in problem["text"]


def test_the_foundation_rows_are_checked_alike(cli, tmp_path):
    data = example()
    data["education"]["foundation"] = [
        {"skill": "orchestration", "any_of": ["airflow", "dagster", "airflow"], "level": "basic"},
        {"skill": "python", "all_of": ["python", "sql"], "level": "basic"},
    ]
    path = tmp_path / "foundation.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    result = cli("validate", str(path), "--json")
    assert result.exit_code == 1, result.stdout
    assert [(p["path"], p["message"]) for p in result.json()["problems"]] == [
        ("education.foundation[0].any_of[2]", "alternative 'airflow' is listed twice"),
        ("education.foundation[1].all_of[0]", "'python' is the group's broad skill, not one of its parts"),
    ]
