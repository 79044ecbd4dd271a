"""``assessment.assess``: one typed result per requirement row, which the gap lists of the
documents are drawn from; and the one index of the rows a skill counts toward."""

from __future__ import annotations

from unittest import mock

import pytest

from aiml_career.advice.assessment import assess, assess_numbered, judge_rows, person_have
from aiml_career.advice.person import Person
from aiml_career.ladder.levels import LEVELS
from aiml_career.ladder.loading import builtin_path, load

from conftest import EXAMPLE, cache_folder

LADDER = load(builtin_path())
HAVE = {"python": 3, "pytorch": 1, "docker": 2, "sql": 4}


def test_one_row_per_requirement_unit_in_the_roles_order():
    for role in LADDER.doc.roles:
        rows = assess(LADDER, role, HAVE).rows
        assert [row.unit for row in rows] == LADDER.units(role)


def test_the_documents_gap_lists_are_the_rows_by_status():
    for role in LADDER.doc.roles:
        found = assess(LADDER, role, HAVE, {"pytorch": "learning", "sql": "skipped"})
        by_status = {s: [r for r in found.rows if r.status == s] for s in ("met", "gain", "deepen")}
        assert [r.unit.skill for r in by_status["met"]] == [m["id"] for m in found.met]
        assert [r.unit.skill for r in by_status["gain"]] == [g["id"] for g in found.gain]
        assert [r.best for r in by_status["deepen"]] == [d["id"] for d in found.deepen]
        assert [LEVELS[r.held - 1] for r in by_status["deepen"]] == [d["from"] for d in found.deepen]
        assert [r.mark for r in by_status["gain"]] == [g.get("status") for g in found.gain]


def test_points_sum_the_rows():
    for role in LADDER.doc.roles:
        found = assess(LADDER, role, HAVE)
        assert found.points == sum(min(r.held, r.unit.rank) for r in found.rows)
        assert found.of == sum(r.unit.rank for r in found.rows)


def test_a_met_row_by_another_skill_names_it():
    mle = LADDER.role("mle")
    rows = assess(LADDER, mle, {"pytorch": 4}).rows
    frameworks = next(r for r in rows if "pytorch" in r.unit.any_of)
    assert frameworks.status == "met"
    assert frameworks.by == "pytorch"


def test_person_have_is_the_role_and_the_skills():
    me = Person("--have", {"python": "expert"}, "junior-ds", "--from")
    held = person_have(LADDER, me)
    assert held["python"] == 4
    assert all(held.get(u.skill, 0) >= u.rank for u in LADDER.units(LADDER.roles["junior-ds"]))


def test_rows_toward_is_every_row_a_skill_counts_toward():
    for ladder in (LADDER, load(EXAMPLE)):
        expected: dict[str, list[tuple[str, int]]] = {}
        for role in ladder.doc.roles:
            for position, unit in enumerate(ladder.units(role)):
                for _member, counted, _cap in unit.ways or [(unit.skill, unit.skill, 0)]:
                    pair = (role.id, position)
                    if pair not in expected.setdefault(counted, []):
                        expected[counted].append(pair)
        index = {sid: [(role.id, ladder.units(role).index(unit)) for role, unit in pairs]
                 for sid in ladder.skills if (pairs := ladder.rows_toward(sid))}
        assert index == expected


def _stored_builtin():
    """The built-in ladder from its index (built here: the size threshold lowered)."""
    from aiml_career.ladder import store
    from aiml_career.ladder.stored import StoredLadder

    with mock.patch.object(store, "MIN_BYTES", 0):
        load(builtin_path(), cache=cache_folder())  # builds it
        stored = load(builtin_path(), cache=cache_folder())
    assert isinstance(stored, StoredLadder)
    return stored


@pytest.mark.parametrize("where", ["models", "index"])
def test_each_distinct_row_judged_once_gives_every_roles_assessment(where):
    """``match``'s way (every distinct row judged once, a role's lists drawn from its row
    numbers) gives what :func:`assess` gives each role: held skills, related ones (``via``),
    alternatives, and marks on rows nothing is held toward (learning, skipped). From the index,
    the rows a skill counts toward are found from its columns (``columns.Rows.toward``)."""
    ladder = LADDER if where == "models" else _stored_builtin()
    distinct, table = ladder.row_table
    cases = [
        ({}, None), (HAVE, None), ({"python": 4, "statistics": 2, "tensorflow": 1}, None),
        (HAVE, {"pytorch": "learning", "sql": "skipped", "docker": "learning", "kubernetes": "skipped"}),
        ({"excel": 2}, {"excel": "skipped", "sql": "skipped", "r": "learning"}),
    ]
    for have, marks in cases:
        judged = judge_rows(ladder, distinct, have, marks)
        gained = 0
        for role, numbers in table:
            want = assess(LADDER, role, have, marks, rows=False)
            got = assess_numbered(judged, numbers)
            assert (got.points, got.of) == (want.points, want.of), role.id
            assert (got.met, got.gain, got.deepen) == (want.met, want.gain, want.deepen), (role.id, have, marks)
            gained += len(got.gain)
        assert gained, "every case leaves some row to gain"
    # A row nothing is held toward and nothing marks is to gain without being judged; a row a
    # held skill counts toward is judged.
    judged = judge_rows(ladder, distinct, {"python": 3}, None)
    for number, unit in enumerate(distinct):
        assert (number in judged.touched) == ("python" in unit.counted), unit
