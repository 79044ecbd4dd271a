"""Everything a user or a hostile file can throw at the CLI: one clear error, the right code, no traceback."""

from __future__ import annotations

import json
import os

import pytest

from conftest import BUILTIN, EXAMPLE, ROOT, main_in_process

# One invocation of every command, as a user would type it.
EVERY_COMMAND = [
    ["stages"], ["roles"], ["show", "ml-engineer"], ["compare", "data-scientist", "ml-engineer"],
    ["next", "--from", "junior-ds"], ["path", "--from", "intern", "--to", "caio"],
    ["match", "--have", "python"], ["search", "model"], ["skills"], ["skills", "python"],
    ["specializations"], ["education"], ["resources"], ["tree"], ["validate"], ["schema"],
    ["export", "--format", "markdown"], ["profile", "show"],
]


def no_traceback(text: str) -> None:
    assert "Traceback" not in text, text
    assert "Exception ignored" not in text, text


# -- data files ------------------------------------------------------------------


def test_unreadable_file(cli, monkeypatch):
    def denied(path, flags, **at):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("aiml_career.files._open", denied)  # root reads a 0000 file anyway
    result = cli("--data", str(EXAMPLE), "roles")
    assert result.exit_code == 1
    assert result.stderr.startswith("aiml-career: error: cannot read ladder file")
    assert "permission denied" in result.stderr


def test_deeply_nested_arrays(cli, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    result = cli("validate", str(path), "--json")
    assert result.exit_code == 1
    (problem,) = result.json()["problems"]
    assert "recursion limit" in problem["message"]
    result = cli("--data", str(path), "roles")
    assert result.exit_code == 1
    assert result.stdout == ""


def test_deeply_nested_object_inside_a_valid_field(cli, tmp_path):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    path = tmp_path / "deep.json"
    text = json.dumps(data).replace('"summary": "Builds', '"summary": ' + "[" * 50_000 + "]" * 50_000 + ', "x": "', 1)
    path.write_text(text)
    result = cli("validate", str(path))
    assert result.exit_code == 1
    no_traceback(result.stdout + result.stderr)


@pytest.mark.slow
def test_a_50_mb_string_loads(cli, tmp_path):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["roles"][0]["summary"] = "x" * 50_000_000
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data))
    result = cli("--data", str(path), "show", "junior-de", "--json")
    assert result.exit_code == 0
    assert len(result.json()["summary"]) == 50_000_000


def test_a_string_over_the_text_limit_in_a_name_is_a_problem(cli, tmp_path):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["roles"][0]["name"] = "x" * 20_000
    path = tmp_path / "long-name.json"
    path.write_text(json.dumps(data))
    result = cli("validate", str(path), "--json")
    assert result.exit_code == 1
    assert result.json()["problems"][0]["path"] == "roles[0].name"


def test_lateral_cycles_are_allowed_promotion_cycles_are_not(cli, tmp_path):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    # data-engineer <-> analytics-engineer laterally: fine.
    assert cli("validate", str(EXAMPLE)).exit_code == 0
    data["roles"][5]["next"] = [{"to": "junior-de", "kind": "promotion", "basis": "editorial", "note": "loops back"}]
    path = tmp_path / "cycle.json"
    path.write_text(json.dumps(data))
    result = cli("validate", str(path), "--json")
    assert result.exit_code == 1
    assert any("promotion cycle" in p["message"] for p in result.json()["problems"])


# -- names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("", "has no letters or digits"),
        ("    ", "has no letters or digits"),
        ("!?.-_-", "has no letters or digits"),
        ("🚀🔥", "has no letters or digits"),
        ("x" * 10_000, "is too long (10000 characters)"),
        ("データサイエンティスト", "unknown role 'データサイエンティスト'"),
        ("Ingénieur ML", "unknown role"),
        ("senior", "ambiguous role 'senior'"),
        ("ai", "unknown role 'ai'"),
    ],
)
def test_bad_role_names(cli, name, fragment):
    for args in (["next", "--from", name], ["compare", name, "caio"], ["path", "--from", name, "--to", "caio"]):
        result = cli(*args)
        assert result.exit_code == 2, args
        assert result.stdout == ""
        assert fragment in result.stderr
        assert len(result.stderr) < 2_000, "a huge name is shortened in the message"


def test_a_prefix_of_several_roles_lists_them(cli):
    result = cli("show", "ai")
    assert result.exit_code == 2
    result = cli("show", "ai ")  # spacing ignored
    assert result.exit_code == 2
    result = cli("show", "AI-ML")
    assert result.exit_code == 2
    assert "ambiguous" in result.stderr
    assert "ai-ml-manager" in result.stderr


def test_control_characters_in_a_name_are_shown_escaped(cli):
    result = cli("show", "ml\x1b[31mengineer\rX")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "\r" not in result.stderr
    assert "\\x1b" in result.stderr


@pytest.mark.parametrize(
    ("have", "code", "fragment"),
    [
        ("pyhton", 2, "unknown skill 'pyhton'"),
        ("python:guru", 2, "unknown skill level 'guru'"),
        ("python:", 2, "no level after ':'"),
        ("python:In-Depth", 0, ""),
        ("python:5", 2, "unknown skill level '5'"),
        (":advanced", 2, "has no letters or digits"),
        ("", 2, "no skills given"),
        ("python,,sql", 0, ""),
        ("PYTHON:ADVANCED, Sql : Expert", 0, ""),
    ],
)
def test_have_values(cli, have, code, fragment):
    result = cli("match", "--have", have, "--json")
    assert result.exit_code == code, result.stderr
    assert fragment in result.stderr
    if code == 0:
        assert result.json()["roles"]


# -- profile -----------------------------------------------------------------------


def test_a_profile_folder_that_cannot_be_written(cli, tmp_path, monkeypatch):
    from aiml_career import files

    real = files._open

    def refuse(name, flags, **at):  # root may write anywhere: refuse the temporary file
        if name.endswith(".tmp"):
            raise PermissionError(13, "Permission denied")
        return real(name, flags, **at)

    monkeypatch.setattr(files, "_open", refuse)
    result = cli("profile", "add", "python")
    assert result.exit_code == 1
    assert "cannot write" in result.stderr
    assert str(tmp_path / "profile.json") in result.stderr
    assert not (tmp_path / "profile.json").exists()


def test_an_unreadable_profile(cli, tmp_path, monkeypatch):
    profile = tmp_path / "profile.json"
    profile.write_text('{"format": 1, "role": null, "skills": {}}')
    from aiml_career import files

    original = files._open

    def denied(name, flags, **at):  # the profile is opened by its name, in its folder
        if name == profile.name:
            raise PermissionError(13, "Permission denied")
        return original(name, flags, **at)

    monkeypatch.setattr("aiml_career.files._open", denied)  # root reads a 0000 file anyway
    result = cli("match")
    assert result.exit_code == 1
    assert "permission denied" in result.stderr.lower()
    assert str(profile) in result.stderr


# -- output in every environment -------------------------------------------------------


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_every_command_into_a_closed_pipe(args):
    # The entry point's main() on a real pipe (in this process; a few commands also
    # run as the installed command in test_entrypoint.py).
    reader, writer = os.pipe()
    os.close(reader)  # nobody will read: the first write fails with EPIPE
    try:
        proc = main_in_process(args, stdout=writer)
    finally:
        os.close(writer)
    assert proc.returncode == 1  # every command writes, and the write failed: quietly
    assert proc.stderr == b"", proc.stderr.decode()


def _interrupted(*a, **k):
    raise KeyboardInterrupt


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_ctrl_c_in_every_command_exits_130(args, monkeypatch):
    # Ctrl-C while the command loads its ladder, profile or schema, through the
    # entry point's main() (the real signal: test_entrypoint.py).
    monkeypatch.setattr("aiml_career.ladder.loading.load", _interrupted)
    monkeypatch.setattr("aiml_career.advice.profile.load_profile", _interrupted)
    monkeypatch.setattr("aiml_career.ladder.model.json_schema", _interrupted)
    result = main_in_process(args)
    assert result.returncode == 130
    assert result.stdout == b""
    no_traceback(result.stderr.decode())


@pytest.mark.parametrize("where", ["aiml_career.environment.Environment.from_os", "aiml_career.cli.run"])
def test_ctrl_c_outside_any_command_exits_130(where, monkeypatch):
    # Before Typer runs (reading the environment, starting the app), only the
    # entry point itself can turn Ctrl-C into 130.
    monkeypatch.setattr(where, _interrupted)
    result = main_in_process(["roles"])
    assert result.returncode == 130
    assert result.stdout == b""
    assert result.stderr == b""


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_every_command_at_40_columns_and_dumb_terminal(cli, args):
    # On a terminal: drawn for people, wrapped to its width. (Into a pipe, tables
    # are rows of tab-separated cells, never wrapped: tests/test_conventions.py.)
    result = cli(*args, env={"COLUMNS": "40", "TERM": "dumb"}, stdout_isatty=True)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    no_traceback(result.stderr)
    lines = result.stdout.splitlines()
    if args[0] not in ("schema", "export"):  # documents are not wrapped to the terminal
        assert max(len(line) for line in lines) <= 40


def test_json_is_never_wrapped_or_cut(cli):
    for columns, tty in (("20", False), ("400", False), ("20", True), ("400", True)):
        result = cli("show", "ml-engineer", "--json", env={"COLUMNS": columns, "TERM": "dumb"}, stdout_isatty=tty)
        data = json.loads(result.stdout)
        assert data["summary"].startswith("ML engineers focus more on the engineering and deployment side")
        long_line = max(result.stdout.splitlines(), key=len)
        assert len(long_line) > 60


def test_hostile_ladder_text_is_shown_not_obeyed(cli, tmp_path, variables):
    variables["NO_COLOR"] = "1"
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["title"] = "[bold red]x[/]"
    data["roles"][0]["name"] = "Junior [/] \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ DE"
    data["roles"][0]["summary"] = "over\rwrite [link=http://x]y[/link]"
    data["roles"][0]["responsibilities"].append("\x1b[2J\x1b[31mred\x1b[0m")
    data["stages"][0]["name"] = "[/]"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data))
    for args in (["roles"], ["show", "junior-de"], ["tree"], ["stages"], ["next", "--from", "junior-de"],
                 ["compare", "junior-de", "data-engineer"], ["search", "junior"],
                 ["path", "--from", "junior-de", "--to", "staff-de"]):
        result = cli("--data", str(path), *args)
        assert result.exit_code == 0, (args, result.stderr)
        assert "\x1b" not in result.stdout, args
        assert "\r" not in result.stdout, args
    shown = cli("--data", str(path), "show", "junior-de").stdout
    assert "Junior [/] \\x1b]8;;http://evil.example\\x1b\\link" in shown
    assert "over\\x0dwrite [link=http://x]y[/link]" in shown
    assert "[bold red]x[/]" in cli("--data", str(path), "tree").stdout


def test_builtin_data_is_the_packaged_copy():
    from aiml_career.ladder.loading import builtin_path

    assert json.loads(builtin_path().read_bytes()) == json.loads(BUILTIN.read_bytes())
    assert ROOT.exists()
