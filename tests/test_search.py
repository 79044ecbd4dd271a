"""search: words or starts of words, one typo, skills bring their roles, ranked by field."""

from __future__ import annotations

import json

import pytest

from aiml_career.advice.search import FIELDS, one_edit, stem

SMALL = {
    "format": 1,
    "title": "Small ladder",
    "stages": [{"id": "s0", "name": "Start", "order": 0}, {"id": "s1", "name": "Top stage", "order": 1}],
    "tracks": [{"id": "t", "name": "Track"}],
    "skill_categories": [{"id": "c", "name": "Cat"}],
    "skills": [
        {"id": "d", "name": "Delta", "category": "c"},
        {"id": "g", "name": "Group", "category": "c", "includes": ["d"]},
    ],
    "roles": [
        {"id": "side", "name": "Side Role", "stage": "s0", "track": "t",
         "skills": [{"skill": "g", "level": "advanced"}], "next": [{"to": "top", "kind": "promotion", "stated": True}]},
        {"id": "top", "name": "Top Role", "stage": "s1", "track": "t", "skills": [{"skill": "d", "level": "expert"}]},
    ],
}


def hits(cli, *words: str) -> list[dict]:
    result = cli("search", *words, "--json")
    data = result.json()
    assert result.exit_code == (0 if data["total"] else 1)
    assert result.stderr == ""
    return data["hits"]


def found(cli, *words: str) -> set[tuple[str, str]]:
    return {(h["type"], h["id"]) for h in hits(cli, *words)}


@pytest.mark.parametrize(
    ("query", "skill", "roles"),
    [
        ("kubernetes", "kubernetes", {"senior-mle"}),
        ("docker", "docker", {"ml-engineer", "senior-mle"}),
        ("python", "python", {"junior-ds", "senior-ds"}),
        ("k8s", "kubernetes", {"senior-mle"}),
    ],
)
def test_a_skill_brings_the_roles_that_need_it(cli, query, skill, roles):
    got = hits(cli, query)
    assert (got[0]["type"], got[0]["id"]) == ("skill", skill)
    brought = {h["id"] for h in got if h["type"] == "role" and h["field"] == "requires"}
    assert roles <= brought
    for hit in got:
        if hit["field"] == "requires":
            assert hit["via"] == skill
            assert hit["score"] < got[0]["score"]


def test_a_skill_counts_for_the_broad_skill_that_includes_it(cli, tmp_path):
    path = tmp_path / "ladder.json"
    path.write_text(json.dumps(SMALL), encoding="utf-8")
    got = cli("--data", str(path), "search", "delta", "--json").json()["hits"]
    assert [(h["type"], h["id"], h["field"], h["text"]) for h in got] == [
        ("skill", "d", "name", "Delta"),
        ("role", "side", "requires", "Group, which Delta counts for (advanced)"),
        ("role", "top", "requires", "Delta (expert)"),
    ]


def test_a_category_is_searchable_and_brings_its_skills(cli):
    got = hits(cli, "mlops")
    assert (got[0]["type"], got[0]["id"], got[0]["text"]) == (
        "category", "software-engineering", "Software engineering and MLOps")
    skills = {h["id"] for h in got if h["type"] == "skill" and h["via"] == "software-engineering"}
    assert {"docker", "version-control", "ci-cd"} <= skills


def test_one_typo_in_a_long_word(cli):
    roles = {h["id"] for h in hits(cli, "enginer") if h["type"] == "role"}
    assert {"ml-engineer", "senior-mle", "junior-ds"} <= roles
    assert hits(cli, "kubernets")[0]["id"] == "kubernetes"
    assert hits(cli, "chief", "ai", "oficer")[0]["id"] == "caio"


def test_no_typo_for_short_words_and_none_when_the_word_exists(cli):
    assert hits(cli, "dokr") == []  # four letters: no typo allowed
    # "model" is a word of the ladder: it does not also match "modern" or "models" by typo
    assert all("model" in h["text"].lower() or h["via"] for h in hits(cli, "model"))


def test_words_or_starts_of_words_never_inside_words(cli):
    for hit in hits(cli, "ai", "--limit", "100"):
        assert "Maintaining" not in hit["text"] or "AI" in hit["text"]
    assert ("role", "ml-engineer") not in {(h["type"], h["id"]) for h in hits(cli, "ai", "--limit", "100")
                                           if h["field"] == "responsibility"}
    assert ("skill", "kubernetes") in found(cli, "kube")  # the start of a word
    assert ("skill", "kubernetes") not in found(cli, "ernetes")  # never its inside


def test_word_forms_meet(cli):
    texts = {h["text"] for h in hits(cli, "deployment")}
    assert "Deploying ML models" in texts


def test_names_first_and_whole_words_before_starts_of_words(cli):
    got = hits(cli, "engineer")
    kinds = [h["type"] == "role" and h["field"] in ("name", "alias", "id") for h in got]
    assert kinds[0]
    assert kinds == sorted(kinds, reverse=True)
    exact = hits(cli, "ml", "engineer")[0]
    assert (exact["id"], exact["text"], exact["score"]) == ("ml-engineer", "ML Engineer", 100)
    whole = next(h for h in hits(cli, "scientist") if h["id"] == "data-scientist")
    start = next(h for h in hits(cli, "scien") if h["id"] == "data-scientist")
    assert whole["score"] > start["score"]


def test_scores_fall_and_each_item_is_listed_once(cli):
    got = hits(cli, "data", "--limit", "200")
    scores = [h["score"] for h in got]
    assert scores == sorted(scores, reverse=True)
    keys = [(h["type"], h["id"], h["name"]) for h in got]
    assert len(keys) == len(set(keys))


def test_json_shape(cli):
    result = cli("search", "python", "--json")
    data = result.json()
    assert set(data) == {"query", "total", "hits"}
    for hit in data["hits"]:
        assert set(hit) == {"type", "id", "name", "field", "text", "score", "via"}


def test_no_hits_exits_1_and_json_still_prints_its_document(cli):
    result = cli("search", "zzzzqqq", "--json")
    assert result.exit_code == 1
    assert result.json() == {"query": "zzzzqqq", "total": 0, "hits": []}
    text = cli("search", "zzzzqqq")
    assert text.exit_code == 1
    assert text.stdout == ""
    assert text.stderr == "aiml-career: no matches for 'zzzzqqq'\n"


def test_one_table_drives_the_search():
    weights = [f.weight for f in FIELDS]
    assert weights == sorted(weights, reverse=True)
    assert {(f.type, f.name) for f in FIELDS} >= {("role", "name"), ("skill", "name"), ("category", "name")}


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [("enginer", "engineer", True), ("engineer", "engineer", True), ("enigneer", "engineer", True),
     ("engixeer", "engineer", True), ("engneer", "engineer", True), ("enginr", "engineer", False),
     ("abc", "xyz", False)],
)
def test_one_edit(a, b, close):
    assert one_edit(a, b) is close
    assert one_edit(b, a) is close


def test_stem():
    assert stem("deployment") == stem("deploying") == "deploy"
    assert stem("ai") == "ai"
