"""Habits people bring from gh, ripgrep, httpie: pipes, flags, help, colour, errors.

In-process with the runner (whose stdout is not a terminal, like a pipe)
wherever that shows it; the installed entry point where a real terminal, pipe
or shell matters.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from conftest import BUILTIN, EXAMPLE, child_env, entry_point, main_in_process

ROLE_IDS = [
    "intern", "junior-ds", "data-scientist", "ml-engineer", "ai-researcher", "senior-ds",
    "senior-mle", "ai-architect", "ai-ml-manager", "head-of-ai", "caio",
]
ESC = "\x1b"


def shell(command: str, pipefail: bool = True) -> subprocess.CompletedProcess:
    exe = entry_point()[0]
    prefix = "set -o pipefail; " if pipefail else ""
    return subprocess.run(["bash", "-c", prefix + command.replace("aiml-career", exe)],
                          capture_output=True, text=True, env=child_env(), timeout=60)


# -- piped tables ------------------------------------------------------------------


def test_piped_table_is_one_tab_separated_row_per_line(cli):
    result = cli("roles", env={"COLUMNS": "30"})
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ROLE_IDS  # no header, no rule
    assert all(line.count("\t") == 3 for line in lines)
    assert "Junior Data Scientist / ML Engineer" in lines[1]  # nothing wrapped or cut at 30 columns
    assert "─" not in result.stdout
    assert "ID" not in result.stdout


def test_awk_and_cut_on_a_real_pipe():
    result = shell("aiml-career roles --stage mid | awk '{print $1}'")
    assert result.stdout.split() == ["data-scientist", "ml-engineer", "ai-researcher"]
    result = shell("aiml-career search kubernetes | cut -f2")
    # Kubernetes is asked by the senior ML engineer, and counts toward the architect's system
    # design (a related skill, README: Related skills).
    assert result.stdout.split() == ["kubernetes", "senior-mle", "ai-architect"]
    assert result.returncode == 0


def test_every_table_follows_the_switch(cli):
    shown = cli("show", "ml-engineer").stdout
    # one requirement row per line, the text's words in full
    assert "Docker (part of Software engineering)\tproficient\tsoftware engineering skills (version control, " \
           "containerization with Docker, CI/CD pipelines)\n" in shown
    compare = cli("compare", "data-scientist", "ml-engineer").stdout.splitlines()
    # compare's columns are roles: its header is a row too
    assert compare[0] == "\tData Scientist (data-scientist)\tMachine Learning Engineer (ml-engineer)"
    assert any(line.startswith("responsibilities\tDeveloping and testing machine learning algorithms; ")
               for line in compare)
    for args in (["skills"], ["resources"], ["match", "--have", "python"], ["skills", "python"]):
        out = cli(*args, env={"COLUMNS": "40"}).stdout
        assert "─" not in out, args
        assert "\t" in out, args


def test_a_terminal_gets_drawn_tables(cli, tty):
    out = cli("roles").stdout
    assert out.splitlines()[0].split() == ["ID", "Name", "Stage", "Track"]
    assert "─" in out
    assert "\t" not in out
    narrow = cli("roles", env={"COLUMNS": "40"}).stdout
    assert "ID" in narrow
    assert max(len(line) for line in narrow.splitlines()) <= 40


# -- exit codes and --json -------------------------------------------------------------


def test_no_search_hits_exits_1_like_grep(cli):
    result = cli("search", "zzzzqqq", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"query": "zzzzqqq", "total": 0, "hits": []}
    assert cli("search", "python").exit_code == 0


# -- help ---------------------------------------------------------------------------

COMMANDS = [
    [], ["stages"], ["roles"], ["show"], ["compare"], ["next"], ["path"], ["match"], ["search"],
    ["skills"], ["specializations"], ["education"], ["resources"], ["validate"], ["schema"],
    ["export"], ["tree"], ["profile"], ["profile", "show"], ["profile", "add"], ["profile", "remove"],
    ["profile", "set-role"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "app")
def test_help_has_plain_metavars_and_fits_40_columns(cli, command):
    result = cli(*command, "--help", env={"COLUMNS": "40"})
    assert result.exit_code == 0
    out = result.stdout
    for leak in ("<bool>", "<str>", "<int>", "list[", "{", "[[", "╭", "│"):
        assert leak not in out, (leak, out)
    assert max(len(line) for line in out.splitlines()) <= 40, out
    assert ESC not in out


def test_help_usage_lines(cli):
    assert cli("search", "--help").stdout.startswith("Usage: aiml-career search [OPTIONS] QUERY...\n")
    assert cli("skills", "--help").stdout.startswith("Usage: aiml-career skills [OPTIONS] [SKILL]\n")
    assert cli("--help").stdout.startswith("Usage: aiml-career [OPTIONS] COMMAND [ARGS]...\n")
    wide = cli("search", "--help").stdout
    assert re.search(r"^  --limit N +Show at most N\. \[default: 20\]$", wide, re.M)
    assert re.search(r"^  --json +Print one JSON document", wide, re.M)  # nothing after a flag


def test_every_value_has_a_declared_metavar():
    from typer.main import get_group

    from aiml_career.cli import app

    def walk(group):
        for command in group.commands.values():
            yield from walk(command) if hasattr(command, "commands") else [command]

    for command in walk(get_group(app)):
        for param in command.params:
            flag = getattr(param, "is_flag", False)
            assert flag or param.metavar, f"{command.name} {param.name} has no metavar"


TERMINAL = {"env": {"TERM": "xterm-256color"}, "stdout_isatty": True}


def test_help_on_a_terminal_is_bold_but_not_under_no_color(cli):
    result = cli("--help", **TERMINAL)
    assert result.exit_code == 0
    assert "\x1b[1m" in result.stdout
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        result = cli("show", "--help", env=env, stdout_isatty=True)
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout
        assert "Usage:" in result.stdout
    result = cli("--color", "never", "--help", **TERMINAL)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout


def test_bare_command_prints_help_and_exits_0(cli):
    for args in ([], ["profile"]):
        result = cli(*args)
        assert result.exit_code == 0
        assert result.stdout.startswith(f"Usage: aiml-career {' '.join(args)}".rstrip() + " [OPTIONS] COMMAND")
        assert result.stderr == ""


# -- colour ---------------------------------------------------------------------------


def test_color_always_into_a_pipe_for_less_r(cli):
    out = cli("--color", "always", "show", "ml-engineer").stdout
    assert ESC + "[" in out
    assert ESC + "[" in cli("roles", "--color", "ALWAYS").stdout  # after the command, any case
    assert "─" in cli("roles", "--color", "always").stdout  # drawn, as for less -R


def test_force_color_and_no_color(cli):
    assert ESC in cli("show", "ml-engineer", env={"FORCE_COLOR": "1"}).stdout
    assert ESC not in cli("show", "ml-engineer", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert ESC in cli("--color", "always", "show", "ml-engineer", env={"NO_COLOR": "1"}).stdout
    assert ESC not in cli("--color", "never", "show", "ml-engineer", env={"FORCE_COLOR": "1"}).stdout


def test_color_never_on_a_terminal(cli):
    result = cli("--color", "never", "show", "ml-engineer", **TERMINAL)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "Machine Learning Engineer" in result.stdout


def test_json_is_never_coloured(cli):
    out = cli("--color", "always", "show", "ml-engineer", "--json").stdout
    assert ESC not in out
    assert json.loads(out)["id"] == "ml-engineer"


# -- usage errors in the app's one style ------------------------------------------------


def usage_error(result, message: str) -> None:
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == f"aiml-career: error: {message}", result.stderr
    assert len(lines) >= 2
    assert all(line.startswith("  ") for line in lines[1:])
    assert "Input should" not in result.stderr
    assert "╭" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "x", "--limit", "abc"], "invalid value for --limit: a whole number is needed"),
        (["export", "--format", "xml"],
         "invalid value for --format: choose one of mermaid, dot, markdown, json (any case)"),
        (["--color", "sometimes", "roles"], "invalid value for --color: choose one of auto, always, never (any case)"),
        (["roles", "--bogus"], "no such option: --bogus"),
        (["show"], "missing argument ROLE"),
        (["rols"], "no such command: rols"),
        (["roles", "extra"], "unexpected argument: extra"),
        (["roles", "--stage", "mid", "--stage", "entry"], "--stage given twice"),
        (["--data", str(EXAMPLE), "roles", "--data", str(EXAMPLE)], "--data given twice"),
        (["roles", "--version"], "--version goes before the command"),
    ],
)
def test_usage_errors(cli, args, message):
    usage_error(cli(*args), message)


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["export", "-o"], "  see: aiml-career export --help"),
        (["profile", "bogus"], "  see all with: aiml-career profile --help"),
        (["rols"], "  did you mean: roles, browse?"),
    ],
)
def test_usage_error_hints_name_the_command(cli, args, hint):
    result = cli(*args)
    assert result.exit_code == 2
    assert hint in result.stderr.splitlines()


def test_usage_error_through_the_entry_point():
    result = main_in_process(["search", "x", "--limit", "abc"])
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.decode().startswith("aiml-career: error: invalid value for --limit")


def test_choices_in_any_case(cli):
    assert cli("export", "--format", "DOT").stdout.startswith("digraph")
    assert cli("show", "ai-architect", "--format", "Mermaid").stdout.startswith("flowchart")


def test_global_options_after_the_command(cli):
    ids = [r["id"] for r in cli("roles", "--data", str(EXAMPLE), "--json").json()]
    assert ids == [r["id"] for r in cli("--data", str(EXAMPLE), "roles", "--json").json()]
    assert "intern" not in ids


# -- unknown names: suggestions or where to see them all -----------------------------------


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["show", "cto"], "see them all with: aiml-career roles"),
        (["path", "--from", "student", "--to", "caio"], "see them all with: aiml-career roles"),
        (["skills", "data scientist"], "Data Scientist is a role: aiml-career show data-scientist"),
        (["compare", "mle"], "for example: aiml-career compare ml-engineer"),
        (["roles", "--stage", "nope"], "see them all with: aiml-career stages"),
        (["show", "ML Enginer"], "did you mean: ml-engineer"),
    ],
)
def test_unknown_names_get_a_way_forward(cli, args, hint):
    result = cli(*args)
    assert result.exit_code == 2
    assert hint in result.stderr


# -- README's table of habits -------------------------------------------------------------

HABIT = re.compile(r"^\| (?P<habit>[^|]+?) \| `(?P<cmd>aiml-career .*?)`(?P<rest>.*) \|$", re.M)


def habits() -> list[re.Match]:
    from conftest import ROOT

    readme = (ROOT / "docs" / "conventions.md").read_text(encoding="utf-8")
    section = readme.split("## Conventions", 1)[1].split("\n## ", 1)[0]
    return list(HABIT.finditer(section))


def test_readme_lists_the_habits():
    names = {m["habit"].strip() for m in habits()}
    wanted = {"first column with `awk`", "a field with `jq`", "a pager with colour", "read the ladder from stdin"}
    assert wanted <= names
    assert len(names) >= 6


@pytest.mark.parametrize("habit", habits(), ids=lambda m: m["habit"].strip())
def test_readme_habits_work(habit):
    command = habit["cmd"].replace("\\|", "|")
    if "less -R" in command:
        pytest.skip("a pager needs a person")
    tools = {"jq", "awk", "cut", "head"} & set(re.findall(r"\| (\w+)", command))
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not installed here: {', '.join(missing)}")
    result = shell(command, pipefail="head" not in command)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    printed = re.findall(r"`([^`]+)`", habit["rest"])
    for expected in printed:
        assert expected in result.stdout.split("\n"), (expected, result.stdout)
    if "role ids" in habit["rest"]:
        assert result.stdout.split() == ROLE_IDS


# -- what a second new user tripped on --------------------------------------------------------


def search_ids(cli, query):
    return [(h["type"], h["id"]) for h in cli("search", query, "--json").json()["hits"]]


def test_search_brings_only_the_roles_a_skill_counts_for(cli):
    # Keras meets "extensive knowledge of ML frameworks" (senior-mle, one broad skill) and "tools
    # like TensorFlow or PyTorch" (intern: the text gives examples, an open row) but not the closed
    # list "ML frameworks (TensorFlow, PyTorch, Scikit-learn)" (ml-engineer).
    found = search_ids(cli, "keras")
    assert ("role", "senior-mle") in found
    assert ("role", "intern") in found
    assert ("role", "ml-engineer") not in found
    assert not [h for h in search_ids(cli, "java") if h[0] == "role"]


def test_search_keeps_cpp_and_one_letter_words_whole(cli):
    found = search_ids(cli, "c++")
    assert found[:2] == [("skill", "cpp"), ("role", "senior-ds")]
    assert ("role", "caio") not in found
    assert search_ids(cli, "r")[:2] == [("skill", "r"), ("role", "junior-ds")]


def test_a_failing_stderr_changes_neither_the_output_nor_the_exit_code():
    # stderr on /dev/full: search's "more hits" note and the error cannot be written.
    with open("/dev/full", "wb", buffering=0) as full:
        done = main_in_process(["search", "ai"], stderr=full)
        assert main_in_process(["show", "bogus"], stderr=full).returncode == 2
    assert done.returncode == 0
    assert len(done.stdout.decode("utf-8").splitlines()) == 20


def test_export_to_dev_stdout_on_a_pipe():
    result = shell("aiml-career export --format dot -o /dev/stdout | head -1", pipefail=True)
    assert result.returncode == 0
    assert result.stdout == 'digraph "AI/ML Career Path" {\n'


def test_piped_stdout_holds_only_rows(cli):
    result = cli("match", "--have", "python", "--limit", "2")
    assert len(result.stdout.splitlines()) == 2
    assert all("\t" in line for line in result.stdout.splitlines())
    # The legend and the ranking rule are for people: not piped. What --limit left out is said.
    assert result.stderr == "aiml-career: 9 more roles left out by --limit\n"


def test_piped_match_lists_every_skill_still_needed(cli, tmp_path):
    """Nothing cut in a pipe: the last cell names every skill to gain, then every one to deepen
    (the terminal's table shows six and how many more). The first role asks for eight skills."""
    ladder = json.loads(BUILTIN.read_text(encoding="utf-8"))
    first = ladder["roles"][0]
    first["requirements"] = [{"skill": s["id"], "level": "advanced", "wording": s["name"]}
                             for s in ladder["skills"][:8]]
    first["skills_text"] = ", ".join(s["name"] for s in ladder["skills"][:8])
    path = tmp_path / "eight.json"
    path.write_text(json.dumps(ladder), encoding="utf-8")
    held = f"{ladder['skills'][0]['id']}:basic"
    doc = cli("--data", str(path), "match", "--have", held, "--json").json()
    rows = cli("--data", str(path), "match", "--have", held).stdout.splitlines()
    assert len(rows) == len(doc["roles"])
    many = 0
    for row, role in zip(rows, doc["roles"]):
        cells = row.split("\t")
        assert cells[2] == role["id"]
        want = [s["name"] for s in role["skills_to_gain"]]
        want += [f"{s['name']} \u2191{s['to']}" for s in role["skills_to_deepen"]]
        assert cells[4] == (", ".join(want) or "nothing")
        many += len(want) > 6
    assert many  # roles that need more than six: once cut to six and "… (+N)"
    drawn = cli("--color", "always", "--data", str(path), "match", "--have", held, env={"COLUMNS": "300"})
    assert "… (+" in drawn.stdout  # the table drawn for reading shows six and how many more


def test_removing_from_no_profile_makes_none(cli, tmp_path):
    result = cli("profile", "remove", "python")
    assert result.exit_code == 0
    assert "no profile saved, nothing to remove: python" in result.stderr
    assert not (tmp_path / "profile.json").exists()


def test_the_same_skill_twice_keeps_the_higher_level(cli):
    skills = cli("match", "--have", "python, python:basic", "--json").json()["person"]["skills"]
    assert skills == {"python": "proficient"}


def test_color_never_after_help_still_counts(cli):
    assert "\x1b" in cli("roles", "--help", **TERMINAL).stdout  # the control: bold on a terminal
    result = cli("--help", "--color", "never", **TERMINAL)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    result = cli("roles", "--help", "--color=never", **TERMINAL)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
