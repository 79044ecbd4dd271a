"""Option values taken without a pydantic validator per option (``cli/coercion.py``): every
option of every command gives back what Typer's own coercion gives, or refuses a value in
Typer's own words; and a run no longer loads pydantic's plugin machinery."""

from __future__ import annotations

import subprocess
import sys
from enum import Enum

import pytest
from typer._click import Context
from typer._coercion import build_runtime_param

from aiml_career.cli.app import _command
from aiml_career.cli.coercion import Plain, install

TEXT = ["ml-engineer", "", "Ünïcode", " spaced ", "a\tb", b"bytes", b"\xff", 3, None]
FLAG = [True, False, "true", "0", "", "maybe", 1, None]
NUMBER = [3, "3", "007", "0", "-1", "+4", "1_000", " 5", "x", "", "٣", "9" * 18, "9" * 19, "9" * 5000, 2.5, None]
LIST = [["a", "b"], ("a",), [], "a", [1, "b"], ["Ünï"], None]


def _choices(kind: type[Enum]) -> list[object]:
    first = next(iter(kind))
    return [first, first.value, str(first.value).upper(), str(first.value).title(), "nope", "", 3, None]


def _every_param():
    root = _command()
    yield root, root.params
    for sub in root.commands.values():
        for command in (sub, *getattr(sub, "commands", {}).values()):
            yield command, command.params


def _cases():
    seen = set()
    for command, params in _every_param():
        for param in params:
            descriptor = getattr(param, "type_descriptor", None)
            if descriptor is None:
                continue
            kind = descriptor.annotation
            values = (TEXT if kind is str else FLAG if kind is bool else NUMBER if kind is int
                      else LIST if kind == list[str] else _choices(kind) if issubclass(kind, Enum) else None)
            assert values is not None, f"{command.name} {param.name}: an option of a kind the tests do not know"
            key = (repr(kind), descriptor.parameter_info.case_sensitive, param.multiple, param.nargs)
            if key in seen:
                continue
            seen.add(key)
            yield pytest.param(command, param, values, id=f"{command.name}-{param.name}")


def _outcome(runtime, value, param, ctx):
    try:
        got = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as error:  # noqa: BLE001 - the outcome compared is the error itself
        said = error.format_message() if hasattr(error, "format_message") else str(error)
        return ("error", type(error).__name__, said)
    return ("value", type(got).__name__, got)


def _taken_plainly(kind, value) -> bool:
    """Whether a value is one :class:`Plain` takes itself (else it is handed to Typer)."""
    if kind is str:
        return type(value) is str
    if kind is bool:
        return type(value) is bool
    if kind is int:
        return type(value) is int or (type(value) is str and value.isascii() and value.isdigit() and len(value) <= 18)
    if kind == list[str]:
        return type(value) in (list, tuple) and all(type(v) is str for v in value)
    return isinstance(value, kind) or value in {str(m.value).casefold() for m in kind} or any(
        value in (str(m.value), str(m.value).upper(), str(m.value).title()) for m in kind)


@pytest.mark.parametrize(("command", "param", "values"), list(_cases()))
def test_every_option_takes_and_refuses_values_as_typer_does(command, param, values, monkeypatch):
    """The same value, or the same error, as Typer's own coercion; and the values of the app's
    kinds (a name, digits, a choice in any case) taken without handing them to Typer."""
    import aiml_career.cli.coercion as coercion

    handed = []
    monkeypatch.setattr(coercion, "build_runtime_param", lambda d: handed.append(1) or build_runtime_param(d))
    ctx = Context(command)
    kind = param.type_descriptor.annotation
    ours = Plain(parameter_info=param.type_descriptor.parameter_info, annotation=kind)
    typers = build_runtime_param(param.type_descriptor)
    for value in values:
        handed.clear()
        assert _outcome(ours, value, param, ctx) == _outcome(typers, value, param, ctx), value
        if value is not None and _taken_plainly(kind, value):
            assert not handed, f"{value!r} was handed to Typer"


def test_every_option_of_the_app_is_taken_plainly():
    """Every option the app has is of a kind :class:`Plain` takes: a new kind (a path, a range)
    would go to Typer's validators unnoticed, and a run would pay for them again."""
    for command, params in _every_param():
        typed = [p for p in params if getattr(p, "type_descriptor", None) is not None]
        for param in typed:
            param._runtime_param = None
        install(typed)
        assert all(isinstance(p._runtime_param, Plain) for p in typed), command.name
        for param in typed:
            param._runtime_param = None  # as Typer left them: the next test builds its own


def test_a_run_does_not_load_pydantics_plugin_machinery(tmp_path):
    """Parsing a command's options builds no pydantic validator: pydantic's plugin loader (and
    ``importlib.metadata`` behind it) is never imported, here nor for a refused value. (A run that
    validates a ladder in full, the first with a cold cache, builds the models' validators: each
    command runs once first.)"""
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    script = ("import sys; from aiml_career.cli.app import run; code = run({args}); "
              "sys.stdout.flush(); print('LOADED' if 'pydantic.plugin._loader' in sys.modules else 'NOT', code, "
              "file=sys.stderr)")

    def once(args):
        return subprocess.run([sys.executable, "-c", script.format(args=args)], capture_output=True, text=True,
                              timeout=60, env=env)

    for args, code in ((["show", "ml-engineer", "--json", "--color", "never"], 0),
                       (["match", "--have", "python,sql", "--limit", "2", "--stage", "entry"], 0),
                       (["export", "--format", "DOT"], 0)):
        once(args)  # the built-in ladder's cache made
        done = once(args)
        assert done.stderr.strip().splitlines()[-1] == f"NOT {code}", done.stderr
    refused = once(["match", "--have", "python", "--limit", "x"])
    assert "--limit: a whole number is needed" in refused.stderr  # refused by Typer, in its words
