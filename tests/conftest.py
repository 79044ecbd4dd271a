"""Shared fixtures: a CLI runner that keeps stdout and stderr apart, data paths,
and a private profile location for every test (the real one is never touched).

Commands run in-process (:func:`in_process`) with an
:class:`~aiml_career.environment.Environment` the test builds: a terminal of a
given width, colour forced, and so on. Only the end-to-end tests start the
installed ``aiml-career`` (:func:`entry_point`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aiml_career.cli import run as run_app
from aiml_career.environment import Environment

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
