"""The installed ``aiml-career`` as a user's shell runs it: pipes, exit codes, colour, signals."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import entry_point, on_a_terminal

ANSI = b"\x1b["


def shell(command: str, env: dict | None = None) -> subprocess.CompletedProcess:
    exe = entry_point()[0]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(["bash", "-c", command.replace("aiml-career", exe, 1)],
                          capture_output=True, env=full_env, timeout=60)


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


def test_json_into_a_pipe_is_one_utf8_document(run):
    result = run("show", "caio", "--json")
    assert result.returncode == 0
    assert result.stdout.endswith(b"\n")
    data = json.loads(result.stdout.decode("utf-8"))
    assert data["id"] == "caio"
    assert "’" in data["summary"]  # real UTF-8, not \u escapes
    assert ANSI not in result.stdout
    assert result.stderr == b""


def test_json_stays_utf8_with_an_ascii_locale(run):
    result = run("show", "caio", "--json", env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"})
    assert result.returncode == 0
    assert json.loads(result.stdout.decode("utf-8"))["summary"].count("’") >= 1


def test_text_with_an_ascii_locale_does_not_crash(run):
    result = run("show", "caio", env={"PYTHONIOENCODING": "ascii", "LC_ALL": "C"})
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
def test_exit_codes(run, args, code, message):
    result = run(*args)
    assert result.returncode == code
    assert message in result.stderr
    assert b"Traceback" not in result.stderr
    if code:
        assert result.stdout == b""


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "aiml_career", "--version"],
                            capture_output=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith(b"aiml-career ")


def test_runs_from_any_folder_with_packaged_data(tmp_path, run):
    result = subprocess.run([*entry_point(), "roles", "--json"], capture_output=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == 11


def _on_a_terminal(args: list[str], env: dict) -> bytes:
    """Run with stdout on a pseudo-terminal; return what it printed (it must succeed)."""
    code, out, _ = on_a_terminal(args, env)
    assert code == 0
    return out


def test_colour_on_a_terminal():
    assert ANSI in _on_a_terminal(["show", "ml-engineer"], {})


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_escape_codes_with_no_color_or_dumb_terminal(env):
    out = _on_a_terminal(["show", "ml-engineer"], env)
    assert b"Machine Learning Engineer" in out
    assert ANSI not in out


def test_no_escape_codes_into_a_pipe(run):
    result = run("show", "ml-engineer", env={"TERM": "xterm-256color"})
    assert ANSI not in result.stdout
    assert b"Machine Learning Engineer" in result.stdout


def test_json_on_a_terminal_has_no_escape_codes():
    out = _on_a_terminal(["show", "ml-engineer", "--json"], {})
    assert ANSI not in out
    assert json.loads(out.replace(b"\r\n", b"\n"))["id"] == "ml-engineer"


def test_ctrl_c_exits_130_without_traceback(tmp_path):
    # Reading the ladder from a pipe nobody writes to blocks: the command is
    # mid-run when the signal lands. (A FIFO given as a file is refused at once.)
    proc = subprocess.Popen([*entry_point(), "--data", "-", "roles"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
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
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert json.loads(result.stdout)["id"] == "ml-engineer"
    assert result.stderr.endswith(b"LEAN"), result.stderr
