"""Time `aiml-career browse` with Textual's headless pilot (``App.run_test``).

* **open**: a fresh process per run imports the app, loads the built-in ladder
  and the profile, and draws the first screen; the time from the first line of
  the process to the first screen drawn (budget: under 1 s). Python's own
  start-up (~20 ms) comes before it. The yardstick, timed in turn with it: an
  empty Textual app (a footer) to its first screen, so a busy machine shows as
  a slow yardstick.
* **filter**: on a generated 10,000-role ladder (``generate.py``, cached as
  ``run.py`` caches it), the `/` box gets a query one keystroke at a time; for
  each keystroke, the time the app takes to filter and rebuild the tree
  (``filter``) and the time until the next frame goes out to the terminal
  (``to screen``: keystroke to drawn, layout and rendering included).
  Budget: under 100 ms a keystroke.
* **big open** and **toggle**: a fresh process per run opens the generated
  ladder as the command does (the load with the collector paused, then
  frozen), from its first line to the first screen drawn, the ladder's load
  shown apart; then space on a requirement of the role shown, three times
  (done, learning, skipped: each written to the profile), each timed until
  the next frame is out. Budgets (issue 23): open 1.5 s, toggle 0.2 s.

    python benchmarks/browse.py                 # 7 opens, the 10k filter
    python benchmarks/browse.py --repeat 3 --size 20000

Needs the project's dependencies (Textual); the profile and cache are private
temporary ones.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # before any import of the app: the open case counts them

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
#: Typed one key at a time on the big ladder (names there are generated: see generate.py).
QUERIES = ("forecasting", "senior data", "ml eng", "speech")
OPEN_BUDGET, FILTER_BUDGET = 1.0, 0.100
BIG_OPEN_BUDGET, TOGGLE_BUDGET = 1.5, 0.200


def child_open() -> None:
    """One open, in this fresh process: print the seconds to the first screen."""
    sys.path.insert(0, str(SRC))
    from aiml_career.advice.person import person
    from aiml_career.environment import Environment
    from aiml_career.ladder.loading import data_path, load
    from aiml_career.tui.app import BrowseApp
    from aiml_career.tui.state import Browser

    async def main() -> float:
        env = Environment.from_os()
        ladder = load(data_path(env.data), cache=env.ladder_cache)
        person(ladder, None, profile=env.profile_file)  # as the command does, before the UI
        app = BrowseApp(Browser(ladder, env=env), None)
        async with app.run_test(size=(100, 30)):  # entered once the first screen is drawn
            ready = time.perf_counter() - STARTED
            assert app.shown is not None
        return ready

    print(json.dumps({"open": asyncio.run(main())}))


def child_bare() -> None:
    """The yardstick, in this fresh process: an empty Textual app with a footer, to its first screen."""
    from textual.app import App
    from textual.widgets import Footer

    class Bare(App):
        def compose(self):
            yield Footer()

    async def main() -> float:
        async with Bare().run_test(size=(100, 30)):
            return time.perf_counter() - STARTED

    print(json.dumps({"open": asyncio.run(main())}))


def child_filter(path: str) -> None:
    """The 10k-role filter: per keystroke, (filter + tree, to screen) in seconds."""
    sys.path.insert(0, str(SRC))
    from aiml_career.environment import Environment
    from aiml_career.ladder.loading import load
    from aiml_career.tui.app import BrowseApp
    from aiml_career.tui.state import Browser

    out: dict = {"keys": []}

    async def main() -> None:
        env = Environment.from_os()
        t = time.perf_counter()
        ladder = load(path, cache=env.ladder_cache)
        out["load"] = time.perf_counter() - t
        t = time.perf_counter()
        app = BrowseApp(Browser(ladder, env=env), None)
        fill = app.side.refill  # the filter box's text to the tree
        spent: list[float] = []

        def timed(query):
            t0 = time.perf_counter()
            fill(query)
            spent.append(time.perf_counter() - t0)

        app.side.refill = timed
        frames: list[float] = []  # when a frame went out to the terminal (headless: nowhere)
        display = app._display

        def shown(screen, renderable):
            if renderable is not None:
                frames.append(time.perf_counter())
            display(screen, renderable)

        app._display = shown
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            out["start"] = time.perf_counter() - t
            await pilot.press("slash")
            box = app.query_one("#filter")
            for query in QUERIES:
                for n in range(1, len(query) + 1):
                    spent.clear()
                    frames.clear()
                    t0 = time.perf_counter()
                    box.value = query[:n]
                    await pilot.pause()
                    # The frame that shows the filtered tree: the first one after the filter ran.
                    drawn = next(f for f in frames if f >= t0 + sum(spent))
                    out["keys"].append({"typed": query[:n], "filter": sum(spent),
                                        "to_screen": drawn - t0, "roles": len(app.ladder_tree.nodes)})
                box.value = ""
                await pilot.pause()

    asyncio.run(main())
    print(json.dumps(out))


def child_big(path: str) -> None:
    """The big ladder opened as `browse` opens it, then three status toggles: seconds each."""
    sys.path.insert(0, str(SRC))
    from aiml_career.advice.person import person
    from aiml_career.environment import Environment
    from aiml_career.ladder.loading import load
    from aiml_career.tui.app import BrowseApp
    from aiml_career.tui.state import Browser

    out: dict = {"toggles": []}

    async def main() -> None:
        env = Environment.from_os(one_shot=True)  # as the entry point: frozen after the load
        t = time.perf_counter()
        with env.loading():
            ladder = load(path, cache=env.ladder_cache)
        out["load"] = time.perf_counter() - t
        person(ladder, None, profile=env.profile_file)
        app = BrowseApp(Browser(ladder, env=env), None)
        frames: list[float] = []
        display = app._display

        def shown(screen, renderable):
            if renderable is not None:
                frames.append(time.perf_counter())
            display(screen, renderable)

        app._display = shown
        async with app.run_test(size=(100, 30)) as pilot:
            out["open"] = time.perf_counter() - STARTED
            await pilot.pause()
            app.screen.set_focus(app.detail.reqs)
            await pilot.pause()
            for _ in range(3):
                frames.clear()
                t0 = time.perf_counter()
                await pilot.press("space")
                await pilot.pause()
                out["toggles"].append((frames[-1] if frames else time.perf_counter()) - t0)

    asyncio.run(main())
    print(json.dumps(out))


def run_child(args: list[str], env: dict) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, env=env, check=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="opens to time (default 7)")
    parser.add_argument("--size", type=int, default=10000, help="roles in the generated ladder (default 10000)")
    parser.add_argument("--cache-dir", help="where generated ladders are kept (default: $TMPDIR/aiml-career-bench)")
    parser.add_argument("--child-open", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-filter", metavar="PATH", help=argparse.SUPPRESS)
    parser.add_argument("--child-bare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--child-big", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_open:
        child_open()
        return 0
    if args.child_bare:
        child_bare()
        return 0
    if args.child_filter:
        child_filter(args.child_filter)
        return 0
    if args.child_big:
        child_big(args.child_big)
        return 0

    sys.path.insert(0, str(HERE))
    import run as runner  # benchmarks/run.py: the generated ladders, cached

    where = runner.cache_dir(args.cache_dir)
    path, _ = runner.ladder_file(args.size, 1, where)
    ok = True
    with tempfile.TemporaryDirectory() as home:
        env = {k: v for k, v in os.environ.items() if k not in ("AIML_CAREER_DATA", "NO_COLOR")}
        env.update({"AIML_CAREER_PROFILE": str(Path(home) / "profile.json"),
                    "XDG_CACHE_HOME": str(where / "xdg-cache"), "PYTHONPATH": str(SRC)})
        run_child(["--child-open"], env)  # warm-up: bytecode, the ladder cache
        run_child(["--child-bare"], env)
        opens, bare = [], []
        for _ in range(args.repeat):  # in turn, so a busy machine slows both alike
            opens.append(run_child(["--child-open"], env)["open"])
            bare.append(run_child(["--child-bare"], env)["open"])
        median = statistics.median(opens)
        ok &= median < OPEN_BUDGET
        print(f"open, built-in ladder: median {median * 1000:.0f} ms, min {min(opens) * 1000:.0f}, "
              f"max {max(opens) * 1000:.0f} ({len(opens)} runs; budget {OPEN_BUDGET * 1000:.0f} ms)")
        print(f"  yardstick, an empty Textual app: median {statistics.median(bare) * 1000:.0f} ms "
              f"(browse = {median / statistics.median(bare):.2f}x)")

        run_child(["--child-filter", str(path)], env) if not (where / "xdg-cache").exists() else None
        result = run_child(["--child-filter", str(path)], env)
        keys = result["keys"]
        filt = [k["filter"] for k in keys]
        screen = [k["to_screen"] for k in keys]
        ok &= max(filt) < FILTER_BUDGET and statistics.median(screen) < FILTER_BUDGET
        print(f"{args.size:,}-role ladder: load {result['load']:.1f} s, app ready {result['start']:.1f} s")
        print(f"filter, {len(keys)} keystrokes: filter + tree median {statistics.median(filt) * 1000:.1f} ms, "
              f"max {max(filt) * 1000:.1f}; to screen median {statistics.median(screen) * 1000:.0f} ms, "
              f"max {max(screen) * 1000:.0f} (budget {FILTER_BUDGET * 1000:.0f} ms)")
        for k in keys:
            if k["typed"] in QUERIES:
                print(f"  {k['typed']!r}: {k['roles']} roles listed, filter + tree {k['filter'] * 1000:.1f} ms, "
                      f"to screen {k['to_screen'] * 1000:.0f} ms")
        ok &= big(path, env, args.size, args.repeat)
    return 0 if ok else 1


def big(path: Path, env: dict, size: int, repeat: int) -> bool:
    """The big ladder's open and status toggles, ``repeat`` fresh processes (a new profile each)."""
    opens, loads, toggles = [], [], []
    profile = Path(env["AIML_CAREER_PROFILE"])
    for run in range(repeat + 1):
        profile.unlink(missing_ok=True)
        result = run_child(["--child-big", str(path)], env)
        if run:  # the first is a warm-up (bytecode, the ladder cache)
            opens.append(result["open"])
            loads.append(result["load"])
            toggles += result["toggles"]
    median, toggle = statistics.median(opens), statistics.median(toggles)
    print(f"open, {size:,}-role ladder: median {median:.2f} s, min {min(opens):.2f}, max {max(opens):.2f} "
          f"({len(opens)} runs; the ladder's load {statistics.median(loads):.2f} s of it; "
          f"budget {BIG_OPEN_BUDGET} s); load average {os.getloadavg()[0]:.2f}")
    print(f"status toggle (space), {size:,}-role ladder: median {toggle * 1000:.0f} ms, max "
          f"{max(toggles) * 1000:.0f} ({len(toggles)} toggles; budget {TOGGLE_BUDGET * 1000:.0f} ms)")
    return median <= BIG_OPEN_BUDGET and toggle <= TOGGLE_BUDGET


if __name__ == "__main__":
    sys.exit(main())
