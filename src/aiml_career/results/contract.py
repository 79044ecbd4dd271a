"""Each command's ``--json`` document, by the name docs/json.md's table gives it:
``tests/test_contract.py`` holds the table, these types and the real output to one another."""

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
from .mapping import MapDoc
from .overlap import Similar
from .plans import Match, Next, PathDoc
from .progress import AssessDoc, HistoryDoc, ProgressDoc

#: Each command's ``--json`` document, by the name docs/json.md's table gives it.
DOCUMENTS: dict[str, object] = {
    "stages": list[StageItem],
    "roles": list[RoleRow],
    "show ROLE": RoleDetail,
    "show SPECIALIZATION": SpecializationDetail,
    "compare": Compare,
    "similar": Similar,
    "map": MapDoc,
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
    "profile history": HistoryDoc,
    "profile assess": AssessDoc,
    "progress": ProgressDoc,
}
