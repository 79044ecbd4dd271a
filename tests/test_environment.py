"""One Environment is the only place a run reads its environment (issue 20).

An :class:`~aiml_career.environment.Environment` built in this process, with its own
profile, cache folder and ladder file and no environment variable set, is honoured by
every command that reads them (``match``, ``plan``, ``browse`` and the rest), not only by
``profile show``; its cache switch too. A run reads nothing of ``os.environ``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from aiml_career.environment import Environment
from aiml_career.ladder.loading import load
from aiml_career.tui.state import Browser

from conftest import EXAMPLE, in_process

#: What the app reads from the environment: none of it is set for these tests.
VARIABLES = ("AIML_CAREER_PROFILE", "AIML_CAREER_DATA", "AIML_CAREER_NO_CACHE", "AIML_CAREER_MAX_BYTES",
             "XDG_CONFIG_HOME", "XDG_CACHE_HOME")


@pytest.fixture
def own(tmp_path) -> dict:
    """The facts of an Environment of the test's own: a profile (role junior-de, python held)
    somewhere no variable points, a cache folder of its own, and the example ladder."""
    profile = tmp_path / "mine" / "me.json"
    profile.parent.mkdir()
    profile.write_text(json.dumps({"format": 1, "role": "junior-de",
                                   "skills": {"python": {"level": "advanced", "status": "done"}}}))
    facts = {"profile_file": profile, "cache_dir": tmp_path / "my-cache", "data": str(EXAMPLE),
             "no_cache": False, "config_dir": tmp_path / "my-config"}
    assert not {str(v) for v in facts.values()} & set(os.environ.values()), "no variable names them"
    return facts


def markers(folder: Path) -> list[Path]:
    return sorted(folder.glob("ladder-*.ok")) if folder.exists() else []


@pytest.mark.parametrize("args", [
    ["match", "--json"],
    ["next", "--json"],
    ["path", "--to", "senior-de", "--json"],
    ["plan", "--to", "senior-de", "--json"],
    ["skills", "sql", "--unlocks", "--json"],
], ids=lambda args: args[0])
def test_every_command_takes_the_profile_data_and_cache_of_the_environment(own, args):
    result = in_process(args, **own)
    assert result.exit_code == 0, result.stderr
    # The profile of the Environment: its role and skills, and its path in the note.
    assert result.stderr.startswith(f"aiml-career: using your profile {own['profile_file']}: role junior-de")
    person = result.json().get("person")
    if person is not None:
        assert person["role"] == "junior-de"
        assert person["path"] == str(own["profile_file"])
    # The ladder of the Environment (the example's roles), and its cache folder filled.
    assert "senior-mle" not in result.stdout
    assert len(markers(own["cache_dir"])) == 1


def test_profile_show_and_changes_use_the_environments_profile(own):
    shown = in_process(["profile", "show", "--json"], **own).json()
    assert shown["path"] == str(own["profile_file"])
    assert shown["role"] == {"id": "junior-de", "name": "Junior Data Engineer"}
    assert in_process(["profile", "add", "sql"], **own).exit_code == 0
    assert "sql" in json.loads(own["profile_file"].read_text())["skills"]
    assert not own["config_dir"].exists()


def test_the_cache_switch_of_the_environment_is_honoured(own):
    assert in_process(["roles"], **{**own, "no_cache": True}).exit_code == 0
    assert markers(own["cache_dir"]) == []
    assert in_process(["roles"], **own).exit_code == 0
    assert len(markers(own["cache_dir"])) == 1


def test_validate_takes_the_environments_ladder(own):
    report = in_process(["validate", "--json"], **own).json()
    assert report["file"] == str(EXAMPLE)
    assert report["valid"] is True


def test_browse_hands_the_ui_the_environment(own, monkeypatch):
    """browse: the UI reads the profile (and home folder) of the run's Environment."""
    got = {}
    monkeypatch.setattr("aiml_career.tui.run", lambda ladder, env, **kw: got.update(ladder=ladder, env=env))
    result = in_process(["browse"], **own, stdin_isatty=True, stderr_isatty=True)
    assert result.exit_code == 0, result.stderr
    assert got["env"].profile_file == own["profile_file"]
    browser = Browser(got["ladder"], env=got["env"])
    assert browser.me.role == "junior-de"
    assert browser.me.path == own["profile_file"]
    assert browser.saved is not None
    assert browser.saved.role == "junior-de"
    browser.cycle("sql", "basic")  # space on a requirement: saved in the Environment's profile
    assert json.loads(own["profile_file"].read_text())["skills"]["sql"]["status"] == "done"


def test_an_unreadable_ladder_named_by_the_variable_says_so(tmp_path):
    missing = str(tmp_path / "nowhere.json")
    named = in_process(["roles"], env={"AIML_CAREER_DATA": missing})
    assert named.exit_code == 1
    assert "$AIML_CAREER_DATA names it" in named.stderr
    given = in_process(["roles"], data=missing)  # the same file, not from the variable
    assert given.exit_code == 1
    assert "AIML_CAREER_DATA" not in given.stderr


def test_from_os_reads_the_variables_given():
    env = Environment.from_os({"AIML_CAREER_PROFILE": "/p/me.json", "XDG_CACHE_HOME": "/c",
                               "AIML_CAREER_DATA": "/d.json", "AIML_CAREER_NO_CACHE": "1", "HOME": "/h"})
    assert env.profile_file == Path("/p/me.json")
    assert env.cache_dir == Path("/c/aiml-career")
    assert env.ladder_cache is None
    assert env.data == "/d.json"
    assert env.data_from_env
    assert env.home == Path("/h")


def test_the_library_takes_no_cache_unless_given_one(tmp_path):
    """``load`` without a cache folder records nothing anywhere (it reads no variable)."""
    assert load(EXAMPLE).roles
    assert load(EXAMPLE, cache=tmp_path / "c").roles
    assert len(markers(tmp_path / "c")) == 1


@pytest.mark.parametrize(("value", "limit"), [
    ("1000", 1000), ("1G", 2**30), ("1g", 2**30), ("600MiB", 600 * 2**20), (" 600 m ".replace(" m", "M"), 600 * 2**20),
    ("64KB", 64 * 2**10), ("", None), ("0", None), ("-5", None), ("1.5G", None), ("lots", None), ("1T", None),
    ("\u0661\u0662", None), ("9" * 16, None),
])
def test_the_read_limit_of_a_ladder_from_the_variable(value, limit):
    """$AIML_CAREER_MAX_BYTES: bytes, or K, M, G of them (binary); anything else leaves the default."""
    assert Environment.from_os({"AIML_CAREER_MAX_BYTES": value}).max_bytes == limit
    assert Environment.from_os({}).max_bytes is None


def test_a_one_shot_process_stops_collecting_once_loaded_and_one_that_lasts_collects_again():
    """After its ladder loads, a one-shot process (the entry point) freezes what it holds and
    collects no more (it answers and exits); one that keeps running (``browse``) collects young
    objects again. In-process (tests, Python callers) the collector is left as it was."""
    import gc

    from aiml_career.environment import LASTING_GC_THRESHOLDS

    thresholds = gc.get_threshold()
    try:
        with Environment.from_os({}).loading():
            pass
        assert gc.get_threshold() == thresholds
        env = Environment.from_os({}, one_shot=True)
        with env.loading():
            assert not gc.isenabled(), "paused while the ladder loads"
        assert gc.isenabled()
        assert gc.get_threshold()[0] == 0, "no automatic collection"
        env.lasting()
        assert gc.get_threshold() == LASTING_GC_THRESHOLDS
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
