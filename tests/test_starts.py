"""Where ``path`` and ``plan`` start without a role (advice/entering.py: ``fully_met``): the roles
the skills held fully meet (readiness 100, as ``assess`` rounds it), else the entry stage.

Expected answers are worked out by hand from the ladder below.
"""

from __future__ import annotations

import json

import pytest

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
