"""Who reads the output: a person at a terminal, or a program through a pipe.

One place decides, from ``--color``, ``NO_COLOR``, ``FORCE_COLOR``, ``TERM`` and
whether stdout is a terminal. The text renderer and the help both ask here.
No Rich in this module: the ``--json`` path imports it too.

- colour: ``--color always|never`` wins; else none under ``NO_COLOR``; else
  colour under ``FORCE_COLOR``; else colour on a terminal unless ``TERM=dumb``.
- layout: tables drawn for people (aligned, wrapped to the width) on a terminal,
  or when colour is forced (``--color always | less -R``); otherwise one row per
  line, cells separated by tabs, no header, nothing wrapped or cut.
"""

from __future__ import annotations

import os
import sys

COLOR_CHOICES = ("auto", "always", "never")

#: ``--color`` for this run; the command line sets it, ``auto`` when not given.
color_choice = "auto"


def is_tty(stream=None) -> bool:
    stream = sys.stdout if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # closed or not a real stream
        return False


def _env(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0")


def forced_color() -> bool:
    """Colour asked for even into a pipe: ``--color always``, or ``FORCE_COLOR`` under auto."""
    if color_choice != "auto":
        return color_choice == "always"
    return _env("FORCE_COLOR") and not _env("NO_COLOR")


def color(stream=None) -> bool:
    """Whether to write colour and bold (escape codes) to ``stream`` (stdout)."""
    if color_choice != "auto":
        return color_choice == "always"
    if _env("NO_COLOR"):
        return False
    if _env("FORCE_COLOR"):
        return True
    return is_tty(stream) and os.environ.get("TERM") != "dumb"


def for_people(stream=None) -> bool:
    """Tables drawn for reading (a terminal, or forced colour) rather than rows for programs."""
    return is_tty(stream) or forced_color()


def columns() -> int | None:
    """``COLUMNS`` when set (Rich would ignore it on a terminal with ``TERM=dumb``), else None."""
    value = os.environ.get("COLUMNS", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def lines() -> int:
    """The terminal's height (Rich needs one whenever the width is given)."""
    import shutil

    return shutil.get_terminal_size().lines
