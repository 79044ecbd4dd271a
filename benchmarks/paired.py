#!/usr/bin/env python3
"""Every command of issue 23's table on the big ladders, whole processes, optionally side by
side with a second checkout; a Markdown table with the machine and its load beside.

    python benchmarks/paired.py                          # this checkout: heavy 10k, 20k, esco
    python benchmarks/paired.py --vs ../other-checkout   # and another one, in turn (ratio column)
    python benchmarks/paired.py --ladders heavy --only roles-piped,match-piped

Each case runs once as a warm-up (bytecode, the page cache, each side's own ladder cache), then
``--rounds`` times (default 3), interleaved: in every round each case runs on this checkout (A)
and then the other (B), the order of the two swapped each round, so drift on a shared machine
hits both alike. The table shows the machine's load (the 1-minute average, as ``uptime`` gives
it, before each timed pair: the median), the median wall time, the median CPU time and the largest peak
RSS (``ru_maxrss`` from ``os.wait4``), and A's medians over B's (wall and CPU). The load (1-minute average, as
``uptime`` gives it) is printed before and after each ladder.

``--vs PATH``: a checkout (its ``.venv/bin/aiml-career`` if it has one, else ``python -m
aiml_career`` with ``PATH/src`` first on ``PYTHONPATH``) or an ``aiml-career`` program. Each side
has a cache folder of its own (``XDG_CACHE_HOME``), so neither warms the other's. "first run"
gives every run an empty cache folder: the whole file read and checked, as on a first run; the
index that run goes on to build in a child of its own is waited for before the next case.

Standard library only; the ladders come from ``generate.py`` (cached as ``run.py`` caches them).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run as runner  # noqa: E402  (benchmarks/run.py: ladders, the timed processes' environment)
from measure import Sample, run_once  # noqa: E402  (benchmarks/measure.py: one timed process)

#: The ladders: (label, preset, roles). "heavy" at 10k and 20k, and the ESCO-sized one.
LADDERS = {"heavy": ("heavy 10k", "heavy", 10_000), "heavy20k": ("heavy 20k", "heavy", 20_000),
           "esco": ("esco 3k", "esco", 0)}


def cases(path: Path, ids: dict) -> list[tuple[str, list[str], bool]]:
    """(name, arguments, cold) for every command of the issue's table, in run order."""
    data = ["--data", str(path)]
    have = ",".join(ids.get("have10") or ids["have"])
    route = ["--from", ids["path_from"], "--to", ids["path_to"]]
    return [
        ("show", [*data, "show", ids["show"], "--json"], False),
        ("next", [*data, "next", "--from", ids["next"], "--json"], False),
        ("path", [*data, "path", *route, "--json"], False),
        ("plan", [*data, "plan", *route, "--json"], False),
        ("compare", [*data, "compare", *ids["compare"], "--json"], False),
        ("match (10 skills)", [*data, "match", "--have", have, "--json"], False),
        ("match piped", [*data, "match", "--have", have], False),
        ("search", [*data, "search", ids["search"], "--json"], False),
        ("skills SKILL", [*data, "skills", ids["have"][0], "--json"], False),
        ("skills SKILL piped", [*data, "skills", ids["have"][0]], False),
        ("roles piped", [*data, "roles"], False),
        ("tree piped", [*data, "tree"], False),
        ("similar", [*data, "similar", ids["show"], "--json"], False),
        ("search piped", [*data, "search", ids["search"]], False),
        ("skills piped", [*data, "skills"], False),
        ("skills json", [*data, "skills", "--json"], False),
        ("stages piped", [*data, "stages"], False),
        ("specializations piped", [*data, "specializations"], False),
        ("roles json", [*data, "roles", "--json"], False),
        ("tree json", [*data, "tree", "--json"], False),
        ("education piped", [*data, "education"], False),
        ("resources piped", [*data, "resources"], False),
        ("similar piped", [*data, "similar", ids["show"]], False),
        ("next --have (no role)", [*data, "next", "--have", have, "--json"], False),
        ("next --have piped", [*data, "next", "--have", have], False),
        ("map builtin", [*data, "map", "builtin", "--json"], False),
        ("map builtin piped", [*data, "map", "builtin"], False),
        ("first run: show", [*data, "show", ids["show"], "--json"], True),
        # Skills held but no role: routes start at the roles the skills fully meet, else the entry stage.
        ("path --have (no role)", [*data, "path", "--have", have, "--to", ids["path_to"], "--json"], False),
        ("plan --have (no role)", [*data, "plan", "--have", have, "--to", ids["path_to"], "--json"], False),
        ("plan --have piped", [*data, "plan", "--have", have, "--to", ids["path_to"]], False),
    ]


def side(where: str | None, extra: list[str], pycache: Path | None) -> tuple[list[str], dict[str, str]]:
    """(argv prefix, environment) of this checkout (``where`` None) or of the one at ``where``."""
    if where is None:
        return [sys.executable, "-m", "aiml_career"], runner.environment(extra, True, pycache)
    env = runner.environment(extra, False, pycache)
    place = Path(where).resolve()
    program = place / ".venv" / "bin" / "aiml-career"
    if place.is_file() and os.access(place, os.X_OK):
        return [str(place)], env
    if program.is_file():
        return [str(program)], env
    if not (place / "src" / "aiml_career").is_dir():
        sys.exit(f"paired.py: {where} is neither a checkout (src/aiml_career) nor a program")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(place / "src"), os.environ.get("PYTHONPATH")) if p)
    return [sys.executable, "-m", "aiml_career"], env


def once(argv: list[str], env: dict[str, str], cache: Path, cold: bool) -> Sample:
    if not cold:
        return run_once(argv, {**env, "XDG_CACHE_HOME": str(cache)})
    with tempfile.TemporaryDirectory(dir=cache.parent) as empty:
        sample = run_once(argv, {**env, "XDG_CACHE_HOME": empty})
        built_by_then(Path(empty) / "aiml-career" / "index.lock")
        return sample


def built_by_then(lock: Path) -> None:
    """Wait for the index a first run builds after its answer (a child of its own, which holds
    this lock until it ends), so that the build's CPU does not count against the next case."""
    try:
        import fcntl

        fd = os.open(lock, os.O_RDWR)
    except (ImportError, OSError):  # no flock, or no build was started
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    finally:
        os.close(fd)


def slug(name: str) -> str:
    """A case's name as ``--only`` takes it: "roles piped", "roles-piped" and "rolespiped" alike."""
    return "".join(c for c in name.lower() if c.isalnum())


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs"
            f"{f' ({model})' if model else ''}, {platform.system()} {platform.release()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vs", metavar="PATH", help="another checkout (or aiml-career program) to run side by side")
    parser.add_argument("--ladders", default="heavy,heavy20k,esco",
                        help=f"which ladders, comma-separated, of {', '.join(LADDERS)} (default: all)")
    parser.add_argument("--only", metavar="NAMES", help="only these cases, comma-separated, as the table names "
                                                        "them (roles-piped, first-run-show, ...)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds after the warm-up (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE",
                        help="add an environment variable to every timed process (repeatable)")
    parser.add_argument("--cache-dir", help="where generated ladders and the sides' caches are kept "
                                            "(default: $TMPDIR/aiml-career-bench)")
    args = parser.parse_args(argv)
    where = runner.cache_dir(args.cache_dir)
    pycache = where / "pycache" if os.environ.get("PYTHONDONTWRITEBYTECODE") else None
    sides = {"A": side(None, args.env, pycache)}
    if args.vs:
        sides["B"] = side(args.vs, args.env, pycache)
    only = {slug(n) for n in args.only.split(",")} if args.only else None
    with tempfile.TemporaryDirectory(dir=where) as private:
        caches = {name: Path(private) / f"cache-{name}" for name in sides}
        for cache in caches.values():
            cache.mkdir()
        for _, env in sides.values():  # no profile of the user's: --have and --from only
            env["AIML_CAREER_PROFILE"] = str(Path(private) / "no-profile.json")
        print(f"Machine: {machine()}. A: this checkout ({runner.REPO})"
              + (f"; B: {args.vs}" if args.vs else "") + f". {args.rounds} interleaved rounds after a warm-up.")
        print()
        header = "| ladder | command | load | A median s | A cpu s | A peak MB |"
        rule = "|---|---|--:|--:|--:|--:|"
        if args.vs:
            header += " B median s | B cpu s | B peak MB | A/B | A/B cpu |"
            rule += "--:|--:|--:|--:|--:|"
        print(header)
        print(rule, flush=True)
        notes = []
        for key in args.ladders.split(","):
            label, preset, size = LADDERS[key.strip()]
            path, ids = runner.ladder_file(size, args.seed, where, preset=preset)
            before, started = load(), time.perf_counter()
            todo = [c for c in cases(path, ids) if only is None or slug(c[0]) in only]
            samples: dict[tuple[str, str], list[Sample]] = {}
            loads: dict[str, list[float]] = {name: [] for name, _, _ in todo}  # before each timed pair
            for name, argv_, cold in todo:  # warm-up, and a check that the command works here
                for s, (prog, env) in sides.items():
                    warm = once([*prog, *argv_], env, caches[s], cold)
                    if warm.exit != 0:
                        notes.append(f"{label} {name} on {s}: exit {warm.exit}: {warm.stderr.strip()[:120]}")
                    samples[(name, s)] = []
            for number in range(args.rounds):
                order = list(sides) if number % 2 == 0 else list(reversed(sides))
                for name, argv_, cold in todo:
                    loads[name].append(os.getloadavg()[0])
                    for s in order:
                        prog, env = sides[s]
                        samples[(name, s)].append(once([*prog, *argv_], env, caches[s], cold))
            for name, _, _ in todo:
                cells = [label, f"`{name}`", f"{statistics.median(loads[name]):.2f}"]
                medians, cpu = {}, {}
                for s in sides:
                    runs = samples[(name, s)]
                    medians[s] = statistics.median(r.seconds for r in runs)
                    cpu[s] = statistics.median(r.cpu for r in runs)
                    cells += [f"{medians[s]:.2f}", f"{cpu[s]:.2f}", f"{max(r.peak_kib for r in runs) * 1024 / 1e6:.0f}"]
                if args.vs:  # CPU time: far less sensitive to a busy machine than wall time
                    cells += [f"{medians['A'] / medians['B']:.2f}", f"{cpu['A'] / cpu['B']:.2f}"]
                print("| " + " | ".join(cells) + " |", flush=True)
            notes.append(f"{label}: {path.name} ({path.stat().st_size / 1e6:.0f} MB); load {before} before, "
                         f"{load()} after ({time.perf_counter() - started:.0f} s)")
    print()
    for note in notes:
        print(f"* {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
