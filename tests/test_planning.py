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

from aiml_career.errors import UsageError
from aiml_career.ladder import load
from aiml_career.model import Role
from aiml_career.queries import parse_have, parse_level, parse_skill_specs, readiness

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


def test_path_ties_are_all_listed_in_ladder_order_with_step_gaps(tcli):
    r = tcli("path", "--from", "start", "--to", "top", "--json")
    assert r.exit_code == 0 and r.stderr == ""
    data = r.json()
    assert data["from"] == {"id": "start", "name": "Starter", "stage": "s0"}
    assert data["to"] == {"id": "top", "name": "Top Role", "stage": "s2"}
    assert data["moves"] == 2
    assert data["routes_found"] == 2
    assert data["allow_lateral"] is False
    # start lists right first, but routes come in ladder order: left before right
    assert route_ids(data) == [["left", "top"], ["right", "top"]]
    left, right = data["routes"]
    assert [s["kind"] for s in left["steps"]] == ["promotion", "promotion"]
    # held at start: a1. left needs a2 b3; then top needs a3 b1 c2 d4 (b3 held by then)
    assert gaps(left["steps"][0]) == (["b:advanced"], ["a:basic>proficient"])
    assert gaps(left["steps"][1]) == (["c:proficient", "d:expert"], ["a:proficient>advanced"])
    # right needs c3; then top: c3 already covers c2
    assert gaps(right["steps"][0]) == (["c:advanced"], [])
    assert gaps(right["steps"][1]) == (["b:basic", "d:expert"], ["a:basic>advanced"])
    assert left["steps"][1]["name"] == "Top Role" and left["steps"][1]["stage"] == "s2"
    # total gap: from the start (a1) to top (a3 b1 c2 d4)
    assert gaps(data["total_gap"]) == (["b:basic", "c:proficient", "d:expert"], ["a:basic>advanced"])
    assert "readiness" not in data  # nothing known about the person
    assert data["person"]["source"] == "none"


def test_path_max_bounds_the_listing_but_counts_every_tie(tcli):
    r = tcli("path", "--from", "Starter", "--to", "big boss", "--max", "1", "--json")
    data = r.json()
    assert data["routes_found"] == 2
    assert route_ids(data) == [["left", "top"]]
    text = tcli("path", "--from", "start", "--to", "top", "--max", "1")
    assert text.exit_code == 0
    assert "2 shortest routes" in text.stdout
    assert "1 more tied routes" in text.stdout and "--max" in text.stdout
    assert "Right Role" not in text.stdout


def test_path_text_lists_every_step_with_its_skills_and_the_total(tcli):
    r = tcli("path", "--from", "start", "--to", "top")
    assert r.exit_code == 0 and r.stderr == ""
    out = plain(r.stdout)
    assert "Starter → Top Role" in out
    assert "2 moves · 2 shortest routes · promotions only" in out
    assert "Route 1" in out and "Route 2" in out
    assert out.index("Left Role") < out.index("Right Role")
    assert "gain: Beta advanced" in out
    assert "deepen: Alpha basic→proficient" in out
    assert "compared with where you start: 3 skills to gain, 1 to deepen" in out


def test_path_with_have_shrinks_gaps_and_scores_readiness(tcli):
    r = tcli("path", "--from", "start", "--to", "top", "--have", "b:expert, GAMMA:1", "--json")
    assert r.exit_code == 0 and r.stderr == ""
    data = r.json()
    # held: a1 (start) + b4 + c1. top: a min(1,3)=1, b min(4,1)=1, c min(1,2)=1, d 0 -> 3/10
    assert data["readiness"] == 30.0
    left = data["routes"][0]
    assert gaps(left["steps"][0]) == ([], ["a:basic>proficient"])
    assert gaps(left["steps"][1]) == (["d:expert"], ["a:proficient>advanced", "c:basic>proficient"])
    assert gaps(data["total_gap"]) == (["d:expert"], ["a:basic>advanced", "c:basic>proficient"])
    assert data["person"] == {"source": "--have", "path": None, "role": None,
                              "skills": {"b": "expert", "c": "basic"}}
    text = tcli("path", "--from", "start", "--to", "top", "--have", "b:expert, GAMMA:1")
    assert "readiness 30.0%" in plain(text.stdout) or "readiness for Top Role: 30.0%" in plain(text.stdout)


def test_path_no_route_is_exit_1_with_a_message(tcli):
    r = tcli("path", "--from", "top", "--to", "start")
    assert is_error(r, 1, "no route from top to start", "--allow-lateral")
    r = tcli("path", "--from", "top", "--to", "start", "--allow-lateral", "--json")
    assert is_error(r, 1, "no route from top to start")
    assert "try --allow-lateral" not in r.stderr  # it was allowed already


def test_path_lateral_moves_only_with_allow_lateral(tcli):
    assert is_error(tcli("path", "--from", "start", "--to", "side"), 1, "no route from start to side")
    data = tcli("path", "--from", "start", "--to", "side", "--allow-lateral", "--json").json()
    assert data["allow_lateral"] is True
    assert data["moves"] == 2 and data["routes_found"] == 1
    steps = data["routes"][0]["steps"]
    assert [(s["id"], s["kind"]) for s in steps] == [("left", "promotion"), ("side", "lateral")]
    # side needs g3 b1; held a2 b3 by then, g is not held (nor d, which it includes)
    assert gaps(steps[1]) == (["g:advanced"], [])
    # lateral moves do not add ties when they are not shorter
    data = tcli("path", "--from", "start", "--to", "top", "--allow-lateral", "--json").json()
    assert data["moves"] == 2 and data["routes_found"] == 2
    text = tcli("path", "--from", "start", "--to", "side", "--allow-lateral")
    assert "promotions and lateral moves" in text.stdout
    assert "lateral" in text.stdout


@pytest.mark.parametrize(
    "args, code, needle",
    [
        (["--from", "top", "--to", "TOP ROLE"], 2, "same role"),
        (["--from", "start", "--to", "top", "--max", "0"], 2, "--max"),
        (["--from", "start", "--to", "topp"], 2, "unknown role 'topp'"),
        (["--from", "nobody", "--to", "top"], 2, "unknown role 'nobody'"),
        (["--to", "top"], 2, "missing option '--from'"),
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
    assert r.exit_code == 0 and r.stderr == ""
    data = r.json()
    # 3 mid roles -> 3 ways to a senior role, times architect or manager
    assert data["moves"] == 6 and data["routes_found"] == 6
    assert route_ids(data) == INTERN_TO_CAIO[:5]  # default --max 5, first five in ladder order
    every = cli("path", "--from", "intern", "--to", "caio", "--max", "10", "--json").json()
    assert route_ids(every) == INTERN_TO_CAIO
    assert all(s["kind"] == "promotion" for r_ in every["routes"] for s in r_["steps"])
    first = every["routes"][0]["steps"][0]
    assert first["id"] == "junior-ds"
    # "Proficiency in Python or R" is one requirement (Programming, any of Python, R); likewise
    # data wrangling (SQL, Excel); the intern's basic ML algorithms are to be deepened.
    assert gaps(first) == (
        ["programming:proficient", "data-wrangling:advanced"],
        ["ml-algorithms:basic>proficient"],
    )
    assert [a["id"] for a in first["skills_to_gain"][0]["any_of"]] == ["python", "r"]
    # the CAIO needs four skills the intern has none of
    assert gaps(every["total_gap"]) == (
        ["executive-leadership:expert", "ai-ml-expertise:expert", "strategic-thinking:advanced",
         "innovation:advanced"],
        [],
    )
    text = cli("path", "--from", "AI/ML Intern", "--to", "Chief AI Officer")
    assert "6 moves · 6 shortest routes" in plain(text.stdout)
    assert "1 more tied routes" in text.stdout


def test_path_builtin_lateral(cli):
    assert is_error(cli("path", "--from", "data-scientist", "--to", "ml-engineer"), 1,
                    "no route from data-scientist to ml-engineer", "--allow-lateral")
    data = cli("path", "--from", "data-scientist", "--to", "ml-engineer", "--allow-lateral", "--json").json()
    assert data["moves"] == 1 and data["routes_found"] == 1
    assert [(s["id"], s["kind"]) for s in data["routes"][0]["steps"]] == [("ml-engineer", "lateral")]
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
    r = cli("next", "--from", "intern", "--have", "pandas:Advanced, NUMPY:expert", "--json")
    assert r.exit_code == 0 and r.stderr == ""
    data = r.json()
    assert data["person"]["skills"] == {"pandas": "advanced", "numpy": "expert"}
    (move,) = data["next"]
    assert move["id"] == "junior-ds"
    # junior-ds: 3 requirements, programming 2 (python or r), ml-algorithms 2 (or its examples),
    # data-wrangling 3 (sql or excel) = 7; held: ml-algorithms basic (the intern's) -> 2 * 1/2 = 1 -> 1/7
    assert move["readiness"] == 14.3
    plain_next = cli("next", "--from", "intern")
    assert "readiness" not in plain_next.stdout


# -- readiness: the documented formula ---------------------------------------------


def test_readiness_matches_the_documented_formula_by_hand(cli):
    r = cli("match", "--have", "python:advanced, sql, excel:expert, R:1", "--stage", "entry", "--json")
    assert r.exit_code == 0 and r.stderr == ""
    roles = r.json()["roles"]
    assert ids(roles) == ["junior-ds", "intern"]
    # junior-ds requirements: programming 2 (python or r), ml-algorithms 2, data-wrangling 3
    #   (sql or excel) = 7. Met: programming by python min(3,2)/2 = 1 -> 2; data-wrangling by
    #   excel min(4,3)/3 = 1 -> 3; ml-algorithms 0 -> 5/7 = 71.43
    assert roles[0]["readiness"] == 71.4
    assert roles[1]["readiness"] == 0.0
    assert gaps(roles[0]) == (["ml-algorithms:proficient"], [])


def test_readiness_function_on_tiny(tiny):
    ladder = load(tiny)
    top = ladder.roles["top"]
    assert readiness(ladder, top, {}) == 0.0
    assert readiness(ladder, top, {"a": 4, "b": 4, "c": 4, "d": 4}) == 100.0
    assert readiness(ladder, top, {"a": 1, "b": 4, "c": 1}) == 30.0
    # g is held through d, which it includes
    assert readiness(ladder, ladder.roles["side"], {"d": 2}) == 50.0  # min(2,3)+0 / 4
    # README's worked example: needs a advanced (3), b expert (4); held a expert, b proficient
    worked = Role.model_validate({"id": "w", "name": "W", "stage": "s0", "track": "t", "skills": [
        {"skill": "a", "level": "advanced"}, {"skill": "b", "level": "expert"}]})
    assert readiness(ladder, worked, {"a": 4, "b": 2}) == 71.4  # 100 * 5/7
    # a role that lists no skills scores 100
    empty = Role.model_validate({"id": "e", "name": "E", "stage": "s0", "track": "t"})
    assert readiness(ladder, empty, {}) == 100.0


def test_readiness_is_documented_in_help(cli):
    for command in ("next", "path", "match"):
        r = cli(command, "--help")
        assert r.exit_code == 0
        out = plain(r.stdout)
        assert "sum(min(held, required)) / sum(required)" in out
        assert "basic=1, proficient=2, advanced=3, expert=4" in out


# -- match ---------------------------------------------------------------------------


def test_match_ranks_every_role_by_readiness(tcli):
    r = tcli("match", "--have", "alfa:advanced, d:expert, gamma:proficient", "--json")
    assert r.exit_code == 0 and r.stderr == ""
    data = r.json()
    roles = data["roles"]
    # start a1:1/1; top 3+0+2+4=9/10; side g via d 3 + b 0 = 3/4; right c 2/3; left a2+b0 = 2/5
    assert [(x["id"], x["readiness"]) for x in roles] == [
        ("start", 100.0), ("top", 90.0), ("side", 75.0), ("right", 66.7), ("left", 40.0)]
    by_id = {x["id"]: x for x in roles}
    assert gaps(by_id["left"]) == (["b:advanced"], [])
    assert gaps(by_id["right"]) == ([], ["c:proficient>advanced"])
    assert gaps(by_id["side"]) == (["b:basic"], [])
    assert gaps(by_id["start"]) == ([], [])
    assert by_id["top"]["name"] == "Top Role" and by_id["top"]["stage"] == "s2"
    assert data["person"]["source"] == "--have"


def test_match_ties_break_by_stage_then_id(tcli):
    roles = tcli("match", "--have", "d:basic", "--json").json()["roles"]
    # side g via d: 1/4 = 25; top d: 1/10 = 10; the rest 0, in stage order then id
    assert [(x["id"], x["readiness"]) for x in roles] == [
        ("side", 25.0), ("top", 10.0), ("start", 0.0), ("left", 0.0), ("right", 0.0)]


def test_match_top_and_stage(tcli):
    have = ("--have", "alfa:advanced, d:expert, gamma:proficient")
    assert ids(tcli("match", *have, "--top", "2", "--json").json()["roles"]) == ["start", "top"]
    assert ids(tcli("match", *have, "--stage", "middle", "--json").json()["roles"]) == ["side", "right", "left"]
    assert ids(tcli("match", *have, "--stage", "s1", "--top", "1", "--json").json()["roles"]) == ["side"]
    assert is_error(tcli("match", *have, "--top", "0"), 2, "--top")
    assert is_error(tcli("match", *have, "--stage", "nowhere"), 2, "unknown stage")


def test_match_text(tcli):
    r = tcli("match", "--have", "alfa:advanced, d:expert, gamma:proficient", "--top", "3")
    assert r.exit_code == 0 and r.stderr == ""
    out = r.stdout
    assert out.index("100.0%") < out.index("90.0%") < out.index("75.0%")
    assert "Starter" in out and "Side Role" in out and "Left Role" not in out
    assert "your skills (--have): a:advanced, d:expert, c:proficient" in plain(out)


def test_match_without_skills_is_a_usage_error(cli):
    assert is_error(cli("match"), 2, "match needs your skills", "--have")


def test_match_builtin_top(cli):
    roles = cli("match", "--have", "python:advanced, sql:advanced, excel:advanced, R, ML algorithms,"
                "linear regression, decision trees, kmeans, data wrangling:advanced", "--top", "1",
                "--json").json()["roles"]
    assert [(x["id"], x["readiness"]) for x in roles] == [("junior-ds", 100.0)]
    assert roles[0]["skills_to_gain"] == [] and roles[0]["skills_to_deepen"] == []


# -- search -------------------------------------------------------------------------------


def search(cli, *words):
    r = cli("search", *words, "--json")
    assert r.exit_code == (0 if r.json()["total"] else 1) and r.stderr == ""
    return r.json()


def test_search_role_names_and_aliases_rank_first(cli):
    data = search(cli, "ml", "engineer")
    assert data["query"] == "ml engineer"
    first = data["hits"][0]
    assert (first["type"], first["id"], first["field"], first["text"]) == ("role", "ml-engineer", "alias", "ML Engineer")
    assert {"junior-ds", "senior-mle"} <= {h["id"] for h in data["hits"] if h["type"] == "role"}
    scores = [h["score"] for h in data["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_search_any_case_multi_word(cli):
    data = search(cli, "MACHINE learning ENGINEER")
    assert data["hits"][0]["id"] == "ml-engineer" and data["hits"][0]["field"] == "name"
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
    assert kinds[0] and kinds == sorted(kinds, reverse=True)


def test_search_tiny(tcli):
    r = tcli("search", "alfa", "--json")
    hits = [(h["type"], h["id"], h["field"]) for h in r.json()["hits"]]
    assert hits[0] == ("skill", "a", "alias")  # then the roles that need it
    assert {kind for kind, _, field in hits[1:]} == {"role"} and {f for *_, f in hits[1:]} == {"requires"}
    hits = tcli("search", "big", "BOSS", "--json").json()["hits"]
    assert (hits[0]["id"], hits[0]["field"], hits[0]["score"]) == ("top", "alias", 100)
    hits = tcli("search", "floor", "--json").json()["hits"]
    assert [(h["id"], h["field"], h["text"]) for h in hits] == [("start", "responsibility", "Sweep the floor")]


def test_search_no_hits_limit_and_errors(cli):
    data = search(cli, "zzzzqqq")
    assert data == {"query": "zzzzqqq", "total": 0, "hits": []}
    assert "no matches for 'zzzzqqq'" in cli("search", "zzzzqqq").stderr
    limited = search(cli, "engineer", "--limit", "1")
    assert len(limited["hits"]) == 1 and limited["total"] > 1
    assert "more hits (use --limit)" in cli("search", "engineer", "--limit", "1").stderr
    assert is_error(cli("search", "!!!"), 2, "has no words")
    assert is_error(cli("search", "x", "--limit", "0"), 2, "--limit")


# -- skills SKILL -------------------------------------------------------------------------


def test_skills_one_skill_with_every_role_and_level(cli):
    r = cli("skills", "sklearn", "--json")
    assert r.exit_code == 0 and r.stderr == ""
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
    assert r.exit_code == 0 and r.stderr == ""
    assert "Scikit-learn" in r.stdout and "Machine Learning Engineer" in r.stdout and "expert" in r.stdout
    assert is_error(cli("skills", "pyhton"), 2, "unknown skill 'pyhton'", "python (Python)")
    alpha = tcli("skills", "Alpha", "--json").json()
    assert [(x["id"], x["level"]) for x in alpha["roles"]] == [
        ("start", "basic"), ("left", "proficient"), ("top", "advanced")]
    group = tcli("skills", "g", "--json").json()
    assert ids(group["includes"]) == ["d"] and [(x["id"], x["level"]) for x in group["roles"]] == [("side", "advanced")]


def test_path_marks_editorial_links_and_counts_each_route(cli):
    data = cli("path", "--from", "intern", "--to", "data-scientist", "--json").json()
    (route,) = data["routes"]
    first, second = route["steps"]
    assert (first["id"], first["stated"]) == ("junior-ds", False)  # the text never names this link
    assert (second["id"], second["stated"]) == ("data-scientist", True)  # "Junior Data Scientist/..."
    gained = {s["id"] for step in route["steps"] for s in step["skills_to_gain"]}
    assert route["skills_gained"] == len(gained)
    text = cli("path", "--from", "intern", "--to", "data-scientist").stdout
    assert "junior-ds · promotion (editorial link)" in text
    assert f"{len(gained)} skills to gain" in text


def test_show_and_tree_mark_editorial_links(cli):
    assert "(senior-ds, promotion, editorial)" in cli("show", "ai-researcher").stdout
    assert "(promotion, editorial)" in cli("tree").stdout


def test_alternatives_count_once_and_the_best_held_is_deepened(tmp_path):
    from aiml_career import queries
    from aiml_career.ladder import load

    doc = {
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
            "skills": [
                {"skill": "broad", "level": "advanced"},
                {"skill": "a", "level": "advanced"},
                {"skill": "b", "level": "advanced"},
                {"skill": "c", "level": "proficient"},
            ],
        }],
    }
    path = tmp_path / "alt.json"
    path.write_text(json.dumps(doc))
    ladder = load(path)
    role = ladder.roles["r"]
    assert [[n.skill for n in g] for g in queries.requirements(ladder, role)] == [["broad", "a", "b"], ["c"]]
    have = {"a": 2}  # A at proficient
    # broad-or-a-or-b: weight 3, best share min(2, 3)/3; c: weight 2, share 0 -> 100 * 2 / 5
    assert queries.readiness(ladder, role, have) == 40.0
    gain, deepen = queries.skill_gap(ladder, role, have)
    assert [(s["id"], s["from"], s["to"]) for s in deepen] == [("a", "proficient", "advanced")]
    assert [s["id"] for s in gain] == ["c"] and "any_of" not in gain[0]
    gain, _ = queries.skill_gap(ladder, role, {})
    assert gain[0]["id"] == "broad" and [x["id"] for x in gain[0]["any_of"]] == ["a", "b"]
    assert queries.readiness(ladder, role, {"b": 4, "c": 2}) == 100.0


def test_search_matches_word_forms_and_the_rest_of_the_text(cli):
    hits = cli("search", "model", "deployment", "--json").json()["hits"]
    found = {(h["id"], h["text"]) for h in hits}
    assert ("junior-ds", "Deploying ML models") in found
    assert ("ml-engineer", "Building and deploying ML models into production environments") in found
    physics = cli("search", "physics", "--json").json()["hits"]
    assert [(h["type"], h["id"], h["field"]) for h in physics] == [("text", "foundation", "note")]
    advice = cli("search", "continuously upgrading skills", "--json").json()["hits"]
    assert [(h["id"], h["field"]) for h in advice] == [("conclusion", "conclusion")]
