"""A big ladder's index found by the file's status, without reading the file (store.open_seen).

Once a run opens a file's index by its bytes, it records the file's status (device, inode,
size, mtime, ctime) with the key of those bytes; a later run whose file has that very status
opens the index without reading the file. Any change of the file (an edit that keeps its size
and sets its mtime back, a file put in its place) changes the status, and the file is read; a
record changed by hand or a file changed too lately to tell is never trusted.
The size threshold is lowered here (:data:`store.MIN_BYTES`), so small ladders are indexed.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest

from aiml_career import files
from aiml_career.ladder import cache, store

from conftest import EXAMPLE, cache_folder, in_process

NO_CACHE = {"AIML_CAREER_NO_CACHE": "1"}
pytestmark = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names open files by /proc")


@pytest.fixture(autouse=True)
def small_ladders_are_indexed():
    with mock.patch.object(store, "MIN_BYTES", 0):
        yield


@pytest.fixture
def ladder(tmp_path) -> Path:
    """A copy of the example ladder, changed long enough ago to be recorded."""
    path = tmp_path / "ladder.json"
    shutil.copyfile(EXAMPLE, path)
    return path


@pytest.fixture
def old_enough():
    """Every change counts as old enough to be recorded (a test cannot age a file's ctime)."""
    with mock.patch.object(store, "RACY_NS", 0):
        yield


def ask(*args: str, env: dict | None = None):
    return in_process(list(args), env=env)


def records() -> list[Path]:
    return sorted(cache_folder().glob("seen-*"))


@contextmanager
def reads() -> Iterator[list[str]]:
    """Inside: the names of the files read in full (the ladder, an index, the secret)."""
    read: list[str] = []
    real = files._read_bounded

    def spy(fd: int, *args):
        read.append(Path(os.readlink(f"/proc/self/fd/{fd}")).name)
        return real(fd, *args)

    with mock.patch.object(files, "_read_bounded", spy):
        yield read


def show(path: Path, role: str = "data-engineer", env: dict | None = None) -> dict:
    got = ask("--data", str(path), "show", role, "--json", env=env)
    assert got.exit_code == 0, got.stderr
    return got.json()


def warm(path: Path) -> None:
    """Build the index of ``path``, then open it once by its bytes: its status recorded."""
    ask("--data", str(path), "roles", "--json")
    ask("--data", str(path), "roles", "--json")


def test_a_file_seen_before_is_answered_from_its_index_without_reading_it(ladder, old_enough):
    warm(ladder)
    assert len(records()) == 1
    expected = show(ladder, env=NO_CACHE)
    with reads() as read:
        assert show(ladder) == expected
    assert ladder.name not in read, "the ladder file is not read"
    assert any(name.startswith("index-") for name in read)


def test_an_edit_that_keeps_the_size_and_sets_the_mtime_back_is_read(ladder, old_enough):
    warm(ladder)
    before = ladder.stat()
    text = ladder.read_text()
    edited = text.replace('"Data Engineer"', '"Data Engineeq"', 1)
    assert edited != text
    assert len(edited) == len(text)
    ladder.write_text(edited)
    os.utime(ladder, ns=(before.st_atime_ns, before.st_mtime_ns))  # the ctime changes all the same
    assert (ladder.stat().st_size, ladder.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert show(ladder)["name"] == "Data Engineeq"


def test_a_file_put_in_its_place_is_read(ladder, old_enough, tmp_path):
    warm(ladder)
    doc = json.loads(ladder.read_text())
    doc["roles"][0]["name"] = "Moved In"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(doc))
    other.replace(ladder)  # a new inode where the file was
    assert show(ladder, doc["roles"][0]["id"])["name"] == "Moved In"


@pytest.mark.parametrize("damage", ["flipped", "truncated", "another file's"])
def test_a_record_that_is_not_what_a_run_wrote_is_never_used(ladder, old_enough, tmp_path, damage):
    other = tmp_path / "other.json"
    shutil.copyfile(EXAMPLE, other)
    warm(other)
    warm(ladder)
    (mine,) = set(records()) - {store._seen_path(cache_folder(), _secret(), other.stat())}
    data = bytearray(mine.read_bytes())
    if damage == "flipped":
        data[len(store.SEEN_MAGIC) + 3] ^= 1
    elif damage == "truncated":
        del data[len(data) // 2:]
    else:  # the other file's record, under this file's name: its status is not this file's
        data = bytearray(store._seen_path(cache_folder(), _secret(), other.stat()).read_bytes())
    mine.write_bytes(bytes(data))
    expected = show(ladder, env=NO_CACHE)
    with reads() as read:
        assert show(ladder) == expected
    assert ladder.name in read, "the ladder file is read"


def test_a_record_made_under_other_code_is_never_used(ladder, old_enough):
    """Another version's record names the index of the bytes under that version's code."""
    warm(ladder)
    expected = show(ladder, env=NO_CACHE)
    with mock.patch.object(cache, "code_digest", return_value=b"another version"), reads() as read:
        assert show(ladder) == expected
    assert ladder.name in read, "the ladder file is read"


def test_a_record_pointing_at_a_damaged_index_falls_back_to_the_file(ladder, old_enough):
    warm(ladder)
    (index,) = cache_folder().glob("index-*.db")
    data = bytearray(index.read_bytes())
    data[len(data) // 2] ^= 1
    index.write_bytes(bytes(data))
    assert show(ladder) == show(ladder, env=NO_CACHE)


def test_a_file_changed_just_now_is_not_recorded(ladder):
    os.utime(ladder)  # its change: now
    # "Just now" made an hour wide: on a loaded machine the runs could take longer than the 2 s.
    with mock.patch.object(store, "RACY_NS", 3600 * 10**9):
        warm(ladder)
    assert records() == [], "two writes within one tick of the clock could leave the same status"


def test_records_are_kept_within_bounds(tmp_path, old_enough):
    with mock.patch.object(cache, "KEEP", 2):
        for n in range(4):
            path = tmp_path / f"ladder-{n}.json"
            shutil.copyfile(EXAMPLE, path)
            warm(path)
    assert len(records()) == 2


def _secret() -> bytes:
    secret = cache.secret_of(cache_folder(), create=False)
    assert secret
    return secret
