"""Issue 19: bounded work on valid but pathological ladders, and error reports that cost
no more than a good file.

The ladders come from ``benchmarks/pathological.py`` at sizes that take the old code
gigabytes or minutes and the new code well under two seconds. Memory cases run in their
own process under an address-space limit (``RLIMIT_AS``), so a regression fails with a
MemoryError instead of swapping the machine.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from aiml_career.errors import MAX_PROBLEMS
from aiml_career.ladder import references
from aiml_career.ladder.loading import parse

from conftest import EXAMPLE, ROOT

_spec = importlib.util.spec_from_file_location("pathological", ROOT / "benchmarks" / "pathological.py")
assert _spec is not None
assert _spec.loader is not None
pathological = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pathological)

#: The address space each limited run may use: a few times what these small files need.
LIMIT = 1 << 30


def limited(*args: str, limit: int = LIMIT, timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m aiml_career ARGS`` in its own process, under ``RLIMIT_AS = limit``, no cache."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    env["AIML_CAREER_NO_CACHE"] = "1"
    return subprocess.run([sys.executable, "-m", "aiml_career", *args], capture_output=True, text=True,
                          env=env, timeout=timeout, preexec_fn=cap)


def write(path: Path, made: dict | bytes) -> Path:
    path.write_bytes(made if isinstance(made, bytes) else json.dumps(made).encode())
    return path


def report(result: subprocess.CompletedProcess) -> dict:
    assert "MemoryError" not in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    return json.loads(result.stdout)


# -- item 4: cycle reports are linear ---------------------------------------------------------------


def test_a_long_includes_cycle_with_many_back_edges_is_reported_in_linear_memory(tmp_path):
    """20,000 skills, each including the next and the first: 20,000 back edges on one long path,
    whose messages held the whole path each (1.4 GB of text; 7.5 GB for the issue's 3 MB)."""
    n = 20_000
    path = write(tmp_path / "cycle.json", pathological.includes_cycle(n))
    result = limited("validate", str(path), "--json")
    assert result.returncode == 1
    doc = report(result)
    assert doc["problem_count"] == n
    assert len(doc["problems"]) == MAX_PROBLEMS
    longest = next(p for p in doc["problems"] if p["path"] == f"skills[{n - 1}].includes[0]")
    assert longest["message"] == (
        "includes cycle: k0 -> k1 -> k2 -> k3 -> k4 -> k5 -> k6 -> k7 -> k8 -> k9 -> … (19,981 more) … -> "
        "k19991 -> k19992 -> k19993 -> k19994 -> k19995 -> k19996 -> k19997 -> k19998 -> k19999 -> k0"
    )
    assert longest["line"] is not None


def test_short_cycles_still_name_every_member_and_the_walk_is_shared():
    """Promotions and prerequisites go through the same walk: the same messages, the same cap."""
    found = references.Found()
    references._cycles(["a", "b", "c"], lambda i: [(0, "abc"[(i + 1) % 3])], lambda i, j: ("x", i, j), "promotion",
                       found)
    assert found == [(("x", 2, 0), "promotion cycle: a -> b -> c -> a")]
    assert found.total == 1
    ids = [f"s{i}" for i in range(500)]
    found = references.Found(keep=3)
    # Each item leads to the next and back to the first: 499 back edges, only 3 messages built.
    references._cycles(ids, lambda i: [(0, ids[(i + 1) % 500]), *([(1, "s0")] if i else [])],
                       lambda i, j: ("skills", i, "prerequisites", j, "skill"), "prerequisite", found)
    assert found.total == 500
    assert len(found) == 3
    assert all(message.startswith("prerequisite cycle: s0 -> s1 -> ") for _, message in found)


# -- item 5: plan along a long prerequisite chain is linear -------------------------------------------


def test_plan_along_a_chain_of_10000_prerequisites_is_linear():
    """One role requiring 10,000 skills, each the next one's prerequisite: 7.8 GB and 76 s before."""
    n = 10_000
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    path = write(folder / f"aiml-career-test-chain-{os.getpid()}.json", pathological.prerequisite_chain(n))
    try:
        result = limited("--data", str(path), "plan", "--from", "start", "--to", "goal", "--json")
    finally:
        path.unlink()
    assert result.returncode == 0, result.stderr[-2000:]
    items = report(result)["items"]
    assert [item["id"] for item in items] == [f"k{i}" for i in range(n)], "prerequisites first, along the chain"
    assert items[1]["prerequisites"] == [{"id": "k0", "name": "K0", "basis": "text", "note": "", "state": "planned"}]


# -- item 9: tied routes are counted up to 10^6 -------------------------------------------------------


def test_tied_routes_saturate_at_a_million_in_json_and_text(cli, tmp_path):
    path = write(tmp_path / "ties.json", pathological.tied_routes(25))  # 2^23 tied routes
    doc = cli("--data", str(path), "path", "--from", "a0", "--to", "a24", "--json").json()
    assert doc["routes_found"] == 1_000_000
    assert doc["routes_found_capped"] is True
    assert doc["moves"] == 24
    assert len(doc["routes"]) == 5
    text = cli("--data", str(path), "path", "--from", "a0", "--to", "a24", env={"COLUMNS": "200"}).stdout
    assert "24 steps · more than 10^6 shortest routes" in text
    assert "… more than 10^6 tied routes in all (raise --limit to list more of them)" in text


def test_route_counts_below_the_cap_are_exact(cli, tmp_path):
    path = write(tmp_path / "ties.json", pathological.tied_routes(20))  # 2^18 = 262,144
    doc = cli("--data", str(path), "path", "--from", "a0", "--to", "a19", "--json").json()
    assert doc["routes_found"] == 262_144
    assert doc["routes_found_capped"] is False
    text = cli("--data", str(path), "path", "--from", "a0", "--to", "a19").stdout
    assert "262,144 shortest routes" in text
    assert "… 262,139 more tied routes" in text


def test_thousands_of_tied_layers_stay_small(tmp_path):
    """2^4998 tied routes of 4,999 moves: no 1,500-digit count, and the routes ordered by effort
    are cut to what 20,000 steps allow (200 routes of 5,000 steps took gigabytes)."""
    path = write(tmp_path / "ties.json", pathological.tied_routes(5000))
    result = limited("--data", str(path), "path", "--from", "a0", "--to", "a4999", "--json")
    assert result.returncode == 0
    doc = report(result)
    assert doc["routes_found"] == 1_000_000
    assert doc["routes_found_capped"] is True
    assert len(doc["routes"]) == 5
    assert all(len(r["steps"]) == 4999 for r in doc["routes"])


# -- item 10: a bad file costs no more than a good one ------------------------------------------------


def test_a_huge_unknown_key_is_not_indexed_for_suggestions(tmp_path):
    """A 30 M-character key: difflib indexed every character of it (1.3 GB here, 5.1 GB at 120 M)."""
    chars = 30_000_000
    path = write(tmp_path / "key.json", pathological.long_unknown_key(chars))
    result = limited("validate", str(path), "--json")
    assert result.returncode == 1
    (problem,) = report(result)["problems"]
    cut = f"{'n' * 200}… ({chars - 200:,} more characters)"
    assert problem["path"].startswith("roles[0].nnn")
    assert problem["path"].endswith(" more characters)")
    assert len(problem["path"]) < 300
    assert problem["message"].startswith(f"unknown field '{cut}'; allowed: id, name, aliases, stage")
    assert problem["line"] == 1


def test_a_key_given_a_million_times_is_one_problem(tmp_path):
    """Every repeat was a problem with its own path and line (4 GB for 10 M repeats)."""
    path = write(tmp_path / "repeated.json", pathological.repeated_key(1_000_000))
    result = limited("validate", str(path), "--json")
    assert result.returncode == 1
    doc = report(result)
    assert doc["problems"][0] == {"path": "roles[0].x", "line": 1, "file": str(path),
                                  "message": "key 'x' is given 1,000,000 times; only the last one counts"}
    assert doc["problem_count"] == 2  # the repeated key, and the unknown field it is


def test_a_key_given_twice_in_many_objects_is_capped_before_it_is_located(cli, tmp_path):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    text = json.dumps(data).replace('"stage": ', '"stage": "x", "stage": ')
    path = tmp_path / "twice.json"
    path.write_text(text.replace('"title": ', '"title": "x", "title": ', 1), encoding="utf-8")
    doc = cli("validate", str(path), "--json").json()
    assert doc["problem_count"] == 1 + len(data["roles"]) + 1  # title, each role's stage, education's
    assert {p["message"] for p in doc["problems"]} == {
        "key 'title' is given twice; only the last one counts", "key 'stage' is given twice; only the last one counts"}


def test_millions_of_bad_references_keep_only_the_first_hundred():
    """The checks count every problem but build a place and message for the first 100 only."""
    n = 100_000
    doc = parse(json.dumps(pathological.bad_references(n)).encode(), "x")
    found = references.problems(doc)
    assert found.total == n
    assert len(found) == MAX_PROBLEMS
    assert found[0] == (("roles", 0, "next", 0, "to"), "unknown role 'nowhere-0'")
    assert found[-1] == (("roles", 0, "next", 99, "to"), "unknown role 'nowhere-99'")


def test_bad_references_are_reported_with_their_count(tmp_path):
    n = 50_000
    path = write(tmp_path / "refs.json", pathological.bad_references(n))
    result = limited("validate", str(path), "--json", limit=LIMIT)
    assert result.returncode == 1
    doc = report(result)
    assert doc["problem_count"] == n
    assert len(doc["problems"]) == MAX_PROBLEMS
    assert doc["problems"][99]["message"] == "unknown role 'nowhere-99'"


@pytest.mark.parametrize("part", ["a", "é"])
def test_the_line_locator_reads_runs_of_plain_members_at_once(part):
    """Runs of simple members are matched a thousand at a time; the last of a repeated key
    still counts, and members holding escapes or containers are read one by one."""
    from aiml_career.ladder.locator import locate

    members = ",\n".join(f'"{part}{i % 7}": {i}' for i in range(3000))
    raw = ('{"o": {' + members + ',\n"q\\"": "x",\n"z": [1],\n"a3": "last"\n}}').encode()
    lines = locate(raw, [("o", f"{part}3"), ("o", "q\""), ("o", "z", 0), ("o", "a3")])
    assert lines[("o", f"{part}3")] == (3003 if part == "a" else 3000)
    assert lines[("o", "q\"")] == 3001
    assert lines[("o", "z", 0)] == 3002
    assert lines[("o", "a3")] == 3003


def test_the_line_locator_reads_runs_of_plain_elements_at_once():
    """Arrays likewise: an index inside a run, after it, and past an element that is not plain."""
    from aiml_career.ladder.locator import locate

    items = ",\n".join(['"a,b"', *(str(i) for i in range(1, 2500)), '{"k": [1,\n2]}', *('"x"' for _ in range(500))])
    raw = ('{"list": [' + items + '],\n"after": 1}').encode()
    wanted = [("list", 0), ("list", 1234), ("list", 2500, "k", 1), ("list", 2800), ("list", 3000), ("after",)]
    assert locate(raw, wanted) == {("list", 0): 1, ("list", 1234): 1235, ("list", 2500, "k", 1): 2502,
                                   ("list", 2800): 2802, ("list", 3000): 2802 + 200, ("after",): 3003}


def test_many_short_bad_references_are_located_quickly():
    """Five hundred thousand unknown skills in one plain list: counted, the first 100 located."""
    from aiml_career.ladder import diagnostics

    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["skill_categories"][0]["key_skills"] = ["zz"] * 500_000
    raw = json.dumps(data, indent=1).encode()
    error = diagnostics.check(parse(raw, "x"), raw, "x")
    assert error is not None
    assert error.total == 500_000
    assert len(error.problems) == MAX_PROBLEMS
    first = error.problems[0]
    assert (first.path, first.message) == ("skill_categories[0].key_skills[0]", "unknown skill 'zz'")
    assert first.line == raw[: raw.index(b'"zz"')].count(b"\n") + 1
    assert error.problems[-1].line == first.line + 99
