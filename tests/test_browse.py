"""`aiml-career browse`: the terminal UI, driven headless by Textual's pilot.

Expected answers come from the queries the CLI prints (``compare``, ``path``)
and from the text's own names; the profile is the private one of conftest.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from textual import events

from aiml_career.advice import planning, queries
from aiml_career.advice.person import person
from aiml_career.ladder.loading import load
from aiml_career.render import requirement_label
from aiml_career.tui.app import BrowseApp
from aiml_career.tui.filtering import NameFilter
from aiml_career.tui.keys import commands, help_rows
from aiml_career.tui.screens.page import Page
from aiml_career.tui.screens.pick import PickRole
from aiml_career.tui.state import Browser, History
from aiml_career.tui.widgets import tree as tree_module
from aiml_career.tui.widgets.lists import RequirementList
from aiml_career.tui.widgets.tree import LadderTree

from conftest import BUILTIN, EXAMPLE, ROOT, child_env, entry_point, generator, test_env


@pytest.fixture(scope="module")
def ladder():
    return load(BUILTIN)


def saved_person(ladder, start=None):
    """The person the CLI plans for: the test's saved profile, and ``start`` (--from)."""
    return person(ladder, None, start, profile=test_env().profile_file)


def drive(ladder, script, *, role=None, start=None, size=(100, 30)):
    """Run the app headless, call ``await script(app, pilot)``, and return what it returns."""

    async def main():
        app = BrowseApp(Browser(ladder, start, env=test_env()), role)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            return await script(app, pilot)

    return asyncio.run(main())


def text_of(widget) -> str:
    return str(widget.render())


def seen(widget) -> str:
    """What ``widget`` shows, every line of it (scrolled out of view or not), as plain text."""
    from textual.geometry import Region

    width, height = widget.outer_size
    lines = widget.render_lines(Region(0, 0, width, max(height, widget.virtual_size.height)))
    return "\n".join(line.text.rstrip() for line in lines)


def page_text(app) -> str:
    """The full-page answer on the screen, as the reader sees it."""
    assert isinstance(app.screen, Page)
    return seen(app.screen.query_one("#page-body"))


def tree_roles(app) -> list[str]:
    tree = app.query_one(LadderTree)
    return [leaf.data[1] for branch in tree.root.children for leaf in branch.children
            if leaf.data and leaf.data[0] == "role"]


def tree_skills(app) -> list[str]:
    tree = app.query_one(LadderTree)
    return [leaf.data[1] for branch in tree.root.children for leaf in branch.children
            if leaf.data and leaf.data[0] == "skill"]


def tree_text(app) -> str:
    return "\n".join(n.label.plain for b in app.query_one(LadderTree).root.children for n in [b, *b.children])


def label_of(app, role_id: str) -> str:
    return app.ladder_tree.nodes[role_id].label.plain


# -- the tree and the detail pane ---------------------------------------------------------


@pytest.mark.slow
def test_opens_on_your_role_marked_in_the_tree_with_readiness(ladder, cli):
    assert cli("profile", "set-role", "junior-ds").exit_code == 0

    async def script(app, pilot):
        assert app.shown == ("role", "junior-ds")
        assert tree_roles(app) == [r.id for r in ladder.doc.roles]  # every role, ladder order
        stages = [n.label.plain for n in app.query_one(LadderTree).root.children]
        assert stages == [s.name for s in ladder.stages.values()]
        mine = label_of(app, "junior-ds")
        assert mine == " 100% ● Junior Data Scientist / ML Engineer you"  # readiness first: never cut
        # Each role's readiness is match's, for a holder of junior-ds.
        matched = {r["id"]: r["readiness"] for r in planning.match(ladder, saved_person(ladder))["roles"]}
        assert label_of(app, "ml-engineer") == f"   {matched['ml-engineer']:g}% Machine Learning Engineer"
        head = text_of(app.query_one("#head"))
        assert "Junior Data Scientist / ML Engineer" in head
        assert "your role" in head

    drive(ladder, script)

    # Another ladder, without that role or Docker: said, as the CLI's note says it, not silently dropped.
    assert cli("profile", "add", "docker").exit_code == 0

    async def elsewhere(app, pilot):
        who = text_of(app.query_one("#who"))
        assert "you: your profile's role is not in this ladder" in who
        assert "not in this ladder, left out: docker, role junior-ds" in who
        said = [n.message for n in app._notifications]
        assert said == ["not in this ladder, left out of your profile: docker, role junior-ds"]

    drive(load(EXAMPLE), elsewhere, size=(140, 30))


@pytest.mark.slow
def test_detail_shows_the_role_as_the_text_says_it(ladder):
    async def script(app, pilot):
        about = text_of(app.query_one("#about"))
        assert "ML engineers focus more on the engineering and deployment side" in about
        assert "• Building and deploying ML models into production environments" in about
        reqs = app.query_one(RequirementList)
        lines = [str(reqs.get_option_at_index(i).prompt) for i in range(reqs.option_count)]
        text = "\n".join(lines)
        # Groups as the text words them, with each row's status (nothing held: all to gain).
        assert "“Expertise in ML frameworks (TensorFlow, PyTorch, Scikit-learn)”" in text
        assert "+ to gain   expert     ML frameworks (any of: TensorFlow, PyTorch, Scikit-learn)" in text
        assert re.search(r"all of Software engineering.*version control", text)
        assert "+ to gain   proficient Docker (part of Software engineering)" in text
        moves = app.query_one("#moves")
        listed = [str(moves.get_option_at_index(i).prompt) for i in range(moves.option_count)]
        assert listed[0].startswith(" → Senior Machine Learning Engineer  promotion · titles")
        assert any(line.startswith(" ← Junior Data Scientist / ML Engineer") for line in listed)
        app.open_role("caio")  # occupation links
        extra = text_of(app.query_one("#extra"))
        assert "11-3021.00  Computer and Information Systems Managers" in extra
        assert "https://www.onetonline.org/link/summary/11-3021.00" in extra
        # A stage shows itself; the foundation stage (no roles) its education, in the text's words.
        tree = app.query_one(LadderTree)
        tree.focus()
        tree.point_at(tree.root.children[0])
        await pilot.pause()
        assert app.shown == ("stage", "foundation")
        about = " ".join(seen(app.query_one("#about")).split())  # drawn by `stages`' renderer
        for said in ("Most AI/ML professionals start with a bachelor’s degree in Computer Science, Data Science,",
                     "a strong foundation in mathematics, especially linear algebra, calculus, and probability, is",
                     "Programming (Python, R, C++), Mathematics, Algorithms, Data Structures, and some introductory"):
            assert said in about
        assert not app.query_one(RequirementList).display
        await pilot.press("down")  # the next stage; tab to its roles, enter opens one
        assert app.shown == ("stage", "entry")
        await pilot.press("tab", "tab")  # past the pane itself, as for a skill
        assert app.focused is app.query_one("#moves")
        await pilot.press("enter")
        assert app.shown == ("role", "intern")

    drive(ladder, script, role="ml-engineer")


# -- moving ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_arrows_jk_enter_links_back_and_forward(ladder):
    async def script(app, pilot):
        tree = app.query_one(LadderTree)
        assert app.shown == ("role", "intern")
        assert app.focused is tree
        await pilot.press("j")
        assert app.shown == ("role", "junior-ds")  # moving previews
        await pilot.press("j", "down")  # over the Mid-Level stage
        assert app.shown == ("role", "data-scientist")
        await pilot.press("k", "up")
        assert app.shown == ("role", "junior-ds")
        await pilot.press("j", "j", "enter")
        assert isinstance(app.focused, RequirementList)
        await pilot.press("tab")  # the moves; enter on the first one follows it
        await pilot.press("enter")
        assert app.shown == ("role", "senior-ds")
        assert tree.cursor_node.data == ("role", "senior-ds")
        await pilot.press("escape", "b")
        assert app.shown == ("role", "data-scientist")
        await pilot.press("b")
        assert app.shown == ("role", "intern")  # previews in between count once
        await pilot.press("b")
        assert app.shown == ("role", "intern")
        await pilot.press("f", "f")
        assert app.shown == ("role", "senior-ds")
        assert tree.cursor_node.data == ("role", "senior-ds")

    drive(ladder, script)


def test_history_previews_replace_each_other():
    h = History()
    for role, preview in (("a", False), ("b", True), ("c", True), ("d", False), ("e", True)):
        h.visit(role, preview)
    assert [e for e, _ in h.entries] == ["a", "c", "d", "e"]
    assert (h.back(), h.back(), h.back(), h.back()) == ("d", "c", "a", None)
    h.visit("x")  # a new visit drops what was ahead
    assert h.forward() is None
    assert [e for e, _ in h.entries] == ["a", "x"]


# -- filter --------------------------------------------------------------------------------------


@pytest.mark.slow
def test_filter_roles_and_skills_as_you_type(ladder, monkeypatch):
    async def script(app, pilot):
        await pilot.press("slash", *"eng")
        assert tree_roles(app) == ["junior-ds", "ml-engineer", "senior-mle"]
        box = app.query_one("#filter")
        for typed, roles in (("engineer ml", ["junior-ds", "ml-engineer", "senior-mle"]),
                             ("engineer ml sen", ["senior-mle"])):
            box.value = typed
            await pilot.pause()
            assert tree_roles(app) == roles, typed
        box.value = "dock"
        await pilot.pause()
        assert tree_roles(app) == []
        assert tree_skills(app) == ["docker"]
        await pilot.press("enter")  # to the tree: the first hit shows
        assert app.shown == ("skill", "docker")
        moves = app.query_one("#moves")
        needs = [moves.get_option_at_index(i).id for i in range(moves.option_count)]
        assert needs == [f"need:{r['id']}" for r in queries.skill_detail(ladder, "docker")["roles"]]
        await pilot.press("tab", "tab", "enter")  # open the first role that needs it
        assert app.shown == ("role", queries.skill_detail(ladder, "docker")["roles"][0]["id"])
        await pilot.press("slash", "escape")
        assert tree_roles(app) == [r.id for r in ladder.doc.roles]
        # Punctuation alone has no word to match: nothing matches, not the whole tree.
        await pilot.press("slash")
        box.value = "--"
        await pilot.pause()
        assert tree_roles(app) == []
        assert tree_skills(app) == []
        assert "nothing matches" in tree_text(app)
        # More hits than are listed: said how many (the cap made small here).
        monkeypatch.setattr(tree_module, "SHOWN", 2)
        box.value = "eng"
        await pilot.pause()
        assert tree_roles(app) == ["junior-ds", "ml-engineer"]
        assert "first 2 of 3 roles: type more to narrow" in tree_text(app)
        monkeypatch.undo()
        # In the tree (where enter in the filter leads, tested above), escape clears the filter too.
        app.query_one(LadderTree).focus()
        await pilot.press("escape")
        assert tree_roles(app) == [r.id for r in ladder.doc.roles]
        assert box.value == ""
        assert app.focused is app.query_one(LadderTree)

    drive(ladder, script)


def test_filter_follows_search_words(ladder):
    names = NameFilter(ladder)
    assert names("   ") is None
    assert names("MLE").roles == ["junior-ds", "ml-engineer", "senior-mle"]  # aliases: Junior MLE, MLE
    assert names("sagemaker").skills == ["aws-sagemaker"]
    assert names("sagemaker").roles == []
    assert names("engineering").roles == ["junior-ds", "ml-engineer", "senior-mle"]  # another form
    assert names("ai").roles == [r.id for r in ladder.doc.roles if re.search(r"\bai", r.name.casefold() + " " + r.id)
                                 or any(re.search(r"\bai", a.casefold()) for a in r.aliases)]
    assert "maintaining" not in " ".join(names.vocabulary) or names("aint").roles == []  # never inside a word
    assert names("zzzz").roles == []
    assert names("zzzz").skills == []


# -- compare and route -------------------------------------------------------------------------


def words(text: str) -> Counter:
    """The words of a text, without the rules a table draws (their length follows the width)."""
    return Counter(w for w in text.split() if w.strip("─━"))


@pytest.mark.slow
def test_compare_with_a_role_picked_by_typing(ladder, cli, tty):
    async def script(app, pilot):
        await pilot.press("c")
        assert isinstance(app.screen, PickRole)
        await pilot.press(*"data sci")
        listing = app.screen.query_one("#pick-list")
        assert listing.highlighted_option.id == "data-scientist"  # as `compare` resolves "data sci"
        await pilot.press("enter")
        body = page_text(app)
        assert body.startswith("Compare Machine Learning Engineer with Data Scientist\n")
        # Drawn by compare's own renderer: every word the command prints, on the page.
        printed = cli("compare", "ml-engineer", "data-scientist", columns=app.size.width - 7)
        assert printed.exit_code == 0
        assert words(printed.stdout) <= words(body)
        assert "Shared skills" in body
        assert "level differences: Cloud platforms" in body
        await pilot.press("escape")
        assert not isinstance(app.screen, Page)
        assert app.shown == ("role", "ml-engineer")

    drive(ladder, script, role="ml-engineer")


@pytest.mark.slow
def test_the_picker_resolves_a_name_as_the_cli_does(ladder):
    """Defect: "data sci" picked Junior DS (the first role with both words) where every
    command gives Data Scientist. The CLI's resolver decides; the filter lists the rest."""

    async def script(app, pilot):
        await pilot.press("c")
        box, listing = app.screen.query_one("#pick-input"), app.screen.query_one("#pick-list")
        for typed in ("data sci", "data", "Data Scientist", "mle", "senior ml", "chief"):
            box.value = typed
            await pilot.pause()
            assert listing.highlighted_option.id == ladder.role(typed).id, typed
        box.value = "ai"  # no role for the CLI: the filter's roles, in ladder order
        await pilot.pause()
        assert listing.highlighted_option.id == [r for r in NameFilter(ladder)("ai").roles if r != "intern"][0]
        box.value = "intern"  # the role shown is never offered to compare with itself
        await pilot.pause()
        assert [listing.get_option_at_index(i).id for i in range(listing.option_count)] == []

    drive(ladder, script, role="intern")


@pytest.mark.slow
def test_route_from_your_role_with_the_gap_per_step(ladder, cli, tty):
    assert cli("profile", "set-role", "junior-ds").exit_code == 0
    assert cli("profile", "add", "docker").exit_code == 0

    async def script(app, pilot):
        await pilot.press("p")  # to your own role: no route, a word why
        assert not isinstance(app.screen, Page)
        said = [n.message for n in app._notifications]
        assert said == ["this is your role: no route to take (P routes from another role)"]
        app.open_role("senior-mle")
        await pilot.press("p")
        body = page_text(app)
        assert body.startswith("Route to Senior Machine Learning Engineer\n")
        # Drawn by path's own renderer: every word `path --to` prints, on the page.
        printed = cli("path", "--to", "senior-mle", columns=app.size.width - 7)
        assert printed.exit_code == 0
        assert words(printed.stdout) <= words(body)
        best = planning.path(ladder, saved_person(ladder), "senior-mle")["routes"][0]
        assert "starting from your profile's role: junior-ds" in body
        steps = re.findall(r"^ +→ (.+?)  ([\w-]+) · (\w+), (\w+)$", body, re.M)
        assert steps == [(s["name"], s["id"], s["kind"], s["basis"]) for s in best["steps"]]
        assert "Docker proficient→expert" in body  # held at proficient, from the profile
        await pilot.press("escape", "P")
        await pilot.press(*"int", "enter")
        body = page_text(app)
        assert "starting from --from: intern" in body
        from_intern = planning.path(ladder, saved_person(ladder, "intern"), "senior-mle")
        assert len(re.findall(r"^ +→ ", body, re.M)) == len(from_intern["routes"][0]["steps"])

    drive(ladder, script)


@pytest.mark.slow
def test_learning_plan_to_the_role_shown(ladder):
    from aiml_career.advice import learning

    async def script(app, pilot):
        await pilot.press("l")
        assert isinstance(app.screen, Page)
        body = page_text(app)
        expected = learning.plan(ladder, saved_person(ladder, "junior-ds"), "senior-mle")
        assert body.startswith("Learning plan\n\n"
                               "Junior Data Scientist / ML Engineer → Senior Machine Learning Engineer")
        numbered = re.findall(r"^ ?(\d+)\. \[(.)\] (.+?) (?:basic|proficient|advanced|expert)\b", body, re.M)
        assert [(int(n), label) for n, _, label in numbered] == [
            (item["number"], requirement_label(item)) for item in expected["items"]]
        assert "Docker: Get started https://docs.docker.com/get-started/" in body  # where to learn
        await pilot.press("escape")
        app.open_role("junior-ds")  # the role held: a plain message, no items
        await pilot.press("l")
        assert "nothing to learn for it" in page_text(app)

    drive(ladder, script, role="senior-mle", start="junior-ds")


@pytest.mark.slow
def test_text_from_the_ladder_is_shown_never_obeyed(tmp_path):
    doc = json.loads(BUILTIN.read_text(encoding="utf-8"))
    role = next(r for r in doc["roles"] if r["id"] == "ml-engineer")
    role["name"] = "[bold]ML[/] Engineer \x1b[31m"
    skill = next(s for s in doc["skills"] if s["id"] == "docker")
    skill["name"] = "[/]Docker"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    async def script(app, pilot):
        assert "% [bold]ML[/] Engineer \\x1b[31m" in label_of(app, "ml-engineer")
        assert text_of(app.query_one("#head")).startswith("[bold]ML[/] Engineer \\x1b[31m")
        reqs = app.query_one(RequirementList)
        reqs.focus()
        reqs.highlighted = next(i for i in range(reqs.option_count) if reqs.get_option_at_index(i).id
                                and reqs.get_option_at_index(i).id.endswith(":docker"))
        await pilot.press("space")  # the notification names the skill as it is
        assert [n.message for n in app._notifications][-1] == "[/]Docker: done"
        await pilot.press("escape", "slash", *"dock")  # a skill hit, by the odd name
        assert tree_skills(app) == ["docker"]
        await pilot.press("enter")
        assert text_of(app.query_one("#head")).startswith("[/]Docker")

    drive(load(path), script, role="ml-engineer")


# -- what is typed, and what is seen (issue 20's browse defects) ---------------------------------------


@pytest.mark.slow
def test_keys_typed_or_pasted_right_after_slash_go_to_the_filter(ladder):
    """Defect: keys queued behind `/` went to the tree ("/arch" typed fast opened the compare
    picker on "c"): the pilot waits after each key, so these are posted all at once."""

    def typed(*keys: str) -> None:
        for key in keys:
            app_.post_message(events.Key(key, "/" if key == "slash" else key))

    async def script(app, pilot):
        nonlocal app_
        app_ = app
        box = app.query_one("#filter")
        typed("slash", *"arch")
        await pilot.pause()
        assert not isinstance(app.screen, PickRole)
        assert box.value == "arch"
        assert app.focused is box
        assert tree_roles(app) == NameFilter(ladder)("arch").roles == ["ai-architect"]
        await pilot.press("escape")
        typed("slash")
        app.post_message(events.Paste("data sci"))
        await pilot.pause()
        assert box.value == "data sci"
        assert tree_roles(app) == NameFilter(ladder)("data sci").roles
        await pilot.press("escape")
        assert app.focused is app.ladder_tree
        app.post_message(events.Paste("docker"))  # pasted on the tree: a filter by it, as if after `/`
        await pilot.pause()
        assert box.value == "docker"
        assert tree_skills(app) == ["docker"]
        assert app.focused is box
        typed("slash")  # in the filter, "/" is a character like any other
        await pilot.pause()
        assert box.value == "docker/"
        typed("c", "p", "l")  # and so are c, p and l
        await pilot.pause()
        assert box.value == "docker/cpl"
        assert not isinstance(app.screen, (PickRole, Page))
        await pilot.press("escape")
        app.show_role("ml-engineer")
        typed("c", *"data sci")  # c and P open a picker: what is typed next goes to it too
        await pilot.pause()
        assert isinstance(app.screen, PickRole)
        assert app.screen.query_one("#pick-input").value == "data sci"
        assert app.screen.query_one("#pick-list").highlighted_option.id == "data-scientist"

    app_ = None
    drive(ladder, script)


@pytest.mark.slow
def test_tab_then_space_after_a_panel_never_lands_in_the_filter(ladder):
    """Defect: tab from the last list wrapped round to the filter box, selecting its text,
    and space typed over it: the filter was gone. The box is out of the tab order."""

    async def script(app, pilot):
        box = app.query_one("#filter")
        await pilot.press("slash", *"eng", "enter", "enter", "tab")  # the tree, a role, its moves
        assert app.focused is app.query_one("#moves")
        for panel in (["question_mark", "escape"], ["c", "escape"]):
            await pilot.press(*panel, "tab", "space")
            assert app.focused is not box, panel
            assert box.value == "eng", panel
            assert tree_roles(app) == NameFilter(ladder)("eng").roles
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab", "space")
        assert app.focused is not box
        assert box.value == "eng"
        await pilot.press("slash", "s")  # `/` still gives it the keys
        assert app.focused is box
        assert box.value == "s"

    drive(ladder, script, role="ml-engineer")


@pytest.mark.slow
def test_the_row_selected_is_marked_without_colour(ladder):
    """Defect: the cursor of the tree and of a list was a colour alone; under NO_COLOR
    (the monochrome filter) a ▶ still says which row it is."""

    async def script(app, pilot):
        assert app.no_color
        lines = seen(app.ladder_tree).splitlines()
        marked = [line for line in lines if "▶" in line]
        assert len(marked) == 1
        assert "Machine Learning Engineer" in marked[0]
        await pilot.press("j")
        marked = [line for line in seen(app.ladder_tree).splitlines() if "▶" in line]
        assert len(marked) == 1
        assert "AI Researcher" in marked[0]
        await pilot.press("k", "enter", "j")  # the requirements: the second row lit
        reqs = app.query_one(RequirementList)
        marked = [line for line in seen(reqs).splitlines() if "▶" in line]
        assert len(marked) == 1
        assert "Version control" in marked[0]
        assert str(reqs.highlighted_option.prompt).strip().endswith("Version control (part of Software engineering)")

    async def main():
        app = BrowseApp(Browser(ladder, "junior-ds", env=test_env()), "ml-engineer", monochrome=True)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await script(app, pilot)

    asyncio.run(main())


@pytest.mark.slow
def test_the_top_line_fits_and_never_ends_in_a_dot(ladder, cli):
    """Defect: the top line wrapped at 80 columns, its second line out of sight, leaving
    "· " at the end. What does not fit is left out (the profile's path) or cut with "…"."""
    assert cli("profile", "set-role", "junior-ds").exit_code == 0
    assert cli("profile", "add", "docker").exit_code == 0
    path = str(test_env().profile_file)

    async def script(app, pilot):
        return seen(app.who)

    full = f"you: Junior Data Scientist / ML Engineer · 1 skill held · {path}"
    for width in (60, 80, 200):
        line = drive(ladder, script, size=(width, 24))
        assert "\n" not in line, (width, line)
        assert not line.rstrip().endswith("·"), (width, line)
        assert line.strip() == (full if len(full) < width - 2 else full.split(" · /")[0]), width
    assert drive(ladder, script, size=(30, 24)).strip() == "you: Junior Data Scientist…"


@pytest.mark.slow
def test_the_whole_tree_says_when_it_lists_only_the_first_roles(ladder, monkeypatch):
    """Defect: unfiltered, the tree listed the first 100 roles of a larger ladder without a
    word (the cap made small here)."""
    monkeypatch.setattr(tree_module, "SHOWN", 4)

    async def script(app, pilot):
        assert tree_roles(app) == [r.id for r in ladder.doc.roles][:4]
        assert f"first 4 of {len(ladder.roles)} roles: / filters" in tree_text(app)

    drive(ladder, script)


@pytest.mark.slow
def test_long_role_names_end_in_an_ellipsis_with_the_whole_name_beside(tmp_path):
    """Defect: at 80 columns long names were cut at the tree's edge without a sign; now
    they end in "…", the readiness stays whole, and the detail pane has the whole name."""
    doc = json.loads(BUILTIN.read_text(encoding="utf-8"))
    long = "Principal Machine Learning Platform Engineer for Distributed Training"
    next(r for r in doc["roles"] if r["id"] == "ml-engineer")["name"] = long
    path = tmp_path / "long.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    async def script(app, pilot):
        tree = seen(app.ladder_tree).splitlines()
        line = next(line for line in tree if "Principal" in line)
        assert line.rstrip().endswith("…")
        assert "0% Principal Machine" in line
        assert all(len(row.rstrip()) <= app.ladder_tree.size.width for row in tree)
        assert app.ladder_tree.virtual_size.width <= app.ladder_tree.size.width  # no sideways scrolling
        assert re.search(r"% Junior Data Scien.*…$", seen(app.ladder_tree), re.M)
        assert long in " ".join(seen(app.query_one("#head")).split())

    drive(load(path), script, role="ml-engineer", size=(80, 24))


# -- the profile ---------------------------------------------------------------------------------


def row_in_view(app, listing) -> bool:
    """The highlighted option is on the screen, inside the detail pane."""
    y = listing.region.y + listing._index_to_line[listing.highlighted]
    pane = app.query_one("#detail").region
    return pane.y <= y < pane.bottom


def _files(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_space_cycles_a_requirement_in_the_profile_and_only_the_profile(ladder, cli, tmp_path):
    profile = tmp_path / "profile.json"
    assert cli("profile", "add", "python").exit_code == 0  # a profile (and its lock) exists

    async def script(app, pilot):
        await pilot.press("enter")
        reqs = app.query_one(RequirementList)
        docker = next(i for i in range(reqs.option_count) if reqs.get_option_at_index(i).id
                      and reqs.get_option_at_index(i).id.endswith(":docker"))
        detail = app.query_one("#detail")
        while reqs.highlighted != docker:
            await pilot.press("j")
            assert row_in_view(app, reqs)  # ↓ scrolls the pane to the row
        scrolled = detail.scroll_y
        assert scrolled > 0  # Docker is below the first screen
        before_files = _files(tmp_path)
        before = app.browser.fit["ml-engineer"]["readiness"]
        await pilot.press("space")
        await pilot.pause()
        assert reqs.highlighted == docker
        assert row_in_view(app, reqs)
        assert detail.scroll_y == scrolled
        saved = json.loads(profile.read_text())["skills"]
        assert saved["docker"] == {"level": "proficient", "status": "done"}
        assert saved["python"] == {"level": "proficient", "status": "done"}
        after = app.browser.fit["ml-engineer"]["readiness"]
        assert after > before
        assert f"readiness {after:.1f}%" in text_of(app.query_one("#head"))
        assert label_of(app, "ml-engineer").startswith(f"{after:g}%".rjust(5) + " ")
        assert "✓ held      proficient Docker" in str(reqs.get_option_at_index(docker).prompt)
        changed = {k for k, v in _files(tmp_path).items() if before_files.get(k) != v}
        assert changed == {"profile.json"}, changed
        assert set(_files(tmp_path)) == set(before_files)  # nothing new either
        # The same answer as the CLI's, from the file just written.
        shown = cli("match", "--json").json()
        assert next(r for r in shown["roles"] if r["id"] == "ml-engineer")["readiness"] == after

        await pilot.press("space")
        assert json.loads(profile.read_text())["skills"]["docker"]["status"] == "learning"
        assert "◐ learning  proficient Docker" in str(reqs.get_option_at_index(docker).prompt)
        assert app.browser.fit["ml-engineer"]["readiness"] == before
        await pilot.press("space")
        assert json.loads(profile.read_text())["skills"]["docker"]["status"] == "skipped"
        await pilot.press("space")
        assert "docker" not in json.loads(profile.read_text())["skills"]
        assert "+ to gain   proficient Docker" in str(reqs.get_option_at_index(docker).prompt)
        # every press is in the history, as the CLI's changes are
        history = json.loads(profile.read_text())["history"]
        assert [(e["source"], e["id"], (e["new"] or {}).get("status")) for e in history[1:]] == [
            ("browse", "docker", "done"), ("browse", "docker", "learning"), ("browse", "docker", "skipped"),
            ("browse", "docker", None)]

    drive(ladder, script, role="ml-engineer")


@pytest.mark.slow
def test_a_profile_that_cannot_be_written_is_a_message_not_a_crash(ladder, cli, tmp_path):
    profile = tmp_path / "profile.json"
    assert cli("profile", "add", "python").exit_code == 0
    profile.chmod(0o444)
    before = profile.read_bytes()

    async def script(app, pilot):
        await pilot.press("enter", "space")
        assert any("read-only" in n.message for n in app._notifications)
        assert app.is_running

    drive(ladder, script, role="ml-engineer")
    assert profile.read_bytes() == before


# -- keys ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_question_mark_lists_every_key_and_ctrl_c_quits(ladder):
    """ctrl+c is a key here (the terminal is raw): it quits like q (the pseudo-terminal
    test quits with q and sees the terminal put back), even from the filter box."""

    async def script(app, pilot):
        await pilot.press("question_mark")
        table = app.screen.table
        rows = list(zip(*(column.cells for column in table.columns)))
        assert rows == help_rows()
        await pilot.press("escape", "slash", "q")
        assert app.query_one("#filter").value == "q"  # typed, not quit
        await pilot.press("ctrl+c")
        await pilot.pause()
        return app.is_running

    assert drive(ladder, script) is False


@pytest.mark.slow
def test_command_palette_opens_a_role(ladder):
    async def script(app, pilot):
        await pilot.press("ctrl+p")
        await pilot.press(*"chief")
        for _ in range(20):
            await pilot.pause(0.05)
            if app.screen.query("CommandList Option") or app.screen.query_one("CommandList").option_count:
                break
        await pilot.press("enter")
        await pilot.pause()
        assert app.shown == ("role", "caio")
        # The palette's other commands are the key table's, each with its key.
        offered = [(c.title, c.help) for c in app.get_system_commands(app.screen)]
        assert offered[-len(commands()):] == [(title, what) for title, what, _ in commands()]
        assert ("Compare", "Compare the role with another (c)") in offered

    drive(ladder, script)


def test_readme_lists_every_key():
    section = (ROOT / "docs" / "browse.md").read_text(encoding="utf-8")
    for key, what in help_rows():
        assert f"| `{key}` | {what} |" in section


# -- the command: errors before the UI, and no Textual elsewhere --------------------------------


def test_browse_errors_come_before_the_ui(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    result = cli("browse", "--data", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith("aiml-career: error:")
    assert not result.stdout
    (tmp_path / "profile.json").write_text("[1]")
    result = cli("browse")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"aiml-career: error: profile {tmp_path / 'profile.json'}: not a valid profile")
    (tmp_path / "profile.json").unlink()
    result = cli("browse", "ml enginer")
    assert result.exit_code == 2
    assert "did you mean" in result.stderr
    result = cli("browse")  # CliRunner's streams are no terminal
    assert result.exit_code == 1
    assert result.stderr.startswith("aiml-career: error: browse needs a terminal (stdin and stderr)")


@pytest.mark.slow
def test_browse_hands_the_ui_the_clis_ladder_role_and_colour(cli, monkeypatch):
    """--data, ROLE and --from as every command reads them; NO_COLOR: no colour in the UI."""
    got = {}
    monkeypatch.setattr("aiml_career.tui.run", lambda ladder, env, **kw: got.update(ladder=ladder, env=env, **kw))
    result = cli("browse", "data engineer", "--from", "junior-de", "--data", str(EXAMPLE),
                 env={"NO_COLOR": "1"}, stdin_isatty=True, stderr_isatty=True)
    assert result.exit_code == 0, result.stderr
    assert [r.id for r in got["ladder"].doc.roles][:2] == ["junior-de", "data-engineer"]
    assert (got["role"], got["start"], got["monochrome"]) == ("data-engineer", "junior-de", True)
    assert got["env"].profile_file == test_env().profile_file

    async def script(app, pilot):  # and the UI draws that ladder
        assert tree_roles(app) == [r.id for r in got["ladder"].doc.roles]
        assert app.shown == ("role", "data-engineer")
        assert app.browser.me.role == "junior-de"

    drive(got["ladder"], script, role=got["role"], start=got["start"])


def test_browse_has_the_collector_back_before_the_ui_runs(cli, monkeypatch):
    """A one-shot process stops collecting once its ladder loads; the browser keeps running."""
    from aiml_career.environment import Environment

    calls = []
    monkeypatch.setattr(Environment, "lasting", lambda self: calls.append("lasting"))
    monkeypatch.setattr("aiml_career.tui.run", lambda ladder, env, **kw: calls.append("ui"))
    result = cli("browse", "--data", str(EXAMPLE), stdin_isatty=True, stderr_isatty=True)
    assert result.exit_code == 0, result.stderr
    assert calls == ["lasting", "ui"]


def test_other_commands_never_import_textual():
    env = child_env({"PYTHONPATH": str(ROOT / "src")})
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "aiml_career", "show", "mle"],
                          capture_output=True, env=env, timeout=60)
    assert done.returncode == 0
    assert b"Machine Learning Engineer" in done.stdout
    imported = [line.rsplit(b"|", 1)[-1].strip() for line in done.stderr.splitlines() if b"|" in line]
    assert b"aiml_career.cli" in imported  # the log is read right
    assert not [name for name in imported if name.split(b".")[0] in (b"textual", b"aiml_career.tui")]
    assert b"aiml_career.tui" not in imported


# -- at a real terminal ---------------------------------------------------------------------------


def _screen_text(raw: bytes) -> str:
    """What a terminal shows, roughly: escape sequences out, text kept."""
    text = raw.decode("utf-8", "replace")
    escapes = r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|[@-Z\\-_])"
    return re.sub(escapes, "", text)


@pytest.mark.slow
def test_end_to_end_in_a_pseudo_terminal(tmp_path):
    import fcntl
    import pty
    import select
    import struct
    import termios
    import time

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = child_env({"COLUMNS": None, "LINES": None, "TERM": "xterm-256color"})
    # Textual draws on stderr: all three streams are the terminal.
    proc = subprocess.Popen([*entry_point(), "browse", "ml-engineer"], stdin=follower, stdout=follower,
                            stderr=follower, env=env, start_new_session=True)
    os.close(follower)
    seen = b""

    def read_until(wanted: str, limit: float = 20) -> str:
        nonlocal seen
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if wanted in _screen_text(seen):
                return _screen_text(seen)
            ready, _, _ = select.select([leader], [], [], 0.1)
            if ready:
                try:
                    seen += os.read(leader, 65536)
                except OSError:
                    break
        raise AssertionError(f"{wanted!r} never showed; the screen had: {_screen_text(seen)[-2000:]!r}")

    def settle(quiet: float = 0.5) -> None:
        """Read until the screen has not changed for ``quiet`` seconds."""
        nonlocal seen
        end = time.monotonic() + 5
        while time.monotonic() < end and select.select([leader], [], [], quiet)[0]:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the app has exited and closed the terminal
                return
            if not chunk:
                return
            seen += chunk

    try:
        read_until("Machine Learning Engineer")
        read_until("readiness")
        seen = b""
        os.write(leader, b"/")
        read_until("filter roles")
        os.write(leader, b"dock")
        read_until("Docker")
        os.write(leader, b"\r")  # to the tree: the skill found shows
        read_until("Roles that need it")
        settle()  # enter has moved the keys to the tree
        os.write(leader, b"q")
        assert proc.wait(timeout=20) == 0
        settle(0.2)  # the rest of the output: the terminal put back as it was
        assert b"\x1b[?1049l" in seen  # left the alternate screen
        assert b"Traceback" not in seen
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(leader)


def test_progress_view_of_the_role_shown(ladder, pfile_example):
    """g: the progress toward the role shown, drawn as ``progress --to`` draws it."""

    async def script(app, pilot):
        await pilot.press("g")
        assert isinstance(app.screen, Page)
        body = page_text(app)
        assert body.startswith("Your progress\n\nReadiness for Machine Learning Engineer (ml-engineer)")
        assert "2026-04-30 " in body
        assert "█" in body
        assert "[x] 2026-02-14  Docker proficient" in body

    drive(ladder, script, role="ml-engineer")


def test_progress_view_fits_40_columns(ladder, pfile_example):
    """g at 40 columns: the chart's dates and percentages are whole, as the CLI draws them."""

    async def script(app, pilot):
        await pilot.press("g")
        return page_text(app)

    body = drive(ladder, script, role="ml-engineer", size=(40, 40))
    rows = [line for line in body.splitlines() if line.startswith("2026-")]
    assert len(rows) == 8
    assert all(line.endswith("%") for line in rows)
    assert rows[-1].startswith("2026-04-30 ")
    assert rows[-1].endswith(" 91.7%")


@pytest.fixture
def pfile_example():
    """The test's profile is the example profile with a history (examples/progress-profile.json)."""
    target = test_env().profile_file
    target.write_bytes((ROOT / "examples" / "progress-profile.json").read_bytes())
    return target


def test_browse_opens_on_the_target_and_says_so(ladder, cli):
    assert cli("profile", "set-target", "senior-mle").exit_code == 0

    async def script(app, pilot):
        assert app.browser.me.role is None
        assert any("opened on your profile's target: senior-mle" in n.message for n in app._notifications)
        assert "Senior Machine Learning Engineer" in text_of(app.query_one("#head"))

    drive(ladder, script)


# -- a big ladder: what opening and a change cost ---------------------------------------------


def _generated(tmp_path: Path, roles: int) -> Path:
    """A ladder of ``roles`` roles from benchmarks/generate.py (its own words, seed 1)."""
    module = generator()
    path = tmp_path / "big.json"
    module.write(module.generate(roles, seed=1, rows=(5, 10)), path)
    return path


@pytest.mark.slow
def test_a_big_ladder_opens_scoring_only_the_roles_it_lists(tmp_path):
    """300 roles: the tree lists 100 of them, and only those (and the one shown) are scored, each
    with the readiness `match` gives it; the `/` index is built after the first screen, not before."""
    big = load(_generated(tmp_path, 300))
    start = big.doc.roles[150].id  # a mid-ladder role: its own rows are held, others' partly
    me = person(big, None, start, profile=test_env().profile_file)
    ranked = {r["id"]: r["readiness"] for r in planning.match(big, me)["roles"]}

    async def script(app, pilot):
        listed = tree_roles(app)
        assert len(listed) == tree_module.SHOWN
        assert set(app.browser.fit.known) <= {*listed, start}
        assert app.names.built
        for rid in listed:
            assert label_of(app, rid).startswith(f"{ranked[rid]:g}%".rjust(5) + " "), rid
        assert ranked[start] == 100.0
        assert f"readiness {ranked[start]:.1f}%" in text_of(app.query_one("#head"))
        return True

    assert drive(big, script, start=start)
    assert not NameFilter(big).built  # nothing indexed until asked
