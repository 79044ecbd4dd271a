"""The command line: the Typer app (:mod:`.app`) and its commands, by area.

- :mod:`.app`: the app, the global options, the output flags, and the wiring
  every command shares (the run's environment and ladder, :func:`output`)
- :mod:`.ladder_cmds`: stages, roles, show, compare, search, specializations,
  skills, education, resources, tree
- :mod:`.planning_cmds`: next, path, match
- :mod:`.profile_cmds`: profile show, set-role, set-target, add, learning, skip, remove, clear,
  history, export, assess
- :mod:`.files_cmds`: validate, schema, export
- :mod:`.browse_cmd`: browse (the terminal UI; Textual is imported inside it)

:func:`run` runs one command line in-process with a given
:class:`~aiml_career.environment.Environment`; the entry point and the tests use it.
"""

from __future__ import annotations

from . import browse_cmd, files_cmds, ladder_cmds, planning_cmds, profile_cmds  # noqa: F401  (they register the commands)
from .app import app, run

#: The order ``--help`` lists the commands in; any other command comes after them.
HELP_ORDER = (
    "stages", "roles", "show", "compare", "next", "path", "plan", "match", "search", "specializations",
    "skills", "education", "resources", "validate", "schema", "export", "tree", "browse",
)


def _name(info) -> str:
    return info.name or info.callback.__name__.replace("_", "-")


def _place(info) -> int:
    name = _name(info)
    return HELP_ORDER.index(name) if name in HELP_ORDER else len(HELP_ORDER)


app.registered_commands.sort(key=_place)

__all__ = ["app", "run"]
