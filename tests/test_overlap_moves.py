"""Moves from overlap where the ladder names none (issue 22; docs/planning.md: Moves from
overlap), on a small ladder written for the test, with the answers worked out by hand, and on a
taxonomy-shaped ladder of several hundred generated roles with no moves.

The small ladder (no foundation; levels basic 1 .. expert 4):

    junior:  analyst   SQL 2, Statistics 2                      (no move)
             reporter  SQL 2, Visualisation 2                   (no move)
             clerk     Spreadsheets 3, SQL 1                    -> scientist (editorial)
             designer  Visualisation 4                          (no move)
    senior:  senior-analyst  SQL 3, Statistics 3, ML 2          (no move: the top stage)
             scientist       Statistics 4, ML 3                 (no move: the top stage)

From analyst (holding SQL 2, Statistics 2), score = mean of overlap there and back:
    senior-analyst  there 4/8 = 50,  back 4/4 = 100  -> 75
    reporter        there 2/4 = 50,  back 2/4 = 50   -> 50
    scientist       there 2/7 = 28.6, back 2/4 = 50  -> 39.3
    clerk           there 1/4 = 25,  back 1/4 = 25   -> 25 (at the threshold: fourth, left out by the limit of 3)
    designer        0 both ways                       -> 0
From designer (Visualisation 4): reporter there 2/4 = 50, back 2/4 = 50 -> 50; every other 0.
From reporter to analyst: there 2/4 = 50, back 2/4 = 50 -> 50; to senior-analyst: there 2/8 = 25,
back 2/4 = 50 -> 37.5; to scientist: 0.
"""

from __future__ import annotations

import json
import random

import pytest

from conftest import written

LADDER = {
    "format": 2,
    "title": "Overlap test ladder",
    "source": "written for tests/test_overlap_moves.py",
    "stages": [{"id": "junior", "name": "Junior", "order": 1}, {"id": "senior", "name": "Senior", "order": 2}],
    "skill_categories": [{"id": "core", "name": "Core"}],
    "skills": [
        {"id": "sql", "name": "SQL", "category": "core"},
        {"id": "stats", "name": "Statistics", "category": "core"},
        {"id": "viz", "name": "Visualisation", "category": "core"},
        {"id": "sheets", "name": "Spreadsheets", "category": "core"},
        {"id": "ml", "name": "ML", "category": "core"},
    ],
    "roles": [
        {"id": "analyst", "name": "Analyst", "stage": "junior",
         "requirements": [{"skill": "sql", "level": "proficient"}, {"skill": "stats", "level": "proficient"}]},
        {"id": "reporter", "name": "Reporter", "stage": "junior",
         "requirements": [{"skill": "sql", "level": "proficient"}, {"skill": "viz", "level": "proficient"}]},
        {"id": "clerk", "name": "Clerk", "stage": "junior",
         "requirements": [{"skill": "sheets", "level": "advanced"}, {"skill": "sql", "level": "basic"}],
         "next": [{"to": "scientist", "kind": "promotion", "basis": "editorial", "note": "for the test"}]},
        {"id": "designer", "name": "Designer", "stage": "junior",
         "requirements": [{"skill": "viz", "level": "expert"}]},
        {"id": "senior-analyst", "name": "Senior analyst", "stage": "senior",
         "requirements": [{"skill": "sql", "level": "advanced"}, {"skill": "stats", "level": "advanced"},
                          {"skill": "ml", "level": "proficient"}]},
        {"id": "scientist", "name": "Scientist", "stage": "senior",
         "requirements": [{"skill": "stats", "level": "expert"}, {"skill": "ml", "level": "advanced"}]},
    ],
}


@pytest.fixture
def small(tmp_path):
    return written(tmp_path, LADDER, "overlap.json")


def test_the_test_ladder_validates(cli, small):
    assert cli("--data", small, "validate", "--json").json()["valid"] is True


def test_next_offers_the_nearest_roles_by_overlap(cli, small):
    doc = cli("--data", small, "next", "--from", "analyst", "--json").json()
    assert doc["ladder_names_no_move"] is True
    assert doc["at_top"] is False
    assert doc["no_overlap"] is False
    moves = [(m["id"], m["kind"], m["basis"], m["overlap"]) for m in doc["next"]]
    assert moves == [("senior-analyst", "promotion", "overlap", 75.0), ("reporter", "lateral", "overlap", 50.0),
                     ("scientist", "promotion", "overlap", 39.3)]
    shared = {m["id"]: [(s["id"], s["level"]) for s in m["shared"]] for m in doc["next"]}
    # SQL met; the senior rows held below their level count as shared too.
    assert shared == {"senior-analyst": [("sql", "advanced"), ("stats", "advanced")],
                      "reporter": [("sql", "proficient")], "scientist": [("stats", "expert")]}
    # Readiness as next always scores it: analyst's own skills toward each (4 of 8 for the senior role).
    assert [m["readiness"] for m in doc["next"]] == [50.0, 50.0, 28.6]


def test_next_says_the_ladder_names_no_move_in_text(cli, small):
    out = cli("--data", small, "next", "--from", "analyst").stdout
    assert ("The ladder names no move from Analyst; nearest roles by overlap (ours): Senior analyst 75.0% "
            "(shared: SQL, Statistics); Reporter 50.0% (shared: SQL); Scientist 39.3% (shared: Statistics)") in out
    assert "lateral, overlap" in out


def test_no_overlap_turns_them_off(cli, small):
    doc = cli("--data", small, "next", "--from", "analyst", "--no-overlap", "--json").json()
    assert doc["next"] == []
    assert doc["no_overlap"] is True
    assert doc["ladder_names_no_move"] is True
    out = cli("--data", small, "next", "--from", "analyst", "--no-overlap")
    assert out.exit_code == 0
    assert "The ladder names no move from Analyst (--no-overlap: none derived)." in out.stdout


def test_a_role_at_the_top_stage_is_still_the_top(cli, small):
    doc = cli("--data", small, "next", "--from", "senior-analyst", "--json").json()
    assert doc["next"] == []
    assert doc["at_top"] is True
    assert "Senior analyst is the top of its ladder: no next role." in cli(
        "--data", small, "next", "--from", "senior-analyst").stdout


def test_a_role_with_moves_keeps_the_ladders_moves(cli, small):
    doc = cli("--data", small, "next", "--from", "clerk", "--json").json()
    assert [(m["id"], m["basis"]) for m in doc["next"]] == [("scientist", "editorial")]
    assert doc["ladder_names_no_move"] is False


def test_a_role_near_nothing_says_so(cli, small, tmp_path):
    doc = json.loads(json.dumps(LADDER))
    doc["roles"] = [r for r in doc["roles"] if r["id"] != "reporter"]
    path = tmp_path / "lonely.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = cli("--data", str(path), "next", "--from", "designer")
    assert result.exit_code == 0
    assert "The ladder names no move from Designer; no role is near it by overlap." in result.stdout


def test_path_goes_through_a_near_role_to_the_goal(cli, small):
    """designer's only near role is reporter; from reporter, analyst (50) passes the rule."""
    doc = cli("--data", small, "path", "--from", "designer", "--to", "analyst", "--json").json()
    assert doc["overlap_fallback"] is True
    assert doc["moves"] == 2
    [route] = doc["routes"]
    assert [(s["id"], s["basis"], s["overlap"]) for s in route["steps"]] == [
        ("reporter", "overlap", 50.0), ("analyst", "overlap", 50.0)]
    assert route["cost"]["moves_by_basis"]["overlap"] == 2


def test_path_to_a_senior_role_near_enough(cli, small):
    doc = cli("--data", small, "path", "--from", "designer", "--to", "senior-analyst", "--json").json()
    assert [(s["id"], s["kind"], s["overlap"]) for s in doc["routes"][0]["steps"]] == [
        ("reporter", "lateral", 50.0), ("senior-analyst", "promotion", 37.5)]
    text = cli("--data", small, "path", "--from", "designer", "--to", "senior-analyst").stdout
    assert "the ladder's moves reach no route: this one takes moves derived from overlap" in text
    assert "Senior analyst  senior-analyst · promotion, overlap 37.5% (shared: SQL)" in text


def test_path_finds_no_route_where_nothing_is_near(cli, small):
    assert cli("--data", small, "path", "--from", "designer", "--to", "scientist").exit_code == 1
    # Without lateral moves the first move (to reporter, same stage) is refused.
    assert cli("--data", small, "path", "--from", "designer", "--to", "senior-analyst",
               "--promotions-only").exit_code == 1
    assert cli("--data", small, "path", "--from", "designer", "--to", "analyst", "--no-overlap").exit_code == 1


def test_path_takes_the_ladders_own_route_first(cli, small):
    doc = cli("--data", small, "path", "--from", "clerk", "--to", "scientist", "--json").json()
    assert doc["overlap_fallback"] is False
    assert [(s["id"], s["basis"]) for s in doc["routes"][0]["steps"]] == [("scientist", "editorial")]
    # From the top role the ladder's move leads to, no overlap move is derived: no route to analyst.
    assert cli("--data", small, "path", "--from", "clerk", "--to", "analyst").exit_code == 1


def test_plan_follows_only_the_ladders_moves(cli, small):
    assert cli("--data", small, "plan", "--from", "designer", "--to", "analyst").exit_code == 1


def test_a_ladder_file_cannot_state_an_overlap_basis(cli, tmp_path):
    doc = json.loads(json.dumps(LADDER))
    doc["roles"][0]["next"] = [{"to": "reporter", "kind": "lateral", "basis": "overlap", "note": "x"}]
    path = tmp_path / "claims-overlap.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    report = cli("validate", str(path), "--json").json()
    assert report["valid"] is False
    assert [p["path"] for p in report["problems"]] == ["roles[0].next[0].basis"]


@pytest.mark.parametrize("few", [100, 0], ids=["role by role", "through the distinct rows"])
def test_the_scorer_agrees_with_similar_on_the_built_in_ladder(few, monkeypatch):
    """Every role's overlap-move candidates score what ``similar`` scores them (those at the
    threshold or above, at the role's stage or above): the shortcut leaves none out, whether the
    roles sharing a skill are scanned one by one or, past :data:`.overlap.FEW_ROLES` of them
    (a taxonomy), through the ladder's distinct rows."""
    from aiml_career.advice import overlap, overlap_moves
    from aiml_career.ladder.loading import load

    monkeypatch.setattr(overlap, "FEW_ROLES", few)
    ladder = load()
    rung = overlap_moves.rungs(ladder)
    for role in ladder.doc.roles:
        scores = {r["id"]: r["score"] for r in overlap.similar(ladder, role.id, limit=100)["roles"]}
        expected = {(rid, score) for rid, score in scores.items()
                    if score >= overlap_moves.THRESHOLD and rung[ladder.roles[rid].stage] >= rung[role.stage]}
        ranked = overlap_moves.Scorer(ladder).ranked(role)
        assert {(other.id, score) for score, other in ranked} == expected, role.id


# -- a taxonomy: several hundred occupations, described skills, no moves --------------------


def taxonomy(roles: int = 400, seed: int = 7) -> dict:
    """Occupations in families of related skills, one stage, no tracks, no moves."""
    pick = random.Random(seed)
    families = 20
    skills = [{"id": f"skill-{f}-{k}", "name": f"Skill {f}.{k}", "category": "knowledge",
               "description": f"Knowledge {k} of family {f}."} for f in range(families) for k in range(8)]
    levels = ["basic", "proficient", "advanced", "expert"]
    occupations = []
    for n in range(roles):
        family = n % families
        chosen = pick.sample(range(8), 5)
        reqs = [{"skill": f"skill-{family}-{k}", "level": pick.choice(levels)} for k in chosen]
        other = (family + 1) % families
        reqs.append({"skill": f"skill-{other}-{pick.randrange(8)}", "level": pick.choice(levels)})
        occupations.append({"id": f"occupation-{n}", "name": f"Occupation {n}", "stage": "occupations",
                            "requirements": reqs})
    return {"format": 2, "title": "Generated taxonomy", "source": "generated in tests/test_overlap_moves.py",
            "stages": [{"id": "occupations", "name": "Occupations", "order": 0}],
            "skill_categories": [{"id": "knowledge", "name": "Knowledge"}],
            "skills": skills, "roles": occupations}


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    path = tmp_path_factory.mktemp("taxonomy") / "taxonomy.json"
    path.write_text(json.dumps(taxonomy()), encoding="utf-8")
    return str(path)


def test_a_generated_taxonomy_validates_and_answers_next_and_path(cli, big):
    assert cli("--data", big, "validate", "--json").json()["valid"] is True
    doc = cli("--data", big, "next", "--from", "occupation-0", "--json").json()
    assert doc["ladder_names_no_move"] is True
    assert doc["at_top"] is False
    near = doc["next"]
    assert 1 <= len(near) <= 3
    assert all(m["basis"] == "overlap" and m["overlap"] >= 25 and m["shared"] for m in near)
    assert [m["overlap"] for m in near] == sorted((m["overlap"] for m in near), reverse=True)
    # occupation-0's family is 0: its nearest occupations share family 0's skills.
    assert all(int(m["id"].split("-")[1]) % 20 == 0 for m in near)
    first = near[0]["id"]
    route = cli("--data", big, "path", "--from", "occupation-0", "--to", first, "--json").json()
    assert route["moves"] == 1
    assert route["overlap_fallback"] is True
    # Two moves: to a near occupation, then on to one near that.
    onward = cli("--data", big, "next", "--from", first, "--json").json()["next"]
    far = next(m["id"] for m in onward if m["id"] not in {"occupation-0", *(n["id"] for n in near)})
    two = cli("--data", big, "path", "--from", "occupation-0", "--to", far, "--json").json()
    assert two["routes"]
    assert two["moves"] in (1, 2)
    assert all(s["basis"] == "overlap" for s in two["routes"][0]["steps"])
