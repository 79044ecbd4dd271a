"""Advice a careful career advisor would give (issue 18), on the built-in ladder.

Each expected answer comes from the source text's wording (tests/source/ai-ml-career-path.txt)
or from a rule written in docs/planning.md, never from the tool's own output.
"""

from __future__ import annotations

import pytest

from conftest import ROOT

SOURCE = (ROOT / "tests" / "source" / "ai-ml-career-path.txt").read_text(encoding="utf-8")


def first_route(cli, *args) -> list[str]:
    return [s["id"] for s in cli("path", *args, "--json").json()["routes"][0]["steps"]]


def items(cli, *args) -> list[dict]:
    result = cli("plan", *args, "--json")
    assert result.exit_code == 0, result.stderr
    return result.json()["items"]


def move(data: dict, role: str) -> dict:
    return next(m for m in data["next"] if m["id"] == role)


# -- routes: the text's and the titles' moves before editorial detours -------------------------


@pytest.mark.parametrize("start", ["junior-ds", "intern"])
def test_the_route_to_senior_data_scientist_goes_through_data_scientist(cli, start):
    # "Junior Data Scientist/ML Engineer" -> "Data Scientist" -> "Senior Data Scientist": the
    # titles imply both moves; through AI Researcher both moves are editorial (docs: Which route
    # comes first: fewest editorial moves first).
    route = first_route(cli, "--from", start, "--to", "senior-ds")
    assert route[-2:] == ["data-scientist", "senior-ds"]
    assert [i["step"]["id"] for i in items(cli, "--from", start, "--to", "senior-ds")][-1] == "senior-ds"
    assert {i["step"]["id"] for i in items(cli, "--from", start, "--to", "senior-ds")} >= {"data-scientist"}


def test_each_route_shows_its_cost_and_the_rule(cli):
    data = cli("path", "--from", "junior-ds", "--to", "senior-ds", "--json").json()
    first, second = data["routes"][:2]
    assert first["cost"]["moves_by_basis"] == {"text": 0, "titles": 2, "editorial": 0, "overlap": 0}
    assert second["cost"]["moves_by_basis"] == {"text": 0, "titles": 0, "editorial": 2, "overlap": 0}
    # The detour has fewer skills to gain: standing comes before least to learn.
    assert second["cost"]["skills_to_gain"] < first["cost"]["skills_to_gain"]
    assert data["route_order"].startswith("fewest moves derived from overlap (ours, where the ladder names "
                                          "no move), then fewest editorial moves")
    text = cli("path", "--from", "junior-ds", "--to", "senior-ds").stdout
    assert "moves: 2 titles" in text
    assert "moves: 2 editorial" in text


# -- learning order by milestones --------------------------------------------------------------


def test_a_plan_reaches_each_step_before_the_next(cli):
    # docs: Learning order. A later step's item comes before an earlier step's only as its
    # prerequisite, directly or through a chain.
    plan = items(cli, "--from", "intern", "--to", "senior-mle")
    steps = [i["step"]["number"] for i in plan]
    assert steps == sorted(steps)  # no item of this route is a prerequisite of an earlier step's
    junior = [i["id"] for i in plan if i["step"]["id"] == "junior-ds"]
    assert set(junior) >= {"ml-algorithms", "data-wrangling"}


def test_a_student_learns_the_junior_role_before_cloud_platforms(cli):
    for have in ((), ("--have", "python,statistics,sql:basic")):
        plan = items(cli, "--to", "ml-engineer", *have)
        assert plan[0]["id"] != "cloud-platforms"
        position = {(i["id"], i["step"]["id"]): n for n, i in enumerate(plan)}
        last_junior = max(n for (_, step), n in position.items() if step == "junior-ds")
        assert all(n > last_junior for (_, step), n in position.items() if step == "ml-engineer")
        # programming before ML frameworks and the cloud ML platforms
        assert position[("ml-algorithms", "junior-ds")] < position[("ml-frameworks", "ml-engineer")]


def test_prerequisites_complete_and_planned(cli):
    sagemaker = cli("skills", "aws-sagemaker", "--json").json()
    assert {p["id"] for p in sagemaker["prerequisites"]} >= {"aws", "programming", "ml-algorithms"}
    nets = cli("skills", "neural-networks", "--json").json()
    assert {p["id"] for p in nets["prerequisites"]} >= {"linear-algebra", "calculus"}
    assert {p["id"] for p in cli("skills", "statistics", "--json").json()["prerequisites"]} == {"probability"}
    # The ML engineer's cloud row ("AWS Sagemaker, Google AI Platform") rests on what both share.
    plan = items(cli, "--from", "junior-ds", "--to", "ml-engineer")
    cloud = next(i for i in plan if i["id"] == "cloud-platforms")
    assert {p["id"] for p in cloud["prerequisites"]} == {"programming", "ml-algorithms"}
    # Every prerequisite a plan names is an item of the plan or held: never a name with no place.
    for args in (("--to", "ai-researcher"), ("--from", "data-scientist", "--to", "senior-ds"), ("--to", "caio")):
        plan = items(cli, *args)
        ids = {i["id"] for i in plan}
        for item in plan:
            for p in item["prerequisites"]:
                assert p["state"] == "held" or p["id"] in ids, (args, item["id"], p)


# -- the text's foundation ---------------------------------------------------------------------


def test_a_plan_from_no_role_starts_with_the_texts_foundation(cli):
    sentence = "a strong foundation in mathematics, especially linear algebra, calculus, and probability, is crucial"
    assert sentence in SOURCE
    plan = items(cli, "--to", "intern")
    foundation = {i["id"]: i for i in plan if i["kind"] == "foundation"}
    # "strong": advanced (docs: Levels); programming, no level word: proficient.
    assert {k: v["level"] for k, v in foundation.items()} == {
        "linear-algebra": "advanced", "calculus": "advanced", "probability": "advanced", "programming": "proficient"}
    assert all(i["basis"] == "text" and i["wording"] in SOURCE for i in foundation.values())
    # ...before the ML skill that rests on it, and not when held.
    position = {i["id"]: n for n, i in enumerate(plan)}
    assert max(position[s] for s in ("linear-algebra", "calculus")) < position["ml-algorithms"]
    held = items(cli, "--to", "intern", "--have", "linear-algebra:advanced, calculus")
    assert not {"linear-algebra", "calculus"} & {i["id"] for i in held}
    # A plan from a role does not: the role rests on it.
    assert not [i for i in items(cli, "--from", "junior-ds", "--to", "ml-engineer") if i["kind"] == "foundation"]


def test_skills_linear_algebra_shows_what_rests_on_it(cli):
    data = cli("skills", "linear-algebra", "--json").json()
    assert data["foundation"]["level"] == "advanced"
    assert data["foundation"]["wording"] in SOURCE
    rests = {s["id"] for s in data["rests_on_it"]["skills"]}
    assert {"neural-networks", "ml-algorithms", "deep-learning"} <= rests
    assert {r["id"] for r in data["rests_on_it"]["roles"]} >= {"intern", "ai-researcher"}
    assert "rests on it:" in cli("skills", "linear-algebra").stdout


# -- related skills ----------------------------------------------------------------------------


def test_scikit_learn_counts_as_some_supervised_learning(cli):
    ds = move(cli("next", "--from", "junior-ds", "--have", "scikit-learn:advanced", "--json").json(), "data-scientist")
    deepen = {d["id"]: d for d in ds["skills_to_deepen"]}
    # docs: Related skills: scikit-learn counts toward supervised learning up to proficient.
    assert deepen["supervised-learning"]["from"] == "proficient"
    assert deepen["supervised-learning"]["via"] == {"id": "scikit-learn", "name": "Scikit-learn", "level": "advanced"}
    assert "supervised-learning" not in {g["id"] for g in ds["skills_to_gain"]}
    text = cli("next", "--from", "junior-ds", "--have", "scikit-learn:advanced").stdout
    assert "counted from Scikit-learn (advanced)" in text


def test_pytorch_counts_toward_ai_research_but_never_above_its_level(cli):
    researcher = move(cli("next", "--from", "junior-ds", "--have", "pytorch:expert", "--json").json(),
                      "ai-researcher")
    assert researcher["readiness"] > 0
    deepen = {d["id"]: d for d in researcher["skills_to_deepen"]}
    # Up to proficient, though PyTorch is held at expert.
    assert deepen["deep-learning"]["from"] == "proficient"
    assert deepen["deep-learning"]["via"]["id"] == "pytorch"


def test_deep_learning_and_friends_count_toward_ai_ml_expertise(cli):
    data = cli("match", "--have", "deep-learning:expert", "--json").json()
    manager = next(r for r in data["roles"] if r["id"] == "ai-ml-manager")
    # "technical understanding of AI/ML" (proficient) is met through deep learning.
    met = {m["id"]: m for m in manager["met"]}
    assert met["ai-ml-expertise"]["via"]["id"] == "deep-learning"


def test_a_senior_ml_engineer_designs_systems(cli):
    # The text: senior ML engineers "are responsible for designing the architecture of
    # large-scale AI systems"; the architect asks "system design".
    assert "designing the architecture of large-scale AI systems" in SOURCE
    arch = move(cli("next", "--from", "senior-mle", "--json").json(), "ai-architect")
    assert arch["readiness"] > 0
    assert "system-design" in {m["id"] for m in arch["met"]}
    assert "system-design" not in {g["id"] for g in arch["skills_to_gain"]}


# -- open and closed lists ---------------------------------------------------------------------


def test_examples_are_open_and_a_bracketed_list_is_closed(cli):
    # "familiarity with tools like TensorFlow or PyTorch": Keras, which the text lists under
    # Frameworks, meets it; "ML frameworks (TensorFlow, PyTorch, Scikit-learn)" it does not.
    assert "Frameworks: TensorFlow, PyTorch, Scikit-learn, Keras." in SOURCE
    intern = move(cli("next", "--have", "keras", "--json").json(), "intern")
    assert "ml-frameworks" in {m["id"] for m in intern["met"]}
    mle = move(cli("next", "--from", "junior-ds", "--have", "keras:expert", "--json").json(), "ml-engineer")
    assert "ml-frameworks" in {g["id"] for g in mle["skills_to_gain"]}
    # "ML algorithms (e.g., linear regression, ...)": supervised learning meets it.
    junior = move(cli("next", "--have", "supervised-learning", "--json").json(), "junior-ds")
    assert "ml-algorithms" in {m["id"] for m in junior["met"]}


def test_one_example_is_not_the_whole_kind(cli):
    data = cli("match", "--have", "python,linear-regression,excel:advanced", "--stage", "entry", "--json").json()
    junior = next(r for r in data["roles"] if r["id"] == "junior-ds")
    assert junior["readiness"] < 100
    assert {"id": "ml-algorithms", "from": "basic", "to": "proficient"}.items() <= junior["skills_to_deepen"][0].items()


# -- next without a role, consistent suggestions, profile statuses --------------------------------


def test_next_without_a_role_starts_from_the_entry_stage(cli):
    result = cli("next", "--have", "python,statistics", "--json")
    assert result.exit_code == 0
    assert result.json()["start"]["how"] == "entry stage"
    assert [m["kind"] for m in result.json()["next"]] == ["entry", "entry"]


def test_certifications_are_those_that_can_meet_a_row(cli):
    # The data scientist's cloud row names AWS and GCP, the ML engineer's SageMaker and AI
    # Platform: Microsoft's Azure certification meets neither; the senior ML engineer's "cloud
    # platforms" (named alone) is met by any.
    data = cli("next", "--from", "junior-ds", "--json").json()
    for role in ("data-scientist", "ml-engineer"):
        assert "azure-ai-engineer" not in {c["id"] for c in move(data, role)["certifications"]}
    assert "azure-ai-engineer" in {c["id"] for c in move(cli("next", "--from", "ml-engineer", "--json").json(),
                                                         "senior-mle")["certifications"]}
    # plan gives the same for the same row
    cloud = next(i for i in items(cli, "--from", "junior-ds", "--to", "ml-engineer") if i["id"] == "cloud-platforms")
    assert "azure-ai-engineer" not in {p["id"] for p in cloud["learn"]}
    # a specialization's skills are the ladder's link: marked derived
    assert all(s["basis"] == "editorial" for s in move(data, "ai-researcher")["specializations"])
    assert "(editorial)" in cli("show", "robotics").stdout


def test_a_row_met_by_one_alternative_is_met_whatever_the_other_is_marked(cli):
    assert cli("profile", "add", "sql:basic").exit_code == 0
    assert cli("profile", "skip", "excel").exit_code == 0
    data = cli("next", "--json").json()
    junior = move(data, "junior-ds")
    wrangling = next(d for d in junior["skills_to_deepen"] if d.get("for", {}).get("id") == "data-wrangling")
    assert "status" not in wrangling  # SQL is being deepened: Excel's skip is not this row's
    assert cli("profile", "add", "sql:proficient").exit_code == 0
    junior = move(cli("next", "--json").json(), "junior-ds")
    assert "data-wrangling" in {m["id"] for m in junior["met"]}


def test_unlocks_counts_related_skills_and_gains_from_points(cli):
    # Linear algebra counts toward the researcher's mathematics (up to advanced): it raises it.
    roles = {r["id"]: r for r in cli("skills", "linear-algebra", "--unlocks", "--json").json()["roles"]}
    assert "ai-researcher" in roles
    # TensorFlow at expert for the ML engineer's frameworks row, holding PyTorch at proficient:
    # 2 more points of 12, +16.7 (not 33.3 - 16.7 = 16.6 from the rounded scores).
    mle = next(r for r in cli("skills", "tensorflow", "--unlocks", "--have", "pytorch", "--json").json()["roles"]
               if r["id"] == "ml-engineer")
    assert (mle["points_after"] - mle["points_before"], mle["of"], mle["gain"]) == (2, 12, 16.7)


def test_a_ladder_written_with_the_former_reading_of_experience_still_validates(cli, tmp_path):
    import json

    from conftest import BUILTIN

    doc = json.loads(BUILTIN.read_text(encoding="utf-8"))
    row = doc["roles"][1]["requirements"][2]
    assert row["level_word"] == "experience"
    row["level"] = "advanced"  # how the table read "experience" before
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert cli("--data", str(path), "validate").exit_code == 0
    row["level"] = "expert"
    path.write_text(json.dumps(doc), encoding="utf-8")
    bad = cli("--data", str(path), "validate")
    assert bad.exit_code == 1
    assert "'experience' means 'proficient'" in bad.stdout + bad.stderr


def test_skills_names_the_rows_a_skill_counts_for_without_naming_it(cli):
    # Keras is named by no row, but meets the intern's open "tools like TensorFlow or PyTorch",
    # the senior ML engineer's "ML frameworks" (which includes it), and counts toward deep
    # learning up to proficient (docs: Related skills).
    data = cli("skills", "keras", "--json").json()
    assert data["roles"] == []
    counts = {(c["id"], c["requirement"]["id"]): c["up_to"] for c in data["counts_for"]}
    assert counts[("intern", "ml-frameworks")] is None
    assert counts[("senior-mle", "ml-frameworks")] is None
    assert counts[("ai-researcher", "deep-learning")] == "proficient"
    assert "counts for the rows of: AI/ML Intern" in cli("skills", "keras").stdout


def test_validate_checks_related_skills(cli, tmp_path):
    import json

    from conftest import BUILTIN

    doc = json.loads(BUILTIN.read_text(encoding="utf-8"))
    skills = {s["id"]: s for s in doc["skills"]}
    note = {"basis": "editorial", "note": "why"}
    skills["deep-learning"]["related"] = [
        {"skill": "pytorh", "up_to": "basic", **note},          # unknown
        {"skill": "deep-learning", "up_to": "basic", **note},   # itself
        {"skill": "keras", "up_to": "basic", **note},
        {"skill": "keras", "up_to": "basic", **note},           # twice
        {"skill": "tensorflow", "up_to": "basic", "basis": "editorial", "note": " "},  # no reason
    ]
    skills["ml-frameworks"]["related"] = [{"skill": "keras", "up_to": "basic", **note}]  # included already
    skills["keras"]["related"] = [{"skill": "deep-learning", "up_to": "basic", **note}]  # a loop
    path = tmp_path / "related.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    said = cli("--data", str(path), "validate").stdout
    for message in ("unknown skill 'pytorh'", "a skill cannot count toward itself",
                    "related skill 'keras' is listed twice", "an editorial relation needs a note saying why",
                    "'keras' is in includes already: it counts in full", "related cycle: "):
        assert message in said, message
