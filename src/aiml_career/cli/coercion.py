"""The app's option values taken as Typer takes them, without a pydantic validator per option.

Typer 0.29 coerces each option's value through a pydantic ``TypeAdapter`` it builds when the
option is first parsed: 8 to 13 of them a run, and the first one imports pydantic's plugin
loader (``importlib.metadata``). The models never need either (they are built without
validators when the ladder comes from a cache or an index), so that was 5-12 ms of every run
spent on taking "ml-engineer" as a string.

The app's options are of five kinds: text, a flag, a whole number, a list of text, and a
choice (an ``Enum``). :class:`Plain` takes a value of those as Typer would give it back, and
hands anything else (a value to refuse, a kind it does not know) to Typer's own coercion, so
that every error reads word for word as Typer says it (``tests/test_coercion.py`` holds both
to the same answers).

This is the one place the app reaches into Typer's internals: ``typer.core._TyperParameter``'s
``_runtime_param`` and ``type_descriptor``, and ``typer._coercion``. The dependency range pins
Typer below 0.30 (its tests check every option against Typer's own coercion); a parameter
without those attributes is left to Typer.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from typer._coercion import RuntimeParam, build_runtime_param

#: The longest run of digits taken as a number here; a longer one goes to Typer (and pydantic).
DIGITS = 18


@dataclass(frozen=True)
class Plain(RuntimeParam):
    """A value of one of the app's five kinds of option, taken as Typer takes it."""

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        kind = self.annotation
        if kind is str or kind is bool:
            if type(value) is kind:
                return value
        elif kind is int:
            if type(value) is int:
                return value
            if type(value) is str and value.isascii() and value.isdigit() and len(value) <= DIGITS:
                return int(value)
        elif kind == list[str]:
            if type(value) in (list, tuple) and all(type(v) is str for v in value):
                return list(value)
        elif isinstance(kind, type) and issubclass(kind, Enum):
            if isinstance(value, kind):
                return value
            if type(value) is str and ctx.token_normalize_func is None:
                # As typer._param_types.coerce_cli_choice: the first member whose value matches.
                fold = not self.parameter_info.case_sensitive
                wanted = value.casefold() if fold else value
                for member in kind:
                    text = str(member.value)
                    if (text.casefold() if fold else text) == wanted:
                        return member
        # Anything else is Typer's to take or refuse, in its own words.
        return build_runtime_param(param.type_descriptor)._coerce_value(value, param=param, ctx=ctx)


def _plain(descriptor: Any) -> bool:
    """Whether a parameter is of a kind :class:`Plain` takes: no parser, range, file or path."""
    info = descriptor.parameter_info
    kind = descriptor.annotation
    known = (kind in (str, bool, int) or kind == list[str]
             or (isinstance(kind, type) and issubclass(kind, Enum)))
    return (known and info.parser is None and info.min is None and info.max is None and not info.clamp
            and descriptor.file_annotation is None and not descriptor.is_path)


def install(params: Any) -> None:
    """Give each of ``params`` (a command's) that Typer has not coerced yet a :class:`Plain`."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None or not _plain(descriptor):
            continue
        param._runtime_param = Plain(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)
