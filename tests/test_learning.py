"""The learning plan, where to learn, and what learning a skill unlocks (issue 13).

Expected answers come from the source text's sentences and from hand-made
ladders, not from the code's output.
"""

from __future__ import annotations

import copy
import json
import re
from urllib.parse import urlsplit

import pytest

from conftest import BUILTIN, EXAMPLE, ROOT

SOURCE = (ROOT / "tests" / "source" / "ai-ml-career-path.txt").read_text(encoding="utf-8")
README = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")


def skills_needed(title: str) -> str:
    """The source's "Skills Needed" sentence of the role whose heading is ``title``."""
    lines = SOURCE.splitlines()
    start = lines.index(f"- {title}")
    return next(line for line in lines[start:] if line.startswith("- Skills Needed:"))


def write(tmp_path, doc, name="ladder.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


# -- a hand-made ladder ------------------------------------------------------------------


def skill(sid, *before, note="made up for the test"):
    return {"id": sid, "name": sid.upper(), "category": "c",
            "prerequisites": [{"skill": b, "basis": "editorial", "note": note} for b in before]}


def need(sid, level="proficient"):
    return {"skill": sid, "level": level, "wording": f"{sid} please"}


def small_ladder(**overrides):
    """start -> mid -> top. The prerequisite graph: a <- b <- c, and d <- c; e, f and h are free.

    e is asked by mid at basic and by top at expert: two items, each completing one step.
    h is asked by mid at proficient and by top at basic: one item (at mid) that completes
    both steps' rows. f is asked only by top; top leads on to beyond, which asks for f.
    """
    doc = {
        "format": 2, "title": "t",
        "stages": [{"id": "s1", "name": "S1", "order": 1}, {"id": "s2", "name": "S2", "order": 2},
                   {"id": "s3", "name": "S3", "order": 3}, {"id": "s4", "name": "S4", "order": 4}],
        "tracks": [{"id": "t", "name": "T"}],
        "skill_categories": [{"id": "c", "name": "C"}],
        "skills": [skill("c"), skill("b", "c"), skill("a", "b"), skill("d", "c"), skill("e"), skill("f"),
                   skill("h")],
        "roles": [
            {"id": "start", "name": "Start", "stage": "s1", "track": "t", "requirements": [],
             "next": [{"to": "mid", "kind": "promotion", "basis": "text"}]},
            {"id": "mid", "name": "Mid", "stage": "s2", "track": "t",
             "requirements": [need("a"), need("e", "basic"), need("d"), need("h")],
             "next": [{"to": "top", "kind": "promotion", "basis": "text"}]},
            {"id": "top", "name": "Top", "stage": "s3", "track": "t",
             "requirements": [need("f"), need("e", "expert"), need("b"), need("c"), need("h", "basic")],
             "next": [{"to": "beyond", "kind": "promotion", "basis": "text"}]},
            {"id": "beyond", "name": "Beyond", "stage": "s4", "track": "t",
             "requirements": [need("f", "basic")]},
        ],
    }
    doc.update(overrides)
    return doc


def closure(doc):
    """Every skill's prerequisites, however far back, from the document itself."""
    direct = {s["id"]: [p["skill"] for p in s.get("prerequisites", [])] for s in doc["skills"]}
    out = {}
    for sid in direct:
        seen, todo = set(), list(direct[sid])
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo += direct[x]
        out[sid] = seen
    return out


def test_plan_order_follows_the_prerequisite_graph_then_value(cli, tmp_path):
    doc = small_ladder()
    result = cli("--data", write(tmp_path, doc), "plan", "--from", "start", "--to", "top", "--json")
    assert result.exit_code == 0, result.stderr
    plan = result.json()
    order = [(i["id"], i["step"]["id"]) for i in plan["items"]]
    position = {key: n for n, key in enumerate(order)}
    before = closure(doc)
    # No item comes before one of its prerequisites (however far back).
    for (sid, _), n in position.items():
        for (other, _), m in position.items():
            if other in before[sid]:
                assert m < n, f"{other} must come before {sid}: {order}"
    # Same skill: the earlier step's line first.
    assert position[("e", "mid")] < position[("e", "top")]
    # Milestones (README: Learning order): mid's items, and what they need however far back
    # (a needs b needs c, d needs c: top's b and c), before top's other items. Within mid:
    # h completes two steps, then by route order e (mid; c is top's, after mid's ready ones),
    # c, then d (mid) before b (top), then a. Then top: f (one role beyond too), then e's
    # deeper line.
    assert order == [("h", "mid"), ("e", "mid"), ("c", "top"), ("d", "mid"), ("b", "top"), ("a", "mid"),
                     ("f", "top"), ("e", "top")]
    # A later step's item comes before an earlier step's only as its prerequisite.
    steps = {"mid": 1, "top": 2}
    for n, (sid, step) in enumerate(order):
        for other, other_step in order[n + 1:]:
            if steps[other_step] < steps[step]:
                assert sid in before[other], f"{sid} ({step}) before {other} ({other_step}): {order}"
    # Exactly the route's lines: mid asks a, e, d, h; top asks f, e (deeper), b, c (h basic is met).
    assert sorted(order) == sorted([("a", "mid"), ("e", "mid"), ("d", "mid"), ("h", "mid"),
                                    ("f", "top"), ("e", "top"), ("b", "top"), ("c", "top")])
    values = {(i["id"], i["step"]["id"]): i["value"] for i in plan["items"]}
    assert values[("h", "mid")] == {"steps": 2, "roles_beyond": 0}
    assert values[("e", "mid")] == values[("e", "top")] == {"steps": 1, "roles_beyond": 0}
    assert values[("f", "top")] == {"steps": 1, "roles_beyond": 1}
    f_item = next(i for i in plan["items"] if i["id"] == "f")
    assert [u["id"] for u in f_item["unlocks"]] == ["top", "beyond"]
    assert f_item["unlocks"][1]["on_route"] is False
    h_item = next(i for i in plan["items"] if i["id"] == "h")
    assert [u["id"] for u in h_item["unlocks"]] == ["mid", "top"]


def test_value_breaks_ties_among_ready_items(cli, tmp_path):
    """Without prerequisites each step's items come by value alone: the item of more steps,
    then of more roles beyond, then route order (a deeper line still after its lower one)."""
    doc = small_ladder()
    for s in doc["skills"]:
        s["prerequisites"] = []
    plan = cli("--data", write(tmp_path, doc), "plan", "--from", "start", "--to", "top", "--json").json()
    order = [(i["id"], i["step"]["id"]) for i in plan["items"]]
    # mid first: h completes both steps, then route order a, e, d. Then top: f (one step and
    # one role beyond), then route order e (deeper), b, c.
    assert order == [("h", "mid"), ("a", "mid"), ("e", "mid"), ("d", "mid"), ("f", "top"), ("e", "top"),
                     ("b", "top"), ("c", "top")]


def test_a_beyond_role_is_unlocked_only_by_a_row_not_met_already(cli, tmp_path):
    """beyond asks f basic: holding f at basic already, learning f to proficient for top
    completes top's row but unlocks nothing beyond."""
    doc = small_ladder()
    plan = cli("--data", write(tmp_path, doc), "plan", "--from", "start", "--to", "top", "--have", "f:basic",
               "--json").json()
    f_item = next(i for i in plan["items"] if i["id"] == "f")
    assert f_item["action"] == "deepen"
    assert f_item["held"] == "basic"
    assert [u["id"] for u in f_item["unlocks"]] == ["top"]
    assert f_item["value"] == {"steps": 1, "roles_beyond": 0}


def test_prerequisite_held_by_the_readiness_rule_and_done_items_say_none(cli, tmp_path, tty):
    """Holding a (learned after b and c) is not holding c: c counts as held only when held
    itself or through a skill it includes, as readiness has it."""
    doc = small_ladder()
    path = write(tmp_path, doc)
    plan = cli("--data", path, "plan", "--from", "start", "--to", "top", "--have", "a", "--json").json()
    b_item = next(i for i in plan["items"] if i["id"] == "b")
    assert b_item["prerequisites"] == [{"id": "c", "name": "C", "basis": "editorial",
                                        "note": "made up for the test", "state": "planned"}]
    # c includes cc: holding cc counts for c.
    doc["skills"].append({"id": "cc", "name": "CC", "category": "c"})
    doc["skills"][0]["includes"] = ["cc"]
    plan = cli("--data", write(tmp_path, doc, "inc.json"), "plan", "--from", "start", "--to", "top",
               "--have", "cc", "--json").json()
    d_item = next(i for i in plan["items"] if i["id"] == "d")
    assert d_item["prerequisites"][0]["state"] == "held"
    out = cli("--data", path, "plan", "--from", "start", "--to", "top", "--have", "a").stdout
    block = out.split("[x] A")[1].split("\n\n")[0]
    assert "after:" not in block
    assert "not held" not in block


def test_order_function_handles_a_loop_and_stays_deterministic():
    from aiml_career.advice.learning_order import milestone_order

    own = [{"x"}, {"y"}, {"z"}]
    # x needs y and y needs x (a loop a valid ladder cannot have): still every item, once.
    needs = [["y"], ["x"], []]
    keys = [(0, 1), (0, 2), (1, 0)]
    args = (own, needs, [1, 1, 1], keys, lambda sid: [], lambda sid: False)
    placed = milestone_order(*args)
    assert sorted(placed) == [0, 1, 2]
    assert placed == milestone_order(*args)


def test_a_long_prerequisite_chain_orders_in_linear_time():
    """10,000 skills in one chain: s0 <- s1 <- ... One item per skill, listed last first:
    the order is the chain, and no closure of prerequisites is built (issue: quadratic)."""
    import time

    from aiml_career.advice.learning_order import milestone_order

    n = 10_000
    before = {f"s{i}": [f"s{i - 1}"] if i else [] for i in range(n)}
    own = [{f"s{i}"} for i in reversed(range(n))]
    needs = [before[f"s{i}"] for i in reversed(range(n))]
    started = time.perf_counter()
    placed = milestone_order(own, needs, [1] * n, [(0, i) for i in range(n)], before.__getitem__,
                             lambda sid: False)
    assert time.perf_counter() - started < 2
    assert [next(iter(own[i])) for i in placed] == [f"s{i}" for i in range(n)]


def test_a_ladder_without_prerequisites_or_links_still_plans(cli, tmp_path):
    doc = small_ladder()
    for s in doc["skills"]:
        del s["prerequisites"]
    result = cli("--data", write(tmp_path, doc), "plan", "--from", "start", "--to", "top", "--json")
    assert result.exit_code == 0
    assert all(i["prerequisites"] == [] and i["learn"] == [] for i in result.json()["items"])
    stripped = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for s in stripped["skills"]:
        s.pop("prerequisites", None)
        s.pop("learn", None)
    for r in stripped["resources"]:
        r.pop("skills_basis", None)
    path = write(tmp_path, stripped, "old.json")
    assert cli("validate", path).exit_code == 0
    assert cli("--data", path, "plan", "--from", "junior-de", "--to", "senior-de").exit_code == 0


# -- the built-in ladder -----------------------------------------------------------------------


def test_junior_ds_to_senior_mle_learns_docker_before_kubernetes(cli):
    result = cli("plan", "--from", "junior-ds", "--to", "senior-mle", "--json")
    assert result.exit_code == 0, result.stderr
    plan = result.json()
    items = plan["items"]
    ids = [i["id"] for i in items]
    # The source: ML engineers need "containerization with Docker"; senior ML engineers
    # "deployment technologies (Kubernetes, Docker)".
    mle, senior = skills_needed("Machine Learning Engineer"), skills_needed("Senior Machine Learning Engineer")
    assert "containerization with Docker" in mle
    assert "(Kubernetes, Docker)" in senior
    assert ids.index("docker") < ids.index("kubernetes")
    kubernetes = items[ids.index("kubernetes")]
    # "extensive knowledge of ..." : extensive is an expert word (README: Levels).
    assert kubernetes["level"] == "expert"
    assert kubernetes["step"]["id"] == "senior-mle"
    assert "extensive knowledge" in kubernetes["wording"]
    assert kubernetes["wording"] in senior
    docker_first = cli("skills", "kubernetes", "--json").json()["prerequisites"][0]
    assert {**docker_first, "state": "planned"} in kubernetes["prerequisites"]
    names = {"ml-engineer": mle, "senior-mle": senior}
    for item in items:
        assert item["level"] in ("basic", "proficient", "advanced", "expert")
        assert item["learn"], f"{item['id']} has no place to learn"
        if item["kind"] != "requirement":
            continue
        assert item["wording"]
        assert item["wording"] in names[item["step"]["id"]]
        assert item["reason"]
        assert item["wording"] in item["reason"]
        assert item["learn"], f"{item['id']} has no place to learn"
        assert item["unlocks"][0]["id"] == item["step"]["id"]
    # Microservices and APIs: "Advanced software engineering (microservices, APIs)".
    assert "Advanced software engineering (microservices, APIs)" in senior
    assert {i["id"]: i["level"] for i in items if i["step"]["id"] == "senior-mle"}["microservices"] == "advanced"
    assert ids.index("apis") < ids.index("microservices")
    assert items[-1]["ready_for"]["id"] == "senior-mle"


ROUTES = [
    ("--from", "junior-ds", "--to", "senior-mle"),
    ("--from", "intern", "--to", "caio"),
    ("--to", "caio"),
    ("--to", "senior-ds", "--have", "python:advanced, deep-learning, hadoop:basic"),
    ("--from", "data-scientist", "--to", "head-of-ai", "--have", "leadership:expert, sql"),
]


@pytest.mark.parametrize("args", ROUTES, ids=" ".join)
def test_plan_items_are_exactly_the_route_gaps_of_path(cli, args):
    plan = cli("plan", *args, "--json").json()
    path = cli("path", *args, "--json").json()
    route = path["routes"][0]
    assert [s["id"] for s in plan["route"]] == [s["id"] for s in route["steps"]]

    def row(line):
        return line["for"]["id"] if "for" in line else line["id"]

    gaps = sorted((step["id"], row(line), line.get("level") or line["to"])
                  for step in route["steps"] for line in step["skills_to_gain"] + step["skills_to_deepen"])
    open_items = sorted((i["step"]["id"], i["id"], i["level"]) for i in plan["items"]
                        if i["status"] != "done" and i["kind"] == "requirement")
    assert open_items == gaps
    assert plan["counts"]["items"] == len(plan["items"])
    # Every other item is a prerequisite (or the text's foundation) that an item names and the
    # person does not hold; every prerequisite an item names is held or an item of the plan.
    ids = {i["id"] for i in plan["items"]}
    named = {p["id"]: p["state"] for i in plan["items"] for p in i["prerequisites"]}
    for item in plan["items"]:
        if item["kind"] != "requirement":
            assert named.get(item["id"]) == "planned", item["id"]
        if item["kind"] == "foundation":
            assert item["basis"] == "text"
            assert item["wording"] in SOURCE
    for sid, state in named.items():
        assert state == "held" or sid in ids, sid


def test_plan_to_caio_from_an_empty_profile(cli):
    result = cli("plan", "--to", "caio")
    assert result.exit_code == 0
    plan = cli("plan", "--to", "caio", "--json").json()
    assert plan["person"]["source"] == "none"
    assert plan["from"] is None
    assert plan["start"]["how"] == "entry stage"
    assert plan["route"][0]["kind"] == "entry"
    assert plan["route"][-1]["id"] == "caio"
    # The text: "Executive-level leadership, deep AI expertise, strategic thinking, ..."
    caio = skills_needed("Chief AI Officer (CAIO)")
    last = [i for i in plan["items"] if i["step"]["id"] == "caio"]
    assert last
    assert all(i["wording"] in caio for i in last)
    assert any(i["id"] == "executive-leadership" and i["level"] == "expert" for i in last)
    assert all(i["status"] == "todo" for i in plan["items"])


def test_a_role_you_qualify_for_gives_an_empty_plan(cli):
    held = cli("plan", "--from", "ml-engineer", "--to", "Machine Learning Engineer")
    assert held.exit_code == 0
    assert "nothing to learn" in held.stdout + held.stderr
    # The intern's sentence: basic ML algorithms, TensorFlow or PyTorch, Pandas/NumPy/SciPy.
    have = "ml-algorithms:basic, pytorch:basic, pandas"
    met = cli("plan", "--to", "intern", "--have", have, "--json")
    assert met.exit_code == 0
    doc = met.json()
    assert doc["qualified"] is True
    assert doc["items"] == []
    assert "nothing to learn" in doc["message"]


def test_unknown_role_is_a_usage_error_with_suggestions(cli):
    result = cli("plan", "--to", "ML Enginer")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown role 'ML Enginer'" in result.stderr
    assert "ml-engineer" in result.stderr


def test_no_route_exits_1(cli):
    result = cli("plan", "--from", "caio", "--to", "intern")
    assert result.exit_code == 1
    assert "no route from caio to intern" in result.stderr
    assert result.stdout == ""
    # As path: with json, the document on stdout (no route, no items), the error on stderr.
    path = cli("path", "--from", "caio", "--to", "intern", "--json")
    doc = cli("plan", "--from", "caio", "--to", "intern", "--json")
    assert path.exit_code == doc.exit_code == 1
    plan = doc.json()
    assert plan["no_route"] is True
    assert plan["route"] == []
    assert plan["items"] == []
    assert path.json()["routes"] == []
    assert "no route from caio to intern" in doc.stderr
    assert plan["message"] == "no route from caio to intern"


def test_plan_starts_where_path_starts_and_routes_reach_each_milestone(cli):
    """junior-ds -> ml-engineer -> senior-mle: the source asks "Expertise in ML frameworks" of the
    ML engineer and "extensive knowledge of ML frameworks" of the senior: one expert item that
    completes both steps. Every other item completes one step's row, so all of the ML engineer's
    items come first (route order), and readiness for it before any senior item."""
    mle, senior = skills_needed("Machine Learning Engineer"), skills_needed("Senior Machine Learning Engineer")
    assert "Expertise in ML frameworks" in mle
    assert "extensive knowledge of ML frameworks" in senior
    items = cli("plan", "--from", "junior-ds", "--to", "senior-mle", "--json").json()["items"]
    # Python comes first only as the frameworks' prerequisite (the junior's "Python or R" may be R).
    assert (items[0]["id"], items[0]["kind"]) == ("python", "prerequisite")
    assert {"id": "python", "state": "planned"}.items() <= next(
        p for p in items[1]["prerequisites"] if p["id"] == "python").items()
    items = items[1:]
    assert (items[0]["id"], items[0]["level"], items[0]["value"]["steps"]) == ("ml-frameworks", "expert", 2)
    steps = [i["step"]["id"] for i in items]
    first_senior = steps.index("senior-mle")
    assert "ml-engineer" not in steps[first_senior:]
    ready = [n for n, i in enumerate(items) if i["ready_for"]]
    assert items[ready[0]]["ready_for"]["id"] == "ml-engineer"
    assert ready[0] < first_senior
    assert all(i["value"]["steps"] == 1 for i in items[1:])
    ids = [i["id"] for i in items]
    assert ids.index("docker") < ids.index("kubernetes")


def test_plan_to_caio_starts_with_the_entry_stage(cli):
    """From nothing, the route's first step is an entry-stage role; its items come before any
    leadership one (none of those completes more steps)."""
    plan = cli("plan", "--to", "caio", "--json").json()
    entry = plan["route"][0]["id"]
    assert plan["route"][0]["kind"] == "entry"
    assert plan["route"][0]["stage"] == "entry"
    items = plan["items"]
    assert items[0]["step"]["id"] == entry
    leaders = {s["id"] for s in plan["route"] if s["stage"] == "leadership"}
    first_leader = next(n for n, i in enumerate(items) if i["step"]["id"] in leaders)
    last_entry = max(n for n, i in enumerate(items) if i["step"]["id"] == entry)
    assert last_entry < first_leader
    ids = [(i["id"], i["step"]["id"]) for i in items]
    assert ids.index(("docker", "ml-engineer")) < ids.index(("kubernetes", "senior-mle"))


def test_beyond_unlocks_agree_with_match(cli):
    """--have python, sql: the data scientist asks SQL at basic ("familiarity with SQL"), met
    already, so deepening SQL for data wrangling unlocks nothing there; every role beyond an
    item names is one whose matching row match still lists as a gap."""
    assert "familiarity with SQL" in skills_needed("Data Scientist")
    have = "python, sql:basic"
    plan = cli("plan", "--to", "ml-engineer", "--have", have, "--json").json()
    wrangling = next(i for i in plan["items"] if i["id"] == "data-wrangling")
    assert wrangling["by"]["id"] == "sql"
    assert wrangling["action"] == "deepen"
    assert [u["id"] for u in wrangling["unlocks"]] == [wrangling["step"]["id"]]
    match = {r["id"]: r for r in cli("match", "--have", have, "--json").json()["roles"]}
    assert any(m["id"] == "sql" for m in match["data-scientist"]["met"])
    for item in plan["items"]:
        for role in item["unlocks"]:
            if not role["on_route"]:
                gaps = match[role["id"]]["skills_to_gain"] + match[role["id"]]["skills_to_deepen"]
                assert gaps, (item["id"], role["id"])
        assert item["value"]["roles_beyond"] >= len([u for u in item["unlocks"] if not u["on_route"]])


def test_skipped_item_keeps_its_step_unready(cli):
    assert cli("profile", "skip", "apis").exit_code == 0
    plan = cli("plan", "--from", "ml-engineer", "--to", "senior-mle", "--json").json()
    apis = next(i for i in plan["items"] if i["id"] == "apis")
    assert apis["status"] == "skipped"
    assert all(i["ready_for"] is None for i in plan["items"])
    counts = plan["counts"]
    assert counts["skipped"] == 1
    assert counts["todo"] == len(plan["items"]) - 1
    assert cli("profile", "learning", "kubernetes").exit_code == 0
    md = cli("plan", "--from", "ml-engineer", "--to", "senior-mle", "--format", "markdown").stdout
    n = len(plan["items"])
    assert f"{n - 2} to learn, 1 learning, 1 skipped, 0 done of {n} items" in md


def test_plan_marks_editorial_moves_prerequisites_and_links(cli, tty):
    """The route says each move's kind and basis; the built-in entry step and the
    junior -> ML engineer move ("titles") are the ladder's, not the text's."""
    plan = cli("plan", "--to", "ml-engineer", "--json").json()
    assert [(s["kind"], s["basis"]) for s in plan["route"]] == [("entry", "editorial"), ("promotion", "titles")]
    out = cli("plan", "--to", "ml-engineer", columns=1000).stdout
    assert "(junior-ds; entry, editorial) → Machine Learning Engineer (ml-engineer; promotion, titles)" in out
    assert "starting from the entry stage" in out
    assert "no skills given" in out
    md = cli("plan", "--to", "ml-engineer", "--format", "markdown").stdout
    assert "(`junior-ds`; entry, editorial) → Machine Learning Engineer (`ml-engineer`; promotion, titles)" in md
    assert "Version control (planned; editorial)" in md
    # The same mark on links in next, skills X --unlocks and skills X.
    link = "Docker: Get started https://docs.docker.com/get-started/ (editorial)"
    for args in (("next", "--from", "junior-ds"), ("skills", "docker", "--unlocks", "--from", "junior-ds"),
                 ("skills", "docker")):
        assert link in cli(*args, columns=1000).stdout, args


def test_lateral_route_is_said(cli, tty):
    """data-scientist -> ml-engineer exists only as a lateral move (the data's next)."""
    out = cli("plan", "--from", "data-scientist", "--to", "senior-mle").stdout
    assert "this one takes lateral moves" in out


def test_plan_header_says_whose_skills_and_markdown_keeps_deepen(cli, tty):
    out = cli("plan", "--from", "junior-ds", "--to", "ml-engineer", "--have", "aws:basic").stdout
    assert "starting from --from: junior-ds" in out
    assert "your skills (--have): aws:basic" in out
    # The junior asks data wrangling (SQL, Excel) with "experience": proficient (README: Levels);
    # SQL held at basic is deepened from basic.
    md = cli("plan", "--to", "ml-engineer", "--have", "python, sql:basic", "--format", "markdown").stdout
    assert re.search(r"^- \[ \] \*\*Data wrangling.*\*\*: proficient, deepen from basic \(SQL\)", md, re.M)


def test_output_format_follows_the_file_name_or_format(cli, tmp_path):
    args = ("plan", "--from", "junior-ds", "--to", "ml-engineer")
    rows = cli(*args).stdout
    assert rows.count("\n") == 6
    assert "\t" in rows
    for name, fmt in (("p.txt", None), ("p.txt", "text"), ("p", None)):
        target = tmp_path / name
        extra = ("--format", fmt) if fmt else ()
        assert cli(*args, "-o", str(target), *extra).exit_code == 0
        assert target.read_text(encoding="utf-8") == rows
    for name in ("p.md", "p.markdown"):
        assert cli(*args, "-o", str(tmp_path / name)).exit_code == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith("# Learning plan")
    assert cli(*args, "-o", "-").stdout == rows
    assert cli(*args, "-o", "-", "--format", "json").json()["to"]["id"] == "ml-engineer"


def test_unlocks_of_a_skill_no_role_requires(cli):
    """The text names Java only among widely used languages; no role's requirement names it."""
    assert "Python, R, C++, and Java are widely used" in SOURCE
    doc = json.loads(BUILTIN.read_text(encoding="utf-8"))
    named = {sid for r in doc["roles"] for q in r["requirements"]
             for sid in [q.get("skill"), *q.get("any_of", []), *q.get("all_of", [])]}
    assert "java" not in named
    result = cli("skills", "java", "--unlocks")
    assert result.exit_code == 0
    assert "no role in this ladder requires Java" in result.stderr
    assert "you meet every requirement" not in result.stderr
    assert cli("skills", "java", "--unlocks", "--json").json()["counts_toward"] == 0


def test_markdown_checklist_ticks_what_you_hold(cli):
    result = cli("plan", "--from", "junior-ds", "--to", "ml-engineer", "--have", "docker, git", "--format", "markdown")
    assert result.exit_code == 0
    tasks = [line for line in result.stdout.splitlines() if line.startswith("- [")]
    done = [line for line in tasks if line.startswith("- [x]")]
    # the ML engineer's five rows (frameworks, git, Docker, CI/CD, cloud) and Python, which the
    # frameworks rest on (the junior's "Python or R" may be R: docs, Your skills)
    assert len(tasks) == 6
    assert any(line.startswith("- [ ] **Python**: basic, gain · prerequisite (editorial)") for line in tasks)
    assert sorted(done) == sorted(line for line in tasks if "**Docker" in line or "**Version control" in line)
    assert len(done) == 2
    assert "[Docker: Get started](https://docs.docker.com/get-started/) (editorial)" in result.stdout


def test_markdown_marks_learning_and_skipped(cli, tmp_path):
    assert cli("profile", "learning", "kubernetes").exit_code == 0
    assert cli("profile", "skip", "apis").exit_code == 0
    out = cli("plan", "--from", "ml-engineer", "--to", "senior-mle", "--format", "markdown").stdout
    assert re.search(r"^- \[ \] \*\*Kubernetes.*\*\(learning\)\*$", out, re.M)
    assert re.search(r"^- \[ \] \*\*APIs.*\*\(skipped\)\*$", out, re.M)


def test_output_file_is_written_and_said(cli, tmp_path):
    target = tmp_path / "plan.md"
    result = cli("plan", "--from", "junior-ds", "--to", "senior-mle", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"wrote {target}" in result.stderr
    assert target.read_text(encoding="utf-8").startswith("# Learning plan: Junior Data Scientist")
    as_json = tmp_path / "plan.json"
    assert cli("plan", "--from", "junior-ds", "--to", "senior-mle", "-o", str(as_json)).exit_code == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["to"]["id"] == "senior-mle"
    bad = cli("plan", "--to", "senior-mle", "--from", "junior-ds", "-o", str(tmp_path / "no" / "such" / "x.md"))
    assert bad.exit_code == 1
    assert "cannot write" in bad.stderr
    clash = cli("plan", "--to", "senior-mle", "--json", "--format", "markdown")
    assert clash.exit_code == 2


def test_piped_plan_is_one_tab_separated_row_per_item(cli):
    result = cli("plan", "--from", "junior-ds", "--to", "senior-mle")
    lines = result.stdout.splitlines()
    plan = cli("plan", "--from", "junior-ds", "--to", "senior-mle", "--json").json()
    assert len(lines) == len(plan["items"])
    assert "\x1b" not in result.stdout
    for line, item in zip(lines, plan["items"]):
        cells = line.split("\t")
        # number, status, action, skill id, requirement, level, step, wording, prerequisites,
        # unlocked roles, links, kind (docs/planning.md's column list).
        assert len(cells) == 12
        assert cells[:4] == [str(item["number"]), item["status"], item["action"], item["id"]]
        assert cells[-2].startswith("https://")
        assert cells[-1] == item["kind"]


def test_terminal_plan_shows_each_item_with_reason_and_links(cli, tty):
    out = cli("plan", "--from", "junior-ds", "--to", "senior-mle").stdout
    assert "Junior Data Scientist / ML Engineer → Senior Machine Learning Engineer" in out
    assert re.search(r"^\s*\d+\. \[ \] Kubernetes \(part of Deployment technologies\) expert", out, re.M)
    assert "https://kubernetes.io/docs/tutorials/kubernetes-basics/" in out
    assert "Docker (earlier in this plan; editorial)" in out


def test_plan_escapes_ladder_text(cli, tty, tmp_path):
    doc = small_ladder()
    doc["skills"][0]["name"] = "[bold]C[/bold]\x1b[31m"
    doc["skills"][0]["learn"] = [{"title": "[/] docs\u202e", "url": "https://example.org/c", "basis": "editorial"}]
    result = cli("--data", write(tmp_path, doc), "plan", "--from", "start", "--to", "top")
    assert result.exit_code == 0
    assert "[bold]C[/bold]\\x1b[31m" in result.stdout
    assert "[/] docs\\u202e" in result.stdout
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout


# -- JSON keys documented in README ----------------------------------------------------------


def documented(command: str) -> set[str]:
    row = next(line for line in README.splitlines() if line.startswith(f"| `{command}` |"))
    return set(re.findall(r"`([a-z_]+)`", row))


def keys(value, found=None) -> set[str]:
    found = set() if found is None else found
    if isinstance(value, dict):
        for key, inner in value.items():
            found.add(key)
            if key not in ("person", "start", "skills"):  # documented with path and next
                keys(inner, found)
    elif isinstance(value, list):
        for inner in value:
            keys(inner, found)
    return found


def test_plan_json_keys_are_documented_in_readme(cli):
    plan = cli("plan", "--from", "junior-ds", "--to", "senior-mle", "--have", "docker", "--json").json()
    plan_keys = keys(plan)
    assert plan_keys <= documented("plan"), plan_keys - documented("plan")
    assert {"to", "from", "route", "items", "counts", "rule", "qualified", "message", "learn",
            "ready_for", "unlocks", "prerequisites", "status", "reason", "wording"} <= plan_keys


def test_unlocks_json_keys_are_documented_in_readme(cli):
    doc = cli("skills", "docker", "--unlocks", "--from", "junior-ds", "--json").json()
    assert keys(doc) <= documented("skills SKILL --unlocks") | documented("plan"), keys(doc)


# -- where to learn ----------------------------------------------------------------------------


def test_every_builtin_skill_has_a_place_to_learn_and_links_are_https():
    doc = json.loads(BUILTIN.read_text(encoding="utf-8"))
    from aiml_career.advice.learning import places
    from aiml_career.ladder.loading import load

    ladder = load(BUILTIN)
    for s in doc["skills"]:
        assert places(ladder, [s["id"]]), f"{s['id']} has no place to learn"
        assert s["learn"], f"{s['id']} has no link"
        for link in s["learn"]:
            parts = urlsplit(link["url"])
            assert parts.scheme == "https"
            assert "." in parts.hostname
            assert not parts.username
            assert not re.search(r"[\s<>\"'`|\\]", link["url"]), link["url"]
            assert link["basis"] == "editorial"  # the text gives no links
            assert link["title"].strip()
    # The text's own courses and certifications, each tied to the skills it covers.
    for r in doc["resources"]:
        if r["kind"] != "degree":
            assert r["skills"], r["id"]
            assert r["skills_basis"] in ("names", "editorial"), r["id"]


def test_every_builtin_prerequisite_is_editorial_with_a_reason():
    doc = json.loads(BUILTIN.read_text(encoding="utf-8"))
    pairs = {(s["id"], p["skill"]) for s in doc["skills"] for p in s["prerequisites"]}
    # The examples.
    assert {("kubernetes", "docker"), ("ci-cd", "version-control"), ("software-engineering", "programming"),
            ("deep-learning", "ml-algorithms")} <= pairs
    for s in doc["skills"]:
        for p in s["prerequisites"]:
            assert p["basis"] == "editorial"
            assert p["note"].strip()


def test_skill_detail_shows_where_to_learn(cli, tty):
    doc = cli("skills", "kubernetes", "--json").json()
    assert doc["prerequisites"][0]["id"] == "docker"
    assert any(p["url"].startswith("https://kubernetes.io/docs/") for p in doc["learn"])
    out = cli("skills", "kubernetes").stdout
    assert "learn first: Docker (docker, editorial)" in out
    assert "learn: Kubernetes Basics tutorial https://kubernetes.io/docs/tutorials/kubernetes-basics/" in out


def test_next_shows_where_to_learn_each_skill_to_gain(cli, tty):
    doc = cli("next", "--from", "junior-ds", "--json").json()
    for move in doc["next"]:
        for item in move["skills_to_gain"]:
            assert item["learn"], item["id"]
    assert "learn:" in cli("next", "--from", "junior-ds").stdout


def test_markdown_export_lists_where_to_learn(cli):
    out = cli("export", "--format", "markdown").stdout
    assert "| Skill | ID | Also known as | Roles | Learn first | Where to learn |" in out
    assert re.search(r"^\| Kubernetes \| `kubernetes` \|.*\| Docker \| \[Kubernetes Basics tutorial\]"
                     r"\(https://kubernetes\.io/docs/tutorials/kubernetes-basics/\) \(editorial\) \|$", out, re.M)


# -- validate ---------------------------------------------------------------------------------


def test_validate_catches_a_prerequisite_cycle_and_an_unknown_id(cli, tmp_path):
    doc = json.loads(BUILTIN.read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in doc["skills"]}
    by_id["docker"]["prerequisites"].append({"skill": "kubernetes", "basis": "editorial", "note": "backwards"})
    by_id["python"]["prerequisites"].append({"skill": "pyhton", "basis": "editorial", "note": "typo"})
    by_id["java"]["prerequisites"].append({"skill": "java", "basis": "text"})
    by_id["sql"]["prerequisites"].append({"skill": "python", "basis": "editorial"})
    result = cli("validate", write(tmp_path, doc), "--json")
    assert result.exit_code == 1
    problems = {p["path"]: p["message"] for p in result.json()["problems"]}
    docker = list(by_id).index("docker")
    assert any(m == "prerequisite cycle: kubernetes -> docker -> kubernetes" or
               m == "prerequisite cycle: docker -> kubernetes -> docker" for m in problems.values()), problems
    python = list(by_id).index("python")
    assert problems[f"skills[{python}].prerequisites[0].skill"] == "unknown skill 'pyhton' (did you mean 'python'?)"
    java = list(by_id).index("java")
    assert problems[f"skills[{java}].prerequisites[0].skill"] == "a skill cannot be its own prerequisite"
    sql = list(by_id).index("sql")
    assert problems[f"skills[{sql}].prerequisites[0].note"] == "an editorial prerequisite needs a note saying why"
    assert docker >= 0


def test_validate_rejects_a_link_that_is_not_https(cli, tmp_path):
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    bad = copy.deepcopy(doc)
    bad["skills"][0]["learn"] = [{"title": "x", "url": "http://example.org/", "basis": "editorial"}]
    result = cli("validate", write(tmp_path, bad), "--json")
    assert result.exit_code == 1
    assert result.json()["problems"][0]["path"] == "skills[0].learn[0].url"


# -- what learning a skill unlocks ---------------------------------------------------------------


def test_unlocks_agrees_with_match_readiness(cli):
    have = "python:advanced, sql"
    doc = cli("skills", "docker", "--unlocks", "--have", have, "--json").json()
    assert doc["roles"], "Docker is asked by the ML engineer roles"
    before = {r["id"]: r["readiness"] for r in cli("match", "--have", have, "--json").json()["roles"]}
    for role in doc["roles"]:
        after = {r["id"]: r["readiness"] for r in
                 cli("match", "--have", f"{have}, docker:{role['level']}", "--json").json()["roles"]}
        assert role["readiness_before"] == before[role["id"]]
        assert role["readiness_after"] == after[role["id"]]
        assert role["gain"] == round(role["readiness_after"] - role["readiness_before"], 1) > 0
    gains = [r["gain"] for r in doc["roles"]]
    assert gains == sorted(gains, reverse=True)
    # ML engineer: "containerization with Docker" (proficient); senior: "(Kubernetes, Docker)" (expert).
    levels = {r["id"]: r["level"] for r in doc["roles"]}
    assert levels == {"ml-engineer": "proficient", "senior-mle": "expert"}
    assert all(r["completes"][0]["id"] == "docker" for r in doc["roles"])


def test_unlocks_with_a_level_and_with_nothing_to_gain(cli):
    doc = cli("skills", "docker", "--unlocks", "--from", "junior-ds", "--level", "basic", "--json").json()
    assert {r["level"] for r in doc["roles"]} == {"basic"}
    assert all(r["completes"] == [] for r in doc["roles"])  # basic completes neither row
    done = cli("skills", "docker", "--unlocks", "--have", "docker:expert")
    assert done.exit_code == 0
    assert "raises no role's readiness" in done.stderr


def test_unlocks_usage_errors(cli):
    assert cli("skills", "docker", "--have", "python").exit_code == 2
    assert cli("skills", "--unlocks").exit_code == 2
    unknown = cli("skills", "dokcer", "--unlocks")
    assert unknown.exit_code == 2
    assert "did you mean: docker" in unknown.stderr
    assert cli("skills", "docker", "--unlocks", "--level", "guru").exit_code == 2


def test_unlocks_piped_rows(cli):
    out = cli("skills", "docker", "--unlocks", "--from", "junior-ds").stdout
    rows = [line.split("\t") for line in out.splitlines()]
    assert [r[2] for r in rows] == ["senior-mle", "ml-engineer"]
