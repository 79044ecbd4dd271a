"""Overlays (issue 22): a ladder file that extends the built-in ladder or another file.

examples/acme-overlay.json extends the built-in ladder: it replaces senior-mle, adds
ml-engineer-ii and staff-ml-engineer, and its ``moves`` add junior-ds -> ml-engineer-ii
and ml-engineer -> ml-engineer-ii. Every command runs on it; the expected answers are
worked out from the built-in ladder and the overlay by hand. Then bad overlays: each
problem at its line in the file that holds it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aiml_career.errors import DataError
from aiml_career.ladder import overlay

from conftest import ROOT, cache_folder, cached_load

ACME = ROOT / "examples" / "acme-overlay.json"
BUILTIN_ROLES = ["intern", "junior-ds", "data-scientist", "ml-engineer", "ai-researcher", "senior-ds",
                 "senior-mle", "ai-architect", "ai-ml-manager", "head-of-ai", "caio"]


@pytest.fixture
def acme(cli):
    """``acme("show", "mle", "--json")``: a command on the example overlay."""

    def run(*args: str, code: int = 0):
        result = cli("--data", str(ACME), *args)
        assert result.exit_code == code, result.stdout + result.stderr
        return result

    return run


# -- the example overlay answers every command ----------------------------------------------


def test_the_overlay_validates_with_the_merged_counts(acme):
    report = acme("validate", str(ACME), "--json").json()
    assert report["valid"] is True
    assert report["extends"] == ["builtin"]
    # 11 built-in roles and 2 added; 20 built-in moves, senior-mle's 2 replaced by its own 2,
    # one move each from the 2 added roles, and 2 from the overlay's moves list.
    assert report["counts"]["roles"] == 13
    assert report["counts"]["transitions"] == 24
    text = acme("validate", str(ACME)).stdout
    assert text.startswith(f"valid: {ACME} (extends builtin; 5 stages, 13 roles,")


def test_roles_lists_the_added_roles_after_the_built_in_ones(acme):
    ids = [r["id"] for r in acme("roles", "--json").json()]
    assert ids == [*BUILTIN_ROLES[:5], "ml-engineer-ii", *BUILTIN_ROLES[5:], "staff-ml-engineer"]


def test_show_says_the_overlay_replaced_the_role(acme):
    doc = acme("show", "senior-mle", "--json").json()
    assert doc["overlay"] == {"change": "replaced", "file": str(ACME)}
    assert doc["summary"].startswith("At Acme, senior ML engineers own a production ML service")
    assert doc["next"] == ["staff-ml-engineer", "ai-ml-manager"]  # the built-in ai-architect move is gone
    assert [r["id"] for r in doc["requirements"]] == ["ml-frameworks", "kubernetes", "docker", "ci-cd", "system-design"]
    assert set(doc["previous"]) == {"ml-engineer", "ml-engineer-ii"}
    text = acme("show", "senior-mle").stdout
    assert f"replaced by the overlay {ACME}: its definition, not the one of the ladder it extends" in text


def test_show_says_which_roles_were_added_or_given_moves(acme):
    added = acme("show", "MLE II", "--json").json()
    assert added["id"] == "ml-engineer-ii"
    assert added["overlay"] == {"change": "added", "file": str(ACME)}
    assert added["previous"] == ["junior-ds", "ml-engineer"]
    assert added["next"] == ["senior-mle"]
    extended = acme("show", "ml-engineer", "--json").json()
    assert extended["overlay"] == {"change": "extended", "file": str(ACME)}
    move = extended["next_moves"][-1]
    assert move == {"id": "ml-engineer-ii", "name": "ML Engineer II", "kind": "lateral", "basis": "editorial",
                    "note": "Acme's title for a machine learning engineer at this level."}
    assert acme("show", "intern", "--json").json()["overlay"] is None
    assert "added by the overlay" in acme("show", "staff-ml-engineer").stdout
    assert "overlay" not in acme("show", "intern").stdout


def test_the_built_in_ladder_marks_no_role(cli):
    assert cli("show", "senior-mle", "--json").json()["overlay"] is None


def test_next_offers_the_move_the_overlay_added(acme):
    moves = {m["id"]: m for m in acme("next", "--from", "junior-ds", "--json").json()["next"]}
    assert set(moves) == {"data-scientist", "ml-engineer", "ai-researcher", "ml-engineer-ii"}
    assert moves["ml-engineer-ii"]["kind"] == "promotion"
    assert moves["ml-engineer-ii"]["note"] == "Acme hires its juniors into ML Engineer II."


def test_path_reaches_the_added_staff_role_both_ways(acme):
    doc = acme("path", "--from", "junior-ds", "--to", "staff-ml-engineer", "--json").json()
    assert doc["routes_found"] == 2
    routes = {tuple(step["id"] for step in route["steps"]) for route in doc["routes"]}
    assert routes == {("ml-engineer", "senior-mle", "staff-ml-engineer"),
                      ("ml-engineer-ii", "senior-mle", "staff-ml-engineer")}


def test_plan_follows_the_replaced_role(acme):
    doc = acme("plan", "--from", "ml-engineer-ii", "--to", "Staff MLE", "--json").json()
    assert [step["id"] for step in doc["route"]] == ["senior-mle", "staff-ml-engineer"]
    # Acme's senior-mle asks for CI/CD and system design; the built-in one asks for neither.
    gained = {(i["id"], i["step"]["id"]) for i in doc["items"] if i["action"] == "gain"}
    assert {("ci-cd", "senior-mle"), ("system-design", "senior-mle"), ("leadership", "staff-ml-engineer")} <= gained


def test_match_ranks_the_added_role(acme):
    best = acme("match", "--have", "python,pytorch,docker", "--json").json()["roles"][0]
    # ML Engineer II: python, ML frameworks (any of pytorch) and docker proficient (2 points each)
    # are held; SQL basic (1 point) is not: 6 of 7.
    assert (best["id"], best["points"], best["of"]) == ("ml-engineer-ii", 6, 7)


def test_compare_and_similar_score_the_added_role(acme):
    doc = acme("compare", "ml-engineer-ii", "ml-engineer", "--json").json()
    forward = doc["overlap"][0]
    assert (forward["from"]["id"], forward["to"]["id"]) == ("ml-engineer-ii", "ml-engineer")
    # ml-engineer's 12 points: ML frameworks expert (4), version control, docker, CI/CD and cloud
    # platforms proficient (2 each). ML Engineer II holds docker (2) and frameworks at proficient (2 of 4).
    assert (forward["points"], forward["of"]) == (4, 12)
    similar = acme("similar", "ml-engineer-ii", "--json").json()
    staff = next(r for r in similar["roles"] if r["id"] == "staff-ml-engineer")
    # Staff: system design, kubernetes, docker, frameworks expert (4 each), leadership proficient (2) = 18;
    # held: docker and frameworks at proficient, 2 of 4 each.
    assert (staff["forward"]["points"], staff["forward"]["of"]) == (4, 18)
    assert similar["roles"][0]["id"] == "ml-engineer"


def test_search_skills_and_tree_know_the_added_roles(acme):
    hits = acme("search", "staff", "--json").json()["hits"]
    assert (hits[0]["type"], hits[0]["id"]) == ("role", "staff-ml-engineer")
    users = [r["id"] for r in acme("skills", "docker", "--json").json()["roles"]]
    assert users == ["ml-engineer", "ml-engineer-ii", "senior-mle", "staff-ml-engineer"]
    tree = acme("tree", "--json").json()
    assert tree["title"] == "Acme AI/ML ladder"
    leadership = next(s for s in tree["stages"] if s["id"] == "leadership")
    assert [r["id"] for r in leadership["roles"]][-1] == "staff-ml-engineer"
    junior = next(r for s in tree["stages"] for r in s["roles"] if r["id"] == "junior-ds")
    assert "ml-engineer-ii" in [m["id"] for m in junior["next"]]


def test_export_writes_the_merged_ladder_that_validates_alone(acme, cli, tmp_path):
    out = tmp_path / "acme-full.json"
    acme("export", "--format", "json", "-o", str(out))
    merged = json.loads(out.read_text(encoding="utf-8"))
    assert "extends" not in merged
    assert "moves" not in merged
    assert merged["title"] == "Acme AI/ML ladder"
    ids = [r["id"] for r in merged["roles"]]
    assert ids == [*BUILTIN_ROLES, "ml-engineer-ii", "staff-ml-engineer"]  # file order: base's, then added
    mle = next(r for r in merged["roles"] if r["id"] == "ml-engineer")
    assert mle["next"][-1]["to"] == "ml-engineer-ii"
    report = cli("validate", str(out), "--json").json()
    assert report["valid"] is True
    assert report["extends"] == []
    assert report["counts"]["roles"] == 13
    assert report["counts"]["transitions"] == 24
    # On its own, the exported file is a whole ladder: nothing in it is an overlay's.
    assert cli("--data", str(out), "show", "senior-mle", "--json").json()["overlay"] is None
    # Exported again, it is the same document.
    again = tmp_path / "again.json"
    cli("--data", str(out), "export", "--format", "json", "-o", str(again))
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    markdown = acme("export", "--format", "markdown").stdout
    assert "Staff ML Engineer" in markdown
    assert "At Acme, senior ML engineers" in markdown


def test_standard_input_may_extend_builtin(cli):
    result = cli("validate", "-", "--json", input=ACME.read_bytes())
    assert result.json()["valid"] is True


# -- merging rules ----------------------------------------------------------------------------


def write(path: Path, doc: dict | str) -> Path:
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, indent=2), encoding="utf-8")
    return path


BASE = {
    "title": "Base",
    "stages": [{"id": "junior", "name": "Junior", "order": 1}, {"id": "senior", "name": "Senior", "order": 2}],
    "skill_categories": [{"id": "eng", "name": "Engineering"}],
    "skills": [{"id": "python", "name": "Python", "category": "eng"}, {"id": "sql", "name": "SQL", "category": "eng"}],
    "roles": [
        {"id": "dev", "name": "Developer", "stage": "junior",
         "requirements": [{"skill": "python", "level": "basic"}],
         "next": [{"to": "senior-dev", "kind": "promotion", "basis": "titles", "note": "The title."}]},
        {"id": "senior-dev", "name": "Senior Developer", "stage": "senior",
         "requirements": [{"skill": "python", "level": "advanced"}]},
    ],
}


def test_items_merge_by_id_and_scalars_replace(cli, tmp_path):
    write(tmp_path / "base.json", BASE)
    path = write(tmp_path / "org.json", {
        "extends": "base.json",
        "title": "Org",
        "stages": [{"id": "staff", "name": "Staff", "order": 3}],
        "skills": [{"id": "sql", "name": "Structured Query Language", "category": "eng"},
                   {"id": "go", "name": "Go", "category": "eng"}],
        "roles": [{"id": "staff-dev", "name": "Staff Developer", "stage": "staff",
                   "requirements": [{"skill": "go", "level": "advanced"}]}],
        "moves": [{"from": "senior-dev", "to": "staff-dev", "kind": "promotion", "basis": "editorial",
                   "note": "Ours."}],
    })
    stages = [s["id"] for s in cli("--data", str(path), "stages", "--json").json()]
    assert stages == ["junior", "senior", "staff"]
    assert cli("--data", str(path), "skills", "sql", "--json").json()["name"] == "Structured Query Language"
    tree = cli("--data", str(path), "tree", "--json").json()
    assert tree["title"] == "Org"
    doc = cli("--data", str(path), "path", "--from", "dev", "--to", "staff-dev", "--json").json()
    assert [s["id"] for s in doc["routes"][0]["steps"]] == ["senior-dev", "staff-dev"]
    assert cli("validate", str(path), "--json").json()["extends"] == [str(tmp_path / "base.json")]


def test_a_chain_says_added_for_a_role_an_earlier_overlay_added(cli, tmp_path):
    write(tmp_path / "base.json", BASE)
    lateral = {"kind": "lateral", "basis": "editorial", "note": "Ours."}
    write(tmp_path / "team.json", {"extends": "base.json", "roles": [
        {"id": "lead", "name": "Lead", "stage": "senior"},
        {"id": "dev", "name": "Developer (team)", "stage": "junior"}],
        "moves": [{"from": "senior-dev", "to": "lead", **lateral}]})
    path = write(tmp_path / "me.json",
                 {"extends": "team.json", "roles": [{"id": "lead", "name": "Tech Lead", "stage": "senior"}],
                  "moves": [{"from": "senior-dev", "to": "dev", **lateral}]})
    senior = cli("--data", str(path), "show", "senior-dev", "--json").json()
    assert senior["next"] == ["lead", "dev"]  # the team's move, then mine
    assert senior["overlay"] == {"change": "extended", "file": str(path)}
    lead = cli("--data", str(path), "show", "lead", "--json").json()
    assert (lead["name"], lead["overlay"]) == ("Tech Lead", {"change": "added", "file": str(path)})
    dev = cli("--data", str(path), "show", "dev", "--json").json()
    assert dev["overlay"] == {"change": "replaced", "file": str(tmp_path / "team.json")}
    assert dev["next"] == []  # replaced wholesale: the base's move went with it
    report = cli("validate", str(path), "--json").json()
    assert report["extends"] == [str(tmp_path / "team.json"), str(tmp_path / "base.json")]


# -- bad overlays: each problem in its file, at its line --------------------------------------


def problems(cli, path: Path) -> list[tuple[str, str, int | None, str]]:
    result = cli("validate", str(path), "--json")
    assert result.exit_code == 1, result.stdout + result.stderr
    return [(Path(p["file"]).name, p["path"], p["line"], p["message"]) for p in result.json()["problems"]]


def test_an_unknown_base_file(cli, tmp_path):
    path = write(tmp_path / "org.json", '{\n  "title": "Org",\n  "extends": "nowhere.json"\n}\n')
    assert problems(cli, path) == [
        ("org.json", "extends", 3, f"cannot read the ladder it extends, {tmp_path / 'nowhere.json'}: no such file")]
    result = cli("--data", str(path), "roles")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"aiml-career: error: invalid ladder file {path}: 1 problem\n")


def test_a_cycle_of_extends(cli, tmp_path):
    a = write(tmp_path / "a.json", '{"extends": "b.json"}')
    write(tmp_path / "b.json", '{\n"extends": "a.json"}')
    assert problems(cli, a) == [
        ("b.json", "extends", 2, f"extends cycle: {a} -> {tmp_path / 'b.json'} -> {a}")]


def test_a_chain_too_deep(cli, tmp_path):
    for n in range(9):
        write(tmp_path / f"l{n}.json", {"extends": f"l{n + 1}.json" if n < 8 else "builtin"})
    ((file, where, _, message),) = problems(cli, tmp_path / "l0.json")
    assert (file, where) == ("l7.json", "extends")
    assert message.startswith(f"extends goes deeper than {overlay.MAX_DEPTH} ladders")
    assert cli("validate", str(tmp_path / "l1.json")).exit_code == 1  # l1 to l8 and the built-in: 9
    assert cli("validate", str(tmp_path / "l2.json")).exit_code == 0  # l2 to l8 and the built-in: 8


def test_extends_that_names_no_file(cli, tmp_path):
    path = write(tmp_path / "org.json", '{"extends": 3}')
    assert problems(cli, path) == [("org.json", "extends", 1, 'extends is "builtin" or the path of a ladder file')]


def test_standard_input_may_not_extend_a_relative_path(cli):
    result = cli("validate", "-", "--json", input=b'{"extends": "base.json"}')
    (problem,) = result.json()["problems"]
    assert problem["file"] == "<stdin>"
    assert problem["message"].startswith('a ladder read from standard input may extend only "builtin"')


def test_problems_in_the_overlay_and_in_its_base_at_their_lines(cli, tmp_path):
    base = json.loads(json.dumps(BASE))
    base["roles"][1]["stage"] = "senoir"  # a problem of the base: reported in it
    write(tmp_path / "base.json", base)
    # Lines: 1 {, 2 extends, 3 roles, 4 the role, 5 its next, 6 moves, 7 the first, 8 the second.
    path = write(tmp_path / "org.json", """{
  "extends": "base.json",
  "roles": [
    {"id": "lead", "name": "Lead", "stage": "senior",
     "next": [{"to": "senior-deb", "kind": "lateral", "basis": "text"}]}],
  "moves": [
    {"from": "devv", "to": "lead", "kind": "promotion", "basis": "text"},
    {"from": "dev", "to": "lead", "kind": "upward", "basis": "text"}]
}
""")
    base_line = (tmp_path / "base.json").read_text(encoding="utf-8").splitlines().index('      "stage": "senoir",') + 1
    assert problems(cli, path) == [
        ("org.json", "roles[0].next[0].to", 5, "unknown role 'senior-deb' (did you mean 'senior-dev'?)"),
        ("org.json", "moves[0].from", 7, "unknown role 'devv' (did you mean 'dev'?)"),
        ("org.json", "moves[1].kind", 8, "Input should be 'promotion' or 'lateral'"),
        ("base.json", "roles[1].stage", base_line, "unknown stage 'senoir' (did you mean 'senior'?)"),
    ]
    text = cli("validate", str(path)).stdout
    assert f"  {tmp_path / 'base.json'}: roles[1].stage (line {base_line}): unknown stage 'senoir'" in text
    result = cli("--data", str(path), "roles")
    assert f"\n  {tmp_path / 'base.json'}: roles[1].stage (line {base_line}): unknown stage" in result.stderr


def test_a_problem_only_the_merge_makes(cli, tmp_path):
    """Replacing the base's senior-dev with one that promotes back to dev closes a cycle that
    neither file has on its own; the replacing role holds the move, so the overlay is named."""
    write(tmp_path / "base.json", BASE)
    path = write(tmp_path / "org.json", """{"extends": "base.json",
  "roles": [{"id": "senior-dev", "name": "Senior Developer", "stage": "senior",
    "next": [{"to": "dev", "kind": "promotion", "basis": "text"}]}]}
""")
    assert problems(cli, path) == [("org.json", "roles[0].next[0].to", 3, "promotion cycle: dev -> senior-dev -> dev")]


def test_overlay_shape_problems_and_repeated_keys(cli, tmp_path):
    path = write(tmp_path / "org.json", """{"extends": "builtin",
  "format": 1,
  "roles": [{"id": "Staff Engineer", "name": "Staff", "stage": "leadership", "name": "Staff!"}],
  "moves": {"from": "intern"}
}
""")
    found = problems(cli, path)
    assert ("org.json", "format", 2, "an overlay is format 2: leave format out, or write 2") in found
    bad_id = "an id is lowercase letters, digits and single hyphens: try 'staff-engineer'"
    assert ("org.json", "roles[0].id", 3, bad_id) in found
    assert ("org.json", "roles[0].name", 3, "key 'name' is given twice; only the last one counts") in found
    assert ("org.json", "moves", 4, "moves is a list of moves, each with from, to, kind, basis and note") in found


# -- the cache keys on the whole chain ---------------------------------------------------------


def test_editing_the_base_invalidates_the_cached_overlay(tmp_path, monkeypatch):
    base = write(tmp_path / "base.json", BASE)
    path = write(tmp_path / "org.json",
                 {"extends": "base.json", "roles": [{"id": "lead", "name": "Lead", "stage": "senior"}]})
    assert cached_load(path).roles["lead"].name == "Lead"
    assert len(list(cache_folder().glob("ladder-*.ok"))) == 1
    calls = []
    real = overlay.Merged.check
    monkeypatch.setattr(overlay.Merged, "check", lambda self: calls.append(1) or real(self))
    cached_load(path)
    assert calls == [], "an unchanged chain is not checked again"
    broken = json.loads(json.dumps(BASE))
    broken["roles"][0]["stage"] = "nowhere"
    write(base, broken)
    with pytest.raises(DataError) as caught:
        cached_load(path)
    assert calls == [1]
    assert [(p.file, p.path) for p in caught.value.problems] == [(str(base), "roles[0].stage")]


def test_browse_says_the_overlay_replaced_the_role():
    import asyncio

    from aiml_career.tui.app import BrowseApp
    from aiml_career.tui.state import Browser

    from conftest import test_env

    async def main() -> str:
        app = BrowseApp(Browser(cached_load(ACME), None, env=test_env()), "senior-mle")
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            return str(app.query_one("#head").render())

    head = asyncio.run(main())
    assert "Senior Machine Learning Engineer" in head
    assert f"replaced by the overlay {ACME}" in head


def test_json_that_only_pydantic_refuses_is_said_of_its_file(cli, tmp_path):
    """A lone surrogate escape: Python's parser reads it, pydantic's refuses it, as in a whole ladder."""
    path = write(tmp_path / "org.json", '{"extends": "builtin",\n "title": "\\ud800 x"}')
    assert problems(cli, path) == [
        ("org.json", "", None, "Invalid JSON: unexpected end of hex escape at line 2 column 18")]  # the space after it


def test_no_traceback_for_odd_overlays(cli, tmp_path):
    """Shapes the merge cannot merge by id are left to the checks, reported in the overlay."""
    cases = {
        '{"extends": "builtin", "roles": 5}': ("roles", "Input should be a valid array"),
        '{"extends": "builtin", "roles": [5]}': ("roles[0]", "Input should be an object"),
        '{"extends": "builtin", "moves": [{"from": "intern"}]}': ("moves[0].to", "missing required field 'to'"),
        '{"extends": "builtin", "moves": [7]}': ("moves[0]", "a move is an object: from, to, kind, basis and note"),
        '{"extends": "builtin", "moves": [{"from": 7}]}': ("moves[0].from", "from is a role id"),
        '{"extends": "builtin", "education": 5}': ("education", "Input should be an object"),
        '{"extends": null}': ("extends", 'extends is "builtin" or the path of a ladder file'),
    }
    for text, (where, message) in cases.items():
        path = write(tmp_path / "odd.json", text)
        assert ("odd.json", where, 1, message) in problems(cli, path), text


# -- what a new user's trial of overlays tripped on ----------------------------------------


def _validate(path) -> tuple[int, str]:
    from typer.testing import CliRunner

    from aiml_career.cli import app

    result = CliRunner().invoke(app, ["validate", str(path)])
    return result.exit_code, result.output


def test_an_unreadable_base_still_reports_the_overlays_own_problems(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    (tmp_path / "org.json").write_text('{"extends": "builtin"}')
    team = sub / "team.json"
    team.write_text('{"extends": "org.json",\n "roles": [{"id": "Team_Lead", "name": "TL", "stage": "mid",\n'
                    ' "summary": "x", "requirements": [{"skill": "python", "level": "intermediate"}],\n'
                    ' "nxet": []}]}')
    code, out = _validate(team)
    assert code == 1
    # The chain's problem, with the path one folder up offered:
    assert "cannot read the ladder it extends" in out
    assert "did you mean '../org.json'?" in out
    # and, in the same run, what is wrong in the overlay itself:
    assert "try 'team-lead'" in out
    assert "'intermediate' means 'proficient'" in out
    assert "unknown field 'nxet' (did you mean 'next'?)" in out
    # a missing section or an unknown reference is not said: the base would give them
    assert "missing required field" not in out


def test_builtin_in_another_case_is_suggested(tmp_path):
    overlay = tmp_path / "o.json"
    overlay.write_text('{"extends": "Builtin"}')
    code, out = _validate(overlay)
    assert code == 1
    assert "did you mean 'builtin'?" in out


def test_a_bad_ids_suggestion_is_an_id_no_other_role_has(tmp_path):
    overlay = tmp_path / "o.json"
    overlay.write_text('{"extends": "builtin", "roles": [{"id": "ML_Engineer", "name": "Acme MLE",'
                       ' "stage": "mid", "summary": "x", "requirements": [{"skill": "python",'
                       ' "level": "proficient"}]}]}')
    code, out = _validate(overlay)
    assert code == 1
    # 'ml-engineer' is the built-in Machine Learning Engineer: following that hint would replace it.
    assert "try 'ml-engineer-2'" in out
    assert "try 'ml-engineer' " not in out


def test_a_move_from_no_role_still_has_its_other_problems_said(tmp_path):
    overlay = tmp_path / "o.json"
    overlay.write_text('{"extends": "builtin", "moves": [\n'
                       ' {"from": "sr-mle", "to": "nowhere", "kind": "promotion", "basis": "editorial"}]}')
    code, out = _validate(overlay)
    assert code == 1
    assert "moves[0].from (line 2): unknown role 'sr-mle' (did you mean 'senior-mle'?)" in out
    assert "moves[0].note (line 2): a move with basis 'editorial' needs a note saying why" in out
    assert "moves[0].to (line 2): unknown role 'nowhere'" in out


def test_a_moves_target_is_never_suggested_as_the_role_itself(tmp_path):
    overlay = tmp_path / "o.json"
    overlay.write_text('{"extends": "builtin", "roles": [{"id": "llm-engineer", "name": "LLM Engineer",'
                       ' "stage": "mid", "summary": "x", "requirements": [{"skill": "python", "level":'
                       ' "proficient"}], "next": [{"to": "staff-llm-engineer", "kind": "promotion",'
                       ' "basis": "editorial", "note": "ours"}]}]}')
    code, out = _validate(overlay)
    assert code == 1
    assert "unknown role 'staff-llm-engineer'" in out
    assert "did you mean 'llm-engineer'" not in out


def test_paths_of_a_chain_are_shown_tidied(tmp_path):
    sub = tmp_path / "sub"
    sub.mkdir()
    (tmp_path / "org.json").write_text('{"extends": "builtin"}')
    (sub / "team.json").write_text('{"extends": "../org.json"}')
    from typer.testing import CliRunner

    from aiml_career.cli import app

    result = CliRunner().invoke(app, ["validate", "--json", str(sub / "team.json")])
    assert result.exit_code == 0
    assert json.loads(result.output)["extends"] == [str(tmp_path / "org.json"), "builtin"]


def test_the_depth_limit_counts_builtin_and_is_said_with_the_chain(tmp_path):
    # builtin <- l1 <- ... <- l7: 8 files in all, the most a chain holds.
    (tmp_path / "l1.json").write_text('{"extends": "builtin"}')
    for n in range(2, 9):
        (tmp_path / f"l{n}.json").write_text(f'{{"extends": "l{n - 1}.json"}}')
    assert _validate(tmp_path / "l7.json")[0] == 0
    code, out = _validate(tmp_path / "l8.json")
    assert code == 1
    assert "deeper than 8 ladders (the overlay and builtin included)" in out
    assert "l8.json -> " in out
