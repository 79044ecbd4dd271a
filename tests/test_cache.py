"""The record of validated ladders: keyed on content, never required, never trusted over the file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from aiml_career.errors import DataError
from aiml_career.ladder import cache

from conftest import EXAMPLE, cache_folder, test_env
from conftest import cached_load as load


def entries():
    folder = cache_folder()
    return sorted(folder.glob("ladder-*.ok")) if folder.exists() else []


def test_a_load_fills_the_cache_and_the_next_load_uses_it(tmp_path, monkeypatch):
    first = load(EXAMPLE)
    assert len(entries()) == 1
    calls = []
    monkeypatch.setattr("aiml_career.ladder.loading.parse", lambda *a: calls.append(a))
    second = load(EXAMPLE)
    assert calls == [], "a cached ladder is not parsed again"
    assert second.doc == first.doc
    assert second.source == str(EXAMPLE)


def test_changed_content_is_a_new_key(tmp_path):
    path = tmp_path / "ladder.json"
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data), encoding="utf-8")
    load(path)
    data["roles"][0]["name"] = "Apprentice Data Engineer"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load(path).roles["junior-de"].name == "Apprentice Data Engineer"
    assert len(entries()) == 2


def test_a_cache_entry_is_never_read():
    load(EXAMPLE)
    (entry,) = entries()
    entry.write_bytes(b"anything at all")
    assert load(EXAMPLE).roles["junior-de"].name == "Junior Data Engineer"


def test_an_invalid_ladder_is_never_cached(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"title": "x", "stages": [], "roles": []}', encoding="utf-8")
    with pytest.raises(DataError):
        load(path)
    assert entries() == []


def test_the_cache_can_be_turned_off():
    env = test_env({"AIML_CAREER_NO_CACHE": "1"})
    assert env.ladder_cache is None
    assert env.cache_dir == cache_folder()
    from aiml_career.ladder.loading import load as plain_load

    plain_load(EXAMPLE, cache=env.ladder_cache)
    assert entries() == []


def test_an_unwritable_cache_is_ignored(tmp_path):
    from aiml_career.ladder.loading import load as plain_load

    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    env = test_env({"XDG_CACHE_HOME": str(blocker)})
    assert plain_load(EXAMPLE, cache=env.ladder_cache).roles  # still loads


def test_large_files_skip_the_checks_but_not_the_shape(monkeypatch):
    monkeypatch.setattr(cache, "MAX_CONSTRUCTED_BYTES", 100)
    first = load(EXAMPLE)
    assert len(entries()) == 1
    checked, built = [], []
    monkeypatch.setattr("aiml_career.ladder.diagnostics.check", lambda *a: checked.append(a))
    monkeypatch.setattr(cache, "construct", lambda raw: built.append(raw))
    again = load(EXAMPLE)
    assert checked == []
    assert built == []
    assert again.doc == first.doc


@pytest.mark.parametrize("module", cache.VALIDITY_MODULES)
def test_the_key_changes_with_the_validation_code(module, monkeypatch):
    raw = EXAMPLE.read_bytes()
    folder, secret = cache_folder(), b"k" * 32
    before = cache._marker(folder, secret, raw)
    real = Path.read_bytes

    def edited(path):
        text = real(path)
        return text + b"# edited" if path.as_posix().endswith(f"aiml_career/{module}.py") else text

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert cache._marker(folder, secret, raw) != before
    monkeypatch.setattr(Path, "read_bytes", real)
    assert cache._marker(folder, secret, raw) == before


def _imports(module: str) -> set[str]:
    """The package's modules that ``module`` (a path in the package, such as ``ladder/cache``)
    imports to run (not for type checking alone), as such paths."""
    import ast

    import aiml_career

    def running(node: ast.AST):
        for child in ast.iter_child_nodes(node):
            test = child.test if isinstance(child, ast.If) else None
            if test is not None and "TYPE_CHECKING" in ast.unparse(test):
                yield from (n for branch in child.orelse for n in [branch, *running(branch)])
                continue
            yield child
            yield from running(child)

    root = Path(aiml_career.__file__).parent
    tree = ast.parse((root / f"{module}.py").read_text())
    here = module.split("/")[:-1]
    found = set()
    for node in running(tree):
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            base = here[: len(here) - (node.level - 1)]
            names = [node.module.replace(".", "/")] if node.module else [a.name for a in node.names]
            for name in names:
                if name.startswith("__"):  # ``from . import __version__``: a name, not a module
                    continue
                path = "/".join([*base, name])
                if (root / f"{path}.py").is_file():
                    found.add(path)
    return found


def test_the_key_covers_every_module_that_decides_validity():
    seen, todo = set(), ["ladder/loading", "ladder/diagnostics", "ladder/cache"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(_imports(module))
    assert seen == set(cache.VALIDITY_MODULES)


def load_versions(folder: Path, count: int) -> None:
    """Load ``count`` ladders that differ only in their title: an entry each."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for number in range(count):
        data["title"] = f"version {number}"
        path = folder / f"ladder-{number}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        load(path)


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    load_versions(tmp_path, 4)
    assert len(entries()) == 2


def test_the_markers_in_use_are_the_ones_kept(tmp_path, monkeypatch):
    """Pruning keeps the most recently used markers, not the most recently written: a ladder
    used every day keeps its marker however many others are validated once."""
    monkeypatch.setattr(cache, "KEEP", 2)
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    paths = []
    for number in range(3):
        data["title"] = f"version {number}"
        paths.append(tmp_path / f"ladder-{number}.json")
        paths[-1].write_text(json.dumps(data), encoding="utf-8")
    daily, once, later = paths
    load(daily)
    load(once)
    for age, marker in zip((2, 1), entries_by_time()):  # both written long ago, daily's first
        os.utime(marker, (1000 - age, 1000 - age))
    load(daily)  # used again: its marker's time is now
    load(later)  # a third marker: the least recently used goes
    folder = cache_folder()
    assert cache.validated(daily.read_bytes(), folder)
    assert cache.validated(later.read_bytes(), folder)
    assert not cache.validated(once.read_bytes(), folder)
    assert len(entries()) == 2


def entries_by_time() -> list[Path]:
    return sorted(entries(), key=lambda p: p.stat().st_mtime_ns)


def test_an_entry_that_cannot_be_pruned_never_stops_the_pruning(tmp_path, monkeypatch):
    """A folder (or anything else that cannot be removed) with a marker's name, the oldest:
    passed over, and the markers beside it are still pruned."""
    monkeypatch.setattr(cache, "KEEP", 2)
    load(EXAMPLE)
    stuck = cache_folder() / ("ladder-" + "0" * 40 + ".ok")
    stuck.mkdir()
    os.utime(stuck, (1, 1))
    left = cache_folder() / ".ladder-z.ok.abc.tmp"
    left.mkdir()
    os.utime(left, (1, 1))
    load_versions(tmp_path, 4)
    assert len([p for p in entries() if p.is_file()]) == 2
    assert stuck.is_dir()
