"""``map`` on a taxonomy-shaped ladder works in bulk (advice/mapping.py, advice/mapped.py,
render/piped.py): the skills matched through one set of shared keys, the rows worked out once
per distinct row, the roles that share nothing beyond the foundations answered once per
(figures, holdings), and each distinct cell of the rows written once. Each bulk step is held here
to the plain rule it stands for: each skill matched alone, each row worked out alone, each role
mapped alone (``--role``), each row's cells made one by one."""

from __future__ import annotations

import io
import json
import random
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiml_career.advice import mapping
from aiml_career.advice.mapped import HereRows
from aiml_career.advice.overlap import row_gains
from aiml_career.ladder.loading import load
from aiml_career.ladder.resolve import normalize, normalize_many
from aiml_career.render.piped import mapping as piped_mapping
from aiml_career.render.rows import Rows, cell, figure, names, not_met, printable
from test_properties import SETTINGS, Files, dump

from conftest import BUILTIN, examples

#: Skills of the built-in ladder a taxonomy below shares by id, and names it shares by name or alias.
SHARED_IDS = ["python", "sql", "statistics", "probability", "pytorch", "numpy"]
SHARED_NAMES = ["Deep Learning", "Pandas", "tensor-flow", "AWS", "Scikit Learn"]
LEVELS = ["basic", "proficient", "advanced", "expert"]


def taxonomy(roles: int, skills: int, seed: int) -> dict:
    """A taxonomy-shaped ladder: one stage, many occupations of 4-12 rows, most of its own
    skills; a few skills the built-in ladder has (by id, or by a name or an alias), rows of
    alternatives and groups, and a foundation (so a role holds something from the start)."""
    rng = random.Random(seed)
    vocabulary = [{"id": f"skill-{i}", "name": f"Skill {i}", "category": "c"} for i in range(skills)]
    vocabulary += [{"id": sid, "name": sid.title(), "category": "c"} for sid in SHARED_IDS]
    vocabulary += [{"id": f"named-{i}", "name": name, "category": "c"} for i, name in enumerate(SHARED_NAMES[:3])]
    vocabulary += [{"id": f"aliased-{i}", "name": f"Aliased {i}", "category": "c", "aliases": [name]}
                   for i, name in enumerate(SHARED_NAMES[3:])]
    own = [s["id"] for s in vocabulary[:skills]]
    rare = [s["id"] for s in vocabulary[skills:]]

    def row() -> dict:
        level = rng.choice(LEVELS)
        shape = rng.random()
        if shape < 0.1:
            broad, *alternatives = rng.sample(own, 3)
            return {"skill": broad, "any_of": alternatives, "level": level}
        if shape < 0.15:
            return {"all_of": rng.sample(own, 2), "level": level}
        pool = rare if rng.random() < 0.08 else own
        return {"skill": rng.choice(pool), "level": level}

    occupations = []
    for i in range(roles):
        rows, named = [], set()
        for _ in range(rng.randint(4, 12)):
            item = row()
            skills_named = {item.get("skill"), *item.get("any_of", []), *item.get("all_of", [])} - {None}
            if named.isdisjoint(skills_named):
                named |= skills_named
                rows.append(item)
        occupations.append({"id": f"occupation-{i}", "name": f"Occupation {i}", "stage": "s", "requirements": rows})
    return {"format": 2, "title": f"Taxonomy {seed}", "stages": [{"id": "s", "name": "Occupations", "order": 1}],
            "skill_categories": [{"id": "c", "name": "C"}], "skills": vocabulary, "roles": occupations,
            "education": {"stage": "s", "foundation": [{"skill": "probability", "level": "basic"},
                                                       {"skill": own[0], "level": "proficient"}]}}


@pytest.fixture(scope="module")
def mapped_taxonomy(tmp_path_factory):
    path = tmp_path_factory.mktemp("taxonomy") / "taxonomy.json"
    path.write_text(json.dumps(taxonomy(160, 60, 7)), encoding="utf-8")
    return path, load(path), load(BUILTIN)


def test_each_role_maps_as_it_does_alone(mapped_taxonomy):
    """The whole mapping (roles sharing nothing answered once per figures and holdings, the other
    ladder's distinct rows indexed once) gives each role what mapping it alone gives (``--role``:
    its own rows, the other ladder walked once for it, nothing shared with another role); onto
    the taxonomy too."""
    _, here, builtin = mapped_taxonomy
    whole = mapping.map_onto(here, builtin)
    figures = {(n["forward"]["points"], n["backward"]["points"]) for r in whole["roles"] for n in r["nearest"]}
    assert len(figures) > 3  # roles near the built-in ones by shared skills, not only by the foundations
    assert whole["skills"]["by"] == {"id": len(SHARED_IDS), "name": 3, "alias": 2}
    for row in whole["roles"]:
        assert mapping.map_onto(here, builtin, only=[row["id"]])["roles"] == [row]
    back = mapping.map_onto(builtin, here)  # the taxonomy's rows indexed (Rows), each once
    for row in back["roles"]:
        assert mapping.map_onto(builtin, here, only=[row["id"]])["roles"] == [row]


def test_each_distinct_row_is_worked_out_as_it_is_alone(mapped_taxonomy):
    """:class:`HereRows` passes over the rows none of whose ways counts a skill that tells (held
    there, by the foundation, or matched): every row worked out alone gives the same."""
    _, taxonomy_ladder, builtin = mapped_taxonomy
    for here, other in ((taxonomy_ladder, builtin), (builtin, taxonomy_ladder)):
        vocabulary = mapping.match_skills(here, other)
        to_here = vocabulary.to_here()
        ground = mapping.translate(mapping.foundation_have(other), to_here)
        holders = mapping.holders_of(other, to_here)
        refs = mapping.refs(here)
        units = here.row_table[0]
        rows = HereRows(units, vocabulary.to_other, holders, ground, refs)
        special, grounds = {}, []
        for number, unit in enumerate(units):
            points, gained = row_gains(unit, holders, ground)
            grounds.append(points)
            members = frozenset(vocabulary.to_other[m] for m in unit.members if m in vocabulary.to_other)
            there = vocabulary.to_other.get(unit.skill)
            if gained or members or there is not None:
                special[number] = (there, gained, members)
        assert special  # some rows tell
        assert (rows.special, rows.grounds) == (special, grounds)
        assert rows.ranks == [unit.rank for unit in units]
        assert rows.refs == [refs[unit.skill] for unit in units]


#: Names that normalise alike in pairs ("Sr. Dev" is "senior dev").
NAMES = ["SQL", "sql", "S.Q.L.", "Python", "python!", "Sr. Dev", "Senior Dev", "C++", "cplusplus", "Go"]


@st.composite
def vocabularies(draw) -> list[dict]:
    """Skills named and aliased from :data:`NAMES`, each key of one skill (as in a valid ladder):
    another ladder's skills may meet them in one key, or in several."""
    skills: list[dict] = []
    used = {"r"}  # the role's
    for sid in draw(st.lists(st.sampled_from(["sql", "python", "go", "dev", "cpp", "x1", "x2", "x3"]),
                             min_size=1, max_size=6, unique=True)):
        name = draw(st.sampled_from(NAMES))
        aliases = draw(st.lists(st.sampled_from(NAMES), max_size=2, unique=True))
        keys = {normalize(text) for text in (sid, name, *aliases)}
        if used.isdisjoint(keys):  # a valid ladder's keys belong to one skill each
            used |= keys
            skills.append({"id": sid, "name": name, "category": "c", "aliases": aliases})
    return skills or [{"id": "x9", "name": "X nine", "category": "c", "aliases": []}]


def matched_alone(here: list[dict], other: list[dict]) -> tuple[dict, dict, list[str], list[tuple[str, list[str]]]]:
    """The rule of :func:`.mapping.match_skills`, a skill at a time: the same id; else the one
    skill of OTHER whose id or name is its id or name; else whose id, name or alias is one of
    its; two or more at a step: ambiguous."""
    def keys(skill: dict, aliases: bool) -> set[str]:
        texts = [skill["id"], skill["name"], *(skill["aliases"] if aliases else [])]
        return {normalize(text) for text in texts} - {""}

    to_other, by, unmatched, ambiguous = {}, {"id": 0, "name": 0, "alias": 0}, [], []
    for skill in here:
        if any(o["id"] == skill["id"] for o in other):
            to_other[skill["id"]] = skill["id"]
            by["id"] += 1
            continue
        for how, aliases in (("name", False), ("alias", True)):
            found = sorted(o["id"] for o in other if keys(o, aliases) & keys(skill, aliases))
            if len(found) == 1:
                to_other[skill["id"]] = found[0]
                by[how] += 1
                break
            if found:
                ambiguous.append((skill["id"], found))
                break
        else:
            unmatched.append(skill["id"])
    return to_other, by, unmatched, ambiguous


def one_role_ladder(skills: list[dict]) -> dict:
    return {"format": 2, "title": "T", "stages": [{"id": "s", "name": "S", "order": 1}],
            "skill_categories": [{"id": "c", "name": "C"}], "skills": skills,
            "roles": [{"id": "r", "name": "R", "stage": "s",
                       "requirements": [{"skill": skills[0]["id"], "level": "basic"}]}]}


@pytest.fixture
def files(tmp_path) -> Files:
    return Files(tmp_path)


@settings(max_examples=examples(150), **SETTINGS)
@given(here=vocabularies(), other=vocabularies())
def test_skills_match_as_each_skill_alone(files, here, other):
    """One set of shared keys finds the skills to look at: the same matches as each skill's
    keys looked up alone."""
    found = mapping.match_skills(load(files.write(dump(one_role_ladder(here)))),
                                 load(files.write(dump(one_role_ladder(other)))))
    to_other, by, unmatched, ambiguous = matched_alone(here, other)
    assert (found.to_other, found.by) == (to_other, by)
    assert [s["id"] for s in found.unmatched] == unmatched
    assert [(a["id"], [c["id"] for c in a["candidates"]]) for a in found.ambiguous] == ambiguous


def test_a_taxonomy_of_texts_normalises_as_each_text_alone():
    """``normalize_many`` over thousands of ASCII texts at once (its bytes pass): abbreviations at
    the start, the end and the middle of a text, next to punctuation and next to each other."""
    rng = random.Random(5)
    words = ["sr", "snr", "jr", "jnr", "mgr", "Sr.", "MGR", "srs", "jrx", "C++", "C#", "data", "ml", "r", "_sr_"]
    texts = ["".join(rng.choice([" ", "-", ".", "_", "/", "", "\t", "\r"]) + rng.choice(words)
                     for _ in range(rng.randint(0, 5))) for _ in range(3000)]
    assert normalize_many(texts) == [normalize(text) for text in texts]


@settings(max_examples=examples(200), **SETTINGS)
@given(st.text(st.characters(max_codepoint=0x7F), min_size=200, max_size=700)
       | st.text(min_size=250, max_size=300) | st.text(max_size=20))
def test_printable_is_isprintable(text):
    assert printable(text) == text.isprintable()


def rows_one_by_one(doc) -> str:
    """``map``'s rows as each row's cells are made, one by one (what the bulk writer stands for)."""
    return "".join("\t".join(cell(c) for c in (
        role["id"], role["name"], item["id"], item["name"], f"{item['score']:.1f}%", figure(item["forward"]),
        figure(item["backward"]), names(item["shared"]), names(item["only_here"]),
        not_met(item["only_other"], item["deepen"]))) + "\n" for role in doc["roles"] for item in role["nearest"])


def test_map_rows_into_a_pipe_are_each_rows_cells(cli, mapped_taxonomy):
    """The rows written into a pipe (each distinct cell made once) are the rows of the JSON
    document, each cell made on its own."""
    path = mapped_taxonomy[0]
    doc = cli("--data", str(path), "map", "builtin", "--json").json()
    piped = cli("--data", str(path), "map", "builtin")
    assert piped.exit_code == 0
    assert piped.stdout == rows_one_by_one(doc)
    assert len(piped.stdout.splitlines()) == 3 * 160


def test_items_shared_between_rows_are_written_each_as_it_is():
    """A document whose rows share items in other ways than ``map`` shares them (one list
    shared by two roles there, one figure by two rows, text to escape): each row is still its
    own cells."""
    shared = [{"id": "a", "name": " Leading space"}]
    mine = [{"id": "b", "name": "Tab\there"}, {"id": "c", "name": "• bullet"}]
    half = {"overlap": 50.0, "points": 1, "of": 2}

    def item(rid, name, score, forward, only_here, deepen):
        return {"id": rid, "name": name, "stage": "s", "score": score, "forward": forward, "backward": half,
                "shared": shared, "deepen": deepen, "only_other": shared, "only_here": only_here}

    gap = [{"id": "d", "name": "SQL", "from": "basic", "to": "expert"}]
    doc = {"here": {"title": "H", "file": "h", "label": "H"}, "other": {"title": "O", "file": "o", "label": "O"},
           "rule": "", "skills": {"total": 0, "matched": 0, "by": {"id": 0, "name": 0, "alias": 0},
                                  "unmatched_count": 0, "unmatched": [], "ambiguous": [], "other_unmatched_count": 0},
           "roles": [{"id": "r1", "name": "Role\x1b[2J", "stage": "s",
                      "nearest": [item("x", "X", 75.0, half, mine, gap), item("y", "Y", 75.0, half, mine, [])]},
                     {"id": "r2", "name": "Two", "stage": "s",
                      "nearest": [item("x", "X", 60.0, half, [], gap), item("z", "Z", 60.0, dict(half), [], gap),
                                  item("y", "Y\n2", 75.0, half, mine, gap)]}]}
    out = io.StringIO()
    piped_mapping(Rows(out, io.StringIO()), doc)
    assert out.getvalue() == rows_one_by_one(doc)
    assert "\x1b" not in out.getvalue()


def test_a_cell_of_many_names_with_a_control_character_is_escaped():
    """A long list of names (a role's forty rows) is checked whole: one control character in it
    is escaped, as in a short one."""
    listed = [{"id": f"s{i}", "name": f"Skill {i} " + string.ascii_letters} for i in range(40)]
    listed[17] = {"id": "bad", "name": "Bad\x07bell"}
    text = names(listed)
    assert not printable(text)
    assert cell(text) == text.replace("\x07", "\\x07")
