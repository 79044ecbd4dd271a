"""Requirements as the source text states them, and the planning answers that follow.

Every expected answer here is read off the source text's own wording (the
"Skills Needed" sentences of tests/source/ai-ml-career-path.txt), with names
resolved to skill ids the way a user's names are; none is copied from the
code's output.
"""

from __future__ import annotations

import json
import re

import pytest

from aiml_career.ladder.loading import load

from conftest import BUILTIN, ROOT

SOURCE = (ROOT / "tests" / "source" / "ai-ml-career-path.txt").read_text(encoding="utf-8")
#: The planning guide: its tables and rules are what these tests hold the data to.
GUIDE = (ROOT / "docs" / "planning.md").read_text(encoding="utf-8")
LADDER = load(BUILTIN)
DOC = json.loads(BUILTIN.read_text(encoding="utf-8"))


def skills_needed(title: str) -> str:
    """The 'Skills Needed' sentence under the role headed ``title`` in the source."""
    block = SOURCE.split(f"- {title}\n", 1)[1]
    return re.search(r"Skills Needed: (.*)", block).group(1)


def listed(title: str, lead: str) -> set[str]:
    """Skill ids of the parenthesised list after ``lead`` in a role's sentence."""
    sentence = skills_needed(title)
    inside = re.search(re.escape(lead) + r"[^(]*\(([^)]*)\)", sentence).group(1)
    names = [n.strip() for n in re.split(r",|\bor\b", inside.replace("e.g.,", "")) if n.strip()]
    return {LADDER.skill(re.sub(r"^containerization with ", "", n)).id for n in names}


def gaps(move: dict) -> tuple[set[str], set[str]]:
    return {s["id"] for s in move["skills_to_gain"]}, {s["id"] for s in move["skills_to_deepen"]}


def move_to(data: dict, role: str) -> dict:
    return next(m for m in data["next"] if m["id"] == role)


# -- the scenarios that misled people -------------------------------------------------


def test_a_broad_skill_with_its_listed_parts_needs_every_part(cli):
    # "Advanced software engineering (microservices, APIs) ... deployment technologies (Kubernetes, Docker)"
    data = cli("next", "--from", "ml-engineer", "--have", "docker:expert, aws-sagemaker:expert", "--json").json()
    senior = move_to(data, "senior-mle")
    parts = listed("Senior Machine Learning Engineer", "Advanced software engineering")
    deploy = listed("Senior Machine Learning Engineer", "deployment technologies")
    assert parts == {"microservices", "apis"}
    assert deploy == {"kubernetes", "docker"}
    gain, deepen = gaps(senior)
    assert gain == (parts | deploy) - {"docker"}
    assert not deepen
    assert senior["readiness"] < 100


def test_a_data_scientists_learning_does_not_stand_in_for_deep_or_reinforcement_learning(cli):
    # "Experience with advanced machine learning techniques (deep learning, reinforcement learning)"
    senior = move_to(cli("next", "--from", "data-scientist", "--json").json(), "senior-ds")
    wanted = listed("Senior Data Scientist/AI Specialist", "advanced machine learning techniques")
    assert wanted == {"deep-learning", "reinforcement-learning"}
    gain, _ = gaps(senior)
    assert wanted <= gain


def test_an_ml_engineer_needs_docker_and_ci_cd_not_only_version_control(cli):
    # "software engineering skills (version control, containerization with Docker, CI/CD pipelines)"
    data = cli("next", "--from", "junior-ds", "--have", "git:advanced, pytorch:expert, aws-sagemaker:advanced",
               "--json").json()
    mle = move_to(data, "ml-engineer")
    practices = listed("Machine Learning Engineer", "software engineering skills")
    assert practices == {"version-control", "docker", "ci-cd"}
    gain, deepen = gaps(mle)
    assert gain == practices - {"version-control"}
    assert not deepen
    assert mle["readiness"] < 100


JUNIOR_KIT = "python, sql, linear regression, decision trees, k-means, pandas"


def test_match_puts_the_nearer_rung_first_and_your_own_role_last(cli):
    roles = [r["id"] for r in cli("match", "--have", JUNIOR_KIT, "--json").json()["roles"]]
    assert roles.index("data-scientist") < roles.index("senior-ds")
    mine = [r["id"] for r in cli("match", "--have", JUNIOR_KIT, "--from", "junior-ds", "--json").json()["roles"]]
    assert mine[-2:] == ["junior-ds", "intern"]  # the entry stage: at or below your role
    assert mine.index("data-scientist") < mine.index("senior-ds")


def test_paths_from_anywhere(cli):
    r = cli("path", "--to", "ml-engineer", "--have", "python, sql", "--json")
    assert r.exit_code == 0, r.stderr
    data = r.json()
    assert data["start"]["how"] == "entry stage"
    assert data["routes"][0]["steps"][-1]["id"] == "ml-engineer"
    lateral = cli("path", "--from", "data-scientist", "--to", "ml-engineer", "--json").json()
    assert lateral["lateral_fallback"] is True
    assert lateral["routes"]


def test_every_unknown_skill_at_once(cli):
    r = cli("next", "--from", "junior-ds", "--have", "python, airflowq, mlflowq")
    assert r.exit_code == 2
    assert r.stdout == ""
    first = r.stderr.splitlines()[0]
    assert first == "aiml-career: error: unknown skills 'airflowq', 'mlflowq'"
    assert r.stderr.count("aiml-career skills") == 1  # said once, not once per name
    spaced = cli("match", "--have", "python sql")
    assert spaced.exit_code == 2
    assert "separate skills with commas: python, sql" in spaced.stderr


# -- one requirement view everywhere ------------------------------------------------------


@pytest.mark.parametrize("role", [r["id"] for r in DOC["roles"]])
def test_every_command_shows_the_same_rows(cli, role):
    rows = cli("show", role, "--json").json()["requirements"]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    # next/path/match: every row is met, to gain or to deepen, once
    entry = cli("match", "--have", "python", "--json").json()["roles"]
    got = next(r for r in entry if r["id"] == role)
    seen = [s["id"] for s in got["met"]] + [s["id"] for s in got["skills_to_gain"]]
    seen += [s.get("for", s)["id"] for s in got["skills_to_deepen"]]
    assert sorted(seen) == sorted(ids)
    assert got["of"] == sum({"basic": 1, "proficient": 2, "advanced": 3, "expert": 4}[r["level"]] for r in rows)
    # compare: the same rows by id, with the same alternatives
    other = "caio" if role != "caio" else "intern"
    cmp = cli("compare", role, other, "--json").json()
    assert [r["id"] for r in cmp["roles"][0]["requirements"]] == ids
    # skills SKILL names the role for each row's skill
    for row in rows:
        users = cli("skills", row["id"], "--json").json()["roles"]
        assert any(u["id"] == role and u["as"] == "required" for u in users)
        for alt in row.get("any_of", []):
            users = cli("skills", alt["id"], "--json").json()["roles"]
            assert any(u["id"] == role and u["as"] == "alternative" for u in users)


def test_text_output_shows_the_rows_with_the_texts_words(cli):
    out = cli("show", "ml-engineer", env={"COLUMNS": "250"}).stdout
    assert "ML frameworks (any of: TensorFlow, PyTorch, Scikit-learn)" in out
    assert "Docker (part of Software engineering)" in out
    md = cli("export", "--format", "markdown").stdout
    assert "| ML frameworks (any of: TensorFlow, PyTorch, Scikit-learn) | expert |" in md


# -- the rules, checked against the data --------------------------------------------------


def readme_any_of_table() -> set[tuple[str, str, str]]:
    section = GUIDE.split("The built-in ladder has these any-of groups", 1)[1].split("\n\n", 2)[1]
    rows = set()
    for line in section.splitlines()[2:]:
        role, requirement, _, wording = [c.strip() for c in line.strip("|").split("|")]
        rows.add((role.strip("`"), requirement, wording))
    return rows


def test_readme_lists_every_any_of_group_and_no_other():
    found = {
        (role["id"], LADDER.skills[req["skill"]].name, req["wording"])
        for role in DOC["roles"] for req in role["requirements"] if req.get("any_of")
    }
    assert found == readme_any_of_table()


@pytest.mark.parametrize("role", DOC["roles"], ids=lambda r: r["id"])
def test_each_group_follows_the_documented_rule(role):
    for req in role["requirements"]:
        wording = req["wording"]
        assert wording in skills_needed_of(role), wording
        choice = bool(re.search(r"\bor\b", wording))
        tools = bool(re.search(r"\b(tools|libraries|platforms|frameworks)\b|e\.g\.", wording))
        if req.get("any_of"):
            assert choice or tools, f"{role['id']}: any-of without a choice, tools or examples: {wording!r}"
        if req.get("all_of"):
            assert not choice, f"{role['id']}: all-of over a choice: {wording!r}"


def skills_needed_of(role: dict) -> str:
    return role["skills_text"]


def guide_level_table() -> dict[str, str]:
    """The guide's word -> level table (docs/planning.md, "Levels"), as written there."""
    section = GUIDE.split("## Levels", 1)[1].split("\n## ", 1)[0]
    words = {}
    for line in section.splitlines():
        found = re.match(r"\| (basic|proficient|advanced|expert) \(\d\) \| (.*) \|$", line)
        if found:
            for word in re.sub(r"\(.*?\)|;.*", "", found[2]).split(","):
                word = word.strip()
                if word:
                    words[word] = found[1]
    return words


def test_the_guide_states_the_level_rule_this_test_applies():
    assert "The strongest level word in a requirement's wording sets its level; but `basic` or `familiarity`" \
           "\nmakes it basic" in GUIDE
    assert "A requirement\nwith none of these words" in GUIDE
    assert "is\nproficient" in GUIDE


@pytest.mark.parametrize("role", DOC["roles"], ids=lambda r: r["id"])
def test_levels_come_from_the_strongest_level_word_of_the_wording(role):
    # The guide's rule, applied to its own table: the strongest word sets the level, "basic" or
    # "familiarity" makes it basic; no word: proficient. "deep" is a level word, "deep learning"
    # a skill.
    table = guide_level_table()
    rank = {"basic": 1, "proficient": 2, "advanced": 3, "expert": 4}
    words = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")(?![\w-])(?! learning)", re.I)
    for req in role["requirements"]:
        found = [w.lower() for w in pattern.findall(req["wording"])]
        capping = [w for w in found if w in ("basic", "familiarity")]
        if capping:
            word = capping[0]
        elif found:
            word = max(found, key=lambda w: (rank[table[w]], -found.index(w)))
        else:
            word = None
        assert req.get("level_word") == word, req["wording"]
        assert req["level"] == (table[word] if word else "proficient"), req["wording"]


def test_strong_expertise_is_not_weaker_than_expertise():
    researcher = next(r for r in DOC["roles"] if r["id"] == "ai-researcher")
    row = next(q for q in researcher["requirements"] if q["wording"] == "strong mathematical and statistical expertise")
    assert row["level"] == "expert"


#: The only promotions that ask less of a skill than the role they leave, each with its reason
#: in the guide (docs/planning.md, "Levels").
INVERSIONS = {("junior-ds", "data-scientist", "sql"), ("ai-researcher", "senior-ds", "deep-learning"),
              ("ai-researcher", "senior-ds", "reinforcement-learning")}


def test_no_promotion_asks_less_than_the_role_it_leaves_but_the_documented_ones():
    rank = {"basic": 1, "proficient": 2, "advanced": 3, "expert": 4}

    def asks(role: dict) -> dict[str, int]:
        out: dict[str, int] = {}
        for req in role["requirements"]:
            for sid in [req.get("skill"), *req.get("any_of", []), *req.get("all_of", [])]:
                if sid is not None and not (req.get("all_of") and sid == req.get("skill")):
                    out[sid] = max(out.get(sid, 0), rank[req["level"]])
        return out

    by_id = {r["id"]: r for r in DOC["roles"]}
    found = set()
    for role in DOC["roles"]:
        for move in role["next"]:
            if move["kind"] != "promotion":
                continue
            before, after = asks(role), asks(by_id[move["to"]])
            found |= {(role["id"], move["to"], sid) for sid in before.keys() & after.keys()
                      if after[sid] < before[sid]}
    assert found == INVERSIONS
    section = GUIDE.split("## Levels", 1)[1].split("\n## ", 1)[0]
    assert "Junior DS → Data Scientist | SQL" in section
    assert "AI Researcher → Senior DS | deep learning" in section


def guide_open_table() -> set[tuple[str, str]]:
    section = GUIDE.split("## Open lists", 1)[1].split("\n## ", 1)[0]
    return {(m[1], m[2]) for m in re.finditer(r"^\| `([\w-]+)` \| [^|]+ \| ([^|]+?) \|", section, re.M)}


def test_a_row_is_open_exactly_when_its_wording_gives_examples():
    found = set()
    for role in DOC["roles"]:
        for req in role["requirements"]:
            examples = bool(re.search(r"e\.g\.|\blike\b|such as", req["wording"]))
            assert req.get("open", False) == examples, req["wording"]
            if examples:
                found.add((role["id"], req["wording"]))
    assert found == guide_open_table()


def test_every_move_says_its_basis(cli, tty):
    for role in DOC["roles"]:
        for move in role.get("next", []):
            assert move["basis"] in ("text", "titles", "editorial")
            assert move["note"]
    # The text names no move outright; four follow from the titles.
    titles = [(r["id"], m["to"]) for r in DOC["roles"] for m in r["next"] if m["basis"] == "titles"]
    assert sorted(titles) == [("data-scientist", "senior-ds"), ("junior-ds", "data-scientist"),
                              ("junior-ds", "ml-engineer"), ("ml-engineer", "senior-mle")]
    data = cli("next", "--from", "junior-ds", "--json").json()
    assert all(m["basis"] and m["note"] for m in data["next"])
    assert "editorial = our judgement" in " ".join(cli("next", "--from", "junior-ds").stdout.split())


# -- custom ladders: format 1 keeps its meaning, and validate knows groups --------------------


def test_a_format_1_ladder_keeps_its_meaning(cli, tmp_path):
    old = ROOT / "tests" / "format1" / "data-engineering.json"
    assert cli("validate", str(old)).exit_code == 0
    exported = cli("--data", str(old), "export", "--format", "json").json()
    assert exported["format"] == 2
    first = exported["roles"][0]
    assert [r["skill"] for r in first["requirements"]] == ["sql", "python", "version-control"]
    assert first["next"][0]["basis"] == "text"
    # a format 1 broad skill listed with its parts: one any-of requirement, as format 1 read it
    doc = json.loads(old.read_text(encoding="utf-8"))
    doc["skills"].append({"id": "langs", "name": "Languages", "category": "languages",
                          "includes": ["sql", "python"]})
    doc["roles"][0]["skills"].append({"skill": "langs", "level": "basic"})
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    row = next(r for r in cli("--data", str(path), "show", "junior-de", "--json").json()["requirements"]
               if r["id"] == "langs")
    assert [a["id"] for a in row["any_of"]] == ["sql", "python"]


@pytest.mark.parametrize(
    "change, where, message",
    [
        ({"skill": "sql", "any_of": ["python"], "all_of": ["python", "sql"], "level": "basic"},
         "roles[0].requirements[0]", "any_of or all_of, not both"),
        ({"level": "basic"}, "roles[0].requirements[0]", "names a skill, or lists all_of"),
        ({"all_of": ["sql", "nope"], "level": "basic"}, "roles[0].requirements[0].all_of[1]", "unknown skill 'nope'"),
        ({"skill": "sql", "level": "basic", "level_word": "expertise"}, "roles[0].requirements[0].level",
         "level 'basic', but 'expertise' means 'expert'"),
        ({"skill": "sql", "level": "basic", "level_word": "guru"}, "roles[0].requirements[0].level_word",
         "not a level word"),
        ({"skill": "python", "level": "basic"}, "roles[0].requirements[1].skill", "required twice"),
    ],
)
def test_validate_knows_requirement_groups(cli, tmp_path, change, where, message):
    doc = json.loads((ROOT / "examples" / "data-engineering.json").read_text(encoding="utf-8"))
    doc["roles"][0]["requirements"][0] = change
    path = tmp_path / "groups.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    result = cli("validate", str(path), "--json")
    assert result.exit_code == 1
    problems = result.json()["problems"]
    assert any(p["path"] == where and message in p["message"] for p in problems), problems


def test_mixing_the_formats_is_an_error_that_names_the_field(cli, tmp_path):
    doc = json.loads((ROOT / "examples" / "data-engineering.json").read_text(encoding="utf-8"))
    doc["roles"][0]["skills"] = [{"skill": "sql", "level": "basic"}]
    doc["roles"][1]["next"][0]["stated"] = True
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    problems = {p["path"]: p["message"] for p in cli("validate", str(path), "--json").json()["problems"]}
    assert "format 1" in problems["roles[0].skills"]
    assert "format 1" in problems["roles[1].next[0].stated"]


# -- what a new user tripped on --------------------------------------------------------------


def test_a_tool_the_text_does_not_list_never_meets_an_any_of_row(cli):
    # "Expertise in ML frameworks (TensorFlow, PyTorch, Scikit-learn)", "experience with cloud
    # platforms (AWS Sagemaker, Google AI Platform)": Keras and Azure are neither.
    mle = move_to(cli("next", "--from", "junior-ds", "--have", "keras:expert, azure:advanced", "--json").json(),
                  "ml-engineer")
    gain, _ = gaps(mle)
    assert {"ml-frameworks", "cloud-platforms"} <= gain
    # A listed tool does, and `met` says which; SageMaker counts for AWS, which AWS includes.
    mle = move_to(cli("next", "--from", "junior-ds", "--have", "pytorch:expert", "--json").json(), "ml-engineer")
    assert {"id": "ml-frameworks", "by": "pytorch"} in [{"id": m["id"], "by": m["by"]["id"]} for m in mle["met"]]
    ds = move_to(cli("next", "--from", "junior-ds", "--have", "aws-sagemaker:basic", "--json").json(), "data-scientist")
    assert "cloud-platforms" in [m["id"] for m in ds["met"]]


def test_skills_names_the_roles_whose_groups_a_broad_skill_names(cli):
    roles = cli("skills", "software engineering", "--json").json()["roles"]
    assert [(r["id"], r["as"]) for r in roles] == [("ml-engineer", "group"), ("senior-mle", "group")]
    assert [p["id"] for p in roles[0]["requirement"]["all_of"]] == sorted(
        listed("Machine Learning Engineer", "software engineering skills"),
        key=["version-control", "docker", "ci-cd"].index)


def test_match_with_a_role_alone_counts_its_requirements(cli):
    r = cli("match", "--from", "data-scientist", "--json")
    assert r.exit_code == 0, r.stderr
    mine = next(x for x in r.json()["roles"] if x["id"] == "data-scientist")
    assert mine["readiness"] == 100.0
    assert mine["current"]
    none = cli("match")
    assert none.exit_code == 2
    assert "match needs your skills or your role" in none.stderr


def test_every_problem_of_have_at_once(cli):
    r = cli("match", "--have", "pyhton:x, sql:y")
    assert r.exit_code == 2
    assert "unknown skill 'pyhton'" in r.stderr
    assert "unknown skill level 'x'" in r.stderr
    assert "unknown skill level 'y'" in r.stderr


def test_a_specialization_named_as_a_role_says_so(cli):
    r = cli("next", "--from", "nlp")
    assert r.exit_code == 2
    assert "is a specialization: aiml-career show nlp" in r.stderr


def test_validate_asks_a_note_of_every_judged_move_and_rejects_a_group_listing_itself(cli, tmp_path):
    doc = json.loads((ROOT / "examples" / "data-engineering.json").read_text(encoding="utf-8"))
    doc["roles"][0]["next"][0] = {"to": "data-engineer", "kind": "promotion", "basis": "editorial"}
    doc["roles"][0]["requirements"][0] = {"skill": "sql", "any_of": ["sql", "python"], "level": "basic"}
    path = tmp_path / "notes.json"
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    problems = {p["path"]: p["message"] for p in cli("validate", str(path), "--json").json()["problems"]}
    assert "needs a note" in problems["roles[0].next[0].note"]
    assert "not an alternative" in problems["roles[0].requirements[0].any_of"]
