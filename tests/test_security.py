"""Issue 10: safe in a hostile environment.

No code from the cache, bounded reads of regular files only, error reports
that do not scale with the attacker, no forged lines or raw control characters
on the terminal, honest writes and clean streams. Stream, file and exit-code
behaviour runs the installed entry point; the rest runs in-process.
"""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from aiml_career.errors import DataError
from aiml_career.ladder import cache

from conftest import BUILTIN, EXAMPLE, cache_folder, child_env, entry_point, in_process, main_in_process
from conftest import cached_load as load


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def markers() -> list[Path]:
    folder = cache_folder()
    return sorted(folder.glob("ladder-*.ok")) if folder.exists() else []


# -- 1. the cache holds no code, and nothing planted in it is believed -----------------


def test_the_cache_module_has_no_pickle():
    source = Path(cache.__file__).read_text(encoding="utf-8")
    assert "import pickle" not in source
    assert "marshal" not in source


def test_the_cache_folder_is_private_and_holds_only_empty_markers():
    load(EXAMPLE)
    folder = cache_folder()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (marker,) = markers()
    assert marker.stat().st_size == 0
    assert stat.S_IMODE((folder / cache.SECRET).stat().st_mode) == 0o600


def test_a_planted_marker_does_not_vouch_for_a_broken_file(tmp_path):
    load(EXAMPLE)  # makes the folder and its secret
    broken = example()
    broken["roles"][0]["next"][0]["to"] = "nowhere"
    path = write_json(tmp_path / "broken.json", broken)
    raw = path.read_bytes()
    # Whoever plants a marker does not know the secret: any name they pick is wrong.
    for secret in (b"0" * 64, b"guess" * 13):
        cache._marker(cache_folder(), secret, raw).touch()
    with pytest.raises(DataError):
        load(path)


def test_a_marker_made_with_the_real_secret_is_the_only_one_believed(tmp_path, monkeypatch):
    """The check is on the marker's name alone: the contents are never read."""
    load(EXAMPLE)
    raw = EXAMPLE.read_bytes()
    assert cache.validated(raw, cache_folder())
    calls = []
    monkeypatch.setattr("aiml_career.ladder.loading.parse", lambda *a: calls.append(a))
    assert load(EXAMPLE).roles["junior-de"].name == "Junior Data Engineer"
    assert calls == []


@pytest.mark.parametrize("source", [BUILTIN, EXAMPLE], ids=["builtin", "example"])
def test_a_ladder_rebuilt_from_the_cache_equals_the_validated_one(source):
    from aiml_career.ladder.loading import _strip_bom, parse

    raw = _strip_bom(source.read_bytes())
    validated, rebuilt = parse(raw, "x"), cache.construct(raw)
    assert rebuilt == validated
    assert rebuilt.model_dump(exclude_unset=True) == validated.model_dump(exclude_unset=True)
    assert rebuilt.model_dump(by_alias=True) == validated.model_dump(by_alias=True)


def _first_load_then(change) -> None:
    load(EXAMPLE)
    assert markers()
    change(cache_folder())


@pytest.mark.parametrize(
    "change",
    [
        lambda d: os.chmod(d, 0o777),  # a folder others can write
        lambda d: os.chown(d, 12345, -1),  # someone else's folder
        lambda d: os.chmod(d / cache.SECRET, 0o644),  # a secret others can read
        lambda d: os.chown(d / cache.SECRET, 12345, -1),
    ],
    ids=["folder-world-writable", "folder-of-another-user", "secret-readable", "secret-of-another-user"],
)
def test_an_untrusted_cache_is_ignored(change, monkeypatch):
    _first_load_then(change)
    assert not cache.validated(EXAMPLE.read_bytes(), cache_folder())
    calls = []
    real = __import__("aiml_career.ladder.loading", fromlist=["parse"]).parse
    monkeypatch.setattr("aiml_career.ladder.loading.parse", lambda *a: calls.append(a) or real(*a))
    assert load(EXAMPLE).roles
    assert calls, "the file is validated in full"


def test_a_marker_owned_by_another_user_is_ignored():
    load(EXAMPLE)
    (marker,) = markers()
    os.chown(marker, 12345, -1)
    assert not cache.validated(EXAMPLE.read_bytes(), cache_folder())
    os.chown(marker, os.geteuid(), -1)
    os.chmod(marker, 0o666)
    assert not cache.validated(EXAMPLE.read_bytes(), cache_folder())


def test_nothing_is_written_into_a_folder_of_another_user(tmp_path):
    folder = cache_folder()
    folder.mkdir(parents=True)
    os.chown(folder, 12345, -1)
    load(EXAMPLE)
    assert list(folder.iterdir()) == []


def test_no_cache_folder_is_made_through_a_link_another_user_planted(tmp_path):
    """XDG_CACHE_HOME is a link another user made in a shared (sticky, world-writable) folder,
    pointing into a folder of theirs: nothing is made there (no `aiml-career` folder, no secret),
    and the command answers from the full load. A link of one's own is followed."""
    shared = tmp_path / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chmod(theirs, 0o777)
    os.chown(theirs, 12345, 12345)
    planted = shared / "cache"
    planted.symlink_to(theirs)
    os.lchown(planted, 12345, 12345)
    assert cache.folder_of(planted / "aiml-career", create=True) is None
    assert cache.folder_of(planted / "deeper" / "aiml-career", create=True) is None
    assert list(theirs.iterdir()) == []
    run = in_process(["--data", str(EXAMPLE), "roles", "--json"], env={"XDG_CACHE_HOME": str(planted)})
    assert run.exit_code == 0
    assert [r["id"] for r in run.json()][:1] == [example()["roles"][0]["id"]]
    assert list(theirs.iterdir()) == []
    (tmp_path / "my-cache").mkdir()
    mine = shared / "mine"
    mine.symlink_to(tmp_path / "my-cache")  # mine: followed, and the folder made where it points
    assert cache.folder_of(mine / "aiml-career", create=True) == mine / "aiml-career"
    assert (tmp_path / "my-cache" / "aiml-career").is_dir()


def test_special_files_in_the_cache_are_never_opened():
    load(EXAMPLE)
    (marker,) = markers()
    secret = cache_folder() / cache.SECRET
    secret_bytes = secret.read_bytes()
    marker.unlink()
    os.mkfifo(marker)  # would block forever if opened for reading
    assert not cache.validated(EXAMPLE.read_bytes(), cache_folder())
    secret.unlink()
    os.mkfifo(secret)
    assert cache._read_secret(cache_folder()) is None
    secret.unlink()
    target = cache_folder().parent / "elsewhere"
    target.write_bytes(secret_bytes)
    os.chmod(target, 0o600)
    secret.symlink_to(target)
    assert cache._read_secret(cache_folder()) is None, "a symbolic link is not followed"
    assert load(EXAMPLE).roles


def test_stale_temporary_files_are_removed(tmp_path):
    load(EXAMPLE)
    stale = cache_folder() / ".ladder-x.ok.abc.tmp"
    stale.write_bytes(b"")
    os.utime(stale, (1, 1))
    fresh = cache_folder() / ".ladder-y.ok.def.tmp"
    fresh.write_bytes(b"")
    path = write_json(tmp_path / "other.json", {**example(), "title": "Other"})
    load(path)
    assert not stale.exists()
    assert fresh.exists()


def test_format_1_0_rebuilds_as_the_int_1(tmp_path):
    text = json.dumps(example()).replace('"format": 1', '"format": 1.0', 1)
    path = tmp_path / "float-format.json"
    path.write_text(text, encoding="utf-8")
    first = load(path)  # validated, and a marker left
    second = load(path)  # rebuilt from the marker
    assert type(first.doc.format) is int
    assert type(second.doc.format) is int


# -- 2. bounded reads of regular files only ------------------------------------------------


def entry(*args: str, env: dict | None = None, input: bytes | None = None, stdin=None):
    """The entry point's main() in this process, on real descriptors (conftest.main_in_process)."""
    return main_in_process(list(args), env=env, input=input, stdin=stdin)


def installed(*args: str, env: dict | None = None, timeout: float = 30) -> subprocess.CompletedProcess:
    """The installed command in its own process: where a test may block or runs beside another."""
    return subprocess.run([*entry_point(), *args], capture_output=True, env=child_env(env), timeout=timeout)


def one_error(result, code: int = 1) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == code, err
    assert err.startswith("aiml-career: error: "), err
    assert "Traceback" not in err
    assert result.stdout == b""
    return err


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_as_the_ladder_is_refused_at_once(device):
    err = one_error(entry("--data", device, "roles"))
    assert "character device, not a regular file" in err


def test_a_fifo_as_the_ladder_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "ladder.json"
    os.mkfifo(fifo)
    err = one_error(installed("--data", str(fifo), "roles", timeout=20))
    assert err == (f"aiml-career: error: cannot read ladder file {fifo}: is a FIFO (named pipe), not a regular file\n"
                   "  read it from standard input instead: aiml-career --data - ... < FILE\n")
    result = installed("validate", str(fifo), timeout=20)  # validate reports on stdout
    assert result.returncode == 1
    assert b"cannot read: is a FIFO" in result.stdout


@pytest.mark.parametrize("device", ["/dev/urandom", "/dev/zero"])
def test_a_device_as_the_profile_is_refused(tmp_path, device):
    err = one_error(entry("profile", "show", env={"AIML_CAREER_PROFILE": device}))
    assert f"profile {device}: is a character device" in err


def test_a_fifo_as_the_profile_is_refused(tmp_path):
    fifo = tmp_path / "profile.json"
    os.mkfifo(fifo)
    err = one_error(installed("match", env={"AIML_CAREER_PROFILE": str(fifo)}, timeout=20))
    assert "FIFO" in err


def test_a_ladder_over_the_size_limit_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("aiml_career.files.MAX_BYTES", 1000)  # read when a read starts
    result = cli("--data", str(EXAMPLE), "roles")
    assert result.exit_code == 1
    assert result.stderr == (
        f"aiml-career: error: cannot read ladder file {EXAMPLE}: larger than the limit of 1000 bytes\n"
        "  a ladder file is read up to 1000 bytes, a bound on memory (validating one takes 6 to 7 times its size);"
        f" to read a bigger one: AIML_CAREER_MAX_BYTES=1G aiml-career --data {EXAMPLE} ...\n"
    )


def test_validate_of_a_ladder_over_the_size_limit_says_how_to_read_it(cli, monkeypatch):
    monkeypatch.setattr("aiml_career.files.MAX_BYTES", 1000)
    hint = ("a ladder file is read up to 1000 bytes, a bound on memory (validating one takes 6 to 7 times its size);"
            " to read a bigger one: AIML_CAREER_MAX_BYTES=1G aiml-career ...")
    text = cli("validate", str(EXAMPLE))
    assert text.exit_code == 1
    assert text.stdout == (f"not checked: {EXAMPLE} (it cannot be read)\n"
                           "  (document): cannot read: larger than the limit of 1000 bytes\n"
                           f"  {hint}\n")
    doc = cli("validate", str(EXAMPLE), "--json").json()
    assert doc["valid"] is False
    assert doc["hints"] == [hint]
    assert "hints" not in cli("validate", str(EXAMPLE), "--json", env={"AIML_CAREER_MAX_BYTES": "1M"}).json()


def test_a_limit_the_variable_set_is_named_and_one_it_cannot_read_is_said(cli):
    lowered = cli("--data", str(EXAMPLE), "roles", env={"AIML_CAREER_MAX_BYTES": "1K"})
    assert lowered.exit_code == 1
    assert "a ladder file is read up to 1024 bytes (as AIML_CAREER_MAX_BYTES says), a bound on memory" in lowered.stderr
    typo = cli("--data", str(EXAMPLE), "roles", env={"AIML_CAREER_MAX_BYTES": "1.5G"})
    assert typo.exit_code == 0
    assert typo.stdout.startswith("junior-de\tJunior Data Engineer\t")
    assert typo.stderr == ("aiml-career: warning: AIML_CAREER_MAX_BYTES=1.5G is not a size (bytes, or K, M, G of them: "
                           "600M, 1G); the limit stays 512 MiB\n")
    for unset in ("", "0", "1G"):
        assert cli("roles", env={"AIML_CAREER_MAX_BYTES": unset}).stderr == ""


def test_the_variable_raises_or_lowers_the_limit_of_a_ladder(cli, tmp_path, monkeypatch):
    """$AIML_CAREER_MAX_BYTES moves the limit for the ladder and standard input, for that run only."""
    from aiml_career import files

    size = EXAMPLE.stat().st_size
    lowered = cli("--data", str(EXAMPLE), "roles", env={"AIML_CAREER_MAX_BYTES": str(size - 1)})
    assert lowered.exit_code == 1
    assert f"larger than the limit of {size - 1} bytes" in lowered.stderr
    piped = cli("--data", "-", "roles", input=EXAMPLE.read_bytes(), env={"AIML_CAREER_MAX_BYTES": str(size - 1)})
    assert piped.exit_code == 1
    assert f"cannot read ladder file <stdin>: larger than the limit of {size - 1} bytes" in piped.stderr
    assert cli("--data", str(EXAMPLE), "roles", env={"AIML_CAREER_MAX_BYTES": str(size)}).exit_code == 0
    assert files.MAX_BYTES == 512 * 2**20, "for that run only"
    monkeypatch.setattr("aiml_career.files.MAX_BYTES", 1000)
    raised = cli("--data", str(EXAMPLE), "roles", env={"AIML_CAREER_MAX_BYTES": "1K"})
    assert raised.exit_code == 1
    assert "larger than the limit of 1024 bytes" in raised.stderr
    assert cli("--data", str(EXAMPLE), "roles", env={"AIML_CAREER_MAX_BYTES": "1M"}).exit_code == 0


def test_process_substitution_is_refused_with_a_hint_to_use_standard_input():
    """``--data <(cat FILE)`` names a pipe: refused (no read from what is not a regular file), and
    the error says how to give the same bytes: standard input, which is read as a stream."""
    script = f'{" ".join(entry_point())} --data <(cat {EXAMPLE}) roles'
    result = subprocess.run(["bash", "-c", script], capture_output=True, env=child_env(), timeout=30)
    err = one_error(result)
    assert err.endswith(": is a FIFO (named pipe), not a regular file\n"
                        "  read it from standard input instead: aiml-career --data - ... < FILE\n"), err
    again = subprocess.run([*entry_point(), "--data", "-", "roles"], stdin=EXAMPLE.open("rb"),
                           capture_output=True, env=child_env(), timeout=30)
    assert again.returncode == 0
    assert again.stdout.startswith(b"junior-de\t")


def test_the_size_limit_is_512_mib_and_checked_while_reading(tmp_path):
    """512 MiB: the tool reads what it writes (``export --format json`` of the 20,000-role
    benchmark ladder is 159 MB, over the 128 MiB of before)."""
    from aiml_career import files

    assert files.MAX_BYTES == 512 * 2**20
    path = tmp_path / "grows.json"
    path.write_bytes(b"x" * 100)
    with pytest.raises(files.ReadFailed, match="limit"):
        files.read_regular(path, 99)
    assert files.read_regular(path, 100) == b"x" * 100


def test_a_profile_over_its_limit_is_refused(cli, tmp_path):
    (tmp_path / "profile.json").write_bytes(b" " * (1024 * 1024 + 1))
    result = cli("profile", "show")
    assert result.exit_code == 1
    assert "larger than the limit of 1 MiB" in result.stderr


def test_the_ladder_from_standard_input():
    result = entry("--data", "-", "roles", "--json", input=EXAMPLE.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "junior-de"
    result = entry("validate", "-", "--json", input=EXAMPLE.read_bytes())
    assert result.returncode == 0
    assert json.loads(result.stdout)["file"] == "<stdin>"
    result = entry("validate", "-", input=b"{")
    assert result.returncode == 1
    assert result.stdout.startswith(b"invalid: <stdin>")


def test_endless_standard_input_is_cut_at_the_limit(monkeypatch):
    # /dev/zero on stdin: read up to the limit, then stop with an error; memory stays bounded.
    # (The limit is lowered here: the test's process need not hold 512 MiB.)
    monkeypatch.setattr("aiml_career.files.MAX_BYTES", 16 * 2**20)
    with open("/dev/zero", "rb") as zero:
        err = one_error(entry("--data", "-", "roles", stdin=io.TextIOWrapper(zero)))
    assert "larger than the limit of 16 MiB" in err


@pytest.mark.parametrize("args", [["--data", "", "roles"], ["validate", ""]], ids=["--data", "validate"])
def test_an_empty_file_name_is_a_usage_error(cli, args):
    result = cli(*args)
    assert result.exit_code == 2
    assert "needs a file name, not an empty string" in result.stderr
    assert result.stdout == ""


# -- the profile: locks, read-only files, odd contents --------------------------------------


def test_a_read_only_profile_is_never_replaced(cli, tmp_path):
    profile = tmp_path / "profile.json"
    assert cli("profile", "add", "python").exit_code == 0
    before = profile.read_bytes()
    os.chmod(profile, 0o444)  # root could write it anyway: the mode bits are what count
    for args in (["profile", "add", "sql"], ["profile", "clear"], ["profile", "set-role", "intern"]):
        result = cli(*args)
        assert result.exit_code == 1, args
        assert "the file is read-only (mode 0444); nothing was changed" in result.stderr
        assert "chmod u+w" in result.stderr
    assert profile.read_bytes() == before


def _hold_lock(tmp_path):
    import fcntl

    fd = os.open(tmp_path / "profile.json.lock", os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


@pytest.mark.parametrize("args", [["profile", "add", "python"], ["profile", "clear"]], ids=["add", "clear"])
def test_a_held_lock_times_out_with_a_message(cli, tmp_path, monkeypatch, args):
    monkeypatch.setattr("aiml_career.advice.profile.LOCK_TIMEOUT", 0.3)
    assert cli("profile", "add", "sql").exit_code == 0
    before = (tmp_path / "profile.json").read_bytes()
    fd = _hold_lock(tmp_path)
    try:
        result = cli(*args)
    finally:
        os.close(fd)
    assert result.exit_code == 1
    assert result.stderr.startswith("aiml-career: error: profile ")
    assert "has held its lock for 0.3 s; nothing was changed" in result.stderr
    assert (tmp_path / "profile.json").read_bytes() == before
    assert cli(*args).exit_code == 0, "once the lock is free, the command goes through"


@pytest.mark.slow
def test_clear_waits_for_a_writer_and_keeps_the_lock_file(tmp_path):
    """A writer holding the lock finishes first; clear then deletes what it wrote."""
    import threading
    import time

    profile = tmp_path / "profile.json"
    env = {"AIML_CAREER_PROFILE": str(profile)}
    assert installed("profile", "add", "python", env=env).returncode == 0
    fd = _hold_lock(tmp_path)
    done = {}
    thread = threading.Thread(target=lambda: done.setdefault("clear", installed("profile", "clear", env=env)))
    thread.start()
    time.sleep(1.0)
    assert "clear" not in done, "clear waits for the lock"
    os.close(fd)
    thread.join(30)
    assert done["clear"].returncode == 0
    assert not profile.exists()
    assert (tmp_path / "profile.json.lock").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"format": 1, "skills": {"\\udcff": {"level": "basic", "status": "done"}}}', "not valid Unicode"),
        ('{"format": 1, "role": "\\ud800x", "skills": {}}', "not valid Unicode"),
        ('{"format": 1, "format": 1, "skills": {}}', "key 'format' is given twice"),
    ],
    ids=["surrogate-key", "surrogate-role", "duplicate-key"],
)
def test_odd_profiles_are_refused_and_left_alone(cli, tmp_path, content, message):
    profile = tmp_path / "profile.json"
    profile.write_text(content, encoding="utf-8")
    for args in (["profile", "show"], ["profile", "show", "--json"], ["profile", "add", "sql"], ["match"]):
        result = cli(*args)
        assert result.exit_code == 1, (args, result.stderr)
        assert message in result.stderr
        assert result.stdout == ""
    assert profile.read_text(encoding="utf-8") == content


def test_format_1_0_means_1_in_a_profile_as_in_a_ladder(cli, tmp_path):
    (tmp_path / "profile.json").write_text('{"format": 1.0, "role": "intern", "skills": {}}')
    assert cli("profile", "show", "--json").json()["role"]["id"] == "intern"
    (tmp_path / "profile.json").write_text('{"format": true, "skills": {}}')
    assert cli("profile", "show").exit_code == 1


# -- 3. error reports that do not scale with the attacker --------------------------------


def test_problems_are_capped_at_100_with_a_count(cli, tmp_path):
    data = example()
    data["roles"] += [{} for _ in range(2000)]  # 3 missing fields each (id, name, stage)
    path = write_json(tmp_path / "empty-roles.json", data)
    result = cli("validate", str(path), "--json")
    report = result.json()
    assert result.exit_code == 1
    assert len(report["problems"]) == 100
    assert report["problem_count"] == 6000
    assert report["problems"][0]["path"] == "roles[6].id"
    text = cli("validate", str(path), env={"COLUMNS": "400"}).stdout.splitlines()
    assert text[0].endswith("(6,000 problems)")
    assert text[-1] == "  … and 5,900 more (the first 100 are listed)"
    err = cli("--data", str(path), "roles").stderr.splitlines()
    assert err[0].endswith(": 6,000 problems")
    assert len(err) == 102
    assert err[-1] == "  … and 5,900 more (the first 100 are listed)"


def test_reference_problems_are_capped_too(cli, tmp_path):
    data = example()
    data["roles"][0]["next"] = [
        {"to": f"nowhere-{i}", "kind": "lateral", "basis": "editorial", "note": "x"} for i in range(500)
    ]
    path = write_json(tmp_path / "refs.json", data)
    report = cli("validate", str(path), "--json").json()
    assert len(report["problems"]) == 100
    assert report["problem_count"] == 500


def test_echoed_input_is_cut_short(cli, tmp_path):
    data = example()
    data["roles"][0]["n" * 100_000] = 1
    data["roles"][1]["aliases"] = ["A" * 9_000, "a" * 9_000]  # the same name twice
    path = write_json(tmp_path / "long.json", data)
    result = cli("--data", str(path), "roles")
    assert result.exit_code == 1
    assert max(len(line) for line in result.stderr.splitlines()) < 1000
    assert "more characters)" in result.stderr
    result = cli("show", "x" * 100_000)
    assert result.exit_code == 2
    assert len(result.stderr) < 1000


def test_the_line_locator_is_linear_in_a_huge_string(tmp_path):
    """A 10 MB string used to cost ~1.4 GB in the locator's regex."""

    data = example()
    data["roles"][0]["name"] = "x" * 10_000_000
    data["roles"][0]["summary"] = "\\\\" * 2_000_000  # escapes too
    path = write_json(tmp_path / "big-string.json", data)
    code = (
        "import resource, sys\n"
        "from aiml_career.ladder.locator import locate\n"
        "raw = open(sys.argv[1], 'rb').read()\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "lines = locate(raw, [('roles', 0, 'name'), ('roles', 0, 'summary'), ('roles', 1, 'id')])\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(lines[('roles', 1, 'id')], (after - before) // 1024)\n"
    )
    import sys

    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    line, grown_mb = out.stdout.split()
    assert int(line) == 1
    assert int(grown_mb) < 150, f"the locator grew by {grown_mb} MB for a 14 MB file"


# -- 4. forged lines, bidi and control characters ----------------------------------------

FORGED = "x\naiml-career: error: forged"


def test_a_newline_in_a_profile_key_cannot_forge_a_line(cli, tmp_path):
    (tmp_path / "profile.json").write_text(json.dumps(
        {"format": 1, "role": None, "skills": {FORGED: {"level": "basic", "status": "done"}}}))
    for args in (["next", "--from", "intern"], ["profile", "show"], ["profile", "remove", FORGED]):
        result = cli(*args)
        for line in (result.stdout + result.stderr).splitlines():
            assert not line.startswith("aiml-career: error: forged"), (args, line)
        if args[0] != "profile" or args[1] != "remove":  # remove just removes it
            assert "x\\x0aaiml-career: error: forged" in result.stdout + result.stderr, args


def test_a_newline_in_a_ladder_field_name_cannot_forge_a_line(cli, tmp_path):
    data = example()
    data["roles"][0][FORGED] = 1
    path = write_json(tmp_path / "forged.json", data)
    for args in (["--data", str(path), "roles"], ["validate", str(path)]):
        result = cli(*args, env={"COLUMNS": "400"})
        assert result.exit_code == 1
        lines = (result.stdout + result.stderr).splitlines()
        assert not any(line.startswith("aiml-career: error: forged") for line in lines), lines


BIDI = "admin\u202egnp.exe\u2066\u200b\u2028\u00ad\ufeff"


def test_bidi_and_zero_width_characters_are_shown_escaped(cli, tmp_path):
    data = example()
    data["roles"][0]["name"] = BIDI
    data["roles"][0]["summary"] = "C1 \x85 and \x9b[31m"
    path = write_json(tmp_path / "bidi.json", data)
    out = cli("--data", str(path), "show", "junior-de", env={"COLUMNS": "400"}).stdout
    assert "admin\\u202egnp.exe\\u2066\\u200b\\u2028\\xad\\ufeff" in out
    assert "C1 \\x85 and \\x9b[31m" in out
    for char in "\u202e\u2066\u200b\u2028\x85\x9b\xad\ufeff":
        assert char not in out


def test_json_escapes_c1_bidi_and_separators_but_keeps_the_data(cli, tmp_path):
    data = example()
    data["roles"][0]["name"] = BIDI
    data["roles"][0]["summary"] = "C1 \x85 del \x7f tag \U000e0041"
    path = write_json(tmp_path / "bidi.json", data)
    for args in (["show", "junior-de", "--json"], ["export", "--format", "json"]):
        result = cli("--data", str(path), *args)
        raw = result.stdout_bytes if hasattr(result, "stdout_bytes") else result.stdout.encode()
        for char in "\u202e\u2066\u200b\u2028\x85\x7f\xad\ufeff\U000e0041":
            assert char.encode() not in raw, (args, char)
        assert b"\\u202e" in raw
        assert b"\\u0085" in raw
        assert b"\\udb40\\udc41" in raw
        shown = json.loads(raw)
        role = shown if "summary" in shown else shown["roles"][0]
        assert role["name"] == BIDI
        assert role["summary"] == "C1 \x85 del \x7f tag \U000e0041"


def test_bytes_that_are_not_utf8_in_arguments_and_paths(tmp_path):
    name = os.fsencode(str(tmp_path)) + b"/\xff\xfe-ladder.json"
    with open(name, "wb") as handle:
        handle.write(EXAMPLE.read_bytes())
    # Arguments as Python makes them from bytes that are not UTF-8 (os.fsdecode: surrogateescape),
    # through the entry point's main() in this process.
    result = main_in_process(["validate", os.fsdecode(name), "--json"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["file"].endswith("/\ufffd\ufffd-ladder.json")
    result = main_in_process(["--data", os.fsdecode(name), "roles"])
    assert result.returncode == 0
    assert b"junior-de" in result.stdout
    result = main_in_process(["show", os.fsdecode(b"\xffrole"), "--json"])
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    err = result.stderr.decode("utf-8")
    # The byte arrives as a lone surrogate (surrogateescape) and is shown as U+FFFD, as the
    # README promises (issue 19, 16: it was shown as '\\udcff').
    assert err.startswith("aiml-career: error: unknown role or specialization '\ufffdrole'\n"), err
    assert "\\udcff" not in err
    result = main_in_process(["--data", os.fsdecode(b"/nowhere/\xff.json"), "roles", "--json"])
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    assert "/nowhere/\ufffd.json" in result.stderr.decode("utf-8")


# -- 5. skill includes cycles ------------------------------------------------------------


def test_an_includes_cycle_is_rejected_with_the_cycle_named(cli, tmp_path):
    data = example()
    skills = {s["id"]: s for s in data["skills"]}
    skills["sql"]["includes"] = ["python"]
    skills["python"]["includes"] = ["testing"]
    skills["testing"]["includes"] = ["sql"]
    path = write_json(tmp_path / "cycle.json", data)
    report = cli("validate", str(path), "--json").json()
    assert report["valid"] is False
    (problem,) = report["problems"]
    assert problem["message"] == "includes cycle: sql -> python -> testing -> sql"
    assert problem["path"].startswith("skills[")
    assert problem["line"] is not None
    result = cli("--data", str(path), "match", "--have", "sql")
    assert result.exit_code == 1
    assert "includes cycle" in result.stderr


def test_a_two_skill_includes_cycle_and_a_shared_part_is_fine(cli, tmp_path):
    data = example()
    skills = {s["id"]: s for s in data["skills"]}
    skills["sql"]["includes"] = ["python", "testing"]
    skills["python"]["includes"] = ["testing"]  # a diamond, not a cycle
    assert cli("validate", str(write_json(tmp_path / "ok.json", data))).exit_code == 0
    skills["testing"]["includes"] = ["python"]
    report = cli("validate", str(write_json(tmp_path / "two.json", data)), "--json").json()
    assert [p["message"] for p in report["problems"]] == ["includes cycle: python -> testing -> python"]


# -- 6. writes and streams ------------------------------------------------------------------


def shell(script: str, *args: str, limit: int | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """``script`` in bash with "$@" = the entry point and ``args``; ``limit``: a file-size limit in bytes."""
    import resource
    import signal

    def preexec() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(["bash", "-c", script, "_", *entry_point(), *args], capture_output=True,
                          env=child_env(env), timeout=60, preexec_fn=preexec)


WRITERS = [
    ["roles"], ["roles", "--json"], ["schema"], ["export", "--format", "markdown"],
    ["match", "--have", "python"], ["show", "ml-engineer", "--format", "mermaid"], ["--help"],
]


@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_a_full_disk_is_an_error_not_a_traceback(args):
    # stdout on /dev/full, through the entry point's main() in this process.
    with open("/dev/full", "wb") as full:
        result = main_in_process(args, stdout=full)
    err = result.stderr.decode()
    assert result.returncode == 1, err
    assert err == "aiml-career: error: cannot write the output: No space left on device\n"


@pytest.mark.parametrize("args", [["export", "--format", "markdown"], ["match", "--have", "python", "--json"],
                                  ["roles"], ["show", "mle"]], ids=" ".join)
def test_a_file_size_limit_is_an_error(tmp_path, args):
    out = tmp_path / "out"
    result = shell(f'"$@" > {out}', *args, limit=512)
    assert result.returncode == 1, result.stderr
    assert result.stderr.decode() == "aiml-career: error: cannot write the output: File too large\n"


def test_export_to_a_file_is_atomic_under_a_size_limit(tmp_path):
    (tmp_path / "out").mkdir()
    dest = tmp_path / "out" / "handbook.md"
    dest.write_text("the old handbook\n")
    result = shell(f'"$@" export --format markdown -o {dest}', limit=4096)
    assert result.returncode == 1
    assert result.stderr.decode() == f"aiml-career: error: cannot write {dest}: File too large\n"
    assert dest.read_text() == "the old handbook\n", "the old file is left whole"
    assert sorted(p.name for p in dest.parent.iterdir()) == ["handbook.md"], "no temporary file left"


def test_export_to_a_file_says_so_and_keeps_the_mode(tmp_path):
    dest = tmp_path / "ladder.mmd"
    dest.write_text("old")
    os.chmod(dest, 0o640)
    result = entry("export", "-o", str(dest))
    assert result.returncode == 0
    assert result.stdout == b""
    assert result.stderr.decode() == f"aiml-career: wrote {dest}\n"
    assert dest.read_text().startswith("flowchart")
    assert stat.S_IMODE(dest.stat().st_mode) == 0o640


def test_export_never_replaces_a_device(tmp_path):
    result = entry("export", "-o", "/dev/full")
    assert result.returncode == 1
    assert b"No space left on device" in result.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert entry("export", "-o", "/dev/null").returncode == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_export_dash_is_stdout():
    result = entry("export", "--format", "mermaid", "-o", "-")
    assert result.returncode == 0
    assert result.stdout.startswith(b"flowchart")
    assert result.stderr == b""


@pytest.mark.parametrize("args", [["roles"], ["show", "mle", "--json"], ["--help"], ["schema"]], ids=" ".join)
def test_a_closed_stdout_is_an_error_not_a_traceback(args):
    result = shell('"$@" >&-', *args)
    assert result.returncode == 1
    assert result.stderr.decode() == "aiml-career: error: cannot write the output: standard output is closed\n"


def test_a_closed_stdout_does_not_swallow_a_file(tmp_path):
    dest = tmp_path / "out.md"
    result = shell(f'"$@" export -o {dest} >&-')
    assert result.returncode == 0, result.stderr
    assert dest.read_text().startswith("# ")


@pytest.mark.parametrize(
    "args, code",
    [(["show", "nosuch"], 2), (["--no-such-option"], 2), (["path", "--from", "caio"], 2),
     (["--data", "/nowhere.json", "roles"], 1), (["roles"], 0)],
    ids=["unknown-role", "bad-option", "missing-option", "missing-file", "ok"],
)
@pytest.mark.slow
def test_exit_codes_do_not_depend_on_a_closed_stderr(args, code):
    assert shell('"$@" 2>&-', *args).returncode == code
    assert shell('"$@" 2>&- >&-', *args).returncode == (1 if code == 0 else code)


@pytest.mark.parametrize("columns, commands", [
    ("18446744073709551616", (["--help"], ["roles"], ["show", "mle"])),
    ("99999999", (["--help"], ["roles"])),
    ("-5", (["--help"],)), ("0", (["roles"],)), ("abc", (["--help"],)),
])
def test_absurd_columns_are_clamped(columns, commands):
    for args in commands:
        result = entry(*args, env={"COLUMNS": columns})
        assert result.returncode == 0, (args, result.stderr)
        assert b"Traceback" not in result.stderr


# -- 7. also -------------------------------------------------------------------------------


def test_a_rebuild_that_fails_falls_back_to_a_full_load(monkeypatch):
    load(EXAMPLE)

    def broken(raw):
        raise KeyError("anything")

    monkeypatch.setattr(cache, "construct", broken)
    assert load(EXAMPLE).roles["junior-de"].name == "Junior Data Engineer"


def test_a_killed_writers_temporary_profile_files_are_cleaned_up(cli, tmp_path):
    stale = tmp_path / ".profile.json.abc123.tmp"
    stale.write_text("half a profi")
    os.utime(stale, (1, 1))
    fresh = tmp_path / ".profile.json.def456.tmp"  # maybe another writer's, right now
    fresh.write_text("{")
    assert cli("profile", "add", "python").exit_code == 0
    assert not stale.exists()
    assert fresh.exists()


def test_a_failed_profile_write_leaves_no_temporary_file(cli, tmp_path, monkeypatch):
    def fail(fd, data):
        raise OSError(28, "No space left on device")

    assert cli("profile", "add", "python").exit_code == 0
    before = (tmp_path / "profile.json").read_bytes()
    monkeypatch.setattr("aiml_career.files.os.write", fail)
    result = cli("profile", "add", "sql")
    assert result.exit_code == 1
    assert "cannot write: No space left on device" in result.stderr
    assert (tmp_path / "profile.json").read_bytes() == before
    assert not list(tmp_path.glob(".profile.json.*.tmp"))


def test_no_unsafe_character_is_printable_so_printable_text_is_shown_as_it_is():
    """``sanitize`` returns printable text untouched without looking at each character: that
    holds only while every character it escapes is one Python calls unprintable."""
    from aiml_career.errors import UNSAFE_RANGES, sanitize

    unsafe = [chr(c) for lo, hi in UNSAFE_RANGES for c in range(lo, hi + 1)]
    assert not [c for c in unsafe if c.isprintable()]
    assert sanitize("Straße → Zürich · 漢字 ok") == "Straße → Zürich · 漢字 ok"
    assert sanitize("a\x1b[2Jb\u202ec\u200bd\x7f\ud800") == "a\\x1b[2Jb\\u202ec\\u200bd\\x7f\ufffd"
    assert all(sanitize(f"x{c}y") != f"x{c}y" for c in unsafe)
