"""``render.renderers``: each command's text renderer, reached lazily (``--json`` imports no Rich)."""

from __future__ import annotations

import inspect
import subprocess
import sys

from aiml_career.render import renderers


def test_every_renderer_is_reached():
    names = [n for n, f in inspect.getmembers(renderers, inspect.isfunction) if f.__module__ == renderers.__name__]
    assert len(names) >= 19
    for name in names:
        assert callable(getattr(renderers, name)())


def test_naming_the_renderers_imports_no_rich():
    code = ("import sys; import aiml_career.cli.ladder_cmds, aiml_career.cli.planning_cmds, "
            "aiml_career.cli.profile_cmds, aiml_career.cli.files_cmds, aiml_career.render.renderers; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"
