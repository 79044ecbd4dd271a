"""The ``--json`` contract, three ways: docs/json.md's table, the types in
the ``results`` package, and what every command really prints must agree.

- every key a type declares is named in README's row for that command;
- every name README's row gives is a key or a declared value of the type;
- every document the command prints has exactly the keys its type allows
  (required ones always), with values of the declared kinds, all the way down.
"""

from __future__ import annotations

import re
import typing
from typing import Literal, Union, get_args, get_origin

import pytest
from typing_extensions import NotRequired

from aiml_career.results import contract as results
from aiml_career.results.common import NameRef
from aiml_career.results.ladder import ProfileCleared

from conftest import ROOT

#: README names that are values a key takes, not keys (search's ``field``).
VALUES = {"search": {"name", "alias", "id", "responsibility", "summary", "description", "example",
                     "provider", "requires", "category"}}


def json_section() -> str:
    return (ROOT / "docs" / "json.md").read_text(encoding="utf-8")


def backticked(text: str) -> set[str]:
    return {w.strip('"') for w in re.findall(r"`([^`]+)`", text)}


def readme_rows() -> dict[str, set[str]]:
    rows = {}
    for line in json_section().splitlines():
        found = re.match(r"\| `([^`]+)` \| (.*) \|$", line)
        if found:
            rows[found[1]] = backticked(found[2])
    return rows


def hints(kind) -> dict[str, object]:
    return typing.get_type_hints(kind, include_extras=True)


def is_typeddict(kind) -> bool:
    return isinstance(kind, type) and issubclass(kind, dict) and hasattr(kind, "__total__")


def unwrap(kind):
    return get_args(kind)[0] if get_origin(kind) is NotRequired else kind


def names(kind, seen=None) -> tuple[set[str], set[str]]:
    """(every key, every Literal value) the type declares, all the way down."""
    seen = set() if seen is None else seen
    keys: set[str] = set()
    values: set[str] = set()
    kind = unwrap(kind)
    if get_origin(kind) is Literal:
        values |= {str(v) for v in get_args(kind)}
    elif is_typeddict(kind):
        if kind in seen:
            return keys, values
        seen.add(kind)
        for key, sub in hints(kind).items():
            keys.add(key)
            more = names(sub, seen)
            keys |= more[0]
            values |= more[1]
    for sub in get_args(kind):
        more = names(sub, seen)
        keys |= more[0]
        values |= more[1]
    return keys, values


def test_readme_documents_exactly_the_typed_documents():
    assert set(readme_rows()) == set(results.DOCUMENTS)


def document_keys(command: str) -> set[str]:
    """The keys of the document itself (of its items, for an array)."""
    kind = results.DOCUMENTS[command]
    kind = get_args(kind)[0] if get_origin(kind) is list else kind
    return set(hints(kind))


@pytest.mark.parametrize("command", sorted(results.DOCUMENTS))
def test_readme_row_names_every_key_of_the_document(command):
    assert document_keys(command) - readme_rows()[command] == set()


def test_every_key_of_every_document_is_in_readme():
    keys = set()
    for kind in [*results.DOCUMENTS.values(), ProfileCleared]:
        keys |= names(kind)[0]
    assert keys - backticked(json_section()) == set()


@pytest.mark.parametrize("command", sorted(results.DOCUMENTS))
def test_readme_names_nothing_the_type_lacks(command):
    keys, values = names(results.DOCUMENTS[command])
    if command == "profile ...":  # the row also describes ``profile clear``
        more = names(ProfileCleared)
        keys, values = keys | more[0] | {"profile clear"}, values | more[1]
    # Other rows (``as in `show```) and options (``--limit``) are references, not keys.
    rows = readme_rows()
    references = {*rows, *(r.split()[0] for r in rows)} | {w for w in rows[command] if w.startswith("-")}
    said = rows[command] - references
    assert said - keys - values - VALUES.get(command, set()) == set()


def conforms(value, kind, where="$") -> list[str]:
    """What in ``value`` does not fit ``kind``."""
    kind = unwrap(kind)
    origin = get_origin(kind)
    if kind is typing.Any or kind is object:
        return []
    if origin is Union or origin is __import__("types").UnionType:
        fits = [conforms(value, option, where) for option in get_args(kind)]
        return [] if any(not f for f in fits) else min(fits, key=len)
    if origin is Literal:
        return [] if value in get_args(kind) else [f"{where}: {value!r} not one of {get_args(kind)}"]
    if kind is type(None):
        return [] if value is None else [f"{where}: {value!r} is not null"]
    if is_typeddict(kind):
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        declared = hints(kind)
        wrong = [f"{where}.{k}: not in {kind.__name__}" for k in value if k not in declared]
        wrong += [f"{where}.{k}: missing" for k in kind.__required_keys__ if k not in value]
        for key, sub in declared.items():
            if key in value:
                wrong += conforms(value[key], sub, f"{where}.{key}")
        return wrong
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: not an array"]
        return [w for i, item in enumerate(value) for w in conforms(item, get_args(kind)[0], f"{where}[{i}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        return [w for k, item in value.items() for w in conforms(item, get_args(kind)[1], f"{where}.{k}")]
    if kind is float:
        return [] if type(value) in (int, float) else [f"{where}: {value!r} is not a number"]
    return [] if type(value) is kind else [f"{where}: {value!r} is not {kind.__name__}"]


RUNS = [
    ("stages", ["stages"]),
    ("roles", ["roles"]),
    ("show ROLE", ["show", "mle"]),
    ("show ROLE", ["show", "caio"]),
    ("show SPECIALIZATION", ["show", "nlp"]),
    ("compare", ["compare", "mle", "ds", "senior-mle"]),
    ("similar", ["similar", "mle", "--limit", "3"]),
    ("map", ["map", "builtin", "--limit", "2"]),
    ("map", ["--data", str(ROOT / "examples" / "data-engineering.json"), "map", "builtin"]),
    ("next", ["next", "--from", "junior-ds", "--have", "python,docker"]),
    ("next", ["next", "--from", "ds"]),
    ("path", ["path", "--to", "caio", "--from", "junior-ds"]),
    ("path", ["path", "--to", "senior-mle", "--have", "python,sql"]),
    ("path", ["path", "--to", "junior-ds"]),
    ("plan", ["plan", "--from", "junior-ds", "--to", "senior-mle", "--have", "docker,pytorch:basic"]),
    ("plan", ["plan", "--to", "caio"]),
    ("plan", ["plan", "--from", "mle", "--to", "mle"]),
    ("match", ["match", "--have", "python,sql:advanced,pytorch"]),
    ("match", ["match", "--from", "mle", "--limit", "3"]),
    ("search", ["search", "docker"]),
    ("search", ["search", "deep learning"]),
    ("skills", ["skills"]),
    ("skills SKILL", ["skills", "docker"]),
    ("skills SKILL", ["skills", "machine learning algorithms"]),
    ("skills SKILL", ["skills", "python"]),
    ("skills SKILL --unlocks", ["skills", "docker", "--unlocks", "--from", "junior-ds"]),
    ("skills SKILL --unlocks", ["skills", "pytorch", "--unlocks", "--have", "python", "--level", "expert"]),
    ("specializations", ["specializations"]),
    ("education", ["education"]),
    ("resources", ["resources"]),
    ("tree", ["tree"]),
    ("validate", ["validate", str(ROOT / "data" / "roles.json")]),
    ("validate", ["validate", str(ROOT / "tests" / "bad" / "three-problems.json")]),
    ("profile ...", ["profile", "show"]),
    ("profile ...", ["profile", "add", "python:advanced", "docker"]),
    ("profile ...", ["profile", "set-role", "mle"]),
    ("profile ...", ["profile", "add", "docker", "--evidence", "course", "--note", "Docker course",
                     "--url", "https://example.com/docker", "--date", "2026-01-02"]),
    ("profile ...", ["profile", "set-target", "ml-engineer"]),
    ("profile history", ["profile", "history", "--profile", str(ROOT / "examples" / "progress-profile.json")]),
    ("profile history", ["profile", "history"]),
    ("progress", ["progress", "--profile", str(ROOT / "examples" / "progress-profile.json")]),
    ("progress", ["progress", "--to", "ml-engineer", "--since", "2026-01-01"]),
]  # profile assess needs its answers: test_assess_with_answers_fits_its_type


@pytest.mark.parametrize(("command", "args"), RUNS, ids=[" ".join(a) for _, a in RUNS])
def test_what_each_command_prints_fits_its_type(cli, command, args):
    result = cli(*args, "--json")
    assert result.exit_code in (0, 1), result.stderr
    assert conforms(result.json(), results.DOCUMENTS[command]) == []


def test_profile_clear_fits_its_type(cli):
    cli("profile", "add", "python")
    assert conforms(cli("profile", "clear", "--json").json(), ProfileCleared) == []


def test_profile_show_with_entries_the_ladder_does_not_know_fits_its_type(cli):
    """A profile saved with one ladder, shown with another: the ids it does not know keep a
    null name (README's ``profile ...`` row), and the document still fits ``ProfileDoc``."""
    cli("profile", "set-role", "junior-ds")
    cli("profile", "add", "pytorch:advanced", "python")
    shown = cli("--data", str(ROOT / "examples" / "data-engineering.json"), "profile", "show", "--json").json()
    assert shown["role"] == {"id": "junior-ds", "name": None}
    assert conforms(shown, results.DOCUMENTS["profile ..."]) == []


def test_a_null_name_is_not_a_string():
    assert conforms({"id": "x", "name": None}, NameRef) != []


def test_the_example_profile_shown_fits_its_type(cli):
    example = str(ROOT / "examples" / "progress-profile.json")
    shown = cli("profile", "show", "--json", env={"AIML_CAREER_PROFILE": example})
    assert conforms(shown.json(), results.DOCUMENTS["profile ..."]) == []


def test_assess_with_answers_fits_its_type(cli):
    done = cli("profile", "assess", "--for", "ml-engineer", "--json", input="2\n3\n\nnone\n1\n")
    assert conforms(done.json(), results.DOCUMENTS["profile assess"]) == []
