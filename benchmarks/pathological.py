#!/usr/bin/env python3
"""Pathological ladders, and the time and peak memory ``aiml-career`` takes on each.

    python benchmarks/pathological.py                       # this checkout, every case
    python benchmarks/pathological.py --src /tmp/base/src   # the same cases on other code
    python benchmarks/pathological.py --write DIR           # only write the files
    python benchmarks/pathological.py --markdown            # the table as Markdown

Each case is a ladder that is cheap to write and was once expensive to read
(issue 19): valid ones a program could meet in earnest, and invalid ones an
attacker could hand to ``validate``. Every case runs as its own process
(``python -m aiml_career``; ``--src`` puts another checkout's ``src/`` first on
``PYTHONPATH``, to measure the code before a change in the same run), with
the ladder cache off so that every run validates in full, an address-space
limit (``--limit-mb``, default 4096) so that a regression fails instead of
swapping, and a timeout. Peak memory is the child's ``ru_maxrss`` from
``os.wait4`` (Linux: KiB); time is wall time from spawn to reap.

Standard library only; the files are deterministic.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _base(skills: list[dict], roles: list[dict], stages: int = 1) -> dict:
    return {
        "format": 2,
        "title": "Pathological ladder",
        "stages": [{"id": f"s{i}", "name": f"Stage {i}", "order": i} for i in range(stages)],
        "tracks": [{"id": "t", "name": "Track"}],
        "skill_categories": [{"id": "c", "name": "Category"}],
        "skills": skills,
        "roles": roles,
    }


def _role(rid: str, requirements: list[dict] | None = None, nxt: list[dict] | None = None, stage: str = "s0") -> dict:
    return {"id": rid, "name": rid.upper(), "stage": stage, "track": "t",
            "requirements": requirements or [], "next": nxt or []}


def includes_chain(n: int) -> dict:
    """Valid: skill i includes skill i+1, n skills in one line; one role needs the first."""
    skills = [{"id": f"k{i}", "name": f"K{i}", "category": "c", **({"includes": [f"k{i + 1}"]} if i + 1 < n else {})}
              for i in range(n)]
    return _base(skills, [_role("r", [{"skill": "k0", "level": "basic"}])])


def includes_cycle(n: int) -> dict:
    """Invalid: skill i includes skill i+1 and skill 0, so the walk meets n back edges, each
    closing a cycle as long as the path so far (issue 19, item 4: quadratic before)."""
    skills = [{"id": f"k{i}", "name": f"K{i}", "category": "c",
               "includes": [f"k{(i + 1) % n}", *(["k0"] if i else [])]} for i in range(n)]
    return _base(skills, [_role("r", [{"skill": "k0", "level": "basic"}])])


def prerequisite_chain(n: int) -> dict:
    """Valid: skill i needs skill i-1 first; one role (reached by a promotion) requires all n
    (issue 19, item 5: plan was quadratic)."""
    skills = [{"id": f"k{i}", "name": f"K{i}", "category": "c",
               **({"prerequisites": [{"skill": f"k{i - 1}", "basis": "text"}]} if i else {})} for i in range(n)]
    need = [{"skill": f"k{i}", "level": "basic"} for i in range(n)]
    roles = [_role("start", nxt=[{"to": "goal", "kind": "promotion", "basis": "text"}]),
             _role("goal", need, stage="s1")]
    return _base(skills, roles, stages=2)


def tied_routes(layers: int) -> dict:
    """Valid: ``layers`` layers of two roles, each promoted into both of the next layer's:
    2^(layers-2) tied shortest routes from a0 to the last layer's a (issue 19, item 9)."""
    roles = []
    for i in range(layers):
        nxt = [{"to": f"{x}{i + 1}", "kind": "promotion", "basis": "text"} for x in "ab"] if i + 1 < layers else []
        roles += [_role(f"a{i}", nxt=nxt), _role(f"b{i}", nxt=nxt)]
    return _base([{"id": "k", "name": "K", "category": "c"}], roles)


def bad_references(n: int) -> dict:
    """Invalid: one role moving to n roles that do not exist (issue 19, item 10)."""
    nxt = [{"to": f"nowhere-{i}", "kind": "lateral", "basis": "text"} for i in range(n)]
    return _base([], [_role("r", nxt=nxt)])


def long_unknown_key(chars: int) -> bytes:
    """Invalid: one role holding an unknown key of ``chars`` characters (item 10)."""
    doc = _base([], [_role("r")])
    text = json.dumps(doc)
    return text.replace('"track": "t"', '"track": "t", "' + "n" * chars + '": 1', 1).encode()


def repeated_key(times: int) -> bytes:
    """Invalid: one role giving the key ``x`` ``times`` times (item 10)."""
    doc = _base([], [_role("r")])
    text = json.dumps(doc)
    return text.replace('"track": "t"', '"track": "t"' + ', "x": 0' * times, 1).encode()


def generated(roles: int) -> bytes:
    """For comparison, a good ladder of about the same size: ``generate.py``'s, as run.py uses."""
    sys.path.insert(0, str(HERE))
    import generate

    return (json.dumps(generate.generate(roles, 1), ensure_ascii=False, indent=2) + "\n").encode()


#: name -> (writer, its argument, command after ``--data FILE`` or ``validate FILE``, what it shows)
CASES: dict[str, tuple[Callable[[int], dict | bytes], int, list[str], str]] = {
    "includes-chain": (includes_chain, 40_000, ["validate"], "valid: 40,000 skills, each including the next"),
    "includes-cycle": (includes_cycle, 40_000, ["validate"], "invalid: 40,000 back edges on one long path"),
    "prerequisite-chain-validate": (prerequisite_chain, 10_000, ["validate"],
                                    "valid: one role requiring 10,000 chained skills"),
    "prerequisite-chain-plan": (prerequisite_chain, 10_000, ["plan", "--from", "start", "--to", "goal", "--json"],
                                "the same: plan"),
    "tied-routes": (tied_routes, 15_000, ["path", "--from", "a0", "--to", "a14999", "--json"],
                    "valid: 2^14998 tied routes, path --json"),
    "tied-routes-text": (tied_routes, 15_000, ["path", "--from", "a0", "--to", "a14999"],
                         "the same: path as text"),
    "bad-references": (bad_references, 1_000_000, ["validate"], "invalid: 1,000,000 unknown roles"),
    "long-unknown-key": (long_unknown_key, 120_000_000, ["validate"], "invalid: an unknown key of 120 M characters"),
    "repeated-key": (repeated_key, 10_000_000, ["validate"], "invalid: a key given 10,000,000 times"),
    "good-10000-roles": (generated, 10_000, ["validate"], "for comparison: the valid 64 MB benchmark ladder"),
    "good-20000-roles": (generated, 20_000, ["validate"], "for comparison: the valid 127 MB benchmark ladder"),
}


def path_of(name: str, folder: Path) -> Path:
    maker, size, _, _ = CASES[name]
    return folder / f"{maker.__name__}-{size}.json"


def write(name: str, folder: Path) -> Path:
    maker, size, _, _ = CASES[name]
    path = path_of(name, folder)
    if not path.exists():
        made = maker(size)
        data = made if isinstance(made, bytes) else json.dumps(made, indent=1).encode()
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return path


def argv_for(name: str, path: Path) -> list[str]:
    command = CASES[name][2]
    if command[0] == "validate":
        return ["validate", str(path), *command[1:]]
    return ["--data", str(path), *command]


def run(argv: list[str], src: Path | None, limit_mb: int, timeout: float) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIML_CAREER_")}
    env["AIML_CAREER_NO_CACHE"] = "1"
    env["COLUMNS"] = "100"
    if src is not None:
        env["PYTHONPATH"] = str(src) + os.pathsep + env.get("PYTHONPATH", "")

    def limit() -> None:
        cap = limit_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "aiml_career", *argv], env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit)
    deadline = start + timeout
    status, usage = 0, None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.01)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    # The last line that names an error: a MemoryError raised while handling another shows last.
    said = next((line for line in reversed(err.splitlines()) if "Error" in line or "failed" in line), "")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss * 1024 / 1e6,
            "exit": code, "error": said[:120],
            "timed_out": seconds > timeout}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--src", action="append", type=Path, default=[],
                        help="another checkout's src/ to time beside this one (repeatable)")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "aiml-career-pathological")
    parser.add_argument("--write", action="store_true", help="only write the files into --dir")
    parser.add_argument("--limit-mb", type=int, default=4096, help="address-space limit of each run (MiB)")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--only-src", action="store_true", help="time only the --src checkouts")
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    names = [n for n in args.cases.split(",") if n]
    paths = {name: path_of(name, args.dir) for name in names}
    missing = [name for name in names if not paths[name].exists()]
    if missing and not args.write:
        # Written by a child: a runner that grew would inflate its children's ru_maxrss.
        subprocess.run([sys.executable, __file__, "--write", "--dir", str(args.dir), "--cases", ",".join(missing)],
                       check=True, stdout=subprocess.DEVNULL)
    elif args.write:
        for name in missing:
            write(name, args.dir)
    if args.write:
        for path in dict.fromkeys(paths.values()):
            print(path)
        return 0
    sources: list[tuple[str, Path | None]] = [(str(s), s) for s in args.src]
    if not args.only_src:
        sources.append(("this checkout", None))
    with open("/proc/loadavg") as fh:
        load_before = fh.read().split()[:3]
    rows = []
    for name in names:
        for label, src in sources:
            result = run(argv_for(name, paths[name]), src, args.limit_mb, args.timeout)
            size = paths[name].stat().st_size / 1e6
            rows.append((name, label, size, result))
            print(f"{name:28} {label:20} {size:6.1f} MB  {result['seconds']:7.2f} s  "
                  f"{result['peak_mb']:7.0f} MB peak  exit {result['exit']} {result['error']}",
                  file=sys.stderr, flush=True)
    with open("/proc/loadavg") as fh:
        load_after = fh.read().split()[:3]
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if own > 50:
        print(f"warning: the runner itself peaked at {own:.0f} MB; children's figures may include it",
              file=sys.stderr)
    print(f"CPython {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {' '.join(load_before)} -> "
          f"{' '.join(load_after)}; RLIMIT_AS {args.limit_mb} MiB, timeout {args.timeout:g} s, "
          "AIML_CAREER_NO_CACHE=1")
    if args.markdown:
        print("\n| case | code | file MB | s | cpu s | peak MB | exit |\n|---|---|---:|---:|---:|---:|---|")
    for name, label, size, r in rows:
        exit_text = "timeout" if r["timed_out"] else str(r["exit"]) + (f" ({r['error']})" if r["error"] else "")
        if args.markdown:
            print(f"| {name} | {label} | {size:.1f} | {r['seconds']:.2f} | {r['cpu']:.2f} | {r['peak_mb']:.0f} "
                  f"| {exit_text} |")
        else:
            print(f"{name:28} {label:20} {size:6.1f} {r['seconds']:7.2f} {r['cpu']:7.2f} {r['peak_mb']:7.0f} "
                  f"{exit_text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
