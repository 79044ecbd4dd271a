"""The shapes of every answer: what the queries return and ``--json`` prints.

One TypedDict per document and per item in it. docs/json.md
table describes the same keys; ``tests/test_contract.py`` checks the three
(docs/json.md, these types, the real output of every command) against each other.
Keys that are Python words (``from``, ``for``, ``as``) use the functional form.
Types only: the queries import them for type checking alone (no cost at run time).
No ``from __future__ import annotations`` in this package: TypedDict must see ``NotRequired``.

- :mod:`.common`: pieces many documents share
- :mod:`.ladder`: listings, show, skills, compare, tree, search, validate, profile
- :mod:`.plans`: next, path, match
- :mod:`.learning`: plan, skills SKILL --unlocks
- :mod:`.documents`: what export draws
"""

from .ladder import (
    Compare,
    Education,
    ProfileDoc,
    Resources,
    RoleDetail,
    RoleRow,
    Search,
    SkillCategory,
    SkillLearning,
    SpecializationDetail,
    Specializations,
    StageItem,
    Tree,
    Validation,
)
from .learning import Plan, Unlocks
from .plans import Match, Next, PathDoc

#: Each command's ``--json`` document, by the name docs/json.md's table gives it.
DOCUMENTS: dict[str, object] = {
    "stages": list[StageItem],
    "roles": list[RoleRow],
    "show ROLE": RoleDetail,
    "show SPECIALIZATION": SpecializationDetail,
    "compare": Compare,
    "next": Next,
    "path": PathDoc,
    "plan": Plan,
    "match": Match,
    "search": Search,
    "skills": list[SkillCategory],
    "skills SKILL": SkillLearning,
    "skills SKILL --unlocks": Unlocks,
    "specializations": Specializations,
    "education": Education,
    "resources": Resources,
    "tree": Tree,
    "validate": Validation,
    "profile ...": ProfileDoc,
}
