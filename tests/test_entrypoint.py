"""The installed ``aiml-career`` as a user's shell runs it: pipes, exit codes, colour, signals.

The true end-to-end tests start the installed command (or ``python -m``, or a
built wheel); the rest run the entry point's ``main()`` in this process on real
descriptors (``main_in_process``), or the app with a built Environment (``cli``).
"""

from __future__ import annotations

import importlib.util
import json
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, child_env, entry_point, main_in_process, on_a_terminal

ANSI = b"\x1b["


def shell(command: str, env: dict | None = None) -> subprocess.CompletedProcess:
    exe = entry_point()[0]
    return subprocess.run(["bash", "-c", command.replace("aiml-career", exe, 1)],
                          capture_output=True, env=child_env(env), timeout=60)


@pytest.mark.parametrize(
    "command",
    [
        "aiml-career roles | head -1",
        "aiml-career export --format markdown | head -1",
        "aiml-career stages --json | head -c 10",
        "aiml-career skills | head -2",
    ],
)
def test_closed_pipe_is_quiet(command):
    result = shell(f"set -o pipefail; {command}")
    assert result.stdout, "head printed something"
    assert result.stderr == b"", result.stderr.decode()


def test_json_into_a_pipe_is_one_utf8_document():
    result = main_in_process(["show", "caio", "--json"])
    assert result.returncode == 0
    assert result.stdout.endswith(b"\n")
    data = json.loads(result.stdout.decode("utf-8"))
    assert data["id"] == "caio"
    assert "’" in data["summary"]  # real UTF-8, not \u escapes
    assert ANSI not in result.stdout
    assert result.stderr == b""


def test_json_stays_utf8_with_an_ascii_locale():
    # PYTHONIOENCODING=ascii LC_ALL=C: stdout is an ASCII text stream.
    result = main_in_process(["show", "caio", "--json"], encoding="ascii")
    assert result.returncode == 0
    assert json.loads(result.stdout.decode("utf-8"))["summary"].count("’") >= 1


def test_text_with_an_ascii_locale_does_not_crash():
    result = main_in_process(["show", "caio"], encoding="ascii")
    assert result.returncode == 0
    assert b"Traceback" not in result.stderr
    assert b"Chief AI Officer" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "ml-engineer"], 0, b""),
        (["show", "astronaut"], 2, b"unknown role or specialization 'astronaut'"),
        (["compare", "senior"], 2, b"ambiguous role 'senior'"),
        (["--data", "/nonexistent/ladder.json", "roles"], 1, b"no such file"),
        (["roles", "--bogus"], 2, b"no such option: --bogus"),
    ],
)
def test_exit_codes(args, code, message):
    result = main_in_process(args)
    assert result.returncode == code
    assert message in result.stderr
    assert b"Traceback" not in result.stderr
    if code:
        assert result.stdout == b""


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "aiml_career", "--version"],
                            capture_output=True, cwd=tmp_path, env=child_env(), timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith(b"aiml-career ")


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The project built as a wheel, once per session (not the editable checkout)."""
    out = tmp_path_factory.mktemp("wheel")
    # hatchling comes with the test extras: no isolated build environment to set up.
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *isolation,
                    "-w", str(out), str(ROOT)], check=True, capture_output=True, timeout=300)
    (built,) = out.glob("aiml_career-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_the_ladder_and_runs_from_any_folder(wheel, tmp_path):
    with zipfile.ZipFile(wheel) as archive:
        packaged = archive.read("aiml_career/data/roles.json")
        archive.extractall(tmp_path / "site")
    assert packaged == (ROOT / "data" / "roles.json").read_bytes()
    # The unpacked wheel alone on the path, run from an empty folder: the ladder it
    # loads is the one inside the wheel.
    code = ("import sys; from aiml_career.ladder import loading; print(loading.builtin_path()); "
            "from aiml_career.__main__ import main; sys.argv = ['aiml-career', 'roles', '--json']; main()")
    (tmp_path / "empty").mkdir()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=tmp_path / "empty",
                            env=child_env({"PYTHONPATH": str(tmp_path / "site")}), timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    where, _, document = result.stdout.partition(b"\n")
    assert Path(where.decode()).is_relative_to(tmp_path / "site")
    assert len(json.loads(document)) == 11


def _on_a_terminal(args: list[str], env: dict) -> bytes:
    """Run with stdout on a pseudo-terminal; return what it printed (it must succeed)."""
    code, out, _ = on_a_terminal(args, env)
    assert code == 0
    return out


def test_colour_on_a_terminal():
    assert ANSI in _on_a_terminal(["show", "ml-engineer"], {})


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_escape_codes_with_no_color_or_dumb_terminal(cli, env):
    result = cli("show", "ml-engineer", env={"TERM": "xterm-256color", **env}, stdout_isatty=True)
    assert result.exit_code == 0
    assert "Machine Learning Engineer" in result.stdout
    assert "\x1b[" not in result.stdout


def test_colour_on_a_terminal_in_process(cli):
    # What the pseudo-terminal test above shows, with a built terminal: the control for the two below.
    result = cli("show", "ml-engineer", env={"TERM": "xterm-256color"}, stdout_isatty=True)
    assert "\x1b[" in result.stdout


def test_no_escape_codes_into_a_pipe(cli):
    result = cli("show", "ml-engineer", env={"TERM": "xterm-256color"}, stdout_isatty=False)
    assert "\x1b[" not in result.stdout
    assert "Machine Learning Engineer" in result.stdout


def test_json_on_a_terminal_has_no_escape_codes(cli):
    result = cli("show", "ml-engineer", "--json", env={"TERM": "xterm-256color"}, stdout_isatty=True)
    assert "\x1b[" not in result.stdout
    assert json.loads(result.stdout)["id"] == "ml-engineer"


def _wait_until_reading_a_pipe(pid: int, timeout: float = 20) -> None:
    """Until the process blocks reading a pipe (Linux says so in /proc); elsewhere 1.5 s."""
    wchan = Path(f"/proc/{pid}/wchan")
    if not wchan.exists():
        time.sleep(1.5)
        return
    deadline = time.monotonic() + timeout
    while "pipe" not in wchan.read_text() and time.monotonic() < deadline:
        time.sleep(0.02)


def test_ctrl_c_exits_130_without_traceback(tmp_path):
    # Reading the ladder from a pipe nobody writes to blocks: the command is
    # mid-run when the signal lands. (A FIFO given as a file is refused at once.)
    # As from a terminal: Ctrl-C not ignored, even when these tests run in the
    # background (a shell's `&` starts them with SIGINT ignored, and children inherit it).
    proc = subprocess.Popen([*entry_point(), "--data", "-", "roles"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=child_env(),
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _wait_until_reading_a_pipe(proc.pid)
    proc.send_signal(signal.SIGINT)
    # Wait with stdin still open: closing it first (communicate does) could end the
    # read with an empty ladder before a slow, loaded machine delivers the signal.
    proc.wait(timeout=30)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"Traceback" not in err


def test_json_path_does_not_import_rich():
    code = (
        "import sys\n"
        "from aiml_career.cli import app\n"
        "try:\n"
        "    app(['show', 'ml-engineer', '--json'], prog_name='aiml-career')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('RICH' if any(m == 'rich' or m.startswith('rich.') for m in sys.modules) else 'LEAN')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, env=child_env(), timeout=60)
    assert json.loads(result.stdout)["id"] == "ml-engineer"
    assert result.stderr.endswith(b"LEAN"), result.stderr


class _Ended(Exception):
    pass


@pytest.mark.parametrize(("callbacks", "threads"), [(0, 1), (1, 1), (0, 2)])
def test_the_process_ends_at_once_only_when_nothing_waits_for_its_exit(monkeypatch, callbacks, threads):
    """With its output written, a one-shot run ends with ``os._exit`` (no teardown of every
    object): unless an ``atexit`` callback or another thread waits for the interpreter's exit,
    then as usual."""
    import atexit
    import os
    import threading

    from aiml_career import __main__

    monkeypatch.setattr(threading, "active_count", lambda: threads)
    waits = callbacks or threads > 1

    ended = []

    def ends(code: int) -> None:
        ended.append(code)
        raise _Ended

    monkeypatch.setattr(atexit, "_ncallbacks", lambda: callbacks)
    monkeypatch.setattr(os, "_exit", ends)
    with pytest.raises(SystemExit if waits else _Ended) as exited:
        __main__._exit(3)
    if waits:
        assert exited.value.code == 3
        assert ended == []
    else:
        assert ended == [3]
