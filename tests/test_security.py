"""Issue 10: safe in a hostile environment.

No code from the cache, bounded reads of regular files only, error reports
that do not scale with the attacker, no forged lines or raw control characters
on the terminal, honest writes and clean streams. Stream, file and exit-code
behaviour runs the installed entry point; the rest runs in-process.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from aiml_career import cache
from aiml_career.errors import DataError
from aiml_career.ladder import load
from conftest import BUILTIN, EXAMPLE, entry_point


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def markers() -> list[Path]:
    folder = cache.cache_dir()
    return sorted(folder.glob("ladder-*.ok")) if folder.exists() else []


# -- 1. the cache holds no code, and nothing planted in it is believed -----------------


def test_the_cache_module_has_no_pickle():
    source = Path(cache.__file__).read_text(encoding="utf-8")
    assert "import pickle" not in source and "marshal" not in source


def test_the_cache_folder_is_private_and_holds_only_empty_markers():
    load(EXAMPLE)
    folder = cache.cache_dir()
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
        cache._marker(cache.cache_dir(), secret, raw).touch()
    with pytest.raises(DataError):
        load(path)


def test_a_marker_made_with_the_real_secret_is_the_only_one_believed(tmp_path, monkeypatch):
    """The check is on the marker's name alone: the contents are never read."""
    load(EXAMPLE)
    raw = EXAMPLE.read_bytes()
    assert cache.validated(raw)
    calls = []
    monkeypatch.setattr("aiml_career.ladder.parse", lambda *a: calls.append(a))
    assert load(EXAMPLE).roles["junior-de"].name == "Junior Data Engineer"
    assert calls == []


@pytest.mark.parametrize("source", [BUILTIN, EXAMPLE], ids=["builtin", "example"])
def test_a_ladder_rebuilt_from_the_cache_equals_the_validated_one(source):
    from aiml_career.ladder import _strip_bom, parse

    raw = _strip_bom(source.read_bytes())
    validated, rebuilt = parse(raw, "x"), cache.construct(raw)
    assert rebuilt == validated
    assert rebuilt.model_dump(exclude_unset=True) == validated.model_dump(exclude_unset=True)
    assert rebuilt.model_dump(by_alias=True) == validated.model_dump(by_alias=True)


def _first_load_then(change) -> None:
    load(EXAMPLE)
    assert markers()
    change(cache.cache_dir())


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
    assert not cache.validated(EXAMPLE.read_bytes())
    calls = []
    real = __import__("aiml_career.ladder", fromlist=["parse"]).parse
    monkeypatch.setattr("aiml_career.ladder.parse", lambda *a: calls.append(a) or real(*a))
    assert load(EXAMPLE).roles
    assert calls, "the file is validated in full"


def test_a_marker_owned_by_another_user_is_ignored():
    load(EXAMPLE)
    (marker,) = markers()
    os.chown(marker, 12345, -1)
    assert not cache.validated(EXAMPLE.read_bytes())
    os.chown(marker, os.geteuid(), -1)
    os.chmod(marker, 0o666)
    assert not cache.validated(EXAMPLE.read_bytes())


def test_nothing_is_written_into_a_folder_of_another_user(tmp_path):
    folder = cache.cache_dir()
    folder.mkdir(parents=True)
    os.chown(folder, 12345, -1)
    load(EXAMPLE)
    assert list(folder.iterdir()) == []


def test_special_files_in_the_cache_are_never_opened():
    load(EXAMPLE)
    (marker,) = markers()
    secret = cache.cache_dir() / cache.SECRET
    secret_bytes = secret.read_bytes()
    marker.unlink()
    os.mkfifo(marker)  # would block forever if opened for reading
    assert not cache.validated(EXAMPLE.read_bytes())
    secret.unlink()
    os.mkfifo(secret)
    assert cache._read_secret(cache.cache_dir()) is None
    secret.unlink()
    target = cache.cache_dir().parent / "elsewhere"
    target.write_bytes(secret_bytes)
    os.chmod(target, 0o600)
    secret.symlink_to(target)
    assert cache._read_secret(cache.cache_dir()) is None, "a symbolic link is not followed"
    assert load(EXAMPLE).roles


def test_stale_temporary_files_are_removed(tmp_path):
    load(EXAMPLE)
    stale = cache.cache_dir() / ".ladder-x.ok.abc.tmp"
    stale.write_bytes(b"")
    os.utime(stale, (1, 1))
    fresh = cache.cache_dir() / ".ladder-y.ok.def.tmp"
    fresh.write_bytes(b"")
    path = write_json(tmp_path / "other.json", {**example(), "title": "Other"})
    load(path)
    assert not stale.exists() and fresh.exists()
