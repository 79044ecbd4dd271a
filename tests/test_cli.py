"""The core commands, in-process: content, --json contract, errors and exit codes."""

from __future__ import annotations

import pytest

from aiml_career import __version__
from aiml_career.cli import app

from conftest import test_env

ROLE_IDS = [
    "intern", "junior-ds", "data-scientist", "ml-engineer", "ai-researcher", "senior-ds",
    "senior-mle", "ai-architect", "ai-ml-manager", "head-of-ai", "caio",
]


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"aiml-career {__version__}\n"


def test_no_arguments_shows_help(cli):
    result = cli()
    assert "Usage" in result.stdout + result.stderr
    assert "show" in result.stdout + result.stderr


# -- stages and roles ---------------------------------------------------------


def test_stages_json_contract(cli):
    result = cli("stages", "--json")
    assert result.exit_code == 0
    stages = result.json()
    assert [s["id"] for s in stages] == ["foundation", "entry", "mid", "senior", "leadership"]
    assert [s["order"] for s in stages] == sorted(s["order"] for s in stages)
    for stage in stages:
        assert {"id", "name", "order", "roles"} <= set(stage)
    roles = [r["id"] for s in stages for r in s["roles"]]
    assert sorted(roles) == sorted(ROLE_IDS)
    foundation = stages[0]["foundation"]
    assert "Computer Science" in foundation["degrees"][0]["fields"]
    assert [s["id"] for s in foundation["math_foundation"]] == ["linear-algebra", "calculus", "probability"]
    assert any("physics or engineering" in n for n in foundation["notes"])


def test_stages_text(cli):
    result = cli("stages")
    assert result.exit_code == 0
    for name in ("Educational Foundation", "Entry-Level Roles", "Chief AI Officer", "physics or engineering"):
        assert name in result.stdout
    assert "\x1b[" not in result.stdout


def test_roles_lists_all_in_ladder_order(cli):
    result = cli("roles", "--json")
    assert [r["id"] for r in result.json()] == ROLE_IDS


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--stage", "mid"], ["data-scientist", "ml-engineer", "ai-researcher"]),
        (["--stage", "Mid-Level Roles"], ["data-scientist", "ml-engineer", "ai-researcher"]),
        (["--track", "research"], ["ai-researcher"]),
        (["--stage", "senior", "--track", "management"], []),
    ],
)
def test_roles_filters(cli, args, expected):
    result = cli("roles", *args, "--json")
    assert result.exit_code == 0
    assert [r["id"] for r in result.json()] == expected


def test_roles_unknown_stage_is_usage_error(cli):
    result = cli("roles", "--stage", "galactic")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown stage 'galactic'" in result.stderr


# -- show -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["ml-engineer", "ML Engineer", "machine learning engineer", "MLE", "mle", "Machine-Learning  Engineer!"],
)
def test_show_resolves_forgivingly(cli, name):
    result = cli("show", name, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["id"] == "ml-engineer"


@pytest.mark.parametrize(
    ("name", "role_id"),
    [
        ("Junior ML Engineer", "junior-ds"),
        ("Head of AI", "head-of-ai"),
        ("AI Director", "head-of-ai"),
        ("Chief AI Officer", "caio"),
        ("AI Specialist", "senior-ds"),
    ],
)
def test_show_aliases(cli, name, role_id):
    assert cli("show", name, "--json").json()["id"] == role_id


def test_show_json_contract(cli):
    data = cli("show", "ml-engineer", "--json").json()
    assert {"id", "name", "stage", "track", "responsibilities", "skills", "next", "previous"} <= set(data)
    assert data["name"] == "Machine Learning Engineer"
    assert data["stage"] == "mid"
    assert "Maintaining ML pipelines" in data["responsibilities"]
    for skill in data["skills"]:
        assert {"id", "name", "category", "level"} <= set(skill)
        assert skill["level"] in ("basic", "proficient", "advanced", "expert")
    by_id = {s["id"]: s for s in data["skills"]}
    assert by_id["pytorch"]["level"] == "expert"
    assert by_id["docker"]["category"] == "software-engineering"
    assert data["next"][0] == "senior-mle"
    assert "junior-ds" in data["previous"]
    assert all(isinstance(x, str) for x in data["next"] + data["previous"])


def test_show_text_has_every_part(cli):
    out = cli("show", "ML Engineer").stdout
    for text in ("Machine Learning Engineer", "Mid-Level Roles", "Maintaining ML pipelines",
                 "PyTorch", "expert", "Senior Machine Learning Engineer", "Leads to", "Comes from"):
        assert text in out


def test_show_occupation_codes_with_links(cli):
    data = cli("show", "data-scientist", "--json").json()
    assert data["occupations"] == [{
        "system": "O*NET-SOC", "code": "15-2051.00", "title": "Data Scientists",
        "url": "https://www.onetonline.org/link/summary/15-2051.00",
    }]
    assert "https://www.onetonline.org/link/summary/15-2051.00" in cli("show", "data-scientist").stdout


def test_show_specialization(cli):
    result = cli("show", "nlp", "--json")
    assert result.exit_code == 0
    data = result.json()
    assert data["type"] == "specialization"
    # The text: "Natural Language Processing (NLP): Focus on developing systems ..."
    assert data["name"] == "Natural Language Processing"
    assert data["aliases"] == ["NLP"]
    assert "chatbots" in data["examples"]
    assert "ai-researcher" in [r["id"] for r in data["roles"]]


def test_show_unknown_suggests(cli):
    result = cli("show", "ML Enginer")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "aiml-career: error: unknown role or specialization 'ML Enginer'"
    assert "did you mean" in lines[1]
    assert "ml-engineer" in lines[1]


def test_show_ambiguous_lists_candidates(cli):
    result = cli("show", "senior")
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr
    for candidate in ("senior-ds", "senior-mle"):
        assert candidate in result.stderr


def test_show_unique_prefix_resolves(cli):
    assert cli("show", "head of", "--json").json()["id"] == "head-of-ai"


def test_show_nothing_like_it(cli):
    result = cli("show", "zzzzzzzzzzzz")
    assert result.exit_code == 2
    assert "unknown role or specialization" in result.stderr
    assert "did you mean" not in result.stderr


def test_show_missing_argument_is_usage_error(cli):
    result = cli("show")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("aiml-career: error: missing argument ROLE")


# -- compare --------------------------------------------------------------------


def test_compare_json_contract(cli):
    data = cli("compare", "data-scientist", "ml-engineer", "--json").json()
    assert [r["id"] for r in data["roles"]] == ["data-scientist", "ml-engineer"]
    assert set(data["only"]) == {"data-scientist", "ml-engineer"}
    only_ds = {s["id"] for s in data["only"]["data-scientist"]}
    only_mle = {s["id"] for s in data["only"]["ml-engineer"]}
    # "data visualization tools (Tableau, Matplotlib)"; "ML frameworks (TensorFlow, PyTorch, Scikit-learn)"
    assert "data-visualization" in only_ds
    assert "ml-frameworks" in only_mle
    visual = next(s for s in data["only"]["data-scientist"] if s["id"] == "data-visualization")
    assert [a["id"] for a in visual["any_of"]["data-scientist"]] == ["tableau", "matplotlib"]
    # "software engineering skills (version control, containerization with Docker, CI/CD pipelines)"
    assert {"version-control", "docker", "ci-cd"} <= only_mle
    shared = {s["id"]: s["levels"] for s in data["shared_skills"]}
    # "familiarity with ... cloud platforms" (basic), "experience with cloud platforms" (proficient)
    assert shared["cloud-platforms"] == {"data-scientist": "basic", "ml-engineer": "proficient"}
    assert "cloud-platforms" in {s["id"] for s in data["level_differences"]}
    assert not only_ds & only_mle
    assert not only_ds & set(shared)


def test_compare_three_roles(cli):
    data = cli("compare", "data-scientist", "MLE", "AI Researcher", "--json").json()
    assert len(data["roles"]) == 3
    assert set(data["only"]) == {"data-scientist", "ml-engineer", "ai-researcher"}


def test_compare_text(cli):
    out = cli("compare", "data-scientist", "ml-engineer").stdout
    for text in ("Data Scientist", "Machine Learning Engineer", "Shared skills", "Tableau", "PyTorch"):
        assert text in out


@pytest.mark.parametrize("args", [["ml-engineer"], ["ml-engineer", "MLE"]])
def test_compare_needs_two_roles(cli, args):
    result = cli("compare", *args)
    assert result.exit_code == 2
    assert "at least two different roles" in result.stderr


def test_compare_unknown_role(cli):
    result = cli("compare", "data-scientist", "astronaut")
    assert result.exit_code == 2
    assert "unknown role 'astronaut'" in result.stderr


# -- next -------------------------------------------------------------------------


def test_next_json_contract(cli):
    data = cli("next", "--from", "junior-ds", "--json").json()
    assert data["from"]["id"] == "junior-ds"
    moves = {m["id"]: m for m in data["next"]}
    assert set(moves) == {"data-scientist", "ml-engineer", "ai-researcher"}
    for move in moves.values():
        assert {"id", "name", "kind", "skills_to_gain", "skills_to_deepen"} <= set(move)
        assert move["kind"] == "promotion"
    gain = {s["id"]: s for s in moves["data-scientist"]["skills_to_gain"]}
    assert {"data-visualization", "supervised-learning"} <= set(gain)
    # "data visualization tools (Tableau, Matplotlib)": one requirement, met by either
    assert [a["id"] for a in gain["data-visualization"]["any_of"]] == ["tableau", "matplotlib"]
    assert "python" not in gain  # the junior role already needs Python


def test_next_skills_to_deepen(cli):
    data = cli("next", "--from", "intern", "--json").json()
    (junior,) = data["next"]
    deepen = {s["id"]: (s["from"], s["to"]) for s in junior["skills_to_deepen"]}
    gain = {s["id"] for s in junior["skills_to_gain"]}
    # The intern has "Basic knowledge of machine learning algorithms"; the junior needs
    # "knowledge of ML algorithms (e.g., ...)": the same skill, deeper.
    assert deepen == {"ml-algorithms": ("basic", "proficient")}
    # The intern's "data manipulation skills" do not give "data wrangling tools (SQL, Excel)".
    assert "data-wrangling" in gain


def test_next_lists_fitting_specializations_and_certifications(cli):
    data = cli("next", "--from", "junior-ds", "--json").json()
    researcher = next(m for m in data["next"] if m["id"] == "ai-researcher")
    assert "nlp" in [s["id"] for s in researcher["specializations"]]
    mle = next(m for m in data["next"] if m["id"] == "ml-engineer")
    assert "aws-ml" in [c["id"] for c in mle["certifications"]]


def test_next_from_top_of_ladder(cli):
    result = cli("next", "--from", "caio")
    assert result.exit_code == 0
    assert "no next role" in result.stdout
    assert cli("next", "--from", "caio", "--json").json()["next"] == []


def test_next_without_a_role_starts_where_path_starts(cli):
    # No role and no skills: the entry stage's roles are the next step, each an entry move.
    result = cli("next", "--json")
    assert result.exit_code == 0
    data = result.json()
    assert data["from"] is None
    assert data["start"]["how"] == "entry stage"
    assert [(m["id"], m["kind"]) for m in data["next"]] == [("intern", "entry"), ("junior-ds", "entry")]
    assert "From no role yet" in cli("next").stdout
    # Skills that fully meet the intern's rows (basic ML algorithms, a framework, pandas):
    # the intern's moves, and it says where it started.
    fit = cli("next", "--have", "ml-algorithms:basic, keras:basic, pandas", "--json").json()
    assert fit["start"] == {"how": "skills", "roles": [{"id": "intern", "name": "AI/ML Intern", "stage": "entry"}]}
    assert [m["id"] for m in fit["next"]] == ["junior-ds"]
    assert "starting from the roles your skills fully meet: intern" in cli(
        "next", "--have", "ml-algorithms:basic, keras:basic, pandas").stdout


def test_next_text(cli):
    out = cli("next", "--from", "junior-ds").stdout
    assert "Data Scientist" in out
    assert "gain:" in out
    assert "promotion" in out


# -- the rest of the source text --------------------------------------------------


def test_specializations(cli):
    data = cli("specializations", "--json").json()
    assert data["intro"].startswith("As you progress, you can specialize")
    assert [s["id"] for s in data["specializations"]] == [
        "nlp", "computer-vision", "reinforcement-learning", "robotics", "ai-ethics"
    ]
    out = cli("specializations").stdout
    assert "facial recognition" in out
    assert "free from bias" in out


def test_skills_vocabulary(cli):
    data = cli("skills", "--json").json()
    key = [c for c in data if c["key"]]
    assert len(key) == 8
    assert key[0]["name"] == "Mathematics and Statistics"
    all_ids = {s["id"] for c in data for s in c["skills"]}
    assert {"python", "scikit-learn", "kafka", "keras"} <= all_ids
    assert "Scikit-learn" in cli("skills").stdout


def test_skills_alias_resolves(cli):
    data = cli("skills", "sklearn", "--json").json()
    assert data["id"] == "scikit-learn"
    assert ("ml-engineer", "expert") in {(r["id"], r["level"]) for r in data["roles"]}


def test_unknown_skill(cli):
    result = cli("skills", "pytroch")
    assert result.exit_code == 2
    assert "unknown skill 'pytroch'" in result.stderr
    assert "pytorch" in result.stderr


def test_education(cli):
    data = cli("education", "--json").json()
    assert data["stage"] == "foundation"
    assert [d["id"] for d in data["advanced_degrees"]]
    out = cli("education").stdout
    assert "Bachelor" in out
    assert "Master" in out
    assert "linear algebra" in out.lower()


def test_resources(cli):
    data = cli("resources", "--json").json()
    assert {r["name"] for r in data["online_courses"]} == {"Coursera", "edX", "Udemy"}
    assert len(data["certifications"]) == 3
    assert data["advice"].startswith("The AI/ML career path is flexible")
    out = cli("resources").stdout
    assert "AWS Certified Machine Learning" in out
    assert "Advice" in out


# -- help -------------------------------------------------------------------------

COMMANDS = [
    ["stages"], ["roles"], ["show"], ["compare"], ["similar"], ["map"], ["next"], ["path"], ["plan"], ["match"],
    ["search"], ["skills"], ["specializations"], ["education"], ["resources"], ["validate"], ["schema"],
    ["export"], ["tree"], ["browse"], ["profile"], ["profile", "show"], ["profile", "add"],
    ["profile", "remove"], ["profile", "learning"], ["profile", "skip"], ["profile", "set-role"],
    ["profile", "clear"], ["profile", "set-target"], ["profile", "history"], ["profile", "export"],
    ["profile", "assess"], ["progress"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(cli, command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    if command != ["profile"]:
        assert "Example: aiml-career" in result.stdout


def test_every_registered_command_is_covered_here():
    from typer.main import get_group

    group = get_group(app)
    names = {name for name in group.commands}
    names |= {f"profile {n}" for n in group.commands["profile"].commands}
    assert names == {" ".join(c) for c in COMMANDS}


def test_completion_offers_role_ids():
    from typer.testing import CliRunner

    result = CliRunner().invoke(
        app, [], env={"_AIML_CAREER_COMPLETE": "complete_bash", "COMP_WORDS": "aiml-career show senior-",
                      "COMP_CWORD": "2"},
        prog_name="aiml-career", obj=test_env(),
    )
    assert "senior-ds" in result.stdout
    assert "senior-mle" in result.stdout


def test_seniority_abbreviations_read_as_the_word(cli):
    from aiml_career.ladder.resolve import normalize

    assert normalize("Sr. ML Engineer") == normalize("Senior ML Engineer")
    assert normalize("jnr_data-scientist") == normalize("Junior Data Scientist")
    # a word of its own only: inside a word, the letters stay
    assert normalize("SRE") == "sre"
    assert normalize("usr") == "usr"
    result = cli("show", "sr-mle")
    assert result.exit_code == 0
    assert result.stdout.startswith("Senior Machine Learning Engineer")
