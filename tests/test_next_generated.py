"""``next`` from no role on generated ladders (benchmarks/generate.py, names made hostile in part
and some links sharing an address): its quick paths give what the general code gives.

* ``entering.fully_met`` (a row judged only when a role asks) is every role ``assess`` scores 100;
* ``entering.entering`` (a row related to a specialization or certification only when it names one
  of their skills) is ``assess`` and ``fitting`` role by role;
* ``places.places_of`` (a link made a place once, shared) is ``places`` row by row;
* ``piped.next_steps`` (each item's words once, made safe at once) is each move drawn on its own
  with the item functions, each line made safe as :meth:`Rows.line` makes it.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from aiml_career.advice.assessment import assess
from aiml_career.advice.entering import entering, fitting, fully_met
from aiml_career.advice.learning import next_steps
from aiml_career.advice.person import Person
from aiml_career.errors import sanitize
from aiml_career.ladder.levels import LEVELS
from aiml_career.ladder.loading import load
from aiml_career.ladder.places import places, places_of, row_skills
from aiml_career.render.piped import deepen_words, gain_words, gap_lines
from aiml_career.render.piped import next_steps as piped_next
from aiml_career.render.rows import Rows, place_label, refs
from test_properties import HOSTILE, SETTINGS

from conftest import examples, generator

#: Hypothesis properties are slow ones (pyproject's markers): CI runs them.
pytestmark = pytest.mark.slow


@lru_cache(maxsize=None)
def generated(seed: int) -> str:
    """A ladder of 60 roles (5-12 rows each, 200 skills: links, specializations, certifications)."""
    return json.dumps(generator().generate(60, seed=seed, rows=(5, 12)))


@st.composite
def cases(draw):
    """A generated ladder, some of its names made hostile and some links sharing an address, and
    a person: skills at drawn levels (sometimes an entry role's every row met, at its level or above), marks."""
    doc = json.loads(generated(draw(st.integers(1, 4))))
    skills = doc["skills"]
    for skill in draw(st.lists(st.sampled_from(skills), max_size=8, unique_by=lambda s: s["id"])):
        skill["name"] += " " + draw(st.sampled_from(HOSTILE))
    linked = [s for s in skills if s.get("learn")]
    for skill in draw(st.lists(st.sampled_from(linked), max_size=6, unique_by=lambda s: s["id"])):
        links = skill["learn"]
        if len(links) > 1 and draw(st.booleans()):
            links[1]["url"] = links[0]["url"]  # twice in one skill's links: the first kept
        else:  # another skill's address, under a title of its own: the first of them kept
            other = draw(st.sampled_from(linked))
            links.append({"title": "Also " + draw(st.sampled_from(HOSTILE)), "url": other["learn"][0]["url"],
                          "basis": "editorial"})
    ids = [s["id"] for s in skills]
    staffed = {r["stage"] for r in doc["roles"]}
    entry = min((s for s in doc["stages"] if s["id"] in staffed), key=lambda s: s["order"])["id"]
    entry_roles = [r for r in doc["roles"] if r["stage"] == entry]
    # Some groups of the entry roles name a broad skill for their parts: one a specialization names.
    special = sorted({sid for spec in doc["specializations"] for sid in spec["skills"]})
    groups = [req for role in entry_roles for req in role["requirements"] if req.get("all_of")]
    for req in draw(st.lists(st.sampled_from(groups), max_size=5)) if groups else []:
        req["skill"] = draw(st.sampled_from([sid for sid in special if sid not in req["all_of"]]))
    have = {sid: draw(st.sampled_from(LEVELS)) for sid in draw(st.lists(st.sampled_from(ids), max_size=25))}
    if draw(st.booleans()):  # an entry role held in full: where next starts
        role = draw(st.sampled_from(entry_roles))
        for req in role["requirements"]:
            for sid in req.get("all_of") or req.get("any_of", [])[:1] or [req["skill"]]:
                have[sid] = draw(st.sampled_from([req["level"], "expert"]))
    marks = {sid: draw(st.sampled_from(["learning", "skipped"])) for sid in draw(st.lists(st.sampled_from(ids),
                                                                                          max_size=6))}
    return doc, Person(source="profile", have=have, marks=marks)


def ladder_of(tmp_path_factory, doc):
    path = tmp_path_factory.mktemp("generated") / "ladder.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return load(path)


@settings(max_examples=examples(25), **SETTINGS)
@given(case=cases())
def test_next_from_no_role_is_what_the_general_code_gives(tmp_path_factory, case):
    doc, me = case
    ladder = ladder_of(tmp_path_factory, doc)
    ranks = me.ranks

    # The roles fully met: every role whose readiness assess scores 100.
    fit = fully_met(ladder, ranks)
    event(f"roles fully met: {min(len(fit), 2)}")
    assert fit == [
        head.id for head in ladder.heads if assess(ladder, ladder.roles[head.id], ranks).readiness == 100]

    # Each entry role, judged and related as assess and fitting do it role by role.
    first = next(sid for sid in ladder.stages if ladder.roles_by_stage[sid])
    heads = list(ladder.roles_by_stage[first])
    for head, move in zip(heads, entering(ladder, heads, dict(ranks), me)):
        role = ladder.roles[head.id]
        expected = {**assess(ladder, role, ranks, me.marks).fields(), **fitting(ladder, ladder.units(role))}
        assert {key: move[key] for key in expected} == expected

    # Where to learn, for every row of the ladder (and a row naming one skill twice): as places says.
    distinct, _ = ladder.row_table
    keys = [tuple(row_skills(unit.skill, unit.any_of)) for unit in distinct]
    keys += [(sid, sid) for sid in list(ladder.skills)[:5]]
    sharing: dict[str, list[str]] = {}  # the skills whose links share an address, as one row's
    for skill in ladder.skills.values():
        for link in skill.learn:
            sharing.setdefault(link.url, []).append(skill.id)
    keys += [tuple(sids) for sids in sharing.values() if len(sids) > 1]
    keys += [tuple(reversed(sids)) for sids in sharing.values() if len(sids) > 1]
    assert places_of(ladder, keys) == {key: places(ladder, key) for key in keys}

    # next into a pipe: each move drawn on its own, its lines made safe one by one.
    data = next_steps(ladder, me)
    out = io.StringIO()
    piped_next(Rows(out, io.StringIO()), data)
    lines = out.getvalue().splitlines()
    moves = [line for move in data["next"] for line in drawn_alone(move)]
    assert lines[len(lines) - len(moves) - 1:] == [*moves, ""]
    assert "\x1b" not in out.getvalue()


def first_place(found):
    """The place ``next`` names for an item: its first link, else the first of the text's own."""
    return next((p for p in found if p["url"]), found[0] if found else None)


def drawn_alone(move) -> list[str]:
    """One move's lines as ``next`` writes them into a pipe, from the functions that word one item."""
    gain = move["skills_to_gain"]
    labelled = gap_lines([gain_words(s) for s in gain], [deepen_words(s) for s in move["skills_to_deepen"]])
    labelled += [(label, refs(found)) for label, found in
                 (("specializations:", move["specializations"]), ("certifications:", move["certifications"])) if found]
    labelled.append(("why:", move["note"] or "—"))
    shown = [f"{s['name']}: {place_label(first)}" for s in gain if (first := first_place(s.get("learn") or []))]
    if shown:
        labelled.append(("learn:", " · ".join(shown)))
    width = max(len(label) for label, _ in labelled)
    head = (f"→ {move['name']}  {move['id']} · {move['kind']}, {move['basis']}"
            f"  readiness {move['readiness']:.1f}% ({move['points']}/{move['of']} points)")
    return [sanitize(line).rstrip(" ") for line in
            ["", head, *(f"  {label.ljust(width)} {text}" for label, text in labelled)]]
