"""Role overlap (``compare``'s ``overlap``, ``similar``) on a ladder written for the test, with
the expected figures worked out by hand, and the indexed scoring checked against readiness's."""

from __future__ import annotations

import os
import subprocess

import pytest

from aiml_career.advice import overlap as ov
from aiml_career.advice.assessment import role_have
from aiml_career.ladder.loading import load

from conftest import BUILTIN, child_env, written


def need(sid, level, **more):
    return {"skill": sid, "level": level, "wording": f"{sid} please", **more}


def role(rid, stage, *requirements):
    return {"id": rid, "name": rid.upper(), "stage": stage, "track": "t", "requirements": list(requirements)}


#: Levels count basic 1, proficient 2, advanced 3, expert 4. A holder of a role holds each of its
#: rows' skills at the row's level (an any-of row: its broad skill). PyTorch counts toward deep
#: learning up to proficient.
#:
#: analyst: py 2, sql 3, stats 2 (7 points)      ds: py 3, stats 3, fw (tf or torch) 2, dl 2 (10)
#: mle: py 3, torch 3, docker 2 (8)               ops: docker 4, k8s 3 (7)
LADDER = {
    "format": 2, "title": "Overlap test",
    "stages": [{"id": "s1", "name": "S1", "order": 1}, {"id": "s2", "name": "S2", "order": 2}],
    "tracks": [{"id": "t", "name": "T"}],
    "skill_categories": [{"id": "c", "name": "C"}],
    "skills": [
        *({"id": sid, "name": name, "category": "c"} for sid, name in (
            ("py", "Python"), ("sql", "SQL"), ("stats", "Statistics"), ("fw", "ML frameworks"),
            ("tf", "TensorFlow"), ("torch", "PyTorch"), ("docker", "Docker"), ("k8s", "Kubernetes"))),
        {"id": "dl", "name": "Deep learning", "category": "c",
         "related": [{"skill": "torch", "up_to": "proficient", "basis": "editorial", "note": "for the test"}]},
    ],
    "roles": [
        role("analyst", "s1", need("py", "proficient"), need("sql", "advanced"), need("stats", "proficient")),
        role("ds", "s1", need("py", "advanced"), need("stats", "advanced"),
             need("fw", "proficient", any_of=["tf", "torch"]), need("dl", "proficient")),
        role("mle", "s2", need("py", "advanced"), need("torch", "advanced"), need("docker", "proficient")),
        role("ops", "s2", need("docker", "expert"), need("k8s", "advanced")),
    ],
}

#: (from, to) -> (points, of, overlap), by hand:
#: mle -> ds: py 3 of 3, stats 0 of 3, fw 2 of 2 (PyTorch, an alternative), dl 2 of 2 (PyTorch,
#: related, up to proficient) = 7 of 10. ds -> mle: py 3 of 3, torch 0 (ML frameworks is not
#: PyTorch), docker 0 = 3 of 8. analyst -> ds: py 2, stats 2 = 4 of 10; ds -> analyst: py 2,
#: stats 2 = 4 of 7. mle -> analyst: py 2 = 2 of 7; analyst -> mle: py 2 = 2 of 8. mle -> ops:
#: docker 2 of 4 = 2 of 7; ops -> mle: docker 2 of 2 = 2 of 8. ds and ops share nothing.
EXPECTED = {
    ("mle", "ds"): (7, 10, 70.0), ("ds", "mle"): (3, 8, 37.5),
    ("analyst", "ds"): (4, 10, 40.0), ("ds", "analyst"): (4, 7, 57.1),
    ("mle", "analyst"): (2, 7, 28.6), ("analyst", "mle"): (2, 8, 25.0),
    ("mle", "ops"): (2, 7, 28.6), ("ops", "mle"): (2, 8, 25.0),
    ("ds", "ops"): (0, 7, 0.0), ("ops", "ds"): (0, 10, 0.0),
}


@pytest.fixture
def ladder_file(tmp_path):
    return written(tmp_path, LADDER, "overlap.json")


@pytest.fixture
def ladder(ladder_file):
    return load(ladder_file)


@pytest.mark.parametrize(("pair", "expected"), EXPECTED.items(), ids=[f"{a}->{b}" for a, b in EXPECTED])
def test_overlap_figures_match_the_hand_computed_ones(ladder, pair, expected):
    doc = ov.overlap(ladder, ladder.roles[pair[0]], ladder.roles[pair[1]])
    assert (doc["points"], doc["of"], doc["overlap"]) == expected


def test_overlap_names_the_rows_shared_missing_and_extra(ladder):
    doc = ov.overlap(ladder, ladder.roles["mle"], ladder.roles["ds"])
    assert [m["id"] for m in doc["shared"]] == ["py", "fw", "dl"]
    assert doc["shared"][1]["by"] == {"id": "torch", "name": "PyTorch"}
    assert doc["shared"][2]["via"] == {"id": "torch", "name": "PyTorch", "level": "advanced"}
    assert [m["id"] for m in doc["missing"]] == ["stats"]
    assert doc["deepen"] == []
    assert doc["extra"] == [{"id": "docker", "name": "Docker", "category": "c", "level": "proficient"}]


def test_overlap_lists_rows_to_deepen(ladder):
    doc = ov.overlap(ladder, ladder.roles["mle"], ladder.roles["ops"])
    assert doc["deepen"] == [{"id": "docker", "name": "Docker", "category": "c", "from": "proficient", "to": "expert"}]
    assert [m["id"] for m in doc["missing"]] == ["k8s"]
    assert [e["id"] for e in doc["extra"]] == ["py", "torch"]


def test_compare_gives_the_overlap_both_ways(cli, ladder_file):
    result = cli("--data", ladder_file, "compare", "mle", "ds", "--json")
    assert result.exit_code == 0, result.stderr
    got = [(o["from"]["id"], o["to"]["id"], o["overlap"]) for o in result.json()["overlap"]]
    assert got == [("mle", "ds", 70.0), ("ds", "mle", 37.5)]


def test_compare_prints_the_overlap(cli, ladder_file):
    out = cli("--data", ladder_file, "compare", "mle", "ds").stdout
    assert "mle\tds\t70.0% (7 of 10)\tPython, ML frameworks, Deep learning\tStatistics\tDocker\n" in out


def test_similar_ranks_by_the_mean_of_both_overlaps(cli, ladder_file):
    # ds: (70 + 37.5) / 2 = 53.75 -> 53.8; analyst and ops both (28.6 + 25) / 2 = 26.8: ladder order.
    doc = cli("--data", ladder_file, "similar", "mle", "--json").json()
    assert [(r["id"], r["score"]) for r in doc["roles"]] == [("ds", 53.8), ("analyst", 26.8), ("ops", 26.8)]


def test_similar_gives_each_direction(cli, ladder_file):
    first = cli("--data", ladder_file, "similar", "mle", "--json").json()["roles"][0]
    assert (first["forward"]["from"]["id"], first["forward"]["to"]["id"], first["forward"]["overlap"]) == \
        ("mle", "ds", 70.0)
    assert (first["backward"]["from"]["id"], first["backward"]["to"]["id"], first["backward"]["overlap"]) == \
        ("ds", "mle", 37.5)


def test_similar_limit_keeps_the_total(cli, ladder_file):
    doc = cli("--data", ladder_file, "similar", "MLE", "--limit", "1", "--json").json()
    assert [r["id"] for r in doc["roles"]] == ["ds"]
    assert doc["total"] == 3


def test_similar_into_a_pipe_says_how_many_more_on_stderr(cli, ladder_file):
    cut = cli("--data", ladder_file, "similar", "MLE", "--limit", "1")
    assert len(cut.stdout.splitlines()) == 1
    assert cut.stderr == "aiml-career: 2 more roles (use --limit)\n"  # 3 roles besides MLE, 1 shown
    whole = cli("--data", ladder_file, "similar", "MLE")
    assert len(whole.stdout.splitlines()) == 3
    assert whole.stderr == ""


def test_similar_prints_a_row_per_role(cli, ladder_file):
    out = cli("--data", ladder_file, "similar", "mle").stdout
    # id, name, score (53.8: above), there, back, shared, missing, extra (as compare prints them)
    row = "ds\tDS\t53.8\t70.0% (7 of 10)\t37.5% (3 of 8)\tPython, ML frameworks, Deep learning\tStatistics\tDocker"
    assert out.splitlines()[0] == row


def test_similar_limit_below_one_is_a_usage_error(cli, ladder_file):
    result = cli("--data", ladder_file, "similar", "mle", "--limit", "0")
    assert result.exit_code == 2
    assert "--limit must be at least 1" in result.stderr


def test_similar_of_an_unknown_role_fails_with_a_suggestion(cli, ladder_file):
    result = cli("--data", ladder_file, "similar", "mlee")
    assert result.exit_code == 2
    assert "mle" in result.stderr


def test_indexed_backward_points_equal_readiness_for_every_pair_of_the_builtin_ladder():
    builtin = load(BUILTIN)
    wrong = [(a.id, b.id) for b in builtin.doc.roles for a in builtin.doc.roles
             if ov.backward_points(builtin, b)[a.id] != ov.overlap(builtin, a, b)["points"]]
    assert wrong == []


def test_indexed_backward_points_equal_readiness_on_the_test_ladder(ladder):
    got = {(a, "ds"): points for a, points in ov.backward_points(ladder, ladder.roles["ds"]).items() if a != "ds"}
    assert got == {(a, "ds"): EXPECTED[(a, "ds")][0] for a in ("analyst", "mle", "ops")}


def test_scan_scores_every_role_as_readiness_does():
    builtin = load(BUILTIN)
    mle = builtin.roles["ml-engineer"]
    forward, _ = ov.scan(builtin, role_have(builtin, mle), set())
    wrong = [r.id for r in builtin.doc.roles
             if forward[r.id] != (ov.overlap(builtin, mle, r)["points"], ov.overlap(builtin, mle, r)["of"])]
    assert wrong == []


def test_show_and_the_listings_load_no_overlap_module():
    """Start-up is unchanged: ``compare`` imports overlap when it runs, not ``queries`` on import."""
    code = ("import sys; from aiml_career.cli import run; run(['show', 'mle', '--json']); "
            "print([m for m in sys.modules if m.split('.')[-1] in ('overlap', 'assessment')])")
    done = subprocess.run([os.sys.executable, "-c", code], capture_output=True, env=child_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().strip().splitlines()[-1] == "[]"
