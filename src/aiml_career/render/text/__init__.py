"""Human output with Rich, one renderer per query: tables, trees and colour on a
terminal, plain text (one tab-separated row per line) elsewhere.

- :mod:`.base`: the console (:func:`make_console`) and the pieces every renderer uses
- :mod:`.ladder`: stages, roles, show, compare, skills, education, resources, search, tree
- :mod:`.planning`: next, path, match
- :mod:`.files`: the profile, and a ladder file's validation report
"""

from __future__ import annotations

from .base import Out, make_console
from .files import cleared, profile, validation
from .ladder import (
    compare,
    education,
    resources,
    roles,
    search,
    show,
    skill_detail,
    skills,
    specialization,
    specializations,
    stages,
    tree,
)
from .planning import match, next_steps, path

__all__ = [
    "Out", "make_console", "cleared", "profile", "validation", "compare", "education", "resources",
    "roles", "search", "show", "skill_detail", "skills", "specialization", "specializations", "stages",
    "tree", "match", "next_steps", "path",
]
