"""Shared fixtures: a CLI runner that keeps stdout and stderr apart, data paths,
and a private profile, config and cache location for every test (the real ones are
never touched).

Commands run in-process (:func:`in_process`) with an
:class:`~aiml_career.environment.Environment` the test builds (:func:`test_env`): its
own profile, config and cache folders, 100 columns, and whatever the test changes (a
terminal of 60 columns, colour forced, ...). No environment variable of this process is
set to steer the code. Only the end-to-end tests start the installed ``aiml-career``
(:func:`entry_point`), and they hand the child the same private locations as real
environment variables (:func:`child_env`), as a user would.

Hypothesis: a quick profile by default; ``HYPOTHESIS_PROFILE=ci`` for the thorough one.
"""

from __future__ import annotations

import functools
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


#: The variables the current test's environment is read from (:func:`private_env`).
PRIVATE: dict[str, str] = {}
#: What a child process must not inherit from the shell that runs the tests.
NOT_INHERITED = ("NO_COLOR", "FORCE_COLOR", "TERM", "AIML_CAREER_DATA", "AIML_CAREER_NO_CACHE", "AIML_CAREER_MAX_BYTES")


@pytest.fixture(autouse=True)
def private_env(tmp_path):
    """No test reads or writes the user's profile, data choice or colour settings: each
    test's :class:`Environment` names a profile, config and cache folder of its own
    (the test's environment; nothing is set in ``os.environ``)."""
    PRIVATE.clear()
    PRIVATE.update({
        "AIML_CAREER_PROFILE": str(tmp_path / "profile.json"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "COLUMNS": "100",
    })
    yield test_env()
    PRIVATE.clear()


def test_env(environ: dict | None = None, **facts) -> Environment:
    """The current test's :class:`Environment`: its private locations and 100 columns, read
    from :data:`PRIVATE` with ``environ`` added (``{"AIML_CAREER_DATA": ...}``; a value of
    None leaves that variable out), then changed by ``facts``."""
    merged = {**PRIVATE, **(environ or {})}
    return Environment.from_os({k: v for k, v in merged.items() if v is not None}, **facts)


test_env.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


def cache_folder():
    """The current test's ladder cache folder."""
    return test_env().ladder_cache


def written(folder: Path, doc: dict, name: str) -> str:
    """A ladder document written as ``folder/name`` (UTF-8 JSON), its path as a command takes it."""
    path = folder / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def cached_load(path=None):
    """:func:`~aiml_career.ladder.loading.load` with the current test's ladder cache, as a command loads."""
    from aiml_career.ladder.loading import load

    return load(path, cache=cache_folder())


@functools.cache
def generator():
    """benchmarks/generate.py as a module: the generator of big ladders (and its own words)."""
    import importlib.util

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return module


def child_env(env: dict | None = None) -> dict[str, str]:
    """The environment of a child ``aiml-career``: this process's, without colour settings
    and data choices, with the test's private locations, and ``env`` (None: left out)."""
    merged = {**{k: v for k, v in os.environ.items() if k not in NOT_INHERITED}, **PRIVATE, **(env or {})}
    return {k: v for k, v in merged.items() if v is not None}


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
    """Run the app in this process with the test's :class:`Environment`, read from its
    private variables and ``env`` (``{"COLUMNS": "40"}``; ``os.environ`` is left alone),
    then changed by ``facts`` (``stdout_isatty=True, columns=60``).
    Exceptions that are not the app's own propagate."""
    with RUNNER.isolation(input=input) as (out, err, _):
        try:
            code = run_app(list(args), test_env(env, **facts))
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
def variables() -> dict:
    """Environment variables every ``cli(...)`` call of a test reads its :class:`Environment`
    from, over the private ones (``variables["AIML_CAREER_PROFILE"] = ...``; None: unset).
    Nothing is set in ``os.environ``."""
    return {}


@pytest.fixture
def cli(facts, variables):
    """``cli("show", "mle")`` runs the app in-process and returns a Run;
    ``cli("show", "mle", stdout_isatty=True, columns=60)`` on a 60-column terminal;
    ``cli("roles", env={"COLUMNS": "40"})`` with an Environment read from those variables."""

    def invoke(*args: str, input: str | bytes | None = None, env: dict | None = None, **more) -> Run:
        return in_process(list(args), input=input, env={**variables, **(env or {})}, **{**facts, **more})

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
    The entry point reads the real environment, so for the run ``os.environ`` is
    :func:`child_env` (the test's private locations, no colour settings) with ``env``.
    ``stderr``: a binary file to write errors to (what is written is then not returned).
    """
    import gc
    import io
    import tempfile
    from unittest import mock

    from aiml_career import __main__ as entry
    from aiml_career.__main__ import main

    saved = (sys.stdin, sys.stdout, sys.stderr, sys.argv, dict(os.environ))
    thresholds = gc.get_threshold()
    capture = tempfile.TemporaryFile() if stdout is None else None
    fd = capture.fileno() if capture is not None else (stdout if isinstance(stdout, int) else stdout.fileno())
    err = io.BytesIO()
    said = b""
    try:
        environ = child_env(env)
        os.environ.clear()
        os.environ.update(environ)
        sys.argv = ["aiml-career", *args]
        sys.stdin = stdin if stdin is not None else io.TextIOWrapper(io.BytesIO(input or b""), encoding=encoding)
        sys.stdout = io.TextIOWrapper(io.FileIO(fd, "w", closefd=False), encoding=encoding)
        sys.stderr = io.TextIOWrapper(err if stderr is None else stderr, encoding=encoding,
                                      errors="backslashreplace", write_through=True)
        try:
            with mock.patch.object(entry, "_exit", sys.exit):  # never os._exit: this is the test's process
                main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        gc.unfreeze()  # main() freezes the loaded ladder and tunes the collector: a process runs one command
        gc.set_threshold(*thresholds)
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
        return subprocess.run(
            [*entry_point(), *args], capture_output=True, env=child_env(env), input=input, timeout=timeout
        )

    return invoke


def on_a_terminal(args: list[str], env: dict | None = None, timeout: float = 60) -> tuple[int, bytes, bytes]:
    """Run the installed ``aiml-career`` with stdout on a pseudo-terminal: (code, stdout, stderr)."""
    import pty

    leader, follower = pty.openpty()
    full_env = child_env({"TERM": "xterm-256color", "COLUMNS": "100", **(env or {})})
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
def tty(facts):
    """The app's stdout is a terminal (colour stays off: NO_COLOR)."""
    facts["no_color"] = True
    facts["stdout_isatty"] = True
