"""Shared fixtures: a CLI runner that keeps stdout and stderr apart, data paths,
and a private profile location for every test (the real one is never touched).

Commands run in-process (:func:`in_process`) with an
:class:`~aiml_career.environment.Environment` the test builds: a terminal of a
given width, colour forced, and so on. Only the end-to-end tests start the
installed ``aiml-career`` (:func:`entry_point`).

Hypothesis: a quick profile by default; ``HYPOTHESIS_PROFILE=ci`` for the thorough one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from aiml_career.cli import run as run_app
from aiml_career.environment import Environment

# Hypothesis: "quick" by default (every property test runs a fifth of its examples,
# at least 10), "ci" runs each test's full count: HYPOTHESIS_PROFILE=ci pytest.
# Neither has a deadline: timings on a shared 2-core machine are noise.
settings.register_profile("quick", deadline=None)
settings.register_profile("ci", deadline=None)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "quick")
settings.load_profile(PROFILE)


def examples(thorough: int) -> int:
    """How many examples a property test runs: ``thorough`` under the ci profile."""
    return thorough if PROFILE == "ci" else max(10, thorough // 5)


ROOT = Path(__file__).resolve().parent.parent
BUILTIN = ROOT / "data" / "roles.json"
EXAMPLE = ROOT / "examples" / "data-engineering.json"


@pytest.fixture(autouse=True)
def private_env(tmp_path, monkeypatch):
    """No test reads or writes the user's profile, data choice or colour settings."""
    monkeypatch.setenv("AIML_CAREER_PROFILE", str(tmp_path / "profile.json"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("AIML_CAREER_DATA", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    yield


class Run:
    """What one CLI run printed and returned."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr

    def json(self):
        assert self.stdout.endswith("\n")
        return json.loads(self.stdout)


RUNNER = CliRunner()


def in_process(args: list[str], *, input: str | bytes | None = None, env: dict | None = None, **facts) -> Run:
    """Run the app in this process: ``env`` changes ``os.environ`` for the run, ``facts``
    change the :class:`Environment` read from it (``stdout_isatty=True, columns=60``).
    Exceptions that are not the app's own propagate."""
    with RUNNER.isolation(input=input, env=env) as (out, err, _):
        try:
            code = run_app(list(args), Environment.from_os(**facts))
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        stdout, stderr = out.getvalue(), err.getvalue()
    run = Run(code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))
    run.stdout_bytes = stdout
    return run


@pytest.fixture
def facts() -> dict:
    """Environment facts every ``cli(...)`` call of a test starts from (see ``tty``)."""
    return {}


@pytest.fixture
def cli(facts):
    """``cli("show", "mle")`` runs the app in-process and returns a Run;
    ``cli("show", "mle", stdout_isatty=True, columns=60)`` on a 60-column terminal."""

    def invoke(*args: str, input: str | bytes | None = None, env: dict | None = None, **more) -> Run:
        return in_process(list(args), input=input, env=env, **{**facts, **more})

    return invoke


class Completed:
    """What a run of the entry point did: like ``subprocess.CompletedProcess``."""

    def __init__(self, returncode: int, stdout: bytes, stderr: bytes) -> None:
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


def main_in_process(args: list, *, env: dict | None = None, input: bytes | None = None, stdin=None,
                    stdout=None, stderr=None, encoding: str = "utf-8") -> Completed:
    """``aiml-career ARGS`` through the entry point's own ``main()``, in this process:
    stdout is a real descriptor (``stdout``: a file or descriptor, else a temporary file),
    so closed pipes, full disks and devices behave as they do for the installed command.
    ``env`` is added to ``os.environ`` (without NO_COLOR, FORCE_COLOR, TERM) for the run.
    ``stderr``: a binary file to write errors to (what is written is then not returned).
    """
    import gc
    import io
    import tempfile

    from aiml_career.__main__ import main

    saved = (sys.stdin, sys.stdout, sys.stderr, sys.argv, dict(os.environ))
    capture = tempfile.TemporaryFile() if stdout is None else None
    fd = capture.fileno() if capture is not None else (stdout if isinstance(stdout, int) else stdout.fileno())
    err = io.BytesIO()
    said = b""
    try:
        for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
            os.environ.pop(name, None)
        os.environ.update(env or {})
        sys.argv = ["aiml-career", *args]
        sys.stdin = stdin if stdin is not None else io.TextIOWrapper(io.BytesIO(input or b""), encoding=encoding)
        sys.stdout = io.TextIOWrapper(io.FileIO(fd, "w", closefd=False), encoding=encoding)
        sys.stderr = io.TextIOWrapper(err if stderr is None else stderr, encoding=encoding,
                                      errors="backslashreplace", write_through=True)
        try:
            main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        gc.unfreeze()  # main() freezes the loaded ladder: a process runs one command
        said = err.getvalue()  # before the stream around it goes (and closes it)
        sys.stdin, sys.stdout, sys.stderr, sys.argv, environ = saved
        os.environ.clear()
        os.environ.update(environ)
    out = b""
    if capture is not None:
        capture.seek(0)
        out = capture.read()
        capture.close()
    return Completed(code, out, said)


def entry_point() -> list[str]:
    """The installed console script."""
    found = shutil.which("aiml-career", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    if found is None:
        pytest.fail("the aiml-career entry point is not installed: pip install -e .")
    return [found]


@pytest.fixture
def run():
    """``run("roles", env={...})`` runs the installed ``aiml-career`` in a subprocess."""

    def invoke(*args: str, env: dict | None = None, input: bytes | None = None, timeout: float = 60):
        full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
        full_env.update(env or {})
        return subprocess.run(
            [*entry_point(), *args], capture_output=True, env=full_env, input=input, timeout=timeout
        )

    return invoke


def on_a_terminal(args: list[str], env: dict | None = None, timeout: float = 60) -> tuple[int, bytes, bytes]:
    """Run the installed ``aiml-career`` with stdout on a pseudo-terminal: (code, stdout, stderr)."""
    import pty

    leader, follower = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "FORCE_COLOR")}
    full_env.update({"TERM": "xterm-256color", "COLUMNS": "100", **(env or {})})
    proc = subprocess.Popen([*entry_point(), *args], stdout=follower, stderr=subprocess.PIPE, env=full_env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    err = proc.stderr.read()
    proc.wait(timeout=timeout)
    os.close(leader)
    return proc.returncode, b"".join(chunks).replace(b"\r\n", b"\n"), err


@pytest.fixture
def tty(monkeypatch, facts):
    """The app's stdout is a terminal (colour stays off: NO_COLOR)."""
    monkeypatch.setenv("NO_COLOR", "1")
    facts["stdout_isatty"] = True


@pytest.fixture
def quick_pilot(monkeypatch):
    """Textual's pilot waits for the app to go idle after each key in 20 ms slices
    (``textual._wait``): 5 ms slices judge idleness the same way (CPU time against
    wall time in the slice) and take a quarter of the time. Not autouse: only the
    browse tests may import Textual (other commands' tests check it stays unloaded)."""
    import textual._wait as wait

    monkeypatch.setattr(wait, "SLEEP_GRANULARITY", 1 / 200)
    monkeypatch.setattr(wait, "SLEEP_IDLE", 1 / 200 / 20)
