"""The README tells the truth: its set-up commands, its examples and its command list."""

from __future__ import annotations

import re
import shlex

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
#: README and the guides beside it: every example in them is run.
PAGES = {"README.md": README, **{f"docs/{p.name}": p.read_text(encoding="utf-8")
                                 for p in sorted((ROOT / "docs").glob("*.md"))},
         "ARCHITECTURE.md": (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8"),
         "benchmarks/README.md": (ROOT / "benchmarks" / "README.md").read_text(encoding="utf-8")}
#: Where the errors a user can meet are listed, each a real run.
CONVENTIONS = PAGES["docs/conventions.md"]

EXAMPLE = re.compile(r"```console\n\$ aiml-career (?P<cmd>[^\n]*)\n(?P<out>.*?)```", re.S)


def setup_commands() -> list[str]:
    section = README.split("## Install and run", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, re.S)


def test_readme_has_exactly_two_setup_commands():
    run_cmd, test_cmd = setup_commands()
    assert "pip install ." in run_cmd
    assert "aiml-career" in run_cmd
    assert "pip install '.[test]'" in test_cmd
    assert test_cmd.endswith("pytest")


def test_ci_runs_the_readme_test_command():
    _, test_cmd = setup_commands()
    lines = [line.strip() for line in CI.splitlines()]
    assert test_cmd in lines


@pytest.mark.parametrize("example", [m for text in PAGES.values() for m in EXAMPLE.finditer(text)],
                         ids=lambda m: m["cmd"])
def test_readme_examples_are_real_output(cli, tty, example, monkeypatch):
    # The examples show what a terminal shows: drawn tables, no colour (tty: NO_COLOR).
    monkeypatch.chdir(ROOT)
    result = cli(*shlex.split(example["cmd"]))
    printed = result.stdout + result.stderr
    got = "\n".join(line.rstrip() for line in printed.splitlines()).rstrip()
    assert got == example["out"].rstrip(), f"README example changed: aiml-career {example['cmd']}"


def test_readme_names_every_command():
    from typer.main import get_group

    from aiml_career.cli import app

    group = get_group(app)
    for name in group.commands:
        assert f"`{name}" in README or f"{name}`" in README, f"README does not mention {name}"


def test_readme_documents_exit_codes():
    section = README.split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    for code in ("| 0 |", "| 1 |", "| 2 |", "| 130 |"):
        assert code in section


ERROR_ROW = re.compile(r"^\| [^|]+ \| `aiml-career (?P<cmd>.*?)` \| (?P<code>\d+) \| `` (?P<said>.*) `` \|$", re.M)


@pytest.mark.parametrize("row", list(ERROR_ROW.finditer(CONVENTIONS)), ids=lambda m: m["cmd"][:40])
def test_readme_error_table_is_real(cli, row, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = cli(*shlex.split(row["cmd"]))
    assert result.exit_code == int(row["code"])
    assert result.stdout == ""
    said = " · ".join(line.strip() for line in result.stderr.strip().splitlines())
    assert said == row["said"].replace("\\|", "|")


def test_error_table_has_rows():
    assert len(ERROR_ROW.findall(CONVENTIONS)) >= 20


def test_readme_is_a_newcomers_page():
    """What it is, install and run, a short tour, the commands, exit codes, and links: the rest
    lives in docs/ (issue 20: at most 400 lines)."""
    assert len(README.splitlines()) <= 400
    for heading in ("## Install and run", "## A short tour", "## Commands", "## Exit codes", "## Documentation"):
        assert heading in README


LINK = re.compile(r"\]\((?!https?://)(?P<file>[^)#\s]*)(?:#(?P<anchor>[^)\s]*))?\)")


def anchors(text: str) -> set[str]:
    """GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as hyphens."""
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-")
            for h in re.findall(r"^#+ (.*)$", text, re.M)}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_links_between_the_pages_lead_somewhere(page):
    """Every relative link of README and docs/ names a file that exists, and a heading in it."""
    folder = (ROOT / page).parent
    for link in LINK.finditer(PAGES[page]):
        target = (folder / link["file"]).resolve() if link["file"] else ROOT / page
        assert target.exists(), f"{page}: {link[0]} leads nowhere"
        if link["anchor"] and target.suffix == ".md":
            assert link["anchor"] in anchors(target.read_text(encoding="utf-8")), f"{page}: {link[0]}"
