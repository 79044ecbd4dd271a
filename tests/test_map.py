"""``map OTHER``: two small ladders written for the test with different skill vocabularies (the
expected answers worked out by hand below), the built-in ladder onto itself, and a
taxonomy-shaped ladder of a few hundred occupations with no moves."""

from __future__ import annotations

import json
import random

import pytest

from aiml_career.advice import mapping
from aiml_career.advice.overlap import overlap
from aiml_career.ladder.loading import load

from conftest import BUILTIN


def need(sid, level):
    return {"skill": sid, "level": level, "wording": f"{sid} please"}


def skill(sid, name, *aliases):
    return {"id": sid, "name": name, "category": "c", **({"aliases": list(aliases)} if aliases else {})}


def ladder(title, skills, roles):
    return {"format": 2, "title": title, "stages": [{"id": "s", "name": "S", "order": 1}],
            "skill_categories": [{"id": "c", "name": "C"}], "skills": skills,
            "roles": [{"id": rid, "name": name, "stage": "s", "requirements": reqs} for rid, name, reqs in roles]}


#: The ladder in use. Its skills, against OTHER's: sql by id; py by name ("Python" is OTHER's
#: python); k8s and torch by alias ("Kubernetes", "PyTorch" are OTHER's names); figma matches
#: nothing; dl's aliases name two skills of OTHER (deep-learning by its name, nn by its alias
#: "Neural nets"): ambiguous, so not matched. 4 of 6 matched (1 by id, 1 by name, 2 by alias).
ACME = ladder("Acme", [
    skill("sql", "SQL"), skill("py", "Python"), skill("k8s", "K8s", "Kubernetes"),
    skill("torch", "Torch", "PyTorch"), skill("figma", "Figma"),
    skill("dl", "DL & neural nets", "Deep learning", "Neural nets"),
], [
    ("acme-analyst", "Acme Analyst", [need("sql", "advanced"), need("py", "proficient"), need("figma", "proficient")]),
    ("acme-mle", "Acme ML Engineer II", [need("py", "advanced"), need("torch", "advanced"),
                                         need("k8s", "proficient"), need("dl", "proficient")]),
])

#: OTHER. Levels count basic 1, proficient 2, advanced 3, expert 4; no foundation on either side.
#: Excel, Deep learning and Neural networks are matched by no skill of Acme (3).
PUBLIC = ladder("Public taxonomy", [
    skill("sql", "SQL"), skill("python", "Python"), skill("kubernetes", "Kubernetes"),
    skill("pytorch", "PyTorch"), skill("deep-learning", "Deep learning"),
    skill("nn", "Neural networks", "Neural nets"), skill("excel", "Excel"),
], [
    ("analyst", "Data Analyst", [need("sql", "advanced"), need("python", "proficient"), need("excel", "proficient")]),
    ("mle", "Machine Learning Engineer", [need("python", "advanced"), need("pytorch", "proficient"),
                                          need("kubernetes", "advanced"), need("deep-learning", "proficient")]),
    ("researcher", "Research Scientist", [need("python", "proficient"), need("pytorch", "expert"),
                                          need("nn", "advanced")]),
])

#: By hand. A holder of an Acme role holds its rows' skills at their levels, in OTHER's words:
#: acme-analyst: sql 3, python 2 (Figma has no match); acme-mle: python 3, pytorch 3,
#: kubernetes 2 (DL has none). A holder of an OTHER role, in Acme's words: analyst: sql 3, py 2;
#: mle: py 3, torch 2, k8s 3; researcher: py 2, torch 4 (Excel, Deep learning, Neural networks
#: have no match).
#:
#: forward (Acme role -> OTHER role: points of OTHER's role met):
#:   acme-analyst -> analyst: sql 3 + python 2 = 5 of 7 (71.4); -> mle: python 2 of 10 (20);
#:   -> researcher: python 2 of 9 (22.2).
#:   acme-mle -> analyst: python min(3, 2) = 2 of 7 (28.6); -> mle: python 3 + pytorch min(3, 2)
#:   + kubernetes 2 (below advanced) = 7 of 10 (70); -> researcher: python 2 + pytorch 3 = 5 of 9 (55.6).
#: backward (OTHER role -> Acme role: points of the Acme role met):
#:   analyst -> acme-analyst: sql 3 + py 2 = 5 of 7 (71.4); -> acme-mle: py 2 of 10 (20).
#:   mle -> acme-analyst: py min(3, 2) = 2 of 7 (28.6); -> acme-mle: py 3 + torch 2 + k8s
#:   min(3, 2) = 7 of 10 (70).
#:   researcher -> acme-analyst: py 2 of 7 (28.6); -> acme-mle: py 2 + torch 3 = 5 of 10 (50).
#: score = the mean of both:
#:   acme-analyst: analyst (71.4 + 71.4) / 2 = 71.4; researcher (22.2 + 28.6) / 2 = 25.4;
#:   mle (20 + 28.6) / 2 = 24.3.
#:   acme-mle: mle (70 + 70) / 2 = 70; researcher (55.6 + 50) / 2 = 52.8; analyst (28.6 + 20) / 2 = 24.3.
EXPECTED = {
    "acme-analyst": [("analyst", 71.4), ("researcher", 25.4), ("mle", 24.3)],
    "acme-mle": [("mle", 70.0), ("researcher", 52.8), ("analyst", 24.3)],
}


@pytest.fixture
def files(tmp_path):
    here, other = tmp_path / "acme.json", tmp_path / "public.json"
    here.write_text(json.dumps(ACME), encoding="utf-8")
    other.write_text(json.dumps(PUBLIC), encoding="utf-8")
    return str(here), str(other)


def mapped(cli, files, *more, **facts):
    result = cli("--data", files[0], "map", files[1], *more, **facts)
    assert result.exit_code == 0, result.stderr
    return result


def test_skills_are_matched_by_id_then_name_then_alias(files):
    found = mapping.match_skills(load(files[0]), load(files[1]))
    assert found.to_other == {"sql": "sql", "py": "python", "k8s": "kubernetes", "torch": "pytorch"}
    assert found.by == {"id": 1, "name": 1, "alias": 2}
    assert found.unmatched == [{"id": "figma", "name": "Figma"}]
    assert found.ambiguous == [{"id": "dl", "name": "DL & neural nets", "candidates": [
        {"id": "deep-learning", "name": "Deep learning"}, {"id": "nn", "name": "Neural networks"}]}]


def test_map_ranks_each_role_by_the_hand_computed_scores(cli, files):
    doc = mapped(cli, files, "--json").json()
    assert [r["id"] for r in doc["roles"]] == ["acme-analyst", "acme-mle"]
    assert {r["id"]: [(n["id"], n["score"]) for n in r["nearest"]] for r in doc["roles"]} == EXPECTED


def test_map_gives_both_figures(cli, files):
    first = mapped(cli, files, "--json").json()["roles"][1]["nearest"]
    assert [(n["id"], n["forward"], n["backward"]) for n in first] == [
        ("mle", {"overlap": 70.0, "points": 7, "of": 10}, {"overlap": 70.0, "points": 7, "of": 10}),
        ("researcher", {"overlap": 55.6, "points": 5, "of": 9}, {"overlap": 50.0, "points": 5, "of": 10}),
        ("analyst", {"overlap": 28.6, "points": 2, "of": 7}, {"overlap": 20.0, "points": 2, "of": 10}),
    ]


def test_map_explains_what_is_shared_and_what_each_has_alone(cli, files):
    best = mapped(cli, files, "--json").json()["roles"][1]["nearest"][0]
    # mle's rows: Python and PyTorch met; Kubernetes held at proficient of advanced; Deep
    # learning nothing held (Acme's DL matched nothing). Acme's DL counts toward none of them.
    assert best["shared"] == [{"id": "python", "name": "Python"}, {"id": "pytorch", "name": "PyTorch"}]
    assert best["deepen"] == [{"id": "kubernetes", "name": "Kubernetes", "from": "proficient", "to": "advanced"}]
    assert best["only_other"] == [{"id": "deep-learning", "name": "Deep learning"}]
    assert best["only_here"] == [{"id": "dl", "name": "DL & neural nets"}]


def test_map_says_how_many_skills_it_could_not_match(cli, files):
    doc = mapped(cli, files, "--json").json()
    skills = doc["skills"]
    counts = (skills["total"], skills["matched"], skills["unmatched_count"], skills["other_unmatched_count"])
    assert counts == (6, 4, 2, 3)
    assert skills["by"] == {"id": 1, "name": 1, "alias": 2}
    assert [s["id"] for s in skills["unmatched"]] == ["figma", "dl"]
    assert doc["here"]["label"] == "Acme"
    assert doc["other"]["label"] == "Public taxonomy"


def test_map_prints_a_row_per_pair_and_notes_the_unmatched_skills(cli, files):
    result = mapped(cli, files, "--limit", "1")
    assert result.stdout.splitlines() == [
        "acme-analyst\tAcme Analyst\tanalyst\tData Analyst\t71.4%\t71.4% (5 of 7)\t71.4% (5 of 7)\t"
        "SQL, Python\tFigma\tExcel",
        "acme-mle\tAcme ML Engineer II\tmle\tMachine Learning Engineer\t70.0%\t70.0% (7 of 10)\t70.0% (7 of 10)\t"
        "Python, PyTorch\tDL & neural nets\tDeep learning, Kubernetes proficient→advanced",
    ]
    assert "4 of 6 skills matched in Public taxonomy (1 by id, 1 by name, 2 by alias); 2 not: Figma, " \
           "DL & neural nets" in result.stderr


def test_map_for_a_person_names_each_ladder(cli, files):
    out = mapped(cli, files, "--limit", "1", env={"NO_COLOR": "1"}, stdout_isatty=True, columns=200).stdout
    assert "Acme onto Public taxonomy: the nearest roles by overlap" in out
    assert "≈ Machine Learning Engineer (mle)  70.0%" in out
    assert "only in Acme:" in out
    assert "only in Public taxonomy:" in out
    assert "skills: 4 of 6 skills matched in Public taxonomy" in out


def test_map_onto_the_builtin_ladder_by_name(cli, files):
    doc = cli("--data", files[0], "map", "builtin", "--json").json()
    assert doc["other"] == {"title": "AI/ML Career Path", "file": "builtin", "label": "the built-in ladder"}
    assert len(doc["roles"]) == 2
    assert all(len(r["nearest"]) == 3 for r in doc["roles"])


@pytest.mark.parametrize("limit", ["0", "-2"])
def test_a_limit_below_one_is_a_usage_error(cli, files, limit):
    result = cli("--data", files[0], "map", files[1], "--limit", limit)
    assert result.exit_code == 2
    assert "--limit must be at least 1" in result.stderr


def test_an_unreadable_other_ladder_fails_with_its_problem(cli, tmp_path):
    result = cli("map", str(tmp_path / "nope.json"))
    assert result.exit_code == 1
    assert "cannot read ladder file" in result.stderr
    assert "nope.json" in result.stderr


def test_an_invalid_other_ladder_fails_with_its_problems(cli, tmp_path):
    bad = dict(PUBLIC, roles=[{"id": "x", "name": "X", "stage": "nowhere", "requirements": []}])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    result = cli("map", str(path))
    assert result.exit_code == 1
    assert "nowhere" in result.stderr


def test_the_builtin_ladder_onto_itself_maps_every_role_to_itself_at_100(cli):
    doc = cli("map", str(BUILTIN), "--limit", "1", "--json").json()
    assert doc["skills"]["unmatched_count"] == 0
    assert [(r["id"], r["nearest"][0]["id"], r["nearest"][0]["score"]) for r in doc["roles"]] == \
        [(r["id"], r["id"], 100.0) for r in doc["roles"]]


@pytest.mark.parametrize("limit", [3, 100])
def test_the_indexed_ranking_is_the_ranking_of_every_pair_on_the_builtin_ladder(limit):
    """Every role of the built-in ladder ranked against every other by ``compare``'s overlap
    both ways, pair by pair: the indexed walk finds the same order and figures (the first 3,
    which the bulk scoring narrows down, and all of them)."""
    builtin, again = load(BUILTIN), load(BUILTIN)
    doc = mapping.map_onto(builtin, again, limit=limit)
    for row in doc["roles"]:
        a = builtin.roles[row["id"]]
        pairs = [(overlap(builtin, a, b), overlap(builtin, b, a), n, b.id) for n, b in enumerate(builtin.doc.roles)]
        pairs.sort(key=lambda p: (-(p[0]["overlap"] + p[1]["overlap"]), p[2]))
        assert [(n["id"], n["forward"]["points"], n["backward"]["points"]) for n in row["nearest"]] == \
            [(b, f["points"], g["points"]) for f, g, _, b in pairs[:limit]]


def taxonomy(occupations: int, skills: int, seed: int) -> dict:
    """A taxonomy-shaped ladder: one stage, no tracks, no moves, described skills, 5-15 rows each."""
    rng = random.Random(seed)
    vocabulary = [{"id": f"skill-{i}", "name": f"Skill {i}", "category": "c",
                   "description": f"What skill {i} is, in a sentence."} for i in range(skills)]
    roles = [{"id": f"occupation-{i}", "name": f"Occupation {i}", "stage": "s",
              "requirements": [need(s["id"], rng.choice(["basic", "proficient", "advanced", "expert"]))
                               for s in rng.sample(vocabulary, rng.randint(5, 15))]}
             for i in range(occupations)]
    return {"format": 2, "title": f"Taxonomy {seed}", "stages": [{"id": "s", "name": "Occupations", "order": 1}],
            "skill_categories": [{"id": "c", "name": "C"}], "skills": vocabulary, "roles": roles}


def test_a_taxonomy_of_hundreds_of_occupations_without_moves_maps(cli, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    first.write_text(json.dumps(taxonomy(400, 500, 1)), encoding="utf-8")
    second.write_text(json.dumps(taxonomy(300, 450, 2)), encoding="utf-8")
    doc = cli("--data", str(first), "map", str(second), "--json").json()
    assert len(doc["roles"]) == 400
    assert all(len(r["nearest"]) == 3 for r in doc["roles"])
    # skill-0 .. skill-449 by id; skill-450 .. skill-499 are not in the second.
    assert (doc["skills"]["by"]["id"], doc["skills"]["unmatched_count"]) == (450, 50)
    onto_itself = cli("--data", str(first), "map", str(first), "--limit", "1", "--json").json()
    assert all(r["nearest"][0]["id"] == r["id"] and r["nearest"][0]["score"] == 100.0 for r in onto_itself["roles"])


def test_the_taxonomy_mapping_equals_every_pair_scored(tmp_path):
    """The indexed walk against every pair scored by hand's rule (rows of single skills: a row
    counts min(held, required)), on two ladders sharing part of their skill ids."""
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps(taxonomy(60, 80, 3)), encoding="utf-8")
    second.write_text(json.dumps(taxonomy(50, 70, 4)), encoding="utf-8")
    a, b = load(first), load(second)

    def points(held_by, toward):
        have = {u.skill: u.rank for u in held_by}
        return sum(min(have.get(u.skill, 0), u.rank) for u in toward), sum(u.rank for u in toward)

    def percent(got):
        return round(100 * got[0] / got[1], 1)

    doc = mapping.map_onto(a, b, limit=5)
    for row in doc["roles"]:
        mine = a.units(a.roles[row["id"]])
        every = []
        for number, target in enumerate(b.doc.roles):
            there = b.units(target)
            forward, backward = points(mine, there), points(there, mine)
            every.append((-(percent(forward) + percent(backward)), number, target.id, forward[0], backward[0]))
        every.sort()
        assert [(n["id"], n["forward"]["points"], n["backward"]["points"]) for n in row["nearest"]] == \
            [(rid, f, g) for _, _, rid, f, g in every[:5]]


def test_role_maps_only_the_roles_named(cli, files):
    doc = mapped(cli, files, "--role", "Acme ML Engineer II", "--json").json()
    assert [(r["id"], [n["id"] for n in r["nearest"]]) for r in doc["roles"]] == \
        [("acme-mle", ["mle", "researcher", "analyst"])]


def test_role_unknown_is_a_usage_error(cli, files):
    result = cli("--data", files[0], "map", files[1], "--role", "acme-mlx")
    assert result.exit_code == 2
    assert "acme-mle" in result.stderr


def test_the_ladder_in_use_onto_its_own_file_is_read_once(cli, files, monkeypatch):
    from aiml_career.ladder import loading

    reads = []
    real = loading.read_bytes
    monkeypatch.setattr(loading, "read_bytes",
                        lambda path, hints=None, **kw: reads.append(path) or real(path, hints, **kw))
    doc = cli("--data", files[0], "map", files[0], "--limit", "1", "--json").json()
    assert len(reads) == 1
    assert [(r["id"], r["nearest"][0]["id"]) for r in doc["roles"]] == [("acme-analyst", "acme-analyst"),
                                                                         ("acme-mle", "acme-mle")]


def test_a_role_or_three_walked_one_by_one_map_as_in_the_whole_mapping(files):
    """``--role`` with up to three roles walks OTHER's rows per role (as ``similar`` does), with
    four or more it indexes them first: both give what the whole mapping gives those roles."""
    builtin = load(BUILTIN)
    whole = {r["id"]: r for r in mapping.map_onto(builtin, builtin, limit=4)["roles"]}
    for rid in whole:
        assert mapping.map_onto(builtin, builtin, limit=4, only=[rid])["roles"] == [whole[rid]]
    four = list(whole)[:4]
    assert mapping.map_onto(builtin, builtin, limit=4, only=four)["roles"] == [whole[r] for r in four]
    acme, public = load(files[0]), load(files[1])
    assert mapping.map_onto(acme, public, only=["acme-mle"])["roles"] == \
        [mapping.map_onto(acme, public)["roles"][1]]


def test_a_ladder_title_with_control_characters_is_shown_escaped(cli, tmp_path):
    here, other = tmp_path / "acme.json", tmp_path / "public.json"
    here.write_text(json.dumps(dict(ACME, title="Acme\x1b[2J")), encoding="utf-8")
    other.write_text(json.dumps(PUBLIC), encoding="utf-8")
    out = cli("--data", str(here), "map", str(other), "--limit", "1", env={"NO_COLOR": "1"},
              stdout_isatty=True, columns=200).stdout
    assert "\x1b" not in out
    assert "only in Acme" in out
