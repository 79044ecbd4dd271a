"""Snapshots of the browser's main screens at fixed sizes (pytest-textual-snapshot).

A changed screen fails here: look at the report, and when the change is meant,
accept it with ``pytest tests/test_browse_snapshots.py --snapshot-update`` and
review the SVGs under ``__snapshots__`` like code.
"""

from __future__ import annotations

import pytest

from aiml_career.ladder.loading import load
from aiml_career.tui.app import BrowseApp
from aiml_career.tui.state import Browser

from conftest import BUILTIN, test_env

#: Slow: a developer may skip these locally (pytest -m "not slow"); CI runs them.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ladder():
    return load(BUILTIN)


def app(ladder, role="ml-engineer", monochrome=False):
    """A junior data scientist (--from, no profile) looking at ``role``."""
    return BrowseApp(Browser(ladder, "junior-ds", env=test_env()), role, monochrome)


def test_role_at_80x24(snap_compare, ladder):
    assert snap_compare(app(ladder), terminal_size=(80, 24))


def test_role_at_60_columns(snap_compare, ladder):
    assert snap_compare(app(ladder), terminal_size=(60, 24))


def test_requirements_without_colour(snap_compare, ladder):
    """NO_COLOR (or --color never): monochrome, statuses still read by their signs."""
    assert snap_compare(app(ladder, monochrome=True), press=["enter"], terminal_size=(100, 30))


def test_filter(snap_compare, ladder):
    async def typed(pilot):  # the keys themselves: test_browse.py
        await pilot.press("slash")
        box = pilot.app.query_one("#filter")
        box.cursor_blink = False  # a blinking cursor would make the picture depend on time
        box.value = "enginee"
        await pilot.press("r")

    assert snap_compare(app(ladder), run_before=typed, terminal_size=(80, 24))


def test_compare(snap_compare, ladder):
    async def picked(pilot):  # picking the other role by typing: test_browse.py
        pilot.app.action_compare()
        await pilot.pause()
        pilot.app.screen.dismiss("senior-mle")

    assert snap_compare(app(ladder), run_before=picked, terminal_size=(80, 24))


def test_route(snap_compare, ladder):
    assert snap_compare(app(ladder, "head-of-ai"), press=["p"], terminal_size=(80, 24))


def test_learning_plan(snap_compare, ladder):
    assert snap_compare(app(ladder, "senior-mle"), press=["l"], terminal_size=(80, 24))
