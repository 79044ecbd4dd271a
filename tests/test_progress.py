"""Issue 21: evidence on skills, the history of every change, a target, --proven, progress,
the guided self-assessment and the profile export."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, child_env, entry_point, examples, test_env

EXAMPLE = ROOT / "examples" / "progress-profile.json"
OLD = ROOT / "tests" / "profiles" / "format1.json"


@pytest.fixture
def pfile(tmp_path) -> Path:
    return tmp_path / "profile.json"


def saved(pfile: Path) -> dict:
    return json.loads(pfile.read_text(encoding="utf-8"))


def ok(result):
    assert result.exit_code == 0, result.stderr
    return result


# -- 1. evidence ------------------------------------------------------------------------------


def test_evidence_round_trips(cli, pfile):
    ok(cli("profile", "add", "pytorch:advanced", "--evidence", "project", "--note", "Image classifier",
           "--url", "https://github.com/example/leaf", "--date", "2026-03-27"))
    ok(cli("profile", "add", "pytorch", "--evidence", "certificate", "--note", "PyTorch cert"))
    ok(cli("profile", "add", "sql", "--note", "I use it daily"))
    view = cli("profile", "show", "--json").json()
    pytorch = next(s for s in view["skills"] if s["id"] == "pytorch")
    assert pytorch["level"] == "advanced"  # no new :level keeps the saved one
    assert pytorch["proven"] is True
    assert [p["kind"] for p in pytorch["evidence"]] == ["project", "certificate"]
    assert pytorch["evidence"][0] == {"kind": "project", "note": "Image classifier",
                                      "url": "https://github.com/example/leaf", "date": "2026-03-27"}
    assert pytorch["evidence"][1]["date"] == dt.datetime.now(dt.timezone.utc).date().isoformat()
    sql = next(s for s in view["skills"] if s["id"] == "sql")
    assert sql["evidence"][0]["kind"] == "claim"
    assert sql["proven"] is False
    assert saved(pfile)["skills"]["pytorch"]["evidence"][0]["note"] == "Image classifier"
    shown = cli("profile", "show").stdout
    assert "project 2026-03-27 Image classifier https://github.com/example/leaf" in shown
    assert "claim" in shown


FUTURE = (dt.date.today() + dt.timedelta(days=3)).isoformat()
BAD_INPUT = {
    "unknown kind": (["--evidence", "rumour", "--note", "x"], "unknown evidence kind 'rumour'"),
    "future date": (["--note", "x", "--date", FUTURE], f"--date '{FUTURE}' is in the future"),
    "malformed date": (["--note", "x", "--date", "2026-13-01"], "--date '2026-13-01' is not a date"),
    "not a date": (["--note", "x", "--date", "last week"], "--date 'last week' is not a date"),
    "http url": (["--note", "x", "--url", "http://example.com"], "--url 'http://example.com' is not an https URL"),
    "control character": (["--note", "a\x1b[31mred"], "--note 'a\\x1b[31mred' holds a control character"),
    "no note": (["--evidence", "course"], "evidence needs --note"),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=list(BAD_INPUT))
def test_bad_evidence_is_one_line_exit_2_and_changes_nothing(cli, pfile, case):
    ok(cli("profile", "add", "python"))
    before = pfile.read_bytes()
    options, message = BAD_INPUT[case]
    result = cli("profile", "add", "docker", *options)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f"aiml-career: error: {message}"
    assert pfile.read_bytes() == before


def test_evidence_past_the_size_limit_is_refused_and_changes_nothing(cli, pfile, monkeypatch):
    monkeypatch.setattr("aiml_career.advice.profile.MAX_PROFILE_BYTES", 2000)
    ok(cli("profile", "add", "python", "--note", "x" * 100))
    before = pfile.read_bytes()
    for _ in range(20):
        result = cli("profile", "add", "python", "--evidence", "course", "--note", "y" * 400)
        if result.exit_code:
            break
        before = pfile.read_bytes()
    assert result.exit_code == 2
    assert "bytes, over the limit of" in result.stderr.splitlines()[0]
    assert result.stderr.splitlines()[0].endswith("nothing was changed")
    assert pfile.read_bytes() == before


# -- 1. the history ------------------------------------------------------------------------------


def test_history_records_every_kind_of_change(cli, pfile):
    ok(cli("profile", "set-role", "junior-ds"))
    ok(cli("profile", "set-target", "ml-engineer"))
    ok(cli("profile", "add", "python:advanced"))
    ok(cli("profile", "learning", "docker"))
    ok(cli("profile", "add", "docker", "--evidence", "course", "--note", "Docker course"))
    ok(cli("profile", "add", "docker", "--evidence", "project", "--note", "Dockerised the API"))
    ok(cli("profile", "skip", "excel"))
    ok(cli("profile", "remove", "excel"))
    entries = cli("profile", "history", "--json").json()["entries"]
    got = [(e["source"], e["what"], e["id"], e["old"], e["new"], [p["kind"] for p in e["evidence"]])
           for e in entries]
    done = {"level": "proficient", "status": "done", "held": None}
    learning = {"level": "proficient", "status": "learning", "held": None}
    assert got == [
        ("profile set-role", "role", "junior-ds", None, "junior-ds", []),
        ("profile set-target", "target", "ml-engineer", None, "ml-engineer", []),
        ("profile add", "skill", "python", None, {"level": "advanced", "status": "done", "held": None}, []),
        ("profile learning", "skill", "docker", None, learning, []),
        ("profile add", "skill", "docker", learning, done, ["course"]),
        ("profile add", "skill", "docker", done, done, ["project"]),  # evidence alone is a change
        ("profile skip", "skill", "excel", None, {"level": "proficient", "status": "skipped", "held": None}, []),
        ("profile remove", "skill", "excel", {"level": "proficient", "status": "skipped", "held": None}, None, []),
    ]
    assert all(e["time"].endswith("Z") for e in entries)
    assert entries[2]["name"] == "Python"
    text = cli("profile", "history").stdout
    assert "docker proficient learning → proficient done  + course: Docker course  (profile add)" in text


def test_a_change_that_changes_nothing_records_nothing(cli, pfile):
    ok(cli("profile", "add", "python"))
    ok(cli("profile", "add", "python"))
    assert len(saved(pfile)["history"]) == 1


def test_browse_space_key_is_recorded(pfile):
    from aiml_career.advice.profile import load_profile
    from aiml_career.ladder.loading import load
    from aiml_career.tui.state import Browser

    browser = Browser(load(None), "junior-ds", env=test_env())
    browser.cycle("docker", "proficient")  # none -> done
    browser.cycle("docker", "proficient")  # done -> learning
    history = load_profile(pfile).history
    assert [(c.source, c.id, c.new) for c in history] == [
        ("browse", "docker", {"level": "proficient", "status": "done"}),
        ("browse", "docker", {"level": "proficient", "status": "learning"}),
    ]


def test_history_since_and_skill_filter(cli):
    entries = cli("profile", "history", "--profile", str(EXAMPLE), "--since", "2026-03-01", "--json").json()
    assert {e["time"][:10] for e in entries["entries"]} == {"2026-03-02", "2026-03-20", "2026-03-28",
                                                            "2026-04-15", "2026-04-30"}
    assert entries["since"] == "2026-03-01"
    docker = cli("profile", "history", "--profile", str(EXAMPLE), "--skill", "Docker", "--json").json()
    assert docker["skill"] == "docker"
    assert [e["new"]["status"] for e in docker["entries"]] == ["learning", "done"]
    both = cli("profile", "history", "--profile", str(EXAMPLE), "--skill", "docker", "--since", "2026-02-01",
               "--json").json()
    assert len(both["entries"]) == 1
    bad = cli("profile", "history", "--since", "01/02/2026")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("aiml-career: error: --since '01/02/2026' is not a date")


def test_a_format_2_file_reads_and_writes_back_the_same():
    from aiml_career.advice.profile import load_profile, profile_bytes

    profile = load_profile(EXAMPLE)
    assert json.loads(profile_bytes(profile)) == json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert json.loads(profile_bytes(profile, compact=True)) == json.loads(EXAMPLE.read_text(encoding="utf-8"))


# -- 1. format 1 -------------------------------------------------------------------------------


def test_an_old_profile_loads_unchanged_and_is_upgraded_on_the_next_write(cli, pfile):
    pfile.write_bytes(OLD.read_bytes())
    view = cli("profile", "show", "--json").json()
    assert {s["id"]: s["level"] for s in view["skills"]} == {"python": "advanced", "sql": "proficient",
                                                             "pytorch": "basic"}
    assert view["role"]["id"] == "junior-ds"
    assert pfile.read_bytes() == OLD.read_bytes()  # reading never rewrites
    assert cli("match", "--limit", "1", "--json").json()["person"]["skills"]["python"] == "advanced"
    ok(cli("profile", "add", "docker", "--evidence", "course", "--note", "Docker course"))
    data = saved(pfile)
    assert data["format"] == 2
    assert data["target"] is None
    old = json.loads(OLD.read_text())
    for skill, entry in old["skills"].items():
        assert data["skills"][skill] == entry  # kept as it was
    assert [e["id"] for e in data["history"]] == ["docker"]


# -- 1. concurrent writers, kill -9 ------------------------------------------------------------


def test_parallel_profile_adds_each_leave_a_history_entry(pfile):
    skills = ["python", "sql", "pandas", "numpy", "docker", "pytorch"]
    procs = [subprocess.Popen([*entry_point(), "profile", "add", f"{s}:advanced", "--note", f"{s} work",
                               "--evidence", "work"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env=child_env()) for s in skills]
    for proc in procs:
        assert proc.wait(timeout=60) == 0, proc.stderr.read()
    data = saved(pfile)
    assert sorted(e["id"] for e in data["history"]) == sorted(skills)
    assert set(data["skills"]) == set(skills)


def test_kill_9_mid_write_loses_no_history_entry(pfile):
    """Writers killed at random moments: the file stays whole, and every command that finished
    has its entry (a killed one has all of its entry or none)."""
    finished = []
    for n, skill in enumerate(["python", "sql", "pandas", "numpy", "docker", "pytorch", "keras", "spark"]):
        proc = subprocess.Popen([*entry_point(), "profile", "add", skill], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=child_env())
        if n % 2:
            time.sleep(0.05 * n)
            proc.send_signal(signal.SIGKILL)
        if proc.wait(timeout=60) == 0:
            finished.append(skill)
    data = saved(pfile)  # whole, valid JSON
    recorded = [e["id"] for e in data["history"]]
    assert set(finished) <= set(recorded)
    assert set(recorded) == set(data["skills"])


# -- 1. the target --------------------------------------------------------------------------------


def test_the_target_stands_in_for_to_and_says_so(cli, pfile):
    missing = cli("plan")
    assert missing.exit_code == 2
    assert "no --to given, and your profile has no target" in missing.stderr
    ok(cli("profile", "set-target", "Machine Learning Engineer"))
    assert saved(pfile)["target"] == "ml-engineer"
    for args in (["plan", "--from", "junior-ds"], ["path", "--from", "junior-ds"], ["next"], ["match"]):
        result = ok(cli(*args))
        assert "aiml-career: toward your profile's target: ml-engineer (--to overrides)" in result.stderr
    plan = cli("plan", "--from", "junior-ds", "--json").json()
    assert plan["to"]["id"] == "ml-engineer"
    assert cli("path", "--from", "junior-ds", "--to", "senior-mle", "--json").json()["to"]["id"] == "senior-mle"
    assert "(ml-engineer): readiness" in cli("match", "--limit", "1").stderr
    assert cli("profile", "show", "--json").json()["target"] == {"id": "ml-engineer",
                                                               "name": "Machine Learning Engineer"}


# -- 2. --proven -------------------------------------------------------------------------------------


def test_proven_counts_evidence_only(cli, pfile):
    ok(cli("profile", "add", "docker", "--evidence", "course", "--note", "Docker course"))
    ok(cli("profile", "add", "version-control", "ci-cd"))  # claims alone
    ok(cli("profile", "add", "pytorch:expert", "--note", "I am good at it"))  # a claim, said so
    everything = cli("match", "--json").json()
    proven = cli("match", "--proven", "--json").json()
    assert set(everything["person"]["skills"]) == {"docker", "version-control", "ci-cd", "pytorch"}
    assert set(proven["person"]["skills"]) == {"docker"}
    mle = {r["id"]: r for r in everything["roles"]}["ml-engineer"]
    mle_proven = {r["id"]: r for r in proven["roles"]}["ml-engineer"]
    assert mle_proven["points"] < mle["points"]
    assert "left out, claims alone: ci-cd, pytorch, version-control" in cli("match", "--proven").stderr
    said = cli("next", "--to", "ml-engineer", "--from", "junior-ds").stderr
    # From the points (8 of 12: 66.7), not the two rounded readiness figures (83.3 - 16.7 = 66.6).
    rests = round(100 * (mle["points"] - mle_proven["points"]) / mle["of"], 1)
    assert (mle["points"] - mle_proven["points"], mle["of"], rests) == (8, 12, 66.7)
    assert f"readiness for ml-engineer: {mle['readiness']:.1f}%, of which {rests:.1f} points rest on claims" in said
    for command in (["plan", "--to", "ml-engineer"], ["path", "--to", "ml-engineer"], ["next"]):
        assert ok(cli(*command, "--proven", "--json")).json()["person"]["skills"] == {"docker": "proficient"}
    assert cli("match", "--proven", "--have", "python").exit_code == 2


def test_profile_show_says_claim_only_for_skills_held_only(cli, pfile):
    ok(cli("profile", "add", "python"))
    ok(cli("profile", "skip", "excel"))
    ok(cli("profile", "learning", "docker"))
    lines = {line.split("\t")[2]: line for line in ok(cli("profile", "show")).stdout.splitlines() if "\t" in line}
    assert lines["python"].endswith("\tclaim only")
    assert lines["excel"].endswith("\t-")
    assert lines["docker"].endswith("\t-")


def test_the_claims_note_names_only_the_claims_that_add_points(cli, pfile):
    ok(cli("profile", "add", "spark", "sql", "statistics"))  # claims alone; only spark counts for senior-ds
    said = cli("next", "--to", "senior-ds").stderr
    assert "rest on claims alone (spark);" in said
    ok(cli("profile", "remove", "spark", "sql"))
    ok(cli("profile", "add", "cloud-platforms"))  # no points toward junior-ds
    quiet = cli("next", "--to", "junior-ds").stderr
    assert "rest on claims" not in quiet


# -- 3. progress ---------------------------------------------------------------------------------


def test_progress_json_gives_dated_points(cli):
    data = cli("progress", "--profile", str(EXAMPLE), "--json").json()
    assert data["to"]["id"] == "ml-engineer"
    assert data["to_source"] == "profile"
    dates = [p["date"] for p in data["points"]]
    assert dates == sorted(dates)
    assert dates[0] == "2026-01-05"
    assert data["points"][-1]["readiness"] == data["readiness"]
    claimed = next(p for p in data["points"] if p["date"] == "2026-03-20")
    assert claimed["proven_readiness"] < claimed["readiness"]  # PyTorch marked in browse, no proof yet
    assert {i["id"]: i["done"] for i in data["plan"]}["docker"] == "2026-02-14"
    since = cli("progress", "--profile", str(EXAMPLE), "--since", "2026-04-01", "--json").json()
    assert [p["date"] for p in since["points"]] == ["2026-03-28", "2026-04-15", "2026-04-30"]  # from the last before
    assert [g["id"] for g in since["gained"]] == ["aws-sagemaker", "ci-cd"]
    other = cli("progress", "--profile", str(EXAMPLE), "--to", "senior-mle", "--json").json()
    assert other["to"]["id"] == "senior-mle"
    assert other["to_source"] == "--to"


def test_history_json_always_gives_held(cli, pfile):
    ok(cli("profile", "add", "python:advanced"))
    ok(cli("profile", "learning", "python:expert"))
    entries = ok(cli("profile", "history", "--json")).json()["entries"]
    assert entries[0]["old"] is None
    assert entries[0]["new"] == {"level": "advanced", "status": "done", "held": None}
    assert entries[1]["old"] == {"level": "advanced", "status": "done", "held": None}
    assert entries[1]["new"]["held"] == "advanced"


def _entry(time, ident, old, new, source="profile add"):
    return {"time": time, "source": source, "what": "skill", "id": ident, "old": old, "new": new, "evidence": []}


def test_progress_replays_removals_and_lowerings(cli, pfile):
    advanced, basic = {"level": "advanced", "status": "done"}, {"level": "basic", "status": "done"}
    spark = {"level": "proficient", "status": "done"}
    pfile.write_text(json.dumps({"format": 2, "role": None, "target": "senior-ds", "skills": {"python": basic},
                                 "history": [_entry("2026-01-05T09:00:00Z", "python", None, advanced),
                                             _entry("2026-01-05T09:01:00Z", "spark", None, spark),
                                             _entry("2026-02-01T09:00:00Z", "spark", spark, None, "profile remove"),
                                             _entry("2026-03-01T09:00:00Z", "python", advanced, basic)]}))
    data = ok(cli("progress", "--since", "2026-02-01", "--json")).json()
    assert data["gained"] == []
    assert data["lost"] == [{"id": "spark", "name": "Spark", "old": "proficient", "new": None, "date": "2026-02-01"}]
    assert data["lowered"] == [{"id": "python", "name": "Python", "old": "advanced", "new": "basic",
                                "date": "2026-03-01"}]
    assert [p["readiness"] for p in data["points"]] == sorted((p["readiness"] for p in data["points"]), reverse=True)
    done = {i["name"] + " " + i["level"]: i["done"] for i in data["plan"]}
    assert done["Python advanced"] is None
    assert done["Big data tools proficient"] is None
    whole = ok(cli("progress", "--json")).json()
    assert [g["id"] for g in whole["gained"]] == ["python", "spark"]
    said = ok(cli("progress", "--since", "2026-02-01")).stdout
    assert "gained:" not in said
    assert "lost: Spark proficient (2026-02-01)" in said
    assert "lowered: Python advanced → basic (2026-03-01)" in said
    assert "[x]" not in said


def test_a_format_1_profiles_skills_count_as_done_from_the_start(cli, pfile):
    pfile.write_text('{"format":1,"role":"junior-ds","skills":{"python":{"level":"advanced","status":"done"}}}')
    data = ok(cli("progress", "--to", "senior-ds", "--json")).json()
    done = {i["name"] + " " + i["level"]: i["done"] for i in data["plan"]}
    assert done["Python advanced"] is not None
    said = ok(cli("progress", "--to", "senior-ds")).stdout
    assert "1 of 12 items done" in said
    assert "[x] " in said


@pytest.mark.parametrize("columns", [40, 120])
def test_the_chart_renders_on_a_terminal(cli, tty, columns):
    result = ok(cli("progress", "--profile", str(EXAMPLE), columns=columns))
    lines = result.stdout.splitlines()
    bars = [line for line in lines if line.startswith("2026-") and "█" in line]
    assert len(bars) == 6
    assert all(len(line) <= columns for line in lines)
    assert "▓" in next(line for line in lines if line.startswith("2026-03-20"))
    assert "█ proven by evidence  ▓ claims alone" in result.stdout


def test_the_chart_is_absent_when_piped(cli):
    result = ok(cli("progress", "--profile", str(EXAMPLE)))
    assert "█" not in result.stdout
    assert "2026-04-30\t91.7\t11/12\t91.7" in result.stdout.splitlines()


def test_progress_without_a_target_is_a_usage_error(cli):
    result = cli("progress")
    assert result.exit_code == 2
    assert "no --to given, and the profile has no target" in result.stderr


# -- 4. profile assess ------------------------------------------------------------------------------

ML_SKILLS = ["ml-frameworks", "version-control", "docker", "ci-cd", "cloud-platforms"]


def test_assess_from_piped_answers_writes_the_expected_profile(cli, pfile):
    ok(cli("profile", "add", "docker:basic"))
    result = ok(cli("profile", "assess", "--for", "ml-engineer", "--json", input="advanced\n2\n\nnone\nexpert\n"))
    doc = result.json()
    assert [a["id"] for a in doc["answers"]] == ML_SKILLS
    assert [a["level"] for a in doc["answers"]] == ["advanced", "proficient", None, None, "expert"]
    assert doc["written"] is True
    assert doc["same_answers"] is False
    data = saved(pfile)
    assert {k: v["level"] for k, v in data["skills"].items()} == {
        "ml-frameworks": "advanced", "version-control": "proficient", "docker": "basic", "cloud-platforms": "expert"}
    assert data["skills"]["ml-frameworks"]["evidence"][0]["note"] == "self-assessed with profile assess for ml-engineer"
    assessed = [e for e in data["history"] if e["source"] == "profile assess"]
    assert len({e["time"] for e in assessed}) == 1  # one write
    assert [e["id"] for e in assessed] == ["cloud-platforms", "ml-frameworks", "version-control"]


def test_assess_never_shows_the_level_the_role_asks(cli):
    result = cli("profile", "assess", "--for", "ml-engineer", input="1\n", stdin_isatty=True)
    assert result.exit_code == 0
    assert "[1/5] ML frameworks (ml-frameworks)" in result.stderr
    assert "expert" in result.stderr  # the four descriptors are shown ...
    assert "requires" not in result.stderr  # ... never what the role asks
    assert "ML frameworks expert" not in result.stderr


def test_assess_on_a_terminal_asks_again_after_a_wrong_answer(cli, pfile):
    result = ok(cli("profile", "assess", "--for", "ml-engineer", input="wizard\n3\n", stdin_isatty=True))
    assert "not a level: 'wizard': 1-4 or basic/proficient/advanced/expert" in result.stderr
    assert saved(pfile)["skills"] == {"ml-frameworks": {"level": "advanced", "status": "done", "evidence": [
        {"kind": "claim", "note": "self-assessed with profile assess for ml-engineer", "url": None,
         "date": saved(pfile)["skills"]["ml-frameworks"]["evidence"][0]["date"]}]}}


def test_assess_warns_when_every_answer_is_the_same(cli, pfile):
    result = ok(cli("profile", "assess", "--for", "ml-engineer", input="2\n2\n2\n2\n2\n"))
    assert "warning: every answer was the same level" in result.stderr


def test_assess_bad_answer_writes_nothing(cli, pfile):
    ok(cli("profile", "add", "python"))
    before = pfile.read_bytes()
    result = cli("profile", "assess", "--for", "ml-engineer", input="2\nwizard\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("aiml-career: error: not a level: 'wizard'")
    assert pfile.read_bytes() == before


def test_assess_walks_the_route_to_the_target_and_needs_one(cli, pfile):
    assert cli("profile", "assess", input="").exit_code == 2
    ok(cli("profile", "set-role", "junior-ds"))
    ok(cli("profile", "set-target", "senior-mle"))
    result = ok(cli("profile", "assess", "--json", input="1\n" + "\n" * 99))
    doc = result.json()
    assert doc["role"]["id"] == "senior-mle"
    assert "assessing the route to your profile's target: senior-mle" in result.stderr
    route = [s["id"] for s in cli("path", "--json").json()["routes"][0]["steps"]]
    assert route == ["ml-engineer", "senior-mle"]
    asked = [a["id"] for a in doc["answers"]]
    assert asked[:len(ML_SKILLS)] == ML_SKILLS  # the first step's skills first, then the target's
    blank = cli("profile", "assess", "--for", "senior-mle", "--json", input="\n" * 99).json()
    senior = [a["id"] for a in blank["answers"]]
    assert set(asked) == set(ML_SKILLS) | set(senior)
    assert len(asked) == len(set(asked))


def test_assess_says_a_skipped_held_skill_is_kept(cli, pfile):
    ok(cli("profile", "add", "version-control:advanced"))
    result = ok(cli("profile", "assess", "--for", "ml-engineer", input="2\n\n\n\n\n"))
    assert "Version control: kept as it is (advanced)" in result.stdout
    assert "Docker: not held" in result.stdout
    doc = ok(cli("profile", "assess", "--for", "ml-engineer", "--json", input="2\n\n\n\n\n")).json()
    assert {a["id"]: a["kept"] for a in doc["answers"]}["version-control"] == "advanced"


def test_assess_refuses_answers_that_run_out(cli, pfile):
    ok(cli("profile", "add", "python"))
    before = pfile.read_bytes()
    result = cli("profile", "assess", "--for", "ml-engineer", input="2\n3\n")
    assert result.exit_code == 2
    assert "3 of 5 answers missing" in result.stderr
    assert pfile.read_bytes() == before


def unread(pipe) -> int:
    """Bytes written to ``pipe`` that its reader has not read yet (FIONREAD: either end of a pipe)."""
    import fcntl
    import struct
    import termios

    return struct.unpack("i", fcntl.ioctl(pipe.fileno(), termios.FIONREAD, b"\0\0\0\0"))[0]


def test_a_real_sigint_mid_assessment_leaves_the_profile_byte_identical(pfile):
    pfile.write_bytes(OLD.read_bytes())
    before = pfile.read_bytes()
    proc = subprocess.Popen([*entry_point(), "profile", "assess", "--for", "ml-engineer"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env())
    proc.stdin.write(b"advanced\nexpert\n")
    proc.stdin.flush()
    waiting = time.monotonic() + 30
    while unread(proc.stdin) and time.monotonic() < waiting:  # until it has read both answers
        time.sleep(0.05)
    assert unread(proc.stdin) == 0
    time.sleep(0.3)  # ... and waits for the third
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert err.endswith(b"\naiml-career: nothing was saved\n")
    assert pfile.read_bytes() == before
    assert not [p for p in pfile.parent.iterdir() if p.name.endswith(".tmp")]


# -- 5. profile export -------------------------------------------------------------------------------


def test_export_markdown_and_json(cli, tmp_path):
    md = ok(cli("profile", "export", "--profile", str(EXAMPLE))).stdout
    assert md.startswith("# Skills record\n")
    assert "- **PyTorch**: advanced" in md
    assert ("  - project, 2026-03-27: [Image classifier, fine-tuned ResNet, 94% on held-out data]"
            "(https://github.com/example/leaf-classifier)") in md
    assert "- **Python**: advanced (claimed)" in md
    out = tmp_path / "me.json"
    result = ok(cli("profile", "export", "--profile", str(EXAMPLE), "--format", "json", "-o", str(out)))
    assert result.stderr == f"aiml-career: wrote {out}\n"
    doc = json.loads(out.read_text())
    assert doc == cli("profile", "show", "--json", env={"AIML_CAREER_PROFILE": str(EXAMPLE)}).json()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_to_a_read_only_file_is_refused(cli, tmp_path):
    out = tmp_path / "locked.md"
    out.write_text("keep")
    os.chmod(out, 0o444)
    result = cli("profile", "export", "--profile", str(EXAMPLE), "-o", str(out))
    assert result.exit_code == 1
    assert out.read_text() == "keep"


# -- 6. readiness you can see ----------------------------------------------------------------------


def test_match_and_next_draw_bars_on_a_terminal_only(cli, tty):
    drawn = ok(cli("match", "--have", "python,sql", "--limit", "2")).stdout
    assert " 66.7% (4/6)" in drawn
    assert "███████···" in drawn
    piped = ok(cli("match", "--have", "python,sql", "--limit", "2", stdout_isatty=False)).stdout
    assert "█" not in piped
    assert piped.startswith("66.7% (4/6)\tJunior Data Scientist / ML Engineer\t")
    steps = ok(cli("next", "--from", "junior-ds")).stdout
    assert "points) " in steps
    assert "█" in steps
    assert "█" not in ok(cli("next", "--from", "junior-ds", stdout_isatty=False)).stdout
    assert "█" not in ok(cli("match", "--have", "python", "--json")).stdout


def test_the_level_descriptors_in_the_docs_are_the_modules():
    from aiml_career.advice.self_assessment import DESCRIPTORS

    guide = (ROOT / "docs" / "progress.md").read_text(encoding="utf-8")
    for level, meaning in DESCRIPTORS.items():
        assert f"| {level} | {meaning} |" in guide


def test_other_commands_import_nothing_new(tmp_path):
    """Start-up is unchanged: the new modules load only for the commands that need them, and
    --json never loads Rich."""
    code = ("import sys; from aiml_career.cli import run; run(['show', 'mle', '--json']); "
            "new = [m for m in sys.modules if m.split('.')[-1] in "
            "('progress', 'self_assessment', 'evidence') or m == 'rich']; print(new)")
    done = subprocess.run([os.sys.executable, "-c", code], capture_output=True, env=child_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().strip().splitlines()[-1] == "[]"


def test_browse_opens_on_the_target_without_a_role(cli):
    from aiml_career.ladder.loading import load
    from aiml_career.tui.state import Browser

    ok(cli("profile", "set-target", "senior-mle"))
    assert Browser(load(None), env=test_env()).first_role() == "senior-mle"
    assert Browser(load(None), "junior-ds", env=test_env()).first_role() == "junior-ds"


# -- the history is complete: undone from the end, it gives the profile it started from ------------

SKILLS = ["python", "sql", "docker"]
OPS = st.lists(st.tuples(st.sampled_from(["done", "learning", "skipped", "remove", "role", "target"]),
                         st.sampled_from(SKILLS), st.sampled_from(["basic", "proficient", "advanced", "expert"])),
               max_size=12)


@pytest.mark.slow
@settings(max_examples=examples(200))
@given(OPS)
def test_every_change_is_in_the_history_and_replays(ops):
    from aiml_career.advice.evidence import Evidence
    from aiml_career.advice.profile import Profile, SkillEntry, _snapshot, record
    from aiml_career.advice.progress import _apply

    profile = Profile()
    for op, skill, level in ops:
        before = _snapshot(profile)
        if op == "remove":
            profile.skills.pop(skill, None)
        elif op in ("role", "target"):
            setattr(profile, op, f"{skill}-role")
        else:
            old = profile.skills.get(skill)
            piece = [Evidence("project", f"{op} {level}", None, "2026-01-01")] if level == "expert" else []
            profile.skills[skill] = SkillEntry(level, op, None, (old.evidence if old else []) + piece)
        record(before, profile, "test")
    held = {k: (e.level, e.status, e.held) for k, e in profile.skills.items()}
    role = [profile.role]
    for change in reversed(profile.history):
        _apply(held, role, change, "old")
    assert held == {}  # undone to the empty profile it started as
    assert role == [None]
    recorded = [piece for change in profile.history for piece in change.evidence]
    for entry in profile.skills.values():
        for piece in entry.evidence:
            assert piece in recorded  # every piece held came with a history entry
