"""The index of a big ladder kept between runs (ladder/store.py, ladder/stored.py).

The index answers every command exactly as the models do (a property over generated
ladders, every command's ``--json``); a ladder file edited, an index swapped, corrupted,
truncated, someone else's or writable by others, a full disk: each falls back to a full
load with the same answer; two first runs at once build one usable index; the built-in
ladder, standard input, ``validate``, ``export`` and ``AIML_CAREER_NO_CACHE`` never use it.
The size threshold is lowered here (:data:`store.MIN_BYTES`), so small ladders are indexed.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiml_career.ladder import loading, store
from aiml_career.ladder.stored import StoredLadder
from test_properties import SETTINGS, Files, dump, ladders

from conftest import BUILTIN, EXAMPLE, ROOT, cache_folder, child_env, entry_point, examples, in_process

NO_CACHE = {"AIML_CAREER_NO_CACHE": "1"}


@pytest.fixture
def files(tmp_path) -> Files:
    return Files(tmp_path)


@pytest.fixture(autouse=True)
def small_ladders_are_indexed():
    with mock.patch.object(store, "MIN_BYTES", 0):
        yield


def indexes() -> list[Path]:
    folder = cache_folder()
    return sorted(folder.glob("index-*.db")) if folder.is_dir() else []


def ask(*args: str, env: dict | None = None):
    return in_process(list(args), env=env)


def stored(path: Path) -> StoredLadder | None:
    """The ladder of ``path`` from its index, None when its index is not to be used."""
    return store.open_index(path.read_bytes(), cache_folder(), str(path))


def models_never_loaded():
    """Inside: loading the file's models fails the test (the answer must come from the index)."""
    def refused(*_):
        raise AssertionError("the file was validated: the index was not used")

    return mock.patch.object(loading, "_checked", refused)


# -- the index answers as the models do ------------------------------------------------------


def commands(doc: dict) -> list[list[str]]:
    """Every query command's --json, on names of ``doc``."""
    roles = [r["id"] for r in doc["roles"]]
    skills = [s["id"] for s in doc.get("skills", [])]
    first, last = roles[0], roles[-1]
    out = [
        # A name may begin with "-": given after "--", so it is never read as an option.
        ["show", first, "--json"], ["show", "--json", "--", doc["roles"][-1]["name"]],
        ["next", "--from", first, "--json"], ["roles", "--json"], ["tree", "--json"], ["stages", "--json"],
        ["skills", "--json"], ["specializations", "--json"], ["education", "--json"], ["resources", "--json"],
        ["similar", first, "--json"], ["search", "--json", "--", doc["roles"][0]["name"].split()[0]],
        ["export", "--format", "mermaid"], ["export", "--format", "markdown"],
        ["next", "--from", last, "--json"], ["map", "SELF", "--json"], ["roles"], ["tree"],
        ["skills"], ["stages"], ["specializations"],
    ]
    if len(roles) > 1:
        out += [["path", "--from", first, "--to", last, "--json"], ["plan", "--from", first, "--to", last, "--json"],
                ["compare", first, last, "--json"], ["path", "--to", last, "--have", ",".join(skills[:2]) or "x",
                                                      "--json"]]
        # From no role: routes start at the entry stage's roles, or at the roles the skills fully meet.
        have = ",".join(skills[:2]) or "x"
        out += [["plan", "--to", last, "--have", have, "--json"], ["path", "--to", last, "--have", have],
                ["plan", "--to", last, "--have", have]]
        if skills:
            expert = ",".join(f"{sid}:expert" for sid in skills)
            out += [["path", "--to", last, "--have", expert, "--json"], ["plan", "--to", last, "--have", expert,
                                                                         "--json"]]
    for sid in skills[:3]:
        out += [["skills", sid, "--json"], ["skills", sid, "--unlocks", "--json"],
                ["match", "--have", f"{sid}:advanced", "--json"], ["search", sid, "--json"]]
    if skills:
        out.append(["match", "--have", ",".join(skills), "--from", first, "--json"])
        # From no role: every entry role (or the roles the skills fully meet), as JSON and as lines.
        out += [["next", "--have", ",".join(skills[:2]), "--json"], ["next", "--have", f"{skills[0]}:expert"],
                ["next", "--have", ",".join(f"{sid}:expert" for sid in skills), "--json"]]
    out += [["similar", first], ["map", "SELF"]]
    for spec in doc.get("specializations", [])[:1]:
        out.append(["show", spec["id"], "--json"])
    return out


@settings(max_examples=examples(40), **SETTINGS)
@given(doc=ladders(max_roles=6, max_skills=8), seed=st.integers(0, 3))
def test_the_index_answers_every_command_as_the_models_do(files, doc, seed):
    path = files.write(dump(doc))
    data = ["--data", str(path)]
    asked = [[str(path) if arg == "SELF" else arg for arg in args] for args in commands(doc)]
    expected = [ask(*data, *args, env=NO_CACHE) for args in asked]  # from the models
    ask(*data, *asked[seed % len(asked)])  # the first run builds the index
    ladder = stored(path)
    assert ladder is not None
    models = loading.load(path, models=True)
    assert [ladder.roles[rid] for rid in ladder.roles] == list(models.roles.values())
    assert list(ladder.skills.values()) == list(models.skills.values())
    with models_never_loaded():
        for args, wanted in zip(asked, expected):
            if args[0] == "export":
                continue  # export writes the document: it always loads the models
            got = ask(*data, *args)
            assert (got.exit_code, got.stdout, got.stderr) == (wanted.exit_code, wanted.stdout, wanted.stderr), args


def test_the_stored_ladder_holds_what_the_models_hold():
    models = loading.load(EXAMPLE, cache=cache_folder())
    ladder = stored(EXAMPLE)
    assert ladder is not None
    assert list(ladder.roles) == list(models.roles)
    assert [ladder.roles[r] for r in ladder.roles] == list(models.roles.values())
    assert list(ladder.skills.values()) == list(models.skills.values())
    assert [tuple(h) for h in ladder.heads] == [
        (r.id, r.name, tuple(r.aliases), r.stage, r.track, r.summary, tuple(r.responsibilities))
        for r in models.roles.values()]
    for role in models.roles.values():
        assert ladder.units(role) == models.units(role), "a role of the other ladder: from its model"
        assert ladder.units(ladder.roles[role.id]) == models.units(role)
        assert list(ladder.moves(role.id)) == list(role.next)
        # One role's moves read alone (the first ones asked for), then from every role's:
        assert list(ladder.move_refs_of(role.id)) == [(m.to, m.kind, m.basis) for m in role.next]
        assert list(models.move_refs_of(role.id)) == [(m.to, m.kind, m.basis) for m in role.next]
        assert ladder.leads_in(role.id) == models.leads_in(role.id)
    named = {s for s in models.skills}
    assert [r.id for r in ladder.roles_naming(named)] == [r.id for r in models.roles_naming(named)]
    assert ladder.open_broad_skills == models.open_broad_skills
    assert (ladder.stages, ladder.tracks, ladder.categories) == (models.stages, models.tracks, models.categories)
    assert (ladder.specializations, ladder.resources, ladder.education) == (
        models.specializations, models.resources, models.education)
    assert (ladder.title, ladder.intro, ladder.conclusion) == (models.title, models.intro, models.conclusion)
    assert ladder.text_source == models.text_source
    assert ladder.linked == models.linked
    assert ladder.naming_counts == models.naming_counts
    assert ladder.move_refs == models.move_refs
    assert {k: list(v) for k, v in ladder.skill_includes.items()} == models.skill_includes
    wanted = list(models.skills)[::2]
    assert {sid: [tuple(link) for link in links] for sid, links in ladder.learn_links(wanted).items()} == {
        sid: [(link.title, link.url, link.basis) for link in models.skills[sid].learn] for sid in wanted}
    assert [tuple(h) for h in ladder.skill_heads.values()] == [
        (s.id, s.name, tuple(s.aliases), s.category, s.description) for s in models.skills.values()]
    # Every role's rows as numbers into the distinct rows, as the models number them, and each
    # number the row it stands for (its wording left out):
    distinct, table = ladder.row_table
    expected = models.row_table[0]
    # Each made when it is first read (backwards here, every other one), then all at once:
    assert len(distinct) == len(expected)
    assert [distinct[n] for n in reversed(range(0, len(distinct), 2))] == expected[::2][::-1]
    assert distinct[1:4] == expected[1:4]
    assert (list(distinct), [(h.id, list(n)) for h, n in table]) == (
        expected, [(h.id, list(n)) for h, n in models.row_table[1]])
    for role, numbers in table:
        assert [distinct[n] for n in numbers] == [
            u._replace(wording="", level_word=None) for u in models.units(models.roles[role.id])]


# -- an index that is not to be trusted is never used ---------------------------------------


def _built(path: Path = EXAMPLE) -> Path:
    before = set(indexes())
    ask("--data", str(path), "roles", "--json")
    (index,) = set(indexes()) - before
    return index


def _falls_back(path: Path = EXAMPLE) -> None:
    """The index of ``path`` is refused, the answer is the models', and the index is built again."""
    assert stored(path) is None
    expected = ask("--data", str(path), "show", "data-engineer", "--json", env=NO_CACHE)
    got = ask("--data", str(path), "show", "data-engineer", "--json")
    assert (got.exit_code, got.stdout) == (expected.exit_code, expected.stdout)
    assert got.exit_code == 0
    assert stored(path) is not None, "built again"


def test_an_edited_ladder_is_not_answered_from_the_old_index(files):
    _built()
    doc = json.loads(EXAMPLE.read_text())
    doc["roles"][0]["name"] = "Renamed Role"
    edited = files.write(dump(doc))
    assert stored(edited) is None
    got = ask("--data", str(edited), "show", doc["roles"][0]["id"], "--json").json()
    assert got["name"] == "Renamed Role"
    assert len(indexes()) == 2, "each content its own index"


@pytest.mark.parametrize("damage", ["flipped", "truncated", "empty", "header only", "hand-edited"])
def test_a_damaged_index_is_never_used(damage):
    index = _built()
    data = bytearray(index.read_bytes())
    body = len(store.MAGIC) + store.MAC_SIZE
    if damage == "flipped":
        data[len(data) // 2] ^= 1
    elif damage == "truncated":
        del data[len(data) * 2 // 3:]
    elif damage == "empty":
        data = bytearray()
    elif damage == "header only":
        del data[body:]
    else:  # a valid database with a role renamed, and the old MAC
        import sqlite3

        con = sqlite3.connect(":memory:")
        con.deserialize(bytes(data[body:]))
        con.execute("UPDATE roles SET name = 'Planted'")
        con.commit()
        data[body:] = con.serialize()
    index.write_bytes(bytes(data))
    _falls_back()


def test_another_ladders_index_swapped_in_is_never_used():
    first = _built()
    other = _built(BUILTIN)  # the built-in ladder, indexed here as the threshold is lowered
    assert first != other
    first.write_bytes(other.read_bytes())
    _falls_back()


@pytest.mark.parametrize("how", ["another user's", "group-writable", "others-writable", "a link", "a folder"])
def test_an_index_that_is_not_ours_alone_is_never_used(how, tmp_path):
    index = _built()
    if how == "another user's":
        if os.geteuid() == 0:
            os.chown(index, 12345, -1)
        else:  # not root: this process takes itself for someone else
            mock.patch("aiml_career.ladder.cache.os.geteuid", return_value=os.geteuid() + 1).start()
    elif how == "group-writable":
        os.chmod(index, 0o620)
    elif how == "others-writable":
        os.chmod(index, 0o602)
    elif how == "a link":
        target = tmp_path / "elsewhere.db"
        index.rename(target)
        index.symlink_to(target)
    else:
        index.unlink()
        index.mkdir()
    try:
        assert stored(EXAMPLE) is None
        expected = ask("--data", str(EXAMPLE), "roles", "--json", env=NO_CACHE)
        assert ask("--data", str(EXAMPLE), "roles", "--json").stdout == expected.stdout
    finally:
        mock.patch.stopall()


@pytest.mark.parametrize("how", ["another user's", "group-writable", "others-writable", "a link"])
def test_an_index_that_is_not_ours_alone_is_replaced_by_ours(how, tmp_path):
    """Found where the index goes, a file others may write, or a link (to a file of anyone's):
    the next build replaces the entry with a 0600 file of ours and never writes through a link
    (a link to /etc/passwd, run as root, must not become the index)."""
    index = _built()
    victim = tmp_path / "victim"
    victim.write_bytes(b"important data")
    if how == "another user's":
        if os.geteuid() != 0:
            pytest.skip("needs root to give a file away")
        os.chown(index, 12345, -1)
    elif how == "group-writable":
        os.chmod(index, 0o620)
    elif how == "others-writable":
        os.chmod(index, 0o602)
    else:
        index.unlink()
        index.symlink_to(victim)
    ask("--data", str(EXAMPLE), "roles", "--json")
    assert victim.read_bytes() == b"important data"
    st = index.lstat()
    assert stat.S_ISREG(st.st_mode)
    assert stat.S_IMODE(st.st_mode) == 0o600
    assert st.st_uid == os.geteuid()
    assert stored(EXAMPLE) is not None, "ours again: used from the next run on"


def test_a_link_where_a_marker_goes_is_replaced_never_written_through(tmp_path):
    victim = tmp_path / "victim"
    victim.write_bytes(b"important data")
    ask("--data", str(EXAMPLE), "roles", "--json")
    (marker,) = cache_folder().glob("ladder-*.ok")
    marker.unlink()
    marker.symlink_to(victim)
    with mock.patch.object(store, "MIN_BYTES", 1 << 40):  # no index: the marker is what is read
        ask("--data", str(EXAMPLE), "roles", "--json")
    assert victim.read_bytes() == b"important data"
    assert stat.S_ISREG(marker.lstat().st_mode)
    assert stat.S_IMODE(marker.lstat().st_mode) == 0o600


def test_a_temporary_file_a_killed_build_left_is_removed(files):
    _built()
    left = cache_folder() / ".index-0123.db.abcd1234.tmp"
    left.write_bytes(b"half an index")
    os.utime(left, (1, 1))  # long ago
    doc = json.loads(EXAMPLE.read_text())
    doc["roles"][0]["name"] = "Another Content"
    path = files.write(dump(doc))
    ask("--data", str(path), "roles", "--json")  # another content: another index is written
    assert not left.exists()


def test_a_full_disk_never_fails_the_command():
    def full(*_, **__):
        raise OSError(errno.ENOSPC, "No space left on device")

    expected = ask("--data", str(EXAMPLE), "roles", "--json", env=NO_CACHE)
    with mock.patch("aiml_career.writes.write_atomic", full):
        got = ask("--data", str(EXAMPLE), "roles", "--json")
    assert (got.exit_code, got.stdout, got.stderr) == (0, expected.stdout, "")
    assert indexes() == []


def test_a_database_error_while_building_never_fails_the_command():
    def broken(_):
        raise MemoryError

    with mock.patch("aiml_career.ladder.tables.database", broken):
        got = ask("--data", str(EXAMPLE), "roles", "--json")
    assert got.exit_code == 0
    assert got.stdout
    assert indexes() == []


# -- when the index is not used at all ---------------------------------------------------------


def test_a_folder_where_the_index_goes_is_never_built_over():
    """A folder no build could replace: no build is started at all (each would cost seconds and
    hundreds of MB, every run, for nothing); the answer is the full load's."""
    index = _built()
    index.unlink()
    index.mkdir()
    built = []
    expected = ask("--data", str(EXAMPLE), "roles", "--json", env=NO_CACHE)
    with mock.patch("aiml_career.ladder.tables.database", lambda ladder: built.append(ladder) or b""):
        for _ in range(2):
            got = ask("--data", str(EXAMPLE), "roles", "--json")
            assert (got.exit_code, got.stdout, got.stderr) == (0, expected.stdout, "")
    assert built == []
    assert index.is_dir()


def test_no_cache_no_index():
    ask("--data", str(EXAMPLE), "roles", "--json", env=NO_CACHE)
    assert indexes() == []


def test_small_files_load_their_models():
    with mock.patch.object(store, "MIN_BYTES", 4_000_000):
        ask("--data", str(EXAMPLE), "roles", "--json")
        ask("roles", "--json")
    assert indexes() == []


def test_standard_input_validate_and_export_use_the_models():
    _built()

    def refused(*_):
        raise AssertionError("the index was asked")

    with mock.patch.object(store, "open_index", refused):
        assert ask("--data", str(EXAMPLE), "validate", str(EXAMPLE), "--json").json()["valid"]
        assert json.loads(ask("--data", str(EXAMPLE), "export", "--format", "json").stdout)["roles"]
        assert in_process(["--data", "-", "roles", "--json"], input=EXAMPLE.read_bytes()).json()
    assert len(indexes()) == 1, "nor is one built"


def test_old_indexes_are_pruned(files):
    with mock.patch.object(store, "KEEP", 2):
        for n in range(4):
            doc = json.loads(EXAMPLE.read_text())
            doc["title"] = f"Ladder {n}"
            ask("--data", str(files.write(dump(doc))), "stages", "--json")
            time.sleep(0.01)  # each a later time
    kept = indexes()
    assert len(kept) == 2
    with mock.patch.object(store, "BUDGET", 1):  # over the budget: the newest alone is kept
        ask("--data", str(EXAMPLE), "stages", "--json")
    assert len(indexes()) == 1


# -- two first runs at once ----------------------------------------------------------------------


def test_two_first_runs_at_once_build_one_usable_index(tmp_path):
    """Two processes of the entry point, on a ladder over the real threshold: each answers, each
    builds the index after its answer (in a child of its own), and the one kept is whole."""
    big = tmp_path / "big.json"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--roles", "1000", "--rows", "15-20",
                    "-o", str(big)], check=True, capture_output=True)
    assert big.stat().st_size >= 4_000_000
    role = json.loads(big.read_text())["roles"][350]["id"]
    command = [*entry_point(), "--data", str(big), "show", role, "--json"]
    children = [subprocess.Popen(command, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                for _ in range(2)]
    answers = [child.communicate(timeout=120) for child in children]
    assert [child.returncode for child in children] == [0, 0], answers
    assert answers[0] == answers[1]
    deadline = time.monotonic() + 120
    while not indexes() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)  # the other child's rename, if it is still writing
    assert len(indexes()) == 1
    with mock.patch.object(store, "MIN_BYTES", 4_000_000):
        assert stored(big) is not None
        with models_never_loaded():
            again = ask("--data", str(big), "show", role, "--json")
    assert again.stdout.encode() == answers[0][0]


def test_the_build_after_the_answer_runs_in_a_session_of_its_own(tmp_path):
    """A terminal closed, or the command's process group ended right after its answer (`script`,
    a job runner, `timeout` kill the group): the child building the index is in a session of its
    own, so neither ends it."""
    seen = tmp_path / "session"

    def build(*_args):
        (tmp_path / "writing").write_text(f"{os.getsid(0)} {os.getpgrp()}")
        (tmp_path / "writing").rename(seen)

    ladder = loading.load(EXAMPLE, models=True)
    with mock.patch.object(store, "MIN_BYTES", 0), mock.patch.object(store, "_build", build):
        store.build(ladder, EXAMPLE.read_bytes(), cache_folder(), background=True)
    deadline = time.monotonic() + 30
    while not seen.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    session, group = map(int, seen.read_text().split())
    assert session != os.getsid(0)
    assert group != os.getpgrp()


# -- one build at a time ---------------------------------------------------------------------------


def _cache_ready() -> None:
    """The cache folder and its secret, as a first run leaves them, and nothing else."""
    from aiml_career.ladder import cache

    folder = cache.folder_of(cache_folder(), create=True)
    assert folder is not None
    assert cache.secret_of(folder, create=True)


def _hold_the_claim():
    """The build's lock file in the cache folder, opened and locked as a build under way holds it."""
    import fcntl

    _cache_ready()
    fd = os.open(cache_folder() / store.LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def test_a_run_that_finds_a_build_under_way_builds_nothing():
    for index in indexes():
        index.unlink()
    fd = _hold_the_claim()
    expected = ask("--data", str(EXAMPLE), "roles", "--json", env=NO_CACHE)
    try:
        got = ask("--data", str(EXAMPLE), "roles", "--json")
        assert (got.exit_code, got.stdout, got.stderr) == (0, expected.stdout, "")
        assert indexes() == [], "another build holds the claim"
    finally:
        os.close(fd)  # that build ends
    ask("--data", str(EXAMPLE), "roles", "--json")
    assert stored(EXAMPLE) is not None, "the next run builds it"


def test_a_build_that_failed_is_not_tried_again_for_an_hour():
    """A build that fails (a full disk) leaves a marker: the runs after it answer from the full
    load without trying again, until the marker is an hour old; then the build is tried again."""
    ladder = loading.load(EXAMPLE, models=True)
    raw = EXAMPLE.read_bytes()
    tries = []

    def full_disk(_ladder):
        tries.append(1)
        raise OSError(errno.ENOSPC, "No space left on device")

    with mock.patch("aiml_career.ladder.tables.database", full_disk):
        store.build(ladder, raw, cache_folder())
        store.build(ladder, raw, cache_folder())
        assert ask("--data", str(EXAMPLE), "roles", "--json").exit_code == 0  # answered from the full load
    assert (tries, indexes()) == ([1], [])
    (marker,) = cache_folder().glob("failed-*")
    assert stat.S_IMODE(marker.stat().st_mode) == 0o600
    hour_ago = time.time() - store.RETRY_SECONDS - 1
    os.utime(marker, (hour_ago, hour_ago))
    store.build(ladder, raw, cache_folder())
    assert len(indexes()) == 1


def test_no_build_is_tried_in_a_cache_folder_that_cannot_be_written():
    """A cache folder made read-only (its secret readable): no build is started, which would
    fail on every run without leaving the marker that stops the next; the run answers."""
    ladder = loading.load(EXAMPLE, models=True)
    raw = EXAMPLE.read_bytes()
    _cache_ready()
    folder = cache_folder()
    tries = []
    real_access = os.access

    def read_only(path, mode, *args, **kwargs):
        return False if Path(path) == folder and mode & os.W_OK else real_access(path, mode, *args, **kwargs)

    with mock.patch("aiml_career.ladder.tables.database", lambda ladder: tries.append(1) or b""), \
            mock.patch.object(os, "access", read_only):
        store.build(ladder, raw, folder)
        assert ask("--data", str(EXAMPLE), "roles", "--json").exit_code == 0
    assert (tries, indexes()) == ([], [])


def test_an_index_built_since_the_run_looked_is_not_built_again():
    ladder = loading.load(EXAMPLE, models=True)
    raw = EXAMPLE.read_bytes()
    store.build(ladder, raw, cache_folder())
    (index,) = indexes()
    before = index.stat().st_ino
    built = []
    with mock.patch("aiml_career.ladder.tables.database", lambda ladder: built.append(ladder) or b""):
        store.build(ladder, raw, cache_folder())
    assert built == []
    assert index.stat().st_ino == before


def test_a_killed_builders_claim_does_not_block_the_next_build():
    """The claim is the kernel's lock: a builder killed with SIGKILL leaves the lock file, not
    the lock."""
    _cache_ready()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600);"
         "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(600)",
         str(cache_folder() / store.LOCK)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        ask("--data", str(EXAMPLE), "roles", "--json")
        assert stored(EXAMPLE) is None, "held: no build"
    finally:
        holder.kill()
        holder.wait()
    ask("--data", str(EXAMPLE), "roles", "--json")
    assert stored(EXAMPLE) is not None
    assert (cache_folder() / store.LOCK).is_file()


@pytest.mark.parametrize("how", ["a link", "a FIFO", "others-writable", "a folder"])
def test_a_lock_file_that_is_not_ours_alone_is_never_followed(how, tmp_path):
    """Where the lock goes: a link (to a file of anyone's) or a FIFO is replaced by a 0600 file of
    ours, never opened through, never waited on; a folder means no build. The answer is the same."""
    _cache_ready()
    lock = cache_folder() / store.LOCK
    victim = tmp_path / "victim"
    victim.write_bytes(b"important data")
    os.chmod(victim, 0o600)
    if how == "a link":
        lock.symlink_to(victim)
    elif how == "a FIFO":
        os.mkfifo(lock)
    elif how == "others-writable":
        lock.write_bytes(b"")
        os.chmod(lock, 0o666)
    else:
        lock.mkdir()
    expected = ask("--data", str(EXAMPLE), "roles", "--json", env=NO_CACHE)
    got = ask("--data", str(EXAMPLE), "roles", "--json")
    assert (got.exit_code, got.stdout, got.stderr) == (0, expected.stdout, "")
    assert victim.read_bytes() == b"important data"
    if how == "a folder":
        assert stored(EXAMPLE) is None
        assert lock.is_dir()
    else:
        assert stored(EXAMPLE) is not None
        assert stat.S_ISREG(lock.lstat().st_mode)
        assert stat.S_IMODE(lock.lstat().st_mode) == 0o600


def test_building_an_index_prunes_the_validity_markers_too():
    """Markers are pruned whenever the cache is written, an index as well as a marker: the
    least recently used go first."""
    from aiml_career.ladder import cache

    folder = cache.folder_of(cache_folder(), create=True)
    assert folder is not None
    made = [folder / f"ladder-{n:040x}.ok" for n in range(5)]
    for n, marker in enumerate(made):
        marker.write_bytes(b"")
        os.utime(marker, (1000 + n, 1000 + n))
    with mock.patch.object(cache, "KEEP", 3):
        store.build(loading.load(EXAMPLE, models=True), EXAMPLE.read_bytes(), folder)
    assert len(indexes()) == 1
    assert sorted(folder.glob("ladder-*.ok")) == made[2:]


def test_an_index_too_big_to_be_read_back_is_not_written():
    """Past the size an index is read to (a ladder file of about 1.7 GB, read under a raised
    $AIML_CAREER_MAX_BYTES), none is kept: it could never be used."""
    with mock.patch.object(store, "MAX_INDEX_BYTES", 1000):
        got = ask("--data", str(EXAMPLE), "roles", "--json")
    assert got.exit_code == 0
    assert indexes() == []
