"""Where ``path`` and ``plan`` start without a role (advice/entering.py: ``fully_met``): the roles
the skills held fully meet (readiness 100, as ``assess`` rounds it), else the entry stage.

Expected answers are worked out by hand from the ladder below.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiml_career.advice import routes
from aiml_career.ladder.index import Ladder
from aiml_career.ladder.model import LadderDoc
from test_properties import SETTINGS, dump, edges, route_graphs, shortest

from conftest import examples

#: 500 skills and ``lead``. ``wide`` asks the 500 at expert (4 points each: 2,000 points), ``narrow``
#: the first at expert, ``open`` nothing at all; each leads to ``top``, which asks ``lead`` (never held below).
SKILLS = [f"s{n:03}" for n in range(500)]
MOVE = {"to": "top", "kind": "promotion", "basis": "editorial", "note": "A test move."}
LADDER = {
    "format": 2, "title": "Starts", "source": "tests/test_starts.py",
    "stages": [{"id": "entry", "name": "Entry", "order": 0}, {"id": "senior", "name": "Senior", "order": 1}],
    "skill_categories": [{"id": "k", "name": "Knowledge"}],
    "skills": [{"id": sid, "name": f"Skill {sid}", "category": "k", "description": "A skill."}
               for sid in [*SKILLS, "lead"]],
    "roles": [
        {"id": "wide", "name": "Wide", "stage": "entry", "next": [MOVE],
         "requirements": [{"skill": sid, "level": "expert"} for sid in SKILLS]},
        {"id": "narrow", "name": "Narrow", "stage": "entry", "next": [MOVE],
         "requirements": [{"skill": SKILLS[0], "level": "expert"}]},
        {"id": "open", "name": "Open", "stage": "entry", "next": [MOVE]},
        {"id": "top", "name": "Top", "stage": "senior", "requirements": [{"skill": "lead", "level": "basic"}]},
    ],
}


@pytest.fixture
def starts(cli, tmp_path):
    path = tmp_path / "starts.json"
    path.write_text(json.dumps(LADDER), encoding="utf-8")

    def start(*held: str) -> tuple[str, list[str]]:
        doc = cli("--data", str(path), "path", "--to", "top", "--have", ",".join(held), "--json").json()
        return doc["start"]["how"], [role["id"] for role in doc["start"]["roles"]]

    assert cli("--data", str(path), "validate", "--json").json()["valid"] is True
    return start


def test_one_point_short_of_2000_rounds_to_100_and_fully_meets(starts):
    # wide: 499 rows met at expert (1,996 points) and one held at advanced (3 of 4): 1,999 of
    # 2,000 = 99.95%, which rounds to 100.0: fully met. narrow: s000 at expert, met. open: asks
    # nothing, met by anyone.
    held = [f"{sid}:expert" for sid in SKILLS[:499]] + [f"{SKILLS[499]}:advanced"]
    assert starts(*held) == ("skills", ["wide", "narrow", "open"])


def test_two_points_short_of_2000_does_not(starts):
    # wide: 1,998 of 2,000 = 99.9%: not fully met; narrow and open are.
    held = [f"{sid}:expert" for sid in SKILLS[:498]] + [f"{sid}:advanced" for sid in SKILLS[498:]]
    assert starts(*held) == ("skills", ["narrow", "open"])


def test_a_role_that_asks_nothing_is_fully_met_by_any_skill(starts):
    # s001 at expert meets one of wide's 500 rows (4 of 2,000 points); narrow asks s000: open alone.
    assert starts(f"{SKILLS[1]}:expert") == ("skills", ["open"])


# -- routes from many starts, found backwards from the goal (advice/routes.py: backward) -----


@settings(max_examples=examples(200), **SETTINGS)
@given(doc=route_graphs(), data=st.data())
def test_routes_found_from_the_goal_are_those_found_from_the_starts(doc, data):
    """From any set of starts, the moves, the count of shortest routes and the routes themselves
    are those of breadth first from the starts (and, for the first two, of the tests' own search,
    from a role before every start)."""
    ladder = Ladder(LadderDoc.model_validate_json(dump(doc)))
    role_ids = [r["id"] for r in doc["roles"]]
    starts = data.draw(st.lists(st.sampled_from(role_ids), min_size=1, unique=True))
    starts = [rid for rid in role_ids if rid in starts]  # in ladder order, as path gives them
    goal = data.draw(st.sampled_from(role_ids))
    lateral = data.draw(st.booleans())
    graph = edges(doc, lateral)
    graph["before"] = [(rid, "promotion") for rid in starts]
    dist, ways = shortest(graph, "before")
    found = routes.backward(ladder, starts, goal, lateral)
    if goal not in dist:
        assert found is None
        assert routes.forward(ladder, starts, goal, lateral, None) is None
        return
    assert found is not None
    parents, count, moves = found
    assert (moves, count[goal]) == (dist[goal] - 1, ways[goal])
    forward = routes.forward(ladder, starts, goal, lateral, None)
    assert forward is not None
    assert (forward[2], forward[1][goal]) == (moves, count[goal])
    assert routes.routes(ladder, parents, goal, 10**6) == routes.routes(ladder, forward[0], goal, 10**6)


def _move(to: str) -> dict:
    return {"to": to, "kind": "promotion", "basis": "editorial", "note": "A test move."}


#: Two entry roles, both leading to ``hub``, which leads to ``left`` and ``right``, both leading to ``top``.
DIAMONDS = {
    "format": 2, "title": "Diamonds", "source": "tests/test_starts.py",
    "stages": [{"id": f"s{n}", "name": f"Stage {n}", "order": n} for n in range(4)],
    "roles": [
        {"id": "a1", "name": "A1", "stage": "s0", "next": [_move("hub")]},
        {"id": "a2", "name": "A2", "stage": "s0", "next": [_move("hub")]},
        {"id": "hub", "name": "Hub", "stage": "s1", "next": [_move("left"), _move("right")]},
        {"id": "left", "name": "Left", "stage": "s2", "next": [_move("top")]},
        {"id": "right", "name": "Right", "stage": "s2", "next": [_move("top")]},
        {"id": "top", "name": "Top", "stage": "s3"},
    ],
}


def test_routes_from_the_entry_stage_count_each_way_through(cli, tmp_path):
    # From a1 or a2 (2 ways into hub), then left or right (2 ways on): 2 x 2 = 4 routes of
    # 3 moves, plus getting into the entry role: 4 steps; tied (nothing to learn): ladder order.
    path = tmp_path / "diamonds.json"
    path.write_text(json.dumps(DIAMONDS), encoding="utf-8")
    doc = cli("--data", str(path), "path", "--to", "top", "--json").json()
    assert doc["start"]["how"] == "entry stage"
    assert [r["id"] for r in doc["start"]["roles"]] == ["a1", "a2"]
    assert (doc["moves"], doc["routes_found"]) == (4, 4)
    assert [[s["id"] for s in route["steps"]] for route in doc["routes"]] == [
        ["a1", "hub", "left", "top"], ["a1", "hub", "right", "top"],
        ["a2", "hub", "left", "top"], ["a2", "hub", "right", "top"]]
