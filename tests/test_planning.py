"""Planning: path, --have, match, search, skills SKILL and readiness.

Exact cases run on TINY, a five-role ladder written to tmp_path, whose
answers are worked out by hand in the comments. Realistic cases run on the
built-in ladder.

TINY (promotions ─>, lateral ~>; skills at their level, 1 basic .. 4 expert)::

    stage s0            s1 "Middle"                      s2
    start [a1] ──> left  [a2 b3] ──> top [a3 b1 c2 d4]
      │            left  ~> side [g3 b1], left ~> right
      └──────> right [c3]  ──────> top

``start`` lists its moves as right, then left; the ladder lists left first.
Skill ``g`` (Group) includes ``d`` (Delta): holding d counts as holding g.
"""

from __future__ import annotations

import json
import re

import pytest

from aiml_career.advice.person import parse_have, parse_level, parse_skill_specs
from aiml_career.errors import UsageError
from aiml_career.ladder.loading import load
from aiml_career.ladder.model import Role

# -- the tiny ladder ------------------------------------------------------------


def _role(rid, name, stage, skills, nexts=(), **extra):
    return {
        "id": rid,
        "name": name,
        "stage": stage,
        "track": "t",
        "skills": [{"skill": s, "level": lv} for s, lv in skills],
        "next": [{"to": to, "kind": kind, "stated": True} for to, kind in nexts],
        **extra,
    }


TINY = {
    "format": 1,
    "title": "Tiny ladder",
    "stages": [
        {"id": "s0", "name": "Start stage", "order": 0},
        {"id": "s1", "name": "Middle", "order": 1},
        {"id": "s2", "name": "Top stage", "order": 2},
    ],
    "tracks": [{"id": "t", "name": "Track"}],
    "skill_categories": [{"id": "c", "name": "Cat"}],
    "skills": [
        {"id": "a", "name": "Alpha", "category": "c", "aliases": ["Alfa"]},
        {"id": "b", "name": "Beta", "category": "c"},
        {"id": "c", "name": "Gamma", "category": "c"},
        {"id": "d", "name": "Delta", "category": "c"},
        {"id": "g", "name": "Group", "category": "c", "includes": ["d"]},
    ],
    "roles": [
        _role("start", "Starter", "s0", [("a", "basic")], [("right", "promotion"), ("left", "promotion")],
              responsibilities=["Sweep the floor"]),
        _role("left", "Left Role", "s1", [("a", "proficient"), ("b", "advanced")],
              [("top", "promotion"), ("side", "lateral"), ("right", "lateral")]),
        _role("right", "Right Role", "s1", [("c", "advanced")], [("top", "promotion")]),
        _role("side", "Side Role", "s1", [("g", "advanced"), ("b", "basic")]),
        _role("top", "Top Role", "s2", [("a", "advanced"), ("b", "basic"), ("c", "proficient"), ("d", "expert")],
              aliases=["Big Boss"]),
    ],
}


@pytest.fixture
def tiny(tmp_path):
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(TINY), encoding="utf-8")
    return str(path)


@pytest.fixture
def tcli(cli, tiny):
    """The CLI on the tiny ladder."""
    return lambda *args, **kw: cli("--data", tiny, *args, **kw)


def ids(items):
    return [i["id"] for i in items]


def gaps(step):
    """A step's (or total gap's) skills as short strings: 'b:advanced', 'a:basic>proficient'."""
    gain = [f"{s['id']}:{s['level']}" for s in step["skills_to_gain"]]
    deepen = [f"{s['id']}:{s['from']}>{s['to']}" for s in step["skills_to_deepen"]]
    return gain, deepen


def route_ids(data):
    return [[s["id"] for s in r["steps"]] for r in data["routes"]]


def is_error(run, code, *needles):
    """An error: the code, nothing on stdout, one 'error:' line and hints on stderr."""
    assert run.exit_code == code, (run.stdout, run.stderr)
    assert run.stdout == ""
    assert run.stderr.startswith("aiml-career: error: ")
    for needle in needles:
        assert needle in run.stderr
    return True


def plain(text):
    return re.sub(r"\s+", " ", text)


# -- path: tiny, hand-checked ----------------------------------------------------


def test_path_ties_are_ordered_by_least_to_learn_with_step_gaps(tcli):
    r = tcli("path", "--from", "start", "--to", "top", "--json")
    assert r.exit_code == 0
    assert r.stderr == ""
    data = r.json()
    assert data["from"] == {"id": "start", "name": "Starter", "stage": "s0"}
    assert data["to"] == {"id": "top", "name": "Top Role", "stage": "s2"}
    assert data["start"] == {"how": "--from", "roles": [data["from"]]}
    assert data["moves"] == 2
    assert data["routes_found"] == 2
    assert data["allow_lateral"] is False
    assert data["lateral_fallback"] is False
    # Tied on length; right asks 3 to gain and 1 to deepen, left 3 and 2: right first.
    assert route_ids(data) == [["right", "top"], ["left", "top"]]
    right, left = data["routes"]
    assert [s["kind"] for s in left["steps"]] == ["promotion", "promotion"]
    # TINY is a format 1 file: "stated": true reads as basis "text".
    assert {s["basis"] for s in left["steps"]} == {"text"}
    # held at start: a1. left needs a2 b3; then top needs a3 b1 c2 d4 (b3 held by then)
    assert gaps(left["steps"][0]) == (["b:advanced"], ["a:basic>proficient"])
    assert gaps(left["steps"][1]) == (["c:proficient", "d:expert"], ["a:proficient>advanced"])
    # right needs c3; then top: c3 already covers c2
    assert gaps(right["steps"][0]) == (["c:advanced"], [])
    assert gaps(right["steps"][1]) == (["b:basic", "d:expert"], ["a:basic>advanced"])
    # Every total is the count of the lines it sums.
    for route in data["routes"]:
        assert route["skills_gained"] == sum(len(s["skills_to_gain"]) for s in route["steps"])
        assert route["skills_deepened"] == sum(len(s["skills_to_deepen"]) for s in route["steps"])
    assert (right["skills_gained"], right["skills_deepened"]) == (3, 1)
    assert (left["skills_gained"], left["skills_deepened"]) == (3, 2)
    assert left["steps"][1]["name"] == "Top Role"
    assert left["steps"][1]["stage"] == "s2"
    # total gap: from the start (a1) to top (a3 b1 c2 d4)
    assert gaps(data["total_gap"]) == (["b:basic", "c:proficient", "d:expert"], ["a:basic>advanced"])
    assert data["readiness"] == 10.0  # a: min(1, 3) of 3 + 1 + 2 + 4 = 1/10
    assert data["person"]["source"] == "none"


def test_path_limit_bounds_the_listing_but_counts_every_tie(tcli):
    r = tcli("path", "--from", "Starter", "--to", "big boss", "--limit", "1", "--json")
    data = r.json()
    assert data["routes_found"] == 2
    assert route_ids(data) == [["right", "top"]]
    # --max is the old name of --limit
    assert tcli("path", "--from", "start", "--to", "top", "--max", "1", "--json").json() == data
    text = tcli("path", "--from", "start", "--to", "top", "--limit", "1")
    assert text.exit_code == 0
    assert "2 shortest routes" in text.stdout
    assert "1 more tied routes" in text.stdout
    assert "--limit" in text.stdout
    assert "Left Role" not in text.stdout


def test_path_text_lists_every_step_with_its_skills_and_the_total(tcli):
    r = tcli("path", "--from", "start", "--to", "top")
    assert r.exit_code == 0
    assert r.stderr == ""
    out = plain(r.stdout)
    assert "Starter → Top Role" in out
    assert "2 steps · 2 shortest routes · promotions only" in out
    assert "Route 1 3 skills to gain, 1 to deepen along the way" in out
    assert "Route 2 3 skills to gain, 2 to deepen along the way" in out
    assert out.index("Right Role") < out.index("Left Role")
    assert "gain: Beta advanced" in out
    assert "deepen: Alpha basic→proficient" in out
    assert "compared with Starter: 3 skills to gain, 1 to deepen" in out


def test_path_with_have_shrinks_gaps_and_scores_readiness(tcli):
    r = tcli("path", "--from", "start", "--to", "top", "--have", "b:expert, GAMMA:1", "--json")
    assert r.exit_code == 0
    assert r.stderr == ""
    data = r.json()
    # held: a1 (start) + b4 + c1. top: a min(1,3)=1, b min(4,1)=1, c min(1,2)=1, d 0 -> 3/10
    assert data["readiness"] == 30.0
    left = next(route for route in data["routes"] if route["steps"][0]["id"] == "left")
    assert gaps(left["steps"][0]) == ([], ["a:basic>proficient"])
    assert gaps(left["steps"][1]) == (["d:expert"], ["a:proficient>advanced", "c:basic>proficient"])
    assert gaps(data["total_gap"]) == (["d:expert"], ["a:basic>advanced", "c:basic>proficient"])
    assert data["person"] == {"source": "--have", "path": None, "role": "start", "role_source": "--from",
                              "skills": {"b": "expert", "c": "basic"}}
    text = tcli("path", "--from", "start", "--to", "top", "--have", "b:expert, GAMMA:1")
    assert "readiness 30.0%" in plain(text.stdout)


def test_path_no_route_is_exit_1_with_a_message_and_json_still_a_document(tcli):
    r = tcli("path", "--from", "top", "--to", "start")
    assert is_error(r, 1, "no route from top to start", "no chain of promotions or lateral moves leads there")
    r = tcli("path", "--from", "top", "--to", "start", "--json")
    assert r.exit_code == 1
    assert r.stderr.startswith("aiml-career: error: no route from top to start")
    data = r.json()
    assert data["routes"] == []
    assert data["routes_found"] == 0
    assert data["moves"] is None
    assert data["from"]["id"] == "top"
    assert data["to"]["id"] == "start"


def test_path_falls_back_to_lateral_moves_and_says_so(tcli):
    data = tcli("path", "--from", "start", "--to", "side", "--json").json()
    assert data["allow_lateral"] is True
    assert data["lateral_fallback"] is True
    assert data["moves"] == 2
    assert data["routes_found"] == 1
    steps = data["routes"][0]["steps"]
    assert [(s["id"], s["kind"]) for s in steps] == [("left", "promotion"), ("side", "lateral")]
    # side needs g3 b1; held a2 b3 by then, g is not held (nor d, which it includes)
    assert gaps(steps[1]) == (["g:advanced"], [])
    text = tcli("path", "--from", "start", "--to", "side")
    assert "no route by promotions alone" in text.stdout
    assert "--promotions-only" in text.stdout
    # --promotions-only keeps the strict answer
    assert is_error(tcli("path", "--from", "start", "--to", "side", "--promotions-only"), 1,
                    "no route from start to side", "drop --promotions-only")
    # lateral moves do not add ties when they are not shorter, even when allowed
    data = tcli("path", "--from", "start", "--to", "top", "--allow-lateral", "--json").json()
    assert data["moves"] == 2
    assert data["routes_found"] == 2
    assert data["lateral_fallback"] is False
    text = tcli("path", "--from", "start", "--to", "side", "--allow-lateral")
    assert "promotions and lateral moves" in text.stdout


def test_path_without_a_role_starts_where_your_skills_fit_else_at_the_entry_stage(tcli):
    # a1 fully meets start's requirement (a basic): the route starts there.
    data = tcli("path", "--to", "top", "--have", "alpha", "--json").json()
    assert data["start"]["how"] == "skills"
    assert ids(data["start"]["roles"]) == ["start"]
    assert data["from"]["id"] == "start"
    # Nothing held: from the first stage, and becoming its role is the first step.
    data = tcli("path", "--to", "left", "--json").json()
    assert data["start"]["how"] == "entry stage"
    assert data["from"] is None
    steps = data["routes"][0]["steps"]
    assert [(s["id"], s["kind"]) for s in steps] == [("start", "entry"), ("left", "promotion")]
    assert gaps(steps[0]) == (["a:basic"], [])
    assert data["moves"] == 2
    text = tcli("path", "--to", "left")
    assert "starting from the entry stage" in text.stdout
    assert "you, with no role yet" in text.stdout


@pytest.mark.parametrize(
    "args, code, needle",
    [
        (["--from", "top", "--to", "TOP ROLE"], 2, "same role"),
        (["--from", "start", "--to", "top", "--limit", "0"], 2, "--limit"),
        (["--from", "start", "--to", "topp"], 2, "unknown role 'topp'"),
        (["--from", "nobody", "--to", "top"], 2, "unknown role 'nobody'"),
        (["--from", "start", "--to", "top", "--promotions-only", "--allow-lateral"], 2, "disagree"),
    ],
)
def test_path_usage_errors(tcli, args, code, needle):
    assert is_error(tcli("path", *args), code, needle)


# -- path: the built-in ladder ----------------------------------------------------

INTERN_TO_CAIO = [
    ["junior-ds", "data-scientist", "senior-ds", "ai-architect", "head-of-ai", "caio"],
    ["junior-ds", "data-scientist", "senior-ds", "ai-ml-manager", "head-of-ai", "caio"],
    ["junior-ds", "ml-engineer", "senior-mle", "ai-architect", "head-of-ai", "caio"],
    ["junior-ds", "ml-engineer", "senior-mle", "ai-ml-manager", "head-of-ai", "caio"],
    ["junior-ds", "ai-researcher", "senior-ds", "ai-architect", "head-of-ai", "caio"],
    ["junior-ds", "ai-researcher", "senior-ds", "ai-ml-manager", "head-of-ai", "caio"],
]


def test_path_intern_to_caio_counts_six_tied_routes(cli):
    r = cli("path", "--from", "intern", "--to", "caio", "--json")
    assert r.exit_code == 0
    assert r.stderr == ""
    data = r.json()
    # 3 mid roles -> 3 ways to a senior role, times architect or manager
    assert data["moves"] == 6
    assert data["routes_found"] == 6
    assert len(data["routes"]) == 5  # default --limit 5
    every = cli("path", "--from", "intern", "--to", "caio", "--limit", "10", "--json").json()
    assert sorted(route_ids(every)) == sorted(INTERN_TO_CAIO)
    assert route_ids(every)[:5] == route_ids(data)
    # tied routes come in README's order: fewest editorial moves, then fewest moves only the
    # titles imply, then least to learn: distinct skills to gain, then to deepen, then levels
    def effort(route):
        gained = {s["id"] for step in route["steps"] for s in step["skills_to_gain"]}
        deepened = {s["id"] for step in route["steps"] for s in step["skills_to_deepen"]} - gained
        bases = [step["basis"] for step in route["steps"]]
        return bases.count("editorial"), bases.count("titles"), len(gained), len(deepened), route["levels_to_climb"]

    assert [effort(r_) for r_ in every["routes"]] == sorted(effort(r_) for r_ in every["routes"])
    assert all(s["kind"] == "promotion" for r_ in every["routes"] for s in r_["steps"])
    first = every["routes"][0]["steps"][0]
    assert first["id"] == "junior-ds"
    # "Proficiency in Python or R" is one row (Programming, any of Python, R), met by the
    # intern's foundation ("Programming (Python, R, C++)", docs: The foundation); data wrangling
    # (SQL, Excel) is one row too; "knowledge of ML algorithms (e.g., ...)" deepens the intern's
    # "Basic knowledge of machine learning algorithms".
    assert gaps(first) == (
        ["data-wrangling:proficient"],
        ["ml-algorithms:basic>proficient"],
    )
    assert [a["id"] for a in first["skills_to_gain"][0]["any_of"]] == ["sql", "excel"]
    # "Executive-level leadership, deep AI expertise, strategic thinking, and an ability to drive
    # innovation": expert, expert, and no level word (proficient) twice
    # innovation": expert, expert, and no level word (proficient) twice. The intern's basic
    # knowledge of ML algorithms counts toward AI/ML expertise (a related skill, up to advanced).
    assert gaps(every["total_gap"]) == (
        ["executive-leadership:expert", "strategic-thinking:proficient", "innovation:proficient"],
        ["ai-ml-expertise:basic>expert"],
    )
    assert every["total_gap"]["skills_to_deepen"][0]["via"] == {
        "id": "ml-algorithms", "name": "Machine learning algorithms", "level": "basic"}
    text = cli("path", "--from", "AI/ML Intern", "--to", "Chief AI Officer")
    assert "6 steps · 6 shortest routes" in plain(text.stdout)
    assert "1 more tied routes" in text.stdout


def test_path_builtin_lateral(cli):
    # No promotion leads from data scientist to ML engineer: the lateral move, said so.
    data = cli("path", "--from", "data-scientist", "--to", "ml-engineer", "--json").json()
    assert data["lateral_fallback"] is True
    assert data["moves"] == 1
    assert data["routes_found"] == 1
    assert [(s["id"], s["kind"]) for s in data["routes"][0]["steps"]] == [("ml-engineer", "lateral")]
    assert is_error(cli("path", "--from", "data-scientist", "--to", "ml-engineer", "--promotions-only"), 1,
                    "no route from data-scientist to ml-engineer")
    assert is_error(cli("path", "--from", "caio", "--to", "intern"), 1, "no route from caio to intern")


# -- --have and levels ------------------------------------------------------------


@pytest.fixture(scope="module")
def builtin():
    return load()


@pytest.mark.parametrize(
    "word, level",
    [("basic", "basic"), ("Familiar", "basic"), ("1", "basic"), ("proficient", "proficient"),
     (" INTERMEDIATE ", "proficient"), ("2", "proficient"), ("Advanced", "advanced"), ("3", "advanced"),
     ("expert", "expert"), ("EXPERTISE", "expert"), ("4", "expert")],
)
def test_parse_level_words(word, level):
    assert parse_level(word) == level


@pytest.mark.parametrize("word", ["guru", "5", "0", "", "advancedd"])
def test_parse_level_rejects_unknown_words(word):
    with pytest.raises(UsageError) as info:
        parse_level(word)
    assert "basic, proficient, advanced, expert" in info.value.hints[0]


def test_parse_have_names_ids_aliases_case_levels(builtin):
    assert parse_have(builtin, ["python, sql, pandas:advanced"]) == {
        "python": "proficient", "sql": "proficient", "pandas": "advanced"}
    # aliases and names, any case, spaces around ':'; several --have options
    assert parse_have(builtin, ["SKLEARN : Expert", "Structured Query Language:1", "c++:3"]) == {
        "scikit-learn": "expert", "sql": "basic", "cpp": "advanced"}
    assert parse_have(builtin, ["Machine Learning Algorithms:2, k-means clustering"]) == {
        "ml-algorithms": "proficient", "k-means": "proficient"}
    # the same skill twice keeps the higher level; empty parts are ignored
    assert parse_have(builtin, ["python:expert, , python:basic", "python"]) == {"python": "expert"}
    # parse_skill_specs leaves a missing level as None (profile add keeps the saved one)
    assert parse_skill_specs(builtin, ["python, sql:advanced"]) == {"python": None, "sql": "advanced"}


def test_parse_have_never_drops_an_unknown_skill(builtin):
    with pytest.raises(UsageError) as info:
        parse_have(builtin, ["python, pyhton"])
    assert "unknown skill 'pyhton'" in info.value.message
    assert "python" in info.value.hints[0]
    with pytest.raises(UsageError):
        parse_have(builtin, ["python:guru"])
    with pytest.raises(UsageError):
        parse_have(builtin, [" , "])


@pytest.mark.parametrize("command", [["next", "--from", "intern"], ["path", "--from", "intern", "--to", "caio"],
                                     ["match"]])
def test_have_errors_on_every_planning_command(cli, command):
    assert is_error(cli(*command, "--have", "python, pyhton"), 2, "unknown skill 'pyhton'",
                    "did you mean: python (Python)")
    assert is_error(cli(*command, "--have", "python:guru", "--json"), 2, "unknown skill level 'guru'",
                    "levels: basic, proficient, advanced, expert")
    assert is_error(cli(*command, "--have", ""), 2, "no skills given")


def test_have_on_next_gives_readiness(cli):
    r = cli("next", "--from", "intern", "--have", "python, SQL:advanced", "--json")
    assert r.exit_code == 0
    assert r.stderr == ""
    data = r.json()
    assert data["person"]["skills"] == {"python": "proficient", "sql": "advanced"}
    (move,) = data["next"]
    assert move["id"] == "junior-ds"
    # junior-ds rows: programming 2 (any of Python, R), ML algorithms 2 (e.g. ...), data wrangling
    # 2 ("experience": proficient; any of SQL, Excel) = 6. Met: programming by Python 2, data
    # wrangling by SQL; the intern's basic ML algorithms 1 of 2 -> 5/6
    assert (move["readiness"], move["points"], move["of"]) == (83.3, 5, 6)
    assert ids(move["met"]) == ["programming", "data-wrangling"]
    assert [m.get("by", {}).get("id") for m in move["met"]] == ["python", "sql"]
    # Without --have: the intern's foundation meets programming (2), ML algorithms basic 1 -> 3/6.
    plain_next = cli("next", "--from", "intern")
    assert "readiness 50.0% (3/6 points)" in plain(plain_next.stdout)


# -- readiness: the documented formula ---------------------------------------------


def test_readiness_matches_the_documented_formula_by_hand(cli):
    r = cli("match", "--have", "python:advanced, sql, excel:expert, R:1", "--stage", "entry", "--json")
    assert r.exit_code == 0
    assert r.stderr == ""
    roles = r.json()["roles"]
    assert ids(roles) == ["junior-ds", "intern"]
    # junior-ds: programming 2 (python min(3,2) = 2), ML algorithms 2 (0), data wrangling 2
    #   ("experience": proficient; excel min(4,2) = 2) -> 4/6 = 66.67
    assert roles[0]["readiness"] == 66.7
    assert roles[1]["readiness"] == 0.0
    assert gaps(roles[0]) == (["ml-algorithms:proficient"], [])


def test_readiness_function_on_tiny(tiny):
    from aiml_career.advice.planning import assess

    ladder = load(tiny)

    def readiness(role, have):
        return assess(ladder, role, have).readiness

    top = ladder.roles["top"]
    assert readiness(top, {}) == 0.0
    assert readiness(top, {"a": 4, "b": 4, "c": 4, "d": 4}) == 100.0
    assert readiness(top, {"a": 1, "b": 4, "c": 1}) == 30.0
    # g is held through d, which it includes
    assert readiness(ladder.roles["side"], {"d": 2}) == 50.0  # min(2,3)+0 / 4
    # README's worked example: needs a advanced (3), b expert (4); held a expert, b proficient
    worked = Role.model_validate({"id": "w", "name": "W", "stage": "s0", "track": "t", "requirements": [
        {"skill": "a", "level": "advanced"}, {"skill": "b", "level": "expert"}]})
    assert readiness(worked, {"a": 4, "b": 2}) == 71.4  # 100 * 5/7
    # all_of: each part is a row; the broad skill does not stand in for them
    parts = Role.model_validate({"id": "p", "name": "P", "stage": "s0", "track": "t", "requirements": [
        {"skill": "g", "all_of": ["a", "b"], "level": "advanced"}]})
    assert readiness(parts, {"g": 4}) == 0.0
    assert readiness(parts, {"a": 3}) == 50.0
    # any_of: one row, met by the best-held alternative or the broad skill
    either = Role.model_validate({"id": "e", "name": "E", "stage": "s0", "track": "t", "requirements": [
        {"skill": "g", "any_of": ["a", "b"], "level": "advanced"}]})
    assert readiness(either, {"b": 3}) == 100.0
    assert readiness(either, {"g": 3}) == 100.0
    assert readiness(either, {"a": 1, "b": 2}) == 66.7
    # a role that lists no requirements scores 100
    empty = Role.model_validate({"id": "e", "name": "E", "stage": "s0", "track": "t"})
    assert readiness(empty, {}) == 100.0


def test_readiness_is_documented_in_help(cli):
    for command in ("next", "path", "match"):
        r = cli(command, "--help")
        assert r.exit_code == 0
        out = plain(r.stdout)
        assert "100 x points / required points" in out
        assert "basic=1, proficient=2, advanced=3, expert=4" in out


# -- match ---------------------------------------------------------------------------


def test_match_ranks_every_role_by_readiness(tcli):
    r = tcli("match", "--have", "alfa:advanced, d:expert, gamma:proficient", "--json")
    assert r.exit_code == 0
    assert r.stderr == ""
    data = r.json()
    roles = data["roles"]
    # start a1:1/1; top 3+0+2+4=9/10; side g via d 3 + b 0 = 3/4; right c 2/3; left a2+b0 = 2/5
    # rank scores (minus 10 per stage above the first): 100, 70, 65, 56.7, 30
    assert [(x["id"], x["readiness"], x["rank_score"]) for x in roles] == [
        ("start", 100.0, 100.0), ("top", 90.0, 70.0), ("side", 75.0, 65.0), ("right", 66.7, 56.7),
        ("left", 40.0, 30.0)]
    by_id = {x["id"]: x for x in roles}
    assert gaps(by_id["left"]) == (["b:advanced"], [])
    assert gaps(by_id["right"]) == ([], ["c:proficient>advanced"])
    assert gaps(by_id["side"]) == (["b:basic"], [])
    assert gaps(by_id["start"]) == ([], [])
    assert by_id["top"]["name"] == "Top Role"
    assert by_id["top"]["stage"] == "s2"
    assert data["person"]["source"] == "--have"
    assert data["current"] is None


def test_match_ranks_the_nearer_rung_first_when_readiness_is_close(tcli):
    roles = tcli("match", "--have", "d:basic", "--json").json()["roles"]
    # side g via d: 1/4 = 25 (score 15); top d: 1/10 = 10 (score -10, two stages up); the rest 0
    # (start 0, left and right -10): top is not readier by the 20 points two stages ask.
    assert [(x["id"], x["readiness"]) for x in roles] == [
        ("side", 25.0), ("start", 0.0), ("left", 0.0), ("right", 0.0), ("top", 10.0)]


def test_match_with_a_current_role_puts_roles_at_or_below_it_last(tcli, tty):
    data = tcli("match", "--from", "left", "--have", "gamma:advanced", "--json").json()
    assert data["current"]["id"] == "left"
    # left holds a2 b3; with c3: top a2 b1 c2 d0 = 5/10 -> the only role above; then s0 and s1
    assert ids(data["roles"]) == ["top", "start", "left", "right", "side"]
    assert [x["at_or_below_current"] for x in data["roles"]] == [False, True, True, True, True]
    assert [x["current"] for x in data["roles"]] == [False, False, True, False, False]
    text = tcli("match", "--from", "left", "--have", "gamma:advanced").stdout
    assert "(your role)" in text
    assert "(at or below your role)" in text
    assert "roles at or below your current role's stage last" in plain(text)


def test_match_limit_and_stage(tcli):
    have = ("--have", "alfa:advanced, d:expert, gamma:proficient")
    assert ids(tcli("match", *have, "--limit", "2", "--json").json()["roles"]) == ["start", "top"]
    assert ids(tcli("match", *have, "--top", "2", "--json").json()["roles"]) == ["start", "top"]
    assert ids(tcli("match", *have, "--stage", "middle", "--json").json()["roles"]) == ["side", "right", "left"]
    assert ids(tcli("match", *have, "--stage", "s1", "--limit", "1", "--json").json()["roles"]) == ["side"]
    assert is_error(tcli("match", *have, "--limit", "0"), 2, "--limit")
    assert is_error(tcli("match", *have, "--stage", "nowhere"), 2, "unknown stage")


def test_match_to_gives_the_roles_readiness_and_place_in_json_and_on_stderr(tcli):
    """``--to``: the role's readiness and its place in the whole ranking (ranked by hand above:
    start, top, side, right, left), whatever ``--limit`` shows; under ``--stage`` that leaves
    it out, its readiness still, and no place."""
    have = ("--have", "alfa:advanced, d:expert, gamma:proficient")
    doc = tcli("match", *have, "--to", "Side Role", "--limit", "1", "--json").json()
    assert ids(doc["roles"]) == ["start"]
    assert doc["aim"] == {"id": "side", "name": "Side Role", "stage": "s1", "readiness": 75.0, "points": 3,
                          "of": 4, "rank": 3}
    piped = tcli("match", *have, "--to", "side", "--limit", "1")
    assert "aiml-career: toward Side Role (side): readiness 75.0% (3/4), ranked 3 of 5\n" in piped.stderr  # not a row
    assert "side" not in piped.stdout
    staged = tcli("match", *have, "--to", "top", "--stage", "middle", "--json").json()
    assert ids(staged["roles"]) == ["side", "right", "left"]
    assert staged["aim"] == {"id": "top", "name": "Top Role", "stage": "s2", "readiness": 90.0, "points": 9,
                             "of": 10, "rank": None}
    staged_note = tcli("match", *have, "--to", "top", "--stage", "middle").stderr
    assert "toward Top Role (top): readiness 90.0% (9/10), not ranked here" in staged_note
    assert tcli("match", *have, "--json").json()["aim"] is None
    assert is_error(tcli("match", *have, "--to", "nowhere"), 2, "unknown role")


def test_match_to_on_a_terminal_is_part_of_the_answer(tcli, tty):
    """On a terminal ``--to``'s answer is printed with the table, on stdout (into a pipe, stdout
    holds only rows: it is said on stderr)."""
    shown = tcli("match", "--have", "alfa:advanced, d:expert, gamma:proficient", "--to", "side", "--limit", "1")
    assert "Toward Side Role (side): readiness 75.0% (3/4), ranked 3 of 5" in plain(shown.stdout)
    assert "ranked 3 of 5" not in shown.stderr


def test_match_text(tcli, tty):
    r = tcli("match", "--have", "alfa:advanced, d:expert, gamma:proficient", "--limit", "3")
    assert r.exit_code == 0
    assert r.stderr == ""
    out = r.stdout
    assert out.index("100.0% (1/1)") < out.index("90.0% (9/10)") < out.index("75.0% (3/4)")
    assert "Starter" in out
    assert "Side Role" in out
    assert "Left Role" not in out
    assert "your skills (--have): a:advanced, d:expert, c:proficient" in plain(out)


def test_a_readiness_of_nothing_is_not_coloured_as_a_success(cli):
    """On a terminal a readiness is bold green when anything counts toward the role, dim at 0%."""
    out = cli("--color", "always", "match", "--have", "python,sql", "--limit", "2").stdout
    assert "\x1b[1;32m66.7% (4/6)" in out
    assert "\x1b[2m0.0% (0/4)" in out
    assert "\x1b[1;32m0.0%" not in out


def test_match_without_skills_is_a_usage_error(cli):
    assert is_error(cli("match"), 2, "match needs your skills", "--have")


def test_match_limit_says_how_many_roles_it_left(cli, tty):
    """The built-in ladder has 11 roles: --limit 2 leaves 9, counted in ``total`` and said."""
    doc = cli("match", "--have", "python", "--limit", "2", "--json").json()
    assert (len(doc["roles"]), doc["total"]) == (2, 11)
    assert cli("match", "--have", "python", "--json").json()["total"] == 11
    shown = cli("match", "--have", "python", "--limit", "2")
    assert shown.stdout.rstrip().endswith("… 9 more roles left out by --limit")


def test_match_limit_into_a_pipe_says_how_many_roles_it_left_on_stderr(cli):
    piped = cli("match", "--have", "python", "--limit", "2")
    assert len(piped.stdout.splitlines()) == 2
    assert piped.stderr == "aiml-career: 9 more roles left out by --limit\n"
    assert cli("match", "--have", "python").stderr == ""


def test_match_with_a_bad_limit_says_so_whatever_else_is_missing(cli):
    assert is_error(cli("match", "--limit", "0"), 2, "--limit must be at least 1")


def test_match_builtin_top(cli):
    roles = cli("match", "--have", "python:advanced, sql:advanced, excel:advanced, R, ML algorithms,"
                "linear regression, decision trees, kmeans, data wrangling:advanced", "--limit", "1",
                "--json").json()["roles"]
    assert [(x["id"], x["readiness"]) for x in roles] == [("junior-ds", 100.0)]
    assert roles[0]["skills_to_gain"] == []
    assert roles[0]["skills_to_deepen"] == []


# -- search -------------------------------------------------------------------------------


def search(cli, *words):
    r = cli("search", *words, "--json")
    assert r.exit_code == (0 if r.json()["total"] else 1)
    assert r.stderr == ""
    return r.json()


def test_search_role_names_and_aliases_rank_first(cli):
    data = search(cli, "ml", "engineer")
    assert data["query"] == "ml engineer"
    first = data["hits"][0]
    said = (first["type"], first["id"], first["field"], first["text"])
    assert said == ("role", "ml-engineer", "alias", "ML Engineer")
    assert {"junior-ds", "senior-mle"} <= {h["id"] for h in data["hits"] if h["type"] == "role"}
    scores = [h["score"] for h in data["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_search_any_case_multi_word(cli):
    data = search(cli, "MACHINE learning ENGINEER")
    assert data["hits"][0]["id"] == "ml-engineer"
    assert data["hits"][0]["field"] == "name"
    # every word must appear in a hit (or in the skill that brought it)
    for hit in data["hits"]:
        if hit["via"]:
            continue
        text = hit["text"].lower()
        assert all(w in text for w in ("machine", "learning", "engineer"))


def test_search_names_tolerate_typos(cli):
    hits = search(cli, "machin", "lerning", "enginer")["hits"]
    assert ("ml-engineer", "name") == (hits[0]["id"], hits[0]["field"])
    assert search(cli, "chief", "ai", "oficer")["hits"][0]["id"] == "caio"


def test_search_each_hit_says_what_matched_and_where(cli):
    hits = search(cli, "deploying")["hits"]
    found = {(h["type"], h["id"], h["field"]) for h in hits}
    assert ("role", "ml-engineer", "responsibility") in found
    resp = next(h for h in hits if h["id"] == "ml-engineer")
    assert "deploying" in resp["text"].lower()
    assert ("skill", "deployment-technologies", "alias") in {
        (h["type"], h["id"], h["field"]) for h in search(cli, "model deployment")["hits"]}
    assert [(h["type"], h["id"]) for h in search(cli, "aws", "certified")["hits"]] == [("certification", "aws-ml")]
    assert ("online-course", "coursera") in {(h["type"], h["id"]) for h in search(cli, "coursera")["hits"]}
    nlp = {(h["type"], h["id"]) for h in search(cli, "nlp")["hits"]}
    assert {("skill", "nlp"), ("specialization", "nlp")} <= nlp


def test_search_role_names_before_other_fields(cli):
    hits = search(cli, "engineer")["hits"]
    kinds = [h["type"] == "role" and h["field"] in ("name", "alias", "id") for h in hits]
    assert kinds[0]
    assert kinds == sorted(kinds, reverse=True)


def test_search_tiny(tcli):
    r = tcli("search", "alfa", "--json")
    hits = [(h["type"], h["id"], h["field"]) for h in r.json()["hits"]]
    assert hits[0] == ("skill", "a", "alias")  # then the roles that need it
    assert {kind for kind, _, field in hits[1:]} == {"role"}
    assert {f for *_, f in hits[1:]} == {"requires"}
    hits = tcli("search", "big", "BOSS", "--json").json()["hits"]
    assert (hits[0]["id"], hits[0]["field"], hits[0]["score"]) == ("top", "alias", 100)
    hits = tcli("search", "floor", "--json").json()["hits"]
    assert [(h["id"], h["field"], h["text"]) for h in hits] == [("start", "responsibility", "Sweep the floor")]


def test_search_no_hits_limit_and_errors(cli):
    data = search(cli, "zzzzqqq")
    assert data == {"query": "zzzzqqq", "total": 0, "hits": []}
    assert "no matches for 'zzzzqqq'" in cli("search", "zzzzqqq").stderr
    limited = search(cli, "engineer", "--limit", "1")
    assert len(limited["hits"]) == 1
    assert limited["total"] > 1
    assert "more hits (use --limit)" in cli("search", "engineer", "--limit", "1").stderr
    assert is_error(cli("search", "!!!"), 2, "has no words")
    assert is_error(cli("search", "x", "--limit", "0"), 2, "--limit")


# -- skills SKILL -------------------------------------------------------------------------


def test_skills_one_skill_with_every_role_and_level(cli):
    r = cli("skills", "sklearn", "--json")
    assert r.exit_code == 0
    assert r.stderr == ""
    data = r.json()
    assert (data["id"], data["name"]) == ("scikit-learn", "Scikit-learn")
    assert [(x["id"], x["level"]) for x in data["roles"]] == [("ml-engineer", "expert")]
    python = cli("skills", "PYTHON", "--json").json()
    assert [(x["id"], x["stage"], x["level"]) for x in python["roles"]] == [
        ("junior-ds", "entry", "proficient"), ("senior-ds", "senior", "advanced")]
    frameworks = cli("skills", "machine learning frameworks", "--json").json()
    assert frameworks["id"] == "ml-frameworks"
    assert ids(frameworks["includes"]) == ["tensorflow", "pytorch", "scikit-learn", "keras"]
    assert ids(frameworks["roles"]) == ["intern", "ml-engineer", "senior-mle"]


def test_skills_one_skill_text_and_errors(cli, tcli):
    r = cli("skills", "sklearn")
    assert r.exit_code == 0
    assert r.stderr == ""
    assert "Scikit-learn" in r.stdout
    assert "Machine Learning Engineer" in r.stdout
    assert "expert" in r.stdout
    assert is_error(cli("skills", "pyhton"), 2, "unknown skill 'pyhton'", "python (Python)")
    alpha = tcli("skills", "Alpha", "--json").json()
    assert [(x["id"], x["level"]) for x in alpha["roles"]] == [
        ("start", "basic"), ("left", "proficient"), ("top", "advanced")]
    group = tcli("skills", "g", "--json").json()
    assert ids(group["includes"]) == ["d"]
    assert [(x["id"], x["level"]) for x in group["roles"]] == [("side", "advanced")]


def test_path_says_the_basis_of_each_move_and_counts_each_route(cli, tty):
    data = cli("path", "--from", "intern", "--to", "data-scientist", "--json").json()
    (route,) = data["routes"]
    first, second = route["steps"]
    # The text never names the intern -> junior link; "Junior Data Scientist/ML Engineer" implies
    # the next one through the titles only.
    assert (first["id"], first["basis"]) == ("junior-ds", "editorial")
    assert (second["id"], second["basis"]) == ("data-scientist", "titles")
    assert first["note"]
    assert second["note"]
    assert route["skills_gained"] == sum(len(step["skills_to_gain"]) for step in route["steps"])
    text = cli("path", "--from", "intern", "--to", "data-scientist").stdout
    assert "junior-ds · promotion, editorial" in text
    assert f"{route['skills_gained']} skills to gain" in text
    assert "editorial = our judgement" in plain(text)


def test_show_and_tree_say_the_basis_of_each_link(cli, tty):
    assert "(senior-ds, promotion, editorial)" in cli("show", "ai-researcher").stdout
    assert "(promotion, titles)" in cli("tree").stdout
    assert "editorial = our judgement" in plain(cli("tree").stdout)


def test_any_of_counts_once_and_the_best_held_is_deepened(tmp_path):
    from aiml_career.advice.planning import assess

    doc = {
        "format": 2,
        "title": "alternatives",
        "stages": [{"id": "one", "name": "One", "order": 0}],
        "tracks": [{"id": "t", "name": "T"}],
        "skill_categories": [{"id": "c", "name": "C"}],
        "skills": [
            {"id": "broad", "name": "Broad", "category": "c", "includes": ["a", "b"]},
            {"id": "a", "name": "A", "category": "c"},
            {"id": "b", "name": "B", "category": "c"},
            {"id": "c", "name": "C skill", "category": "c"},
        ],
        "roles": [{
            "id": "r", "name": "Role", "stage": "one", "track": "t",
            "requirements": [
                {"skill": "broad", "any_of": ["a", "b"], "level": "advanced"},
                {"skill": "c", "level": "proficient"},
            ],
        }],
    }
    path = tmp_path / "alt.json"
    path.write_text(json.dumps(doc))
    ladder = load(path)
    role = ladder.roles["r"]
    assert [(u.skill, u.any_of) for u in ladder.units(role)] == [("broad", ("a", "b")), ("c", ())]
    have = {"a": 2}  # A at proficient
    # broad-or-a-or-b: weight 3, best min(2, 3); c: weight 2, 0 -> 100 * 2 / 5
    got = assess(ladder, role, have)
    assert got.readiness == 40.0
    assert [(s["id"], s["from"], s["to"], s["for"]["id"]) for s in got.deepen] == [
        ("a", "proficient", "advanced", "broad")]
    assert [s["id"] for s in got.gain] == ["c"]
    assert "any_of" not in got.gain[0]
    gain = assess(ladder, role, {}).gain
    assert gain[0]["id"] == "broad"
    assert [x["id"] for x in gain[0]["any_of"]] == ["a", "b"]
    assert assess(ladder, role, {"b": 4, "c": 2}).readiness == 100.0


def test_search_matches_word_forms_and_the_rest_of_the_text(cli):
    hits = cli("search", "model", "deployment", "--json").json()["hits"]
    found = {(h["id"], h["text"]) for h in hits}
    assert ("junior-ds", "Deploying ML models") in found
    assert ("ml-engineer", "Building and deploying ML models into production environments") in found
    physics = cli("search", "physics", "--json").json()["hits"]
    assert [(h["type"], h["id"], h["field"]) for h in physics] == [("text", "foundation", "note")]
    advice = cli("search", "continuously upgrading skills", "--json").json()["hits"]
    assert [(h["id"], h["field"]) for h in advice] == [("conclusion", "conclusion")]


def test_match_limit_counts_one_role_left_in_the_singular(cli):
    """The built-in ladder's 11 roles, 10 shown: "1 more role"."""
    assert cli("match", "--have", "python", "--limit", "10").stderr == "aiml-career: 1 more role left out by --limit\n"
