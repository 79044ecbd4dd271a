"""The saved skill profile: every subcommand, where the file lives, atomic
writes, corrupt files, concurrent writers, and its use by next/path/match.

Every test's Environment names its own AIML_CAREER_PROFILE and XDG_CONFIG_HOME under
tmp_path (conftest's autouse fixture); tests of the locations change the variables
it is read from (conftest's ``variables``), never ``os.environ``.
"""

from __future__ import annotations

import gc
import json
import os
import stat
from pathlib import Path

import pytest

from aiml_career.advice.profile import (
    Profile,
    SkillEntry,
    load_profile,
    write_profile,
)

from conftest import in_process, test_env

JSON_DOC = {"format": 2, "role": None, "target": None, "skills": {}, "history": []}
#: A format-1 profile, as versions before format 2 wrote it: read unchanged, upgraded on a write.
OLD_DOC = {"format": 1, "role": None, "skills": {}}


def without_history(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "history"}


@pytest.fixture
def pfile(tmp_path) -> Path:
    """The profile file of the test's Environment (conftest's autouse fixture)."""
    return tmp_path / "profile.json"


def ok(run):
    assert run.exit_code == 0, (run.stdout, run.stderr)
    return run


def ok_json(run):
    """A successful --json run: one JSON document on stdout, nothing on stderr."""
    ok(run)
    assert run.stderr == ""
    return run.json()


def is_error(run, code, *needles):
    assert run.exit_code == code, (run.stdout, run.stderr)
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    errors = [i for i, line in enumerate(lines) if line.startswith("aiml-career: error: ")]
    assert len(errors) == 1, run.stderr
    # before the error, at most the "using your profile" note; after it, indented hints
    assert all(line.startswith("aiml-career: using your profile ") for line in lines[: errors[0]])
    assert all(line.startswith("  ") for line in lines[errors[0] + 1 :])
    for needle in needles:
        assert needle in run.stderr, run.stderr
    return True


def temp_files(folder: Path) -> list[str]:
    """Temporary files a write left behind (the profile's own name, dotted, or *.tmp)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith("."))


def skills_of(view: dict) -> dict:
    return {s["id"]: (s["level"], s["status"]) for s in view["skills"]}


# -- the subcommands -----------------------------------------------------------------


def test_show_without_a_profile(cli, pfile):
    view = ok_json(cli("profile", "show", "--json"))
    assert view == {"path": str(pfile), "exists": False, "role": None, "target": None, "skills": [],
                    "history_entries": 0}
    text = ok(cli("profile", "show"))
    assert str(pfile) in text.stdout
    assert "no profile saved yet" in text.stdout
    assert text.stderr == ""
    assert not pfile.exists()


def test_set_role(cli, pfile):
    view = ok_json(cli("profile", "set-role", "Junior Data Scientist", "--json"))
    assert view["exists"] is True
    assert view["role"] == {"id": "junior-ds", "name": "Junior Data Scientist / ML Engineer"}
    assert without_history(json.loads(pfile.read_text())) == without_history({**JSON_DOC, "role": "junior-ds"})
    text = ok(cli("profile", "set-role", "intern"))
    assert "role: AI/ML Intern (intern)" in text.stdout
    assert json.loads(pfile.read_text())["role"] == "intern"


def test_set_role_unknown_is_a_usage_error_and_writes_nothing(cli, pfile):
    assert is_error(cli("profile", "set-role", "juniour-ds"), 2, "unknown role 'juniour-ds'", "junior-ds")
    assert not pfile.exists()


def test_add_learning_skip_remove(cli, pfile):
    view = ok_json(cli("profile", "add", "python", "sql:advanced", "Pandas:expert, tf", "--json"))
    assert skills_of(view) == {
        "python": ("proficient", "done"), "sql": ("advanced", "done"),
        "pandas": ("expert", "done"), "tensorflow": ("proficient", "done")}
    assert [s["id"] for s in view["skills"]] == sorted(skills_of(view))
    assert next(s for s in view["skills"] if s["id"] == "tensorflow")["name"] == "TensorFlow"

    view = ok_json(cli("profile", "learning", "pytorch", "--json"))
    assert skills_of(view)["pytorch"] == ("proficient", "learning")
    view = ok_json(cli("profile", "skip", "Microsoft Excel", "--json"))
    assert skills_of(view)["excel"] == ("proficient", "skipped")
    # a new status without a :level keeps the level saved before; a held skill marked learning
    # is learned further: the level held still counts, and the command says so
    r = cli("profile", "learning", "sql", "--json")
    assert r.exit_code == 0
    assert r.stderr == "aiml-career: still held while you learn them further: sql (held at advanced)\n"
    view = r.json()
    assert skills_of(view)["sql"] == ("advanced", "learning")
    assert next(s for s in view["skills"] if s["id"] == "sql")["held"] == "advanced"
    data = cli("match", "--json").json()
    assert data["person"]["skills"]["sql"] == "advanced"
    r = cli("profile", "learning", "sql:expert")
    assert "sql (held at advanced, learning toward expert)" in r.stderr
    assert "learning (held at advanced)" in cli("profile", "show").stdout
    # an explicit level replaces it, even a lower one
    view = ok_json(cli("profile", "add", "sql:basic", "--json"))
    assert skills_of(view)["sql"] == ("basic", "done")

    view = ok_json(cli("profile", "remove", "Structured Query Language", "tf", "--json"))
    assert set(skills_of(view)) == {"python", "pandas", "pytorch", "excel"}
    # the file: small, human-readable JSON, sorted, newline-terminated
    raw = pfile.read_text(encoding="utf-8")
    assert raw.endswith("}\n")
    assert "\n  " in raw
    assert without_history(json.loads(raw)) == {
        "format": 2,
        "role": None,
        "target": None,
        "skills": {
            "excel": {"level": "proficient", "status": "skipped"},
            "pandas": {"level": "expert", "status": "done"},
            "python": {"level": "proficient", "status": "done"},
            "pytorch": {"level": "proficient", "status": "learning"},
        },
    }
    assert list(json.loads(raw)["skills"]) == ["excel", "pandas", "python", "pytorch"]
    assert temp_files(pfile.parent) == []


def test_profile_text_output(cli, pfile):
    ok(cli("profile", "set-role", "junior-ds"))
    ok(cli("profile", "add", "python:advanced"))
    ok(cli("profile", "learning", "pytorch"))
    text = ok(cli("profile", "skip", "excel"))
    assert text.stderr == ""
    out = text.stdout
    assert str(pfile) in out
    assert "role: Junior Data Scientist / ML Engineer (junior-ds)" in out
    for word in ("done", "Python", "advanced", "learning", "PyTorch", "skipped", "Excel"):
        assert word in out
    # grouped by status: done, then learning, then skipped
    assert out.index("Python") < out.index("PyTorch") < out.index("Excel")
    assert ok(cli("profile", "show")).stdout == out


@pytest.mark.parametrize("command", ["add", "learning", "skip"])
def test_unknown_skill_or_level_writes_nothing(cli, pfile, command):
    ok(cli("profile", "add", "python"))
    before = pfile.read_bytes()
    assert is_error(cli("profile", command, "sql", "pyhton"), 2, "unknown skill 'pyhton'", "python (Python)")
    assert is_error(cli("profile", command, "sql:guru"), 2, "unknown skill level 'guru'")
    assert is_error(cli("profile", command, ","), 2, "no skills given")
    assert pfile.read_bytes() == before


def test_remove_unknown_skill_is_an_error(cli, pfile):
    ok(cli("profile", "add", "python"))
    before = pfile.read_bytes()
    assert is_error(cli("profile", "remove", "pyhton"), 2, "unknown skill 'pyhton'")
    assert pfile.read_bytes() == before
    # removing a known skill that is not in the profile is fine (with a note on stderr)
    result = cli("profile", "remove", "sql", "--json")
    assert result.exit_code == 0
    assert skills_of(result.json()) == {"python": ("proficient", "done")}


def test_clear(cli, pfile):
    ok(cli("profile", "add", "python"))
    assert ok_json(cli("profile", "clear", "--json")) == {"path": str(pfile), "deleted": True}
    assert not pfile.exists()
    assert ok_json(cli("profile", "clear", "--json")) == {"path": str(pfile), "deleted": False}
    text = ok(cli("profile", "clear"))
    assert "no profile to delete" in text.stdout
    assert str(pfile) in text.stdout
    ok(cli("profile", "add", "python"))
    text = ok(cli("profile", "clear"))
    assert text.stdout.strip() == f"deleted {pfile}"


# -- where the file lives ----------------------------------------------------------


def test_env_var_names_the_file(cli, tmp_path, variables):
    chosen = tmp_path / "elsewhere" / "me.json"
    variables["AIML_CAREER_PROFILE"] = str(chosen)
    ok(cli("profile", "add", "python"))
    assert json.loads(chosen.read_text())["skills"] == {"python": {"level": "proficient", "status": "done"}}
    assert ok_json(cli("profile", "show", "--json"))["path"] == str(chosen)
    # the env var wins over XDG_CONFIG_HOME: nothing was written there
    assert not (tmp_path / "config").exists()


def test_env_var_expands_tilde(cli, tmp_path, variables):
    variables["HOME"] = str(tmp_path / "home")
    variables["AIML_CAREER_PROFILE"] = "~/my-profile.json"
    ok(cli("profile", "add", "python"))
    assert (tmp_path / "home" / "my-profile.json").is_file()


@pytest.mark.parametrize("env_value", [None, ""])
def test_xdg_config_home(cli, tmp_path, variables, env_value):
    if env_value is None:
        variables["AIML_CAREER_PROFILE"] = None
    else:
        variables["AIML_CAREER_PROFILE"] = env_value  # empty: as if unset
    expected = tmp_path / "config" / "aiml-career" / "profile.json"
    assert test_env(variables).profile_file == expected
    assert ok_json(cli("profile", "set-role", "intern", "--json"))["path"] == str(expected)
    assert json.loads(expected.read_text())["role"] == "intern"
    assert not (tmp_path / "profile.json").exists()


@pytest.mark.parametrize("xdg", [None, "", "relative/config"])
def test_default_is_home_dot_config(cli, tmp_path, monkeypatch, variables, xdg):
    """No env var and no (absolute) XDG_CONFIG_HOME: ~/.config, found through HOME."""
    variables["AIML_CAREER_PROFILE"] = None
    if xdg is None:
        variables["XDG_CONFIG_HOME"] = None
    else:
        variables["XDG_CONFIG_HOME"] = xdg  # a relative one is ignored (XDG spec)
    variables["HOME"] = str(tmp_path / "home")
    monkeypatch.chdir(tmp_path)
    expected = tmp_path / "home" / ".config" / "aiml-career" / "profile.json"
    ok(cli("profile", "add", "python"))
    assert expected.is_file()
    assert ok_json(cli("profile", "show", "--json"))["path"] == str(expected)
    assert not (tmp_path / "relative").exists()


def test_locations_from_the_environment(cli, tmp_path):
    env = {"AIML_CAREER_PROFILE": "", "XDG_CONFIG_HOME": str(tmp_path / "xdg"), "HOME": str(tmp_path / "home")}
    done = cli("profile", "add", "sql:advanced", "--json", env=env)
    assert done.exit_code == 0, done.stderr
    view = done.json()
    expected = tmp_path / "xdg" / "aiml-career" / "profile.json"
    assert view["path"] == str(expected)
    assert expected.is_file()
    env["AIML_CAREER_PROFILE"] = str(tmp_path / "named.json")
    done = cli("profile", "show", "--json", env=env)
    assert done.json() == {"path": str(tmp_path / "named.json"), "exists": False, "role": None,
                           "target": None, "skills": [], "history_entries": 0}


# -- atomic writes -----------------------------------------------------------------------


def test_failed_rename_leaves_the_old_file_and_no_temp_file(cli, pfile, monkeypatch):
    ok(cli("profile", "add", "python"))
    before = pfile.read_bytes()

    def broken_replace(src, dst, **at):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    r = cli("profile", "add", "sql")
    assert is_error(r, 1, str(pfile), "cannot write", "No space left on device")
    assert pfile.read_bytes() == before
    assert temp_files(pfile.parent) == []


def test_failed_fsync_leaves_the_old_file_and_no_temp_file(cli, pfile, monkeypatch):
    ok(cli("profile", "set-role", "intern"))
    before = pfile.read_bytes()

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    assert is_error(cli("profile", "set-role", "caio"), 1, str(pfile), "cannot write")
    assert pfile.read_bytes() == before
    assert temp_files(pfile.parent) == []


def test_interrupted_write_removes_its_temp_file(pfile, monkeypatch):
    write_profile(Profile("intern"), pfile)
    before = pfile.read_bytes()

    def interrupted(src, dst, **at):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_profile(Profile("caio", {"python": SkillEntry("expert")}), pfile)
    assert pfile.read_bytes() == before
    assert temp_files(pfile.parent) == []


def test_write_goes_through_a_temp_file_in_the_same_folder(pfile, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(src, dst, *, src_dir_fd, dst_dir_fd):
        # Names in one folder, held open: the folder of the profile.
        assert src_dir_fd == dst_dir_fd
        assert os.path.samestat(os.fstat(src_dir_fd), pfile.parent.stat())
        seen.append((pfile.parent / src, pfile.parent / dst))
        assert json.loads((pfile.parent / src).read_text()) == {**JSON_DOC, "role": "intern"}
        return real_replace(src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)

    monkeypatch.setattr(os, "replace", spy)
    write_profile(Profile("intern"), pfile)
    ((src, dst),) = seen
    assert src.parent == pfile.parent
    assert src != pfile
    assert dst == pfile
    assert src.name.startswith(".profile.json.")
    assert src.name.endswith(".tmp")
    assert not src.exists()


def test_write_keeps_a_symlink_and_the_permissions(cli, pfile, tmp_path):
    real = tmp_path / "dotfiles" / "aiml.json"
    real.parent.mkdir()
    real.write_text(json.dumps(OLD_DOC))
    real.chmod(0o644)
    pfile.symlink_to(real)
    ok(cli("profile", "add", "python"))
    assert pfile.is_symlink()
    assert pfile.resolve() == real.resolve()
    assert json.loads(real.read_text())["skills"] == {"python": {"level": "proficient", "status": "done"}}
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert temp_files(real.parent) == []
    assert temp_files(pfile.parent) == []


def test_unwritable_folder_is_reported(cli, tmp_path, variables):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    variables["AIML_CAREER_PROFILE"] = str(blocker / "profile.json")
    assert is_error(cli("profile", "add", "python"), 1, str(blocker / "profile.json"))
    assert blocker.read_text() == "not a folder"


# -- corrupt profiles ------------------------------------------------------------------------

BAD_PROFILES = {
    "not json": b"{not json",
    "empty": b"",
    "truncated": b'{"format": 1, "skills": {"python": {"level": "basic"',
    "not utf-8": b'{"role": "\xff"}',
    "a list": b'[1, 2]',
    "null": b"null",
    "skills a list": b'{"skills": ["python"]}',
    "format 3": b'{"format": 3}',
    "format 1 with history": b'{"format": 1, "history": []}',
    "evidence of a bad kind": b'{"format": 2, "skills": {"python": {"level": "basic", "evidence": '
                              b'[{"kind": "rumour", "note": "x", "url": null, "date": null}]}}}',
    "history entry without a time": b'{"format": 2, "history": [{"what": "skill", "id": "python"}]}',
    "format true": b'{"format": true}',
    "role a number": b'{"role": 5}',
    "unknown key": b'{"format": 1, "skils": {}}',
    "entry a string": b'{"skills": {"python": "advanced"}}',
    "bad level": b'{"skills": {"python": {"level": "guru"}}}',
    "no level": b'{"skills": {"python": {"status": "done"}}}',
    "bad status": b'{"skills": {"python": {"level": "basic", "status": "maybe"}}}',
    "extra entry key": b'{"skills": {"python": {"level": "basic", "note": "x"}}}',
    "deep nesting": b"[" * 100000 + b"]" * 100000,
}


@pytest.mark.parametrize("content", list(BAD_PROFILES.values()), ids=list(BAD_PROFILES))
def test_corrupt_profile_is_reported_and_never_overwritten(cli, pfile, content):
    pfile.write_bytes(content)
    for args in (["profile", "add", "python"], ["profile", "show", "--json"]):
        r = cli(*args)
        assert is_error(r, 1, f"profile {pfile}:", "left as it is")
        assert r.stderr.count("\n") <= 3
        assert pfile.read_bytes() == content
    assert temp_files(pfile.parent) == []


@pytest.mark.parametrize(
    "args",
    [
        ["profile", "show"],
        ["profile", "set-role", "intern"],
        ["profile", "add", "python:advanced"],
        ["profile", "learning", "pytorch"],
        ["profile", "skip", "excel"],
        ["profile", "remove", "python"],
        ["next"],
        ["next", "--from", "intern", "--json"],
        ["path", "--from", "intern", "--to", "caio"],
        ["match", "--json"],
    ],
)
def test_corrupt_profile_stops_every_command_that_reads_it(cli, pfile, args):
    content = b'{"format": 1, "role": "intern", "skills": {"python": {"level": "basic",}}}\n'
    pfile.write_bytes(content)
    assert is_error(cli(*args), 1, str(pfile), "not valid JSON")
    assert pfile.read_bytes() == content
    assert temp_files(pfile.parent) == []


def test_have_bypasses_a_corrupt_profile(cli, pfile):
    pfile.write_bytes(b"{oops")
    r = cli("next", "--from", "intern", "--have", "python", "--json")
    assert r.exit_code == 0
    assert r.stderr == ""
    assert r.json()["person"]["source"] == "--have"
    assert pfile.read_bytes() == b"{oops"


def test_clear_removes_a_corrupt_profile(cli, pfile):
    pfile.write_bytes(b"{oops")
    assert ok_json(cli("profile", "clear", "--json"))["deleted"] is True
    assert not pfile.exists()


@pytest.mark.parametrize(
    "args", [["profile", "show"], ["profile", "add", "python"], ["profile", "clear"], ["match"],
             ["next", "--from", "intern"]]
)
def test_directory_in_place_of_the_profile(cli, pfile, args):
    pfile.mkdir()
    (pfile / "keep.txt").write_text("mine")
    assert is_error(cli(*args), 1, str(pfile), "is a directory")
    assert pfile.is_dir()
    assert [p.name for p in pfile.iterdir()] == ["keep.txt"]
    assert (pfile / "keep.txt").read_text() == "mine"


def test_a_byte_order_mark_is_accepted(cli, pfile):
    pfile.write_bytes(b"\xef\xbb\xbf" + json.dumps({**JSON_DOC, "role": "intern"}).encode())
    assert ok_json(cli("profile", "show", "--json"))["role"]["id"] == "intern"


def test_load_profile_shape(pfile):
    assert load_profile(pfile) is None
    pfile.write_text('{"role": "intern", "skills": {"python": {"level": "expert"}}}')
    loaded = load_profile(pfile)
    assert loaded.role == "intern"
    assert loaded.skills == {"python": SkillEntry("expert", "done")}  # status defaults to done
    assert loaded.held() == {"python": "expert"}


# -- concurrent writers --------------------------------------------------------------------------


def _forked(args: tuple, start: tuple[int, int], report: Path) -> int:
    """A child process that waits for the ``start`` pipe to close, runs the command,
    writes its exit code and stderr to ``report`` and exits: the pid."""
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        reader, writer = start
        os.close(writer)  # only the parent holds it open
        os.read(reader, 1)  # blocks until the parent closes its end: end of file
        result = in_process(list(args))
        report.write_text(json.dumps([result.exit_code, result.stderr]), encoding="utf-8")
        code = 0
    finally:
        os._exit(code)  # never the parent's pytest teardown


def test_concurrent_adds_all_land(pfile, tmp_path):
    # 21 processes change the profile at the same moment, each through the CLI's
    # own code: forked from this one (no interpreter start-up or imports to pay),
    # racing for the same lock and file as separate `aiml-career` runs would.
    group_a = ["python", "sql", "pandas", "numpy", "scipy", "tensorflow", "pytorch", "keras", "docker", "spark"]
    group_b = ["r", "excel", "tableau", "matplotlib", "hadoop", "kafka", "kubernetes", "aws", "gcp", "azure"]
    jobs = [("profile", "add", f"{s}:advanced") for s in group_a]
    jobs += [("profile", "learning", s) for s in group_b]
    jobs.append(("profile", "set-role", "junior-ds"))
    # Once here first: the children find the modules imported, the command built and
    # the ladder's cache marker written, and spend their time on the profile alone.
    assert in_process(["profile", "show"]).exit_code == 0
    start = os.pipe()
    reports = [tmp_path / f"job-{n}.json" for n in range(len(jobs))]
    # Out of the collector's sight, this process's objects are not copied into
    # each child by its first collection (the Python docs' advice before fork).
    gc.freeze()
    try:
        pids = [_forked(args, start, report) for args, report in zip(jobs, reports)]
    finally:
        os.close(start[1])  # all of them start now
        os.close(start[0])
        gc.unfreeze()
    for pid in pids:
        assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    for args, report in zip(jobs, reports):
        code, stderr = json.loads(report.read_text(encoding="utf-8"))
        assert code == 0, (args, stderr)
        assert stderr == "", (args, stderr)
    saved = json.loads(pfile.read_text(encoding="utf-8"))
    assert saved["role"] == "junior-ds"
    assert saved["skills"] == {
        **{s: {"level": "advanced", "status": "done"} for s in group_a},
        **{s: {"level": "proficient", "status": "learning"} for s in group_b},
    }
    # every change landed in the history too: one entry per job, none lost
    assert len(saved["history"]) == len(jobs)
    assert {e["id"] for e in saved["history"]} == {*group_a, *group_b, "junior-ds"}
    assert temp_files(pfile.parent) == []


# -- next, path and match use the profile ----------------------------------------------------------


@pytest.fixture
def saved(cli, pfile):
    ok(cli("profile", "set-role", "junior-ds"))
    ok(cli("profile", "add", "pytorch:advanced", "tensorflow:expert", "scikit-learn:expert"))
    ok(cli("profile", "learning", "docker"))
    return pfile


def test_next_uses_the_profile_and_says_so(cli, saved):
    r = cli("next", "--json")
    assert r.exit_code == 0
    assert r.stderr == f"aiml-career: using your profile {saved}: role junior-ds, 3 skills (--have overrides)\n"
    data = r.json()
    assert data["from"]["id"] == "junior-ds"
    assert data["person"] == {
        "source": "profile", "path": str(saved), "role": "junior-ds", "role_source": "profile",
        "skills": {"pytorch": "advanced", "scikit-learn": "expert", "tensorflow": "expert"},
    }
    moves = {m["id"]: m for m in data["next"]}
    mle = moves["ml-engineer"]
    # ml-engineer rows: ML frameworks expert 4 (any of TensorFlow, PyTorch, Scikit-learn), version
    #   control 2, Docker 2, CI/CD 2 (each of "software engineering skills (...)", no level word:
    #   proficient), cloud platforms 2 ("experience": proficient; any of its two) = 12. Met: ML
    #   frameworks by TensorFlow expert -> 4; Docker is only being learned -> 4/12
    assert (mle["readiness"], mle["points"], mle["of"]) == (33.3, 4, 12)
    assert mle["skills_to_deepen"] == []
    gain = {s["id"]: s for s in mle["skills_to_gain"]}
    assert {"version-control", "docker", "ci-cd", "cloud-platforms"} == set(gain)
    assert gain["docker"]["status"] == "learning"
    assert "status" not in gain["ci-cd"]
    assert [m["id"] for m in mle["met"]] == ["ml-frameworks"]
    # text output: the note on stderr only
    text = cli("next")
    assert "using your profile" in text.stderr
    assert "using your profile" not in text.stdout
    assert "readiness 33.3% (4/12 points)" in text.stdout


def test_path_starts_from_the_profile_role(cli, saved):
    r = cli("path", "--to", "caio", "--json")
    assert r.exit_code == 0
    assert "using your profile" in r.stderr
    assert str(saved) in r.stderr
    data = r.json()
    assert data["from"]["id"] == "junior-ds"
    assert data["moves"] == 5
    assert data["routes_found"] == 6
    assert "readiness" in data
    assert data["person"]["source"] == "profile"
    # --from still wins
    assert cli("path", "--from", "intern", "--to", "caio", "--json").json()["from"]["id"] == "intern"


def test_match_uses_the_profile_role_and_skills(cli, saved):
    r = cli("match", "--limit", "2", "--json")
    assert r.exit_code == 0
    assert "using your profile" in r.stderr
    data = r.json()
    assert data["current"]["id"] == "junior-ds"
    # Roles at or below your own stage (entry) come last; the best of the rest leads. Related
    # skills count (docs: Related skills): PyTorch and TensorFlow toward the researcher's deep
    # learning and neural networks (proficient each), and the junior's foundation (linear algebra,
    # advanced) toward its mathematics: 7 of 24 points, 29.2%; scikit-learn toward the data
    # scientist's supervised (proficient) and unsupervised learning (basic): 3 of 11, 27.3%.
    assert [x["id"] for x in data["roles"]] == ["ml-engineer", "ai-researcher"]
    everything = cli("match", "--json").json()["roles"]
    assert [x["id"] for x in everything[-2:]] == ["junior-ds", "intern"]
    assert everything[-2]["current"]
    assert everything[-2]["readiness"] == 100.0
    assert all(x["at_or_below_current"] == (x["stage"] == "entry") for x in everything)
    by_id = {x["id"]: x for x in everything}
    assert by_id["ml-engineer"]["readiness"] == 33.3
    assert (by_id["data-scientist"]["points"], by_id["data-scientist"]["of"]) == (3, 11)
    assert (by_id["ai-researcher"]["points"], by_id["ai-researcher"]["of"]) == (7, 24)


@pytest.mark.parametrize(
    "args, role, how",
    [(["next", "--from", "intern"], "intern", "--from"),
     (["path", "--from", "intern", "--to", "caio"], "intern", "--from"),
     (["match"], "junior-ds", "profile")],
)
def test_have_overrides_the_profile_skills_not_its_role(cli, saved, args, role, how):
    r = cli(*args, "--have", "python", "--json")
    assert r.exit_code == 0
    assert r.stderr == ""
    assert r.json()["person"] == {"source": "--have", "path": None, "role": role, "role_source": how,
                                  "skills": {"python": "proficient"}}


def test_a_profile_without_role_starts_next_and_path_where_the_skills_fit(cli, pfile):
    ok(cli("profile", "add", "python"))
    r = cli("next", "--json")
    assert r.exit_code == 0
    assert r.stderr.startswith(f"aiml-career: using your profile {pfile}: 1 skill (--have overrides)\n")
    # Python alone meets no role fully: the next step is getting into an entry-stage role, the
    # readiest first (python meets the junior data scientist's programming row: 2 of 6).
    assert r.json()["start"]["how"] == "entry stage"
    assert r.json()["from"] is None
    assert [m["id"] for m in r.json()["next"]] == ["junior-ds", "intern"]
    routes = cli("path", "--to", "caio", "--json")
    assert routes.exit_code == 0
    assert routes.json()["start"]["how"] == "entry stage"


def test_profile_entries_unknown_to_the_ladder_are_left_out_and_said(cli, saved, tmp_path):
    ladder = Path(__file__).resolve().parent.parent / "examples" / "data-engineering.json"
    ok(cli("--data", str(ladder), "profile", "add", "python:expert"))
    r = cli("--data", str(ladder), "match", "--top", "1", "--json")
    assert r.exit_code == 0
    assert "not in this ladder, left out:" in r.stderr
    assert "role junior-ds" in r.stderr
    assert "pytorch" in r.stderr
    assert r.json()["person"]["skills"] == {"python": "expert"}
    # the profile itself keeps them
    assert set(json.loads(saved.read_text())["skills"]) >= {"pytorch", "tensorflow", "python"}
    view = ok_json(cli("--data", str(ladder), "profile", "show", "--json"))
    assert view["role"] == {"id": "junior-ds", "name": None}
    assert {s["id"]: s["name"] for s in view["skills"]}["pytorch"] is None


def test_remove_a_saved_skill_this_ladder_does_not_know(cli, tmp_path):
    from conftest import EXAMPLE

    assert cli("--data", str(EXAMPLE), "profile", "add", "orchestration").exit_code == 0
    result = cli("profile", "remove", "orchestration", "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["skills"] == []


def test_have_keeps_the_saved_role_as_the_default_start(cli):
    assert cli("profile", "set-role", "junior-ds").exit_code == 0
    result = cli("path", "--to", "senior-mle", "--have", "pytorch", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["from"]["id"] == "junior-ds"
    assert data["person"]["source"] == "--have"


def test_clear_keeps_the_lock_file(cli, tmp_path):
    # Issue 10: clear works under the lock; deleting the lock file would let a
    # writer waiting on the old one and a new writer on a fresh one both go ahead.
    cli("profile", "add", "python")
    lock = tmp_path / "profile.json.lock"
    assert lock.exists()
    assert cli("profile", "clear").exit_code == 0
    assert lock.exists()
    assert not (tmp_path / "profile.json").exists()


def test_removing_a_skill_that_is_not_saved_says_so(cli):
    cli("profile", "add", "python")
    result = cli("profile", "remove", "sql", "--json")
    assert result.exit_code == 0
    assert result.stderr == "aiml-career: not in your profile, nothing to remove: sql\n"
    assert [s["id"] for s in result.json()["skills"]] == ["python"]


def test_skill_arguments_complete_on_tab():
    from typer.testing import CliRunner

    from aiml_career.cli import app

    result = CliRunner().invoke(
        app, [], env={"_AIML_CAREER_COMPLETE": "complete_bash", "COMP_WORDS": "aiml-career profile add pyto",
                      "COMP_CWORD": "3"},
        prog_name="aiml-career", obj=test_env(),
    )
    assert result.stdout.split() == ["pytorch"]


def test_learning_and_skipped_skills_are_marked_in_the_gaps(cli):
    cli("profile", "set-role", "intern")
    cli("profile", "learning", "sql:advanced")
    cli("profile", "skip", "ml-algorithms")
    data = cli("next", "--json").json()
    gain = {s["id"]: s for s in data["next"][0]["skills_to_gain"]}
    deepen = {s["id"]: s for s in data["next"][0]["skills_to_deepen"]}
    assert gain["data-wrangling"]["status"] == "learning"  # SQL is one of its alternatives
    # the intern's basic ML algorithms, to deepen: the skill held is the one skipped
    assert deepen["ml-algorithms"]["status"] == "skipped"
    assert "[learning]" in cli("next").stdout
    path = cli("path", "--to", "junior-ds", "--json").json()
    assert path["routes"][0]["steps"][0]["skills_to_deepen"][0]["status"] == "skipped"
    # --have replaces the profile: no marks
    plain = cli("next", "--have", "python", "--json").json()
    assert all("status" not in s for s in plain["next"][0]["skills_to_gain"])


def test_match_marks_your_role(cli):
    cli("profile", "set-role", "junior-ds")
    cli("profile", "add", "python")
    roles = cli("match", "--json").json()["roles"]
    assert [r["id"] for r in roles if r["current"]] == ["junior-ds"]
    assert "(your role)" in cli("match").stdout
