"""``next`` into a pipe (render/piped.py: ``next_steps``): the lines Rich printed there, written
without Rich; and ``next`` from no role on many roles (advice/entering.py), judged as ``assess``
judges each role.

Expected answers are worked out from the ladders below and from examples/data-engineering.json.
"""

from __future__ import annotations

import io

import pytest

from aiml_career.ladder import loading
from aiml_career.render.piped import next_steps
from aiml_career.render.rows import Rows

from conftest import EXAMPLE, written

#: One stage, two roles; names with Rich markup and an escape sequence, a deepen row, a
#: specialization and a certification, and a skill with no link (its row has no "learn:" part).
LADDER = {
    "format": 2, "title": "Rows", "source": "tests/test_next_rows.py",
    "stages": [{"id": "entry", "name": "Entry", "order": 0}],
    "skill_categories": [{"id": "k", "name": "Knowledge"}],
    "skills": [
        {"id": "sql", "name": "SQL", "category": "k", "description": "Queries.",
         "learn": [{"title": "SQL tutorial", "url": "https://sql.example.org/", "basis": "editorial"}]},
        {"id": "viz", "name": "[bold]Charts[/bold]", "category": "k", "description": "Charts."},
        {"id": "stats", "name": "Stats\x1b[2J", "category": "k", "description": "Statistics.",
         "learn": [{"title": "Stats book", "url": "https://stats.example.org/", "basis": "editorial"}]},
    ],
    "roles": [
        {"id": "analyst", "name": "Analyst\x1b[31m", "stage": "entry", "requirements": [
            {"skill": "sql", "level": "advanced"}, {"skill": "viz", "level": "basic"}]},
        {"id": "reporter", "name": "[red]Reporter[/red]", "stage": "entry", "requirements": [
            {"skill": "stats", "level": "basic"}]},
    ],
    "specializations": [{"id": "bi", "name": "BI", "description": "Dashboards.", "skills": ["viz"]}],
    "resources": [{"id": "cert", "name": "SQL Cert", "kind": "certification", "provider": "Acme",
                   "skills": ["sql"], "skills_basis": "editorial"}],
}


@pytest.fixture
def small(tmp_path):
    return written(tmp_path, LADDER, "rows.json")


def test_the_test_ladder_validates(cli, small):
    assert cli("--data", small, "validate", "--json").json()["valid"] is True


def test_next_from_no_role_into_a_pipe(cli, small):
    """SQL held at basic of advanced (deepen, 1 of 3 points), charts not held (gain): analyst 1/4;
    the reporter's one row is stats, not held: 0/1. Text from the file is shown escaped; labels
    are aligned to the longest one of each move ("deepen:", "certifications:")."""
    done = cli("--data", small, "next", "--have", "sql:basic")
    assert done.exit_code == 0
    assert done.stdout == (
        "From no role yet  the entry stage's roles are the next step\n"
        "starting from the entry stage: no role given, and your skills fully meet none: analyst, reporter\n"
        "\n"
        "→ Analyst\\x1b[31m  analyst · entry, editorial  readiness 25.0% (1/4 points)\n"
        "  gain:            [bold]Charts[/bold] basic\n"
        "  deepen:          SQL basic→advanced\n"
        "  specializations: BI (bi)\n"
        "  certifications:  SQL Cert (cert)\n"
        "  why:             You hold no role yet: the route starts by getting into an entry-stage role.\n"
        "\n"
        "→ [red]Reporter[/red]  reporter · entry, editorial  readiness 0.0% (0/1 points)\n"
        "  gain:  Stats\\x1b[2J basic\n"
        "  why:   You hold no role yet: the route starts by getting into an entry-stage role.\n"
        "  learn: Stats\\x1b[2J: Stats book https://stats.example.org/ (editorial)\n"
        "\n"
    )
    assert "\x1b" not in done.stdout
    assert "\t" not in done.stdout
    assert all(line == line.rstrip(" ") for line in done.stdout.splitlines())


def test_next_from_a_role_whose_rows_are_met_into_a_pipe(cli):
    """The example's junior data engineer: SQL proficient and Python met by SQL advanced and
    Python, version control (git) to gain: 3 of 4 points."""
    done = cli("--data", str(EXAMPLE), "next", "--have", "sql:advanced, python")
    assert done.stdout.splitlines()[2:] == [
        "",
        "→ Junior Data Engineer  junior-de · entry, editorial  readiness 75.0% (3/4 points)",
        "  gain:  Version control basic",
        "  why:   You hold no role yet: the route starts by getting into an entry-stage role.",
        "  learn: Version control: Git documentation https://git-scm.com/doc (editorial)",
        "",
    ]


def test_nothing_to_gain_says_so_on_an_unlabelled_line(cli, small):
    doc = cli("--data", small, "next", "--have", "sql:expert, viz, stats", "--json").json()
    assert doc["start"]["how"] == "skills"  # both roles fully met: their moves (none) from there
    lines = cli("--data", small, "next", "--have", "sql:advanced, viz").stdout.splitlines()
    # The analyst is fully met: it is the start; its ladder names no move from it, and no role of
    # its stage or above shares a skill with it beyond what it holds: no move.
    assert lines[:2] == ["From Analyst\\x1b[31m  analyst",
                         "starting from the roles your skills fully meet: analyst"]


def test_the_labelled_lines_are_laid_out_as_rich_lays_them_out():
    """The plain writer's labelled lines are those Rich's grid printed into a pipe (padding trimmed)."""
    from aiml_career.render.text.base import T, _labelled, _Trimmed, piped_console

    cases = [[("gain:", "A basic, B proficient (any of C, D)"), ("why:", "—")],
             [("", "no new skills needed"), ("why:", "note"), ("learn:", "x: y https://e.org/ (editorial)")],
             [("deepen:", "漢字 basic→expert (for 語)"), ("specializations:", "Ünïcode (u)")]]
    for rows in cases:
        drawn = io.StringIO()
        _labelled(piped_console(_Trimmed(drawn), io.StringIO()), [(label, T(text)) for label, text in rows], 2)
        width = max(len(label) for label, _ in rows)
        plain = "".join(f"  {label.ljust(width)} {text}".rstrip(" ") + "\n" for label, text in rows)
        assert drawn.getvalue() == plain


def test_the_writer_draws_what_the_query_gives():
    """Straight from a document: the top of a ladder says so on one line."""
    out = io.StringIO()
    next_steps(Rows(out, io.StringIO()), {
        "from": {"id": "caio", "name": "Chief AI Officer", "stage": "executive"},
        "start": {"how": "--from", "roles": []}, "next": [], "ladder_names_no_move": True, "at_top": True,
        "no_overlap": False, "overlap_rule": "", "basis_legend": {}, "person": None})  # type: ignore[typeddict-item]
    assert out.getvalue() == "Chief AI Officer is the top of its ladder: no next role.\n"


def test_entering_judges_each_role_as_assess_does(cli):
    """``next`` from no role on the built-in ladder: each entry role's gap is the one ``show``'s
    role would have for the same skills (assess, role by role), and the fit start as path's."""
    from aiml_career.advice.assessment import assess
    from aiml_career.advice.person import person
    from aiml_career.advice.planning import next_steps

    ladder = loading.load()
    for have in (["python"], ["python:expert, sql:advanced, statistics:advanced, docker"], ["pytorch:expert"]):
        me = person(ladder, have)
        doc = next_steps(ladder, me)
        assert doc["start"]["how"] == "entry stage"
        for move in doc["next"]:
            found = assess(ladder, ladder.roles[move["id"]], me.ranks).fields()
            assert {k: move[k] for k in found} == found


def test_next_limit_shows_the_first_moves_and_says_how_many_it_left(cli, small):
    """Two entry roles: --limit 1 keeps the analyst (the first), counts both in ``total``, and
    says one move was left, on stderr into a pipe."""
    doc = cli("--data", small, "next", "--have", "sql:basic", "--limit", "1", "--json").json()
    assert (doc["total"], [m["id"] for m in doc["next"]]) == (2, ["analyst"])
    assert cli("--data", small, "next", "--have", "sql:basic", "--json").json()["total"] == 2
    piped = cli("--data", small, "next", "--have", "sql:basic", "--limit", "1")
    assert "→ Analyst" in piped.stdout
    assert "Reporter" not in piped.stdout
    assert piped.stderr == "aiml-career: 1 more move left out by --limit\n"
    assert cli("--data", small, "next", "--have", "sql:basic", "--limit", "2").stderr == ""
    bad = cli("--data", small, "next", "--have", "sql:basic", "--limit", "0")
    assert (bad.exit_code, bad.stderr.splitlines()[0]) == (2, "aiml-career: error: --limit must be at least 1")


def test_from_no_role_the_entry_roles_come_readiest_first_and_limit_keeps_the_first(cli):
    """The built-in ladder's entry stage, python and SQL held: the AI/ML Intern (the ladder's
    first) needs ML algorithms, ML frameworks and data manipulation, none held (0 of 4 points);
    the Junior Data Scientist needs programming and data wrangling, which python and SQL meet
    (4 of 6). So the junior data scientist comes first, and --limit 1 keeps it alone."""
    every = cli("next", "--have", "python,sql", "--json").json()
    assert [(m["id"], m["points"], m["of"]) for m in every["next"]] == [("junior-ds", 4, 6), ("intern", 0, 4)]
    one = cli("next", "--have", "python,sql", "--limit", "1", "--json").json()
    assert ([m["id"] for m in one["next"]], one["total"]) == (["junior-ds"], 2)
    # Nothing held toward either: a tie, in the ladder's order.
    assert [m["id"] for m in cli("next", "--have", "docker", "--json").json()["next"]] == ["intern", "junior-ds"]


def test_next_limit_on_a_terminal_says_how_many_it_left_at_the_end(cli, small, tty):
    shown = cli("--data", small, "next", "--have", "sql:basic", "--limit", "1")
    assert shown.stdout.rstrip().endswith("… 1 more move left out by --limit")
    assert "Reporter" not in shown.stdout


@pytest.mark.parametrize(("count", "named"), [(10, True), (11, False)])
def test_a_start_of_many_roles_is_counted_not_named(count, named):
    """``starting from ...``: up to ten roles named, more counted (a taxonomy's entry stage)."""
    from aiml_career.render import start_line

    roles = [{"id": f"r{i}", "name": f"R{i}", "stage": "entry"} for i in range(count)]
    line = start_line({"how": "entry stage", "roles": roles})
    head = "starting from the entry stage: no role given, and your skills fully meet none: "
    assert line == head + (", ".join(r["id"] for r in roles) if named else f"{count} roles (--json lists them)")
