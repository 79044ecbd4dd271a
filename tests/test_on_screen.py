"""On a terminal, ``match``, ``next`` and ``map`` draw at most ``ON_SCREEN`` items when no
``--limit`` (``map``: ``--role``) chooses, and say how many they did not draw; a pipe, ``--json``
and a chosen limit get every one. The cap is made small here: the built-in ladder has 11 roles."""

from __future__ import annotations

import pytest

import aiml_career.render as render

NOT_DRAWN = "not drawn: a terminal shows {n} (--limit N to choose; a pipe or --json has them all)"


@pytest.fixture
def cap(monkeypatch):
    def at(n: int) -> int:
        monkeypatch.setattr(render, "ON_SCREEN", n)
        return n

    return at


def drawn_roles(text: str, ids: list[str]) -> list[str]:
    return [rid for rid in ids if rid in text.split()]


ROLE_IDS = ["intern", "junior-ds", "data-scientist", "ml-engineer", "ai-researcher", "senior-ds", "senior-mle",
            "ai-architect", "ai-ml-manager", "head-of-ai", "caio"]


def test_match_draws_the_first_roles_on_a_terminal_and_says_how_many_more(cli, cap, tty):
    n = cap(3)
    every = [r["id"] for r in cli("match", "--have", "python", "--json").json()["roles"]]
    assert len(every) == 11  # --json: all of them
    shown = cli("match", "--have", "python", columns=200)
    assert drawn_roles(shown.stdout, ROLE_IDS) == [rid for rid in ROLE_IDS if rid in every[:n]]
    assert f"… 8 more roles {NOT_DRAWN.format(n=n)}" in shown.stdout
    piped = cli("match", "--have", "python", stdout_isatty=False)
    assert len(piped.stdout.splitlines()) == 11  # a pipe: all of them
    assert "not drawn" not in piped.stdout + piped.stderr


def test_a_limit_given_on_a_terminal_draws_that_many(cli, cap, tty):
    cap(3)
    shown = cli("match", "--have", "python", "--limit", "5", columns=200)
    assert len(drawn_roles(shown.stdout, ROLE_IDS)) == 5
    assert "not drawn" not in shown.stdout
    assert "… 6 more roles left out by --limit" in shown.stdout


def test_next_draws_the_first_moves_on_a_terminal(cli, cap, tty):
    n = cap(1)
    shown = cli("next", "--have", "python,sql", columns=200)
    assert "Junior Data Scientist" in shown.stdout  # the readiest, first
    assert "AI/ML Intern  intern" not in shown.stdout
    assert f"… 1 more move {NOT_DRAWN.format(n=n)}" in shown.stdout
    assert len(cli("next", "--have", "python,sql", "--json").json()["next"]) == 2


def test_from_a_role_the_terminal_keeps_the_readiest_moves_as_limit_does(cli, cap, tty):
    """From the junior data scientist, Docker, CI/CD and version control held: the data
    scientist (first in the ladder's order) at 0%, the ML engineer at 50%, the AI researcher at
    12.5%. A terminal showing one move shows the one ``--limit 1`` keeps: the ML engineer."""
    n = cap(1)
    have = ("--from", "junior-ds", "--have", "docker,ci-cd,version-control")
    kept = [m["id"] for m in cli("next", *have, "--limit", "1", "--json").json()["next"]]
    assert kept == ["ml-engineer"]
    shown = cli("next", *have, columns=200).stdout
    assert "Machine Learning Engineer  ml-engineer" in shown
    assert "Data Scientist  data-scientist" not in shown
    assert f"… 2 more moves {NOT_DRAWN.format(n=n)}" in shown


def test_map_draws_the_first_roles_on_a_terminal_unless_roles_are_chosen(cli, cap, tty):
    n = cap(2)
    shown = cli("map", "builtin", columns=200).stdout
    blocks = [line for line in shown.splitlines() if line.startswith("  ") and not line.startswith("   ")]
    assert [line.strip() for line in blocks[:n]] == ["AI/ML Intern (intern)",
                                                     "Junior Data Scientist / ML Engineer (junior-ds)"]
    assert "\n  Data Scientist (data-scientist)\n" not in shown  # the third role, as a block of its own
    assert f"… 9 more roles not drawn: a terminal shows {n} (--role ROLE to choose;" in shown
    chosen = cli("map", "builtin", "--role", "caio", "--role", "intern", "--role", "senior-ds",
                 columns=200).stdout
    assert "not drawn" not in chosen
    assert "Chief AI Officer (caio)" in chosen
    assert len(cli("map", "builtin", "--json").json()["roles"]) == 11
