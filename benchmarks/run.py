#!/usr/bin/env python3
"""Time whole ``aiml-career`` processes against their budgets; print a table.

    python benchmarks/run.py                 # 7 timed runs per case, 10k and 20k ladders
    python benchmarks/run.py --quick         # 3 timed runs per case
    python benchmarks/run.py --markdown      # the table as Markdown (for README)

Every case is a separate process (``python -m aiml_career ...`` from this
checkout, or ``--exe aiml-career`` for the entry point on PATH), timed with
``time.perf_counter`` from spawn to reap; its peak resident memory comes from
``os.wait4``'s ``ru_maxrss``. Each case runs once as a warm-up (bytecode
caches, page cache), then ``--repeat`` times, round-robin with a baseline
process -- ``python -c "import typer, pydantic"`` plus one small model -- so
that drift on a shared machine hits both alike. Built-in-ladder budgets are
ratios against the baseline's median; big-ladder budgets are absolute.

Standard library only (the ladders come from ``generate.py`` next to this
file, cached under the temp dir, keyed by size, seed and the generator's own
hash). Exit status: 0 when every row is within budget, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)
import ladder_parts  # noqa: E402  (benchmarks/ladder_parts.py: generate.py's parts; the cache key reads it too)
import vocabulary  # noqa: E402  (benchmarks/vocabulary.py: generate.py's words; the cache key reads it too)
from measure import KEEP, Case, Sample, run_once  # noqa: E402  (benchmarks/measure.py: one timed process)
from report import (  # noqa: E402  (benchmarks/report.py: the budgets, verdicts and tables)
    BUDGET_SIZE,
    MAX_MB,
    MAX_SECONDS,
    SCALE_FROM,
    SCALE_TO,
    failed,
    rows_for,
    scaling_rows,
    suggestion_rows,
    table,
)

BASELINE_CODE = (
    "import typer, pydantic\n"
    "class M(pydantic.BaseModel):\n"
    "    x: int\n"
    "M(x=1)\n"
)
BUILTIN_ROLE = "ml-engineer"
BUILTIN_FROM = "junior-ds"
#: Run order of the big-ladder commands within a round.
COMMAND_ORDER = ("show", "typo", "next", "compare", "similar", "path", "plan", "match", "search", "validate",
                 "export")


# -- the cases -------------------------------------------------------------------


def builtin_cases() -> list[Case]:
    return [
        Case("builtin:show-json", f"show {BUILTIN_ROLE} --json", ["show", BUILTIN_ROLE, "--json"],
             "builtin", json_out=True, max_ratio=1.25),
        Case("builtin:show-rich", f"show {BUILTIN_ROLE}", ["show", BUILTIN_ROLE], "builtin",
             max_ratio=1.6),
        Case("builtin:next", f"next --from {BUILTIN_FROM}", ["next", "--from", BUILTIN_FROM],
             "builtin", max_ratio=1.6),
        Case("builtin:help", "--help", ["--help"], "builtin", max_ratio=1.6),
    ]


def ladder_cases(size: int, path: Path, ids: dict) -> list[Case]:
    data = ["--data", str(path)]
    g = str(size)
    budget = {"max_seconds": MAX_SECONDS, "max_mb": MAX_MB} if size == BUDGET_SIZE else {}
    cases = [
        Case(f"{g}:show", "show ROLE --json", [*data, "show", ids["show"], "--json"], g, "show",
             json_out=True),
        Case(f"{g}:next", "next --from ROLE --json", [*data, "next", "--from", ids["next"], "--json"],
             g, "next", json_out=True),
        Case(f"{g}:compare", "compare A B --json", [*data, "compare", *ids["compare"], "--json"], g,
             "compare", json_out=True),
        Case(f"{g}:similar", "similar ROLE --json", [*data, "similar", ids["show"], "--json"], g,
             "similar", json_out=True),
        Case(f"{g}:path", "path --from FIRST --to LAST --json",
             [*data, "path", "--from", ids["path_from"], "--to", ids["path_to"], "--json"], g, "path",
             json_out=True),
        Case(f"{g}:plan", "plan --from FIRST --to LAST --json",
             [*data, "plan", "--from", ids["path_from"], "--to", ids["path_to"], "--json"], g, "plan",
             json_out=True),
        Case(f"{g}:match", "match --have S1,S2,S3 --json",
             [*data, "match", "--have", ",".join(ids["have"]), "--json"], g, "match", json_out=True),
        Case(f"{g}:search", f"search {ids['search']} --json",
             [*data, "search", ids["search"], "--json"], g, "search", json_out=True),
        Case(f"{g}:validate", "validate FILE --json", ["validate", str(path), "--json"], g, "validate",
             json_out=True),
        Case(f"{g}:export", "export --format json", [*data, "export", "--format", "json"], g, "export",
             json_out=True),
        Case(f"{g}:typo", "show MISSPELT-NAME (exit 2)", [*data, "show", ids["typo"]], g, "typo",
             expect_exit=2, expect_stderr=r"(?i)unknown|did you mean"),
    ]
    for case in cases:
        case.max_seconds = budget.get("max_seconds")
        case.max_mb = budget.get("max_mb")
    return cases


# -- ladders -----------------------------------------------------------------------


def cache_dir(option: str | None) -> Path:
    path = Path(option) if option else Path(tempfile.gettempdir()) / "aiml-career-bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def ladder_file(size: int, seed: int, where: Path, rows: str = "", preset: str = "") -> tuple[Path, dict]:
    """The generated ladder (reused if cached) and the ids to use on it; ``preset``: one of
    generate.py's named shapes (``size`` then overrides its number of roles, if given)."""
    sources = (generate.__file__, vocabulary.__file__, ladder_parts.__file__)
    digest = hashlib.sha256(b"".join(Path(f).read_bytes() for f in sources)).hexdigest()[:12]
    shape = f"-rows{rows}" if rows else ""
    name = "-".join(str(part) for part in (preset, size) if part)
    path = where / f"ladder-{name}-seed{seed}{shape}-{digest}.json"
    ids_path = path.with_suffix(".cases.json")
    if path.is_file() and ids_path.is_file():
        return path, json.loads(ids_path.read_text())
    started = time.perf_counter()
    # In a child process: the runner itself must stay small (see KEEP).
    subprocess.run(
        [sys.executable, generate.__file__, *(["--roles", str(size)] if size else []), "--seed", str(seed),
         "-o", str(path), "--cases-out", str(ids_path), *(["--rows", rows] if rows else []),
         *(["--preset", preset] if preset else [])],
        check=True,
    )
    ids = json.loads(ids_path.read_text())
    log(f"generated {path.name} ({path.stat().st_size / 1e6:.1f} MB) in "
        f"{time.perf_counter() - started:.1f} s")
    return path, ids


# -- running -------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def program(exe: str | None) -> tuple[list[str], str]:
    """(argv prefix of the CLI, python that runs the baseline)."""
    if exe is None:
        return [sys.executable, "-m", "aiml_career"], sys.executable
    found = shutil.which(exe)
    if found is None:
        sys.exit(f"run.py: {exe!r} is not on PATH")
    python = sys.executable
    try:  # a console script: time the baseline with the same interpreter
        first = Path(found).read_bytes()[:300].split(b"\n", 1)[0]
        if first.startswith(b"#!") and b"python" in first:
            python = first[2:].decode().strip().split()[0]
    except OSError:
        pass
    return [found], python


def environment(extra: list[str], from_checkout: bool, pycache: Path | None) -> dict[str, str]:
    """The timed processes' environment: ours, plus COLUMNS, PYTHONPATH and ``--env``.

    With ``pycache`` (when PYTHONDONTWRITEBYTECODE is set here), bytecode is
    allowed again but written under ``pycache`` (PYTHONPYCACHEPREFIX), for
    the baseline and the CLI alike: otherwise every run of the CLI would
    recompile this checkout's modules while the baseline's come compiled,
    which no installed copy ever does.
    """
    env = dict(os.environ)
    env["COLUMNS"] = "100"  # Rich output at a fixed width (stdout is a pipe, so no colour)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.setdefault("PYTHONPYCACHEPREFIX", str(pycache))
    if from_checkout:
        src = str(REPO / "src")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    for item in extra:
        key, sep, value = item.partition("=")
        if not sep or not key:
            sys.exit(f"run.py: --env wants KEY=VALUE, not {item!r}")
        env[key] = value
    return env


def check_warmup(case: Case, sample: Sample) -> str:
    """Why this warm-up run does not count as working ('' when it does)."""
    first = next((line for line in sample.stderr.splitlines() if line.strip()), "")
    if sample.exit != case.expect_exit:
        return f"exit {sample.exit}" + (f", {first[:90]}" if first else "")
    if case.expect_stderr and not re.search(case.expect_stderr, sample.stderr):
        return f"exit {sample.exit} but stderr {first[:70]!r}"
    if case.json_out and sample.exit == 0:
        if sample.stdout_size <= KEEP:
            try:
                json.loads(sample.stdout or b"")
            except ValueError as exc:
                return f"stdout is not JSON ({exc})"[:100]
        elif (sample.stdout or b"").lstrip()[:1] not in (b"{", b"[") or \
                sample.stdout_tail.rstrip()[-1:] not in (b"}", b"]"):
            return "stdout does not look like JSON"
    return ""


def measure(cases: list[Case], base: Case, cli: list[str], python: str, env: dict[str, str],
            repeat: int, deadline: float) -> int:
    """Warm up, then round-robin; returns the number of timed rounds done."""
    baseline_argv = [python, "-c", BASELINE_CODE]
    log("warm-up ...")
    sample = run_once(baseline_argv, env, keep_stdout=True)
    if sample.exit != 0:
        sys.exit(f"run.py: the baseline itself fails: {sample.stderr.strip()[:200]}")
    for case in cases:
        if case.skipped:
            continue
        sample = run_once([*cli, *case.argv], env, keep_stdout=True)
        case.failure = check_warmup(case, sample)
        if case.failure:
            case.samples = [sample]
    live = [c for c in cases if not c.skipped and not c.failure]
    # Big-ladder runs that are compared with each other run side by side:
    # each command at every size in turn, `show` right before the typo case.
    order = {name: i for i, name in enumerate(COMMAND_ORDER)}
    live.sort(key=lambda c: (c.group != "builtin", order.get(c.command, 99),
                             int(c.group) if c.group.isdigit() else 0))
    rounds = 0
    for rounds in range(1, repeat + 1):
        round_start = time.perf_counter()
        base.samples.append(run_once(baseline_argv, env))
        for case in live:
            if case.group == "builtin":  # pair every built-in run with a baseline run
                base.samples.append(run_once(baseline_argv, env))
            sample = run_once([*cli, *case.argv], env)
            case.samples.append(sample)
            if sample.exit != case.expect_exit and not case.failure:  # flaky: say so
                first = next((line for line in sample.stderr.splitlines() if line.strip()), "")
                case.failure = f"exit {sample.exit} in round {rounds}, {first[:80]}"
        took = time.perf_counter() - round_start
        log(f"round {rounds}/{repeat}: {took:.1f} s")
        if rounds >= 3 and rounds < repeat and time.perf_counter() + took > deadline:
            log(f"stopping after {rounds} rounds to stay within --max-minutes")
            break
    return rounds




def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=None,
                        help="timed runs per case after the warm-up (default 7; 3 with --quick)")
    parser.add_argument("--quick", action="store_true", help="3 timed runs per case")
    parser.add_argument("--sizes", default=f"{SCALE_FROM},{SCALE_TO}",
                        help="ladder sizes in roles, comma-separated (default 10000,20000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--rows", default="", metavar="MIN-MAX",
                        help="requirement rows per role in generated ladders (default: generate.py's, 15-40)")
    parser.add_argument("--exe", metavar="NAME",
                        help="time this program on PATH (e.g. aiml-career) instead of "
                             "`python -m aiml_career` from this checkout")
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE",
                        help="add an environment variable to every timed process (repeatable)")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument("--no-builtin", action="store_true", help="skip the built-in-ladder cases")
    parser.add_argument("--cache-dir", help="where generated ladders are kept "
                                            "(default: $TMPDIR/aiml-career-bench)")
    parser.add_argument("--max-minutes", type=float, default=5.0,
                        help="stop adding rounds (after at least 3) past this (default 5)")
    parser.add_argument("--save", metavar="FILE", help="also write every sample as JSON")
    parser.add_argument("--env-as-is", action="store_true",
                        help="do not undo PYTHONDONTWRITEBYTECODE (see README)")
    args = parser.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 7)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    begun = time.perf_counter()
    deadline = begun + args.max_minutes * 60
    cli, python = program(args.exe)
    where = cache_dir(args.cache_dir)
    notes = []
    pycache = None
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and not args.env_as_is:
        pycache = where / "pycache"
        notes.append(f"PYTHONDONTWRITEBYTECODE is set here: timed processes run without it, "
                     f"with PYTHONPYCACHEPREFIX={os.environ.get('PYTHONPYCACHEPREFIX') or pycache}")
    env = environment(args.env, from_checkout=args.exe is None, pycache=pycache)
    cases: list[Case] = []
    if not args.no_builtin:
        cases += builtin_cases()
        if args.exe is None:
            packaged = REPO / "src" / "aiml_career" / "data" / "roles.json"
            if not (REPO / "data" / "roles.json").is_file() and not packaged.is_file():
                for case in cases:
                    case.skipped = "no data/roles.json yet"
        if env.get("AIML_CAREER_DATA"):
            notes.append(f"AIML_CAREER_DATA={env['AIML_CAREER_DATA']} replaces the built-in ladder")
    if env.get("AIML_CAREER_NO_CACHE"):
        notes.append("AIML_CAREER_NO_CACHE is set: every run validates the ladder in full")
    ids_by_size = {}
    for size in sizes:
        path, ids = ladder_file(size, args.seed, where, args.rows)
        ids_by_size[size] = ids
        cases += ladder_cases(size, path, ids)

    base = Case("baseline", "baseline", ["-c", BASELINE_CODE], "baseline")
    load_before = os.getloadavg()[0]
    rounds = measure(cases, base, cli, python, env, repeat, deadline)
    wall = time.perf_counter() - begun
    base_s = base.seconds()

    md = args.markdown
    main_rows = rows_for(cases, base_s)
    scale = scaling_rows(cases)
    suggest = suggestion_rows(cases)
    out = []
    title = "##" if md else ""
    out.append(f"{title} aiml-career benchmarks".strip())
    out.append("")
    out.append(
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load {load_before:.2f} -> {os.getloadavg()[0]:.2f}; "
        f"{'`' if md else ''}{' '.join(Path(p).name if i == 0 else p for i, p in enumerate(cli))}"
        f"{'`' if md else ''}; {rounds} timed round{'s' if rounds != 1 else ''} after 1 warm-up; {wall:.0f} s in all."
    )
    out += [f"Note: {note}." for note in notes]
    out.append("")
    out.append(
        f"Baseline (python -c \"import typer, pydantic\" + one model): median "
        f"{base_s:.3f} s (min {base.fastest():.3f}, cpu {base.cpu():.3f}) of {len(base.samples)} "
        f"runs, peak {base.peak_mb():.0f} MB."
    )
    import resource

    floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
    if floor > 0.9 * base.peak_mb():
        out.append(f"WARNING: this runner peaked at {floor:.0f} MB; a child's peak cannot read "
                   "below that, so small peaks are overstated.")
    out.append("")
    out.append(table(["case", "runs", "median s", "min s", "cpu s", "x baseline", "peak MB",
                      "budget", "result"], main_rows, md, {1, 2, 3, 4, 5, 6}))
    if scale:
        out += ["", f"{title} Scaling {SCALE_FROM:,} -> {SCALE_TO:,} roles".strip(), ""]
        out.append(table(["command", f"{SCALE_FROM // 1000}k s", f"{SCALE_TO // 1000}k s", "ratio",
                          "cpu ratio", "budget", "result"], scale, md, {1, 2, 3, 4}))
    if suggest:
        out += ["", f"{title} Typo suggestions (typo run minus `show` run)".strip(), ""]
        out.append(table(["ladder", "extra s", "extra cpu s", "budget", "result"], suggest, md,
                         {1, 2}))
    if not md:
        out += ["", "ids used: " + "; ".join(
            f"{size:,}: show {ids['show']}, next {ids['next']}, compare {' '.join(ids['compare'])}, "
            f"path {ids['path_from']} -> {ids['path_to']} ({ids['path_moves']} moves), "
            f"have {','.join(ids['have'])}, typo {ids['typo']!r}"
            for size, ids in ids_by_size.items())]
    print("\n".join(out))

    if args.save:
        Path(args.save).write_text(json.dumps({
            "baseline": [s.seconds for s in base.samples],
            "cases": {c.key: {"label": c.label, "argv": c.argv, "failure": c.failure,
                              "skipped": c.skipped,
                              "seconds": [s.seconds for s in c.samples],
                              "cpu": [s.cpu for s in c.samples],
                              "peak_kib": [s.peak_kib for s in c.samples]} for c in cases},
        }, indent=2))
    return 1 if failed(main_rows) or failed(scale) or failed(suggest) else 0


if __name__ == "__main__":
    sys.exit(main())
