"""What the browser shows, as plain data: no Textual here.

Every answer comes from the functions the CLI calls (``queries.role_detail``,
``planning.match``/``path``, ``queries.compare``, ``queries.skill_detail``,
``learning.plan``, ``person.person``) and every change of the profile goes through
``profile.update_profile`` (locked, atomic), as ``aiml-career profile`` does. Which
profile, and the home folder, are the run's :class:`~aiml_career.environment.Environment`'s.
The app (:mod:`.app`) only draws these results and sends keys here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..advice import planning, queries
from ..advice.assessment import assess, person_have
from ..advice.person import Person, person
from ..advice.profile import Profile, SkillEntry, load_profile, update_profile
from ..ladder.index import Ladder
from ..ladder.levels import LEVEL_RANK, LEVELS, Level

if TYPE_CHECKING:
    from pathlib import Path

    from ..advice.assessment import Have
    from ..environment import Environment
    from ..results.common import Mark, NameRef, RequirementRow
    from ..results.ladder import Compare, RoleDetail, SkillDetail, SkillStatus, StageItem
    from ..results.learning import Plan
    from ..results.plans import PathDoc, Scores
    from ..results.progress import ProgressDoc

#: What space does to a requirement's skill in the profile, in turn: none -> done ->
#: learning -> skipped -> none (``profile add``, ``learning``, ``skip``, ``remove``).
CYCLE: tuple[SkillStatus | None, ...] = (None, "done", "learning", "skipped")

#: A requirement row's status, as the detail pane words it.
HELD, GAIN, DEEPEN, LEARNING, SKIPPED = "held", "to gain", "to deepen", "learning", "skipped"


@dataclass
class Row:
    """One requirement row of a role, with the person's status on it."""

    item: RequirementRow  # the row as ``show --json`` gives it
    status: str  # HELD, GAIN, DEEPEN, LEARNING or SKIPPED
    detail: str = ""  # "basic -> advanced", "by PyTorch"
    saved: str | None = None  # the profile's status of the row's skill, if any

    @property
    def skill(self) -> str:
        return self.item["id"]

    @property
    def level(self) -> Level:
        return self.item["level"]


@dataclass
class Group:
    """Requirement rows that are one phrase of the text: an all-of group, or one row."""

    wording: str
    rows: list[Row]
    all_of: NameRef | None = None  # the broad skill of an all-of group


@dataclass
class RolePage:
    detail: RoleDetail  # queries.role_detail
    fit: Scores  # the role's readiness, points and gaps, as ``match`` counts them
    groups: list[Group]
    current: bool


class Fits(Mapping[str, "Scores"]):
    """Every role's readiness for the person (``match``'s figures: ``assess`` of the role), worked
    out when first asked for: the tree lists at most a hundred roles and the detail pane one, so
    a big ladder costs what is shown, not a ``match`` of every role at start-up and after each change."""

    def __init__(self, ladder: Ladder, held: Have, marks: Mapping[str, Mark]) -> None:
        self.ladder, self.held, self.marks = ladder, held, marks
        self.known: dict[str, Scores] = {}

    def __getitem__(self, role_id: str) -> Scores:
        known = self.known.get(role_id)
        if known is None:
            role = self.ladder.roles[role_id]  # KeyError for an unknown role, as a dict
            known = self.known[role_id] = assess(self.ladder, role, self.held, self.marks, rows=False).fields()
        return known

    def __iter__(self) -> Iterator[str]:
        return iter(self.ladder.roles)

    def __len__(self) -> int:
        return len(self.ladder.roles)


@dataclass
class History:
    """Roles shown, for back and forward. Moving through the tree previews: a
    preview replaces the preview before it instead of piling up."""

    entries: list[tuple[str, bool]] = field(default_factory=list)  # (id, preview)
    at: int = -1

    def visit(self, role_id: str, preview: bool = False) -> None:
        if 0 <= self.at and self.entries[self.at][0] == role_id:
            if not preview:
                self.entries[self.at] = (role_id, False)
            return
        del self.entries[self.at + 1:]
        if self.entries and self.entries[-1][1] and preview:
            self.entries[-1] = (role_id, True)
        else:
            self.entries.append((role_id, preview))
        self.at = len(self.entries) - 1

    def back(self) -> str | None:
        if self.at <= 0:
            return None
        self.at -= 1
        return self.entries[self.at][0]

    def forward(self) -> str | None:
        if self.at + 1 >= len(self.entries):
            return None
        self.at += 1
        return self.entries[self.at][0]

    @property
    def current(self) -> str | None:
        return self.entries[self.at][0] if self.at >= 0 else None


class Browser:
    """The ladder, the person (``--from`` and the saved profile), and what the UI asks of them."""

    def __init__(self, ladder: Ladder, start: str | None = None, *, env: Environment) -> None:
        self.ladder = ladder
        self.start = start  # --from: the current role, over the profile's
        self.profile: Path | None = env.profile_file  # None: no place for one (no home folder)
        self.no_profile = env.no_profile  # why there is no place for one
        self.home: Path | None = env.home  # paths in it are shown as ~/...
        self.history = History()
        self.reload()

    # -- the person ---------------------------------------------------------------

    def reload(self) -> None:
        """Read the profile again; every role's readiness (``match``'s) is worked out anew as it is shown."""
        self.me: Person = person(self.ladder, None, self.start, profile=self.profile)
        self.saved: Profile | None = load_profile(self.profile) if self.profile is not None else None
        who = self.me
        if who.have is None and who.role is None:  # nothing known yet: nothing held
            who = Person("none", {}, None)
        self.who, self.held = who, person_have(self.ladder, who)  # as match counts it
        self.fit = Fits(self.ladder, self.held, who.marks)

    def saved_status(self, skill_id: str) -> SkillStatus | None:
        entry = self.saved.skills.get(skill_id) if self.saved is not None else None
        return entry.status if entry is not None else None

    def cycle(self, skill_id: str, level: Level) -> SkillStatus | None:
        """Move ``skill_id`` to its next profile status (:data:`CYCLE`); the new status.

        Marked done, it is held at ``level`` (the row's) or the level saved
        before, whichever is higher; learning and skipped keep the saved level.
        """
        now = self.saved_status(skill_id)
        new = CYCLE[(CYCLE.index(now) + 1) % len(CYCLE)]

        def change(profile: Profile) -> None:
            old = profile.skills.get(skill_id)
            if new is None:
                profile.skills.pop(skill_id, None)
                return
            kept = old.level if old is not None else level
            if new == "done" and LEVEL_RANK[level] > LEVEL_RANK[kept]:
                kept = level
            profile.skills[skill_id] = SkillEntry(kept, new, None, list(old.evidence) if old is not None else [])

        if self.profile is None:
            from ..advice.profile import NoProfileLocation

            raise NoProfileLocation(self.no_profile)
        update_profile(change, self.profile, "browse")
        self.reload()
        return new

    # -- pages --------------------------------------------------------------------

    def first_role(self) -> str:
        """Your role; without one, your profile's target; else the ladder's first role."""
        if self.me.role is not None:
            return self.me.role
        if self.me.target is not None:
            return self.me.target
        return next(iter(self.ladder.roles))

    def role_page(self, role_id: str) -> RolePage:
        role = self.ladder.roles[role_id]
        detail = queries.role_detail(self.ladder, role)
        skills = self.ladder.skills
        # One requirement row of ``show`` per unit, in the same order as the assessment's rows.
        assessed = assess(self.ladder, role, self.held, self.who.marks).rows
        groups: list[Group] = []
        for item, judged in zip(detail["requirements"], assessed):
            sid = item["id"]
            by = skills[judged.by].name if judged.by is not None else None
            if judged.status == "met":
                row = Row(item, HELD, f"by {by}" if by else "")
            elif judged.status == "deepen":
                member = f" ({by})" if by else ""
                row = Row(item, judged.mark or DEEPEN, f"{LEVELS[judged.held - 1]} -> {item['level']}{member}")
            else:
                row = Row(item, judged.mark or GAIN)
            row.saved = self.saved_status(sid)
            part_of = item.get("part_of")
            last = groups[-1] if groups else None
            if part_of and last is not None and last.all_of and last.all_of["id"] == part_of["id"]:
                last.rows.append(row)
            else:
                groups.append(Group(item["wording"], [row], part_of))
        return RolePage(detail, self.fit[role_id], groups, role_id == self.me.role)

    def skill_page(self, skill_id: str) -> SkillDetail:
        return queries.skill_detail(self.ladder, skill_id)

    def stage_page(self, stage_id: str) -> StageItem:
        """A stage as ``stages`` gives it: summary, roles, and the education on the foundation stage."""
        return next(item for item in queries.stages(self.ladder) if item["id"] == stage_id)

    # -- questions about two roles ------------------------------------------------------

    def compare(self, a: str, b: str) -> Compare:
        return queries.compare(self.ladder, [a, b])

    def route(self, to: str, start: str | None = None) -> PathDoc:
        """``path --to`` from the person's role, or from ``start``; UsageError as the CLI has it."""
        me = self.me if start is None else person(self.ladder, None, start, profile=self.profile)
        return planning.path(self.ladder, me, to)

    def plan(self, to: str) -> Plan:
        """``plan --to``: what to learn on the way from the person's role, in order, and where."""
        from ..advice import learning
        from ..errors import CareerError

        result = learning.plan(self.ladder, self.me, to)
        if result["no_route"]:
            raise CareerError(result["message"] or "no route")
        return result

    def progress(self, to: str) -> ProgressDoc:
        """``progress --to``: readiness for ``to`` over the saved profile's history."""
        from ..advice.progress import progress

        return progress(self.ladder, self.saved or Profile(), to, "--to")
