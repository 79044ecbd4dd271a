"""Whole-ladder listings answered quickly, with the same answers: ``stages``,
``specializations``, ``education`` and ``resources`` into a pipe written as plain lines without
Rich (render/rows.py), the same lines Rich drew there; ``skills`` counted from compact rows
(``Ladder.naming_counts``, ``Ladder.skill_includes``), as the requirement rows count them;
``search``'s quick passes over the whole text (``advice/search.py``: ``starts_of``,
``Query.candidates``), which find exactly what the slow ones found (a regular expression tried at
every place; every text tested one by one).
"""

from __future__ import annotations

import io
import json
import re
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiml_career.advice import queries
from aiml_career.advice import search as searching
from aiml_career.errors import UsageError
from aiml_career.ladder.index import Ladder
from aiml_career.ladder.loading import load
from aiml_career.ladder.model import LadderDoc
from aiml_career.render import rows
from aiml_career.render.text import ladder as drawn
from aiml_career.render.text.base import _Trimmed, piped_console
from test_properties import HOSTILE, SETTINGS, ladders

from conftest import BUILTIN, EXAMPLE, examples


def plain(writer, data, **options) -> tuple[str, str]:
    out, notes = io.StringIO(), io.StringIO()
    writer(rows.Rows(out, notes), data, **options)
    return out.getvalue(), notes.getvalue()


def rich(renderer, data, **options) -> tuple[str, str]:
    """What the Rich renderer prints into a pipe (as make_console lays it out there)."""
    out, notes = io.StringIO(), io.StringIO()
    renderer(piped_console(_Trimmed(out), notes), data, **options)
    return out.getvalue(), notes.getvalue()


def of(doc: dict) -> Ladder:
    return Ladder(LadderDoc.model_validate_json(json.dumps(doc)))


# -- stages and specializations into a pipe: the lines Rich drew, without Rich -----------------


#: A small ladder's stages, with the lines `stages` prints for them worked out by hand: the intro,
#: then per stage its number and name with its id, its summary, a bullet per role (name, id, track),
#: the foundation's labels in one column as wide as the widest label plus one space, a blank line.
SMALL = {
    "format": 2, "title": "Small", "intro": "Two stages.",
    "stages": [{"id": "one", "name": "First [bold]steps[/]", "order": 1, "summary": "Where it starts."},
               {"id": "two", "name": "Second", "order": 2}],
    "tracks": [{"id": "data", "name": "Data"}],
    "skill_categories": [{"id": "c", "name": "C"}],
    "skills": [{"id": "sql", "name": "SQL", "category": "c"}],
    "roles": [{"id": "a", "name": "Analyst\x1b[31m", "stage": "one", "track": "data", "summary": "",
               "responsibilities": [], "requirements": []},
              {"id": "b", "name": "Boss\tman", "stage": "two", "summary": "", "responsibilities": [],
               "requirements": []}],
    "education": {"stage": "one", "degrees": [{"id": "bsc", "name": "学位", "fields": ["Maths"],
                                                "description": "A degree."}],
                  "notes": ["Some\nnote."], "math_foundation": ["sql"], "key_skills_text": "", "key_skills": []},
}
SMALL_STAGES = (
    "Two stages.\n"
    "\n"
    "1. First [bold]steps[/]  one\n"
    "Where it starts.\n"
    "  • Analyst\\x1b[31m  a · data\n"
    "  学位:" + " " * 13 + "A degree.\n"  # "学位:" is 5 cells: 17 ("maths foundation:") - 5 + 1 spaces
    "  fields:           Maths\n"
    "  note:             Some\\x0anote.\n"
    "  maths foundation: SQL\n"
    "\n"
    "2. Second  two\n"
    "  • Boss\\x09man  b\n"
    "\n"
)


def test_stages_into_a_pipe_are_lines_with_ladder_text_escaped():
    ladder = of(SMALL)
    out, notes = plain(rows.stages, queries.stages(ladder), intro=ladder.intro)
    assert (out, notes) == (SMALL_STAGES, "")
    assert "\t" not in out  # a tab or an escape from the file is shown, not obeyed
    assert "\x1b" not in out


def test_stages_command_into_a_pipe(cli, tmp_path):
    path = tmp_path / "small.json"
    path.write_text(json.dumps(SMALL), encoding="utf-8")
    result = cli("--data", str(path), "stages")
    assert (result.exit_code, result.stdout, result.stderr) == (0, SMALL_STAGES, "")


def same_as_rich(ladder: Ladder) -> None:
    """Each listing written as plain lines is what its Rich renderer printed into a pipe."""
    data = queries.stages(ladder)
    assert plain(rows.stages, data, intro=ladder.intro) == rich(drawn.stages, data, intro=ladder.intro)
    specs = queries.specializations(ladder)
    assert plain(rows.specializations, specs) == rich(drawn.specializations, specs)
    education = queries.education(ladder)
    assert plain(rows.education, education) == rich(drawn.education, education)
    resources = queries.resources(ladder)
    assert plain(rows.resources, resources) == rich(drawn.resources, resources)


@pytest.mark.parametrize("path", [BUILTIN, EXAMPLE])
def test_piped_listings_are_what_rich_drew(path):
    same_as_rich(load(path))


@settings(max_examples=examples(100), **SETTINGS)
@given(doc=ladders(max_roles=6, max_skills=6))
def test_piped_listings_are_what_rich_drew_on_any_ladder(doc):
    same_as_rich(of(doc))


def test_an_empty_listing_says_so_on_stderr():
    assert plain(rows.specializations, {"intro": "", "specializations": []}) == (
        "", "aiml-career: this ladder names no specializations\n")
    ladder = of({"title": "Bare", "stages": [{"id": "s", "name": "S", "order": 1}],
                 "roles": [{"id": "r", "name": "R", "stage": "s", "requirements": []}]})
    assert plain(rows.education, queries.education(ladder)) == (
        "", "aiml-career: this ladder gives no educational foundation and no advanced degrees\n")
    assert plain(rows.resources, queries.resources(ladder)) == (
        "", "aiml-career: this ladder names no courses, certifications, advanced degrees or closing advice\n")


@given(label=st.text(st.characters(blacklist_categories=("Cs",)), max_size=6) | st.sampled_from(HOSTILE))
@settings(max_examples=examples(300), **SETTINGS)
def test_a_label_is_measured_in_cells_as_rich_measures_it(label):
    from rich.cells import cell_len

    from aiml_career.errors import sanitize

    assert rows.cells(sanitize(label)) == cell_len(sanitize(label))


def test_labels_of_narrow_characters_alone_are_measured_without_rich():
    from rich.cells import cell_len

    from aiml_career.errors import sanitize

    narrow = [chr(c) for c in [*range(0x20, 0x300), *range(0x2010, 0x2028)] if sanitize(chr(c)) == chr(c)]
    assert all(rows.cells(c) == 1 == cell_len(c) for c in narrow)


# -- skills: counted from compact rows, as the requirement rows count them --------------------


@settings(max_examples=examples(100), **SETTINGS)
@given(doc=ladders(max_roles=6, max_skills=8))
def test_the_roles_naming_a_skill_are_counted_as_its_rows_name_it(doc):
    ladder = of(doc)
    assert ladder.naming_counts == {sid: len({role.id for role, _ in users}) for sid, users in
                                    ladder.skill_users.items()}
    assert ladder.skill_includes == {sid: s.includes for sid, s in ladder.skills.items() if s.includes}


#: Three roles naming skills each way a row can: alone, as a row's alternatives, as a group's parts
#: under their broad skill; and a broad skill that includes two others.
NAMING = {
    "format": 2, "title": "Naming", "stages": [{"id": "s", "name": "S", "order": 1}],
    "skill_categories": [{"id": "c", "name": "C"}],
    "skills": [{"id": "code", "name": "Code", "category": "c", "includes": ["py", "sql"]},
               {"id": "py", "name": "Py", "category": "c"}, {"id": "sql", "name": "SQL", "category": "c"},
               {"id": "r", "name": "R", "category": "c"}, {"id": "unused", "name": "Unused", "category": "c"}],
    "roles": [
        {"id": "a", "name": "A", "stage": "s", "requirements": [{"skill": "py", "level": "basic"}]},
        {"id": "b", "name": "B", "stage": "s", "requirements": [
            {"skill": "code", "any_of": ["py", "r"], "level": "basic"}, {"skill": "sql", "level": "basic"}]},
        {"id": "c", "name": "C", "stage": "s", "requirements": [
            {"skill": "code", "all_of": ["py", "sql"], "level": "basic"}]},
    ],
}


def test_skills_counts_each_role_naming_a_skill_once(cli, tmp_path):
    path = tmp_path / "naming.json"
    path.write_text(json.dumps(NAMING), encoding="utf-8")
    (category,) = cli("--data", str(path), "skills", "--json").json()
    # code: b (its row's broad skill) and c (the group's); py: a, b (an alternative) and c (a part)
    # once each; sql: b and c; r: b; unused: none.
    assert [(s["id"], s["roles"], s["includes"]) for s in category["skills"]] == [
        ("code", 2, ["py", "sql"]), ("py", 3, []), ("sql", 2, []), ("r", 1, []), ("unused", 0, [])]
    piped = cli("--data", str(path), "skills").stdout.splitlines()
    cat = category["id"]
    assert piped == [f"code\tCode\t\t2\t{cat}", f"py\tPy\t\t3\t{cat}", f"sql\tSQL\t\t2\t{cat}", f"r\tR\t\t1\t{cat}",
                     f"unused\tUnused\t\t0\t{cat}"]  # a row per skill, nothing else


# -- search: the quick passes find what the slow ones found -----------------------------------


#: Text where words start and end in every way the rules tell apart: "+" and "#" inside and after
#: words, underscores and digits (word characters), other scripts, a root repeated inside itself.
PIECES = st.sampled_from(["forecast", "fore", "casting", "aa", "a", "c++", "c#", "+", "#", "_", "-", " ", "\n",
                          "x", "9", "é", "データ", "ß", "ing", "s"])
TEXTS = st.lists(st.lists(PIECES, max_size=12).map("".join), max_size=8)


@settings(max_examples=examples(500), **SETTINGS)
@given(corpus=st.lists(PIECES, max_size=30).map("".join), root=st.sampled_from(["forecast", "fore", "aa", "a", "x9",
                                                                                "_a", "データ", "ss"]))
def test_where_words_start_with_a_root_is_found_as_the_regular_expression_finds_it(corpus, root):
    assert searching.starts_of(root, corpus) == re.findall(r"\b" + re.escape(root) + r"[\w+#]*", corpus)


@settings(max_examples=examples(500), **SETTINGS)
@given(texts=TEXTS.map(lambda ts: [t for t in ts if t]),
       query=st.lists(st.sampled_from(["forecasting", "fore", "aa", "a", "c++", "casting", "foracast", "xx9", "data"]),
                      min_size=1, max_size=3).map(" ".join))
def test_the_texts_scored_are_those_every_word_can_match(texts, query):
    folded = [t.casefold() for t in texts]
    corpus = "\n".join(folded)
    wanted = searching.Query(query, corpus)
    starts = [0]
    for text in folded[:-1]:
        starts.append(starts[-1] + len(text) + 1)
    one_by_one = [i for i, text in enumerate(folded) if all(any(n in text for n in needles)
                                                            for needles in wanted.needles)]
    assert wanted.candidates(corpus, starts if folded else []) == one_by_one
    assert all(wanted.score(text)[0] == 0 for i, text in enumerate(folded) if i not in one_by_one)


def slow_starts(root: str, corpus: str) -> list[str]:
    return re.findall(r"\b" + re.escape(root) + r"[\w+#]*", corpus)


def every_text(self, corpus: str, starts: list[int]) -> list[int]:
    return list(range(len(starts)))


@settings(max_examples=examples(100), **SETTINGS)
@given(doc=ladders(max_roles=6, max_skills=8), words=st.lists(st.sampled_from(
    ["data", "engineer", "ml", "senior", "lead", "ai", "analyst", "ops", "c++", "r", "enginer", "x", "データ"]),
    min_size=1, max_size=2))
def test_search_answers_as_it_did_with_every_text_tested_one_by_one(doc, words):
    ladder = of(doc)
    queries_ = [" ".join(words), *(s["name"] for s in doc.get("skills", [])[:1]), doc["roles"][0]["name"]]
    for query in queries_:
        try:
            quick = searching.search(ladder, query, limit=1000)
        except UsageError as error:
            quick = str(error)
        with mock.patch.object(searching, "starts_of", slow_starts), \
                mock.patch.object(searching.Query, "candidates", every_text):
            try:
                slow = searching.search(ladder, query, limit=1000)
            except UsageError as error:
                slow = str(error)
        assert quick == slow, query
