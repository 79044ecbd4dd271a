"""A checked ladder, indexed for queries: lookups by id, name and alias.

Indexes are built on first use only; a lookup by exact id needs none.
Loading and checking a file is :mod:`.loading`'s job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property

from ..errors import LookupFailed
from . import requirements
from .formats import migrate
from .model import LadderDoc, Role, Skill, Stage, Track, Transition
from .requirements import Unit
from .resolve import Entry, NameIndex


class Ladder:
    """A checked ladder with lookups by id, name and alias."""

    def __init__(self, doc: LadderDoc, source: str = "") -> None:
        migrate(doc)
        self.doc = doc
        self.source = source
        self.stages = {s.id: s for s in sorted(doc.stages, key=lambda s: s.order)}
        self.tracks = {t.id: t for t in doc.tracks}
        self.categories = {c.id: c for c in doc.skill_categories}
        self.skills = {s.id: s for s in doc.skills}
        self.roles = {r.id: r for r in doc.roles}
        self.specializations = {s.id: s for s in doc.specializations}
        self.resources = {r.id: r for r in doc.resources}
        self._units: dict[str, list[Unit]] = {}
        #: An overlay's (docs/ladder.md: Overlays): role id -> (added, replaced or extended, the file),
        #: and the files the ladder extends, nearest first.
        self.overlay: dict[str, tuple[str, str]] = {}
        self.extends: list[str] = []
        #: An overlay on the built-in ladder that gives no ``source`` of its own: its wording is
        #: the text's, but for the roles the overlay adds or replaces (docs/ladder.md: Whose words).
        self.text_words = False
        self._ways: dict[requirements.WaysKey, tuple[requirements.Way, ...]] = {}

    # Indexes are built on first use only: a lookup by exact id needs none.
    @cached_property
    def previous(self) -> dict[str, list[tuple[str, Transition]]]:
        """For each role id, the (role id, transition) pairs that lead to it."""
        into: dict[str, list[tuple[str, Transition]]] = {rid: [] for rid in self.roles}
        for role in self.doc.roles:
            for move in role.next:
                into[move.to].append((role.id, move))
        return into

    @cached_property
    def roles_by_stage(self) -> dict[str, list[Role]]:
        grouped: dict[str, list[Role]] = {sid: [] for sid in self.stages}
        for role in self.doc.roles:
            grouped[role.stage].append(role)
        return grouped

    @cached_property
    def skill_users(self) -> dict[str, list[tuple[Role, Unit]]]:
        """For each skill id, the (role, unit) pairs it takes part in: as the skill
        required, as one of a unit's alternatives, or as the name of an all-of group
        (its first unit stands for the group)."""
        users: dict[str, list[tuple[Role, Unit]]] = {sid: [] for sid in self.skills}
        for role in self.doc.roles:
            heads: set[str] = set()
            for unit in self.units(role):
                for sid in unit.members:
                    users[sid].append((role, unit))
                if unit.part_of is not None and unit.part_of not in heads:
                    heads.add(unit.part_of)
                    users[unit.part_of].append((role, unit))
        return users

    @cached_property
    def counts_toward(self) -> dict[str, list[tuple[Role, Unit]]]:
        """For each skill id, the (role, unit) pairs holding it counts toward, by the rule of
        readiness (:attr:`.requirements.Unit.counted`: the skill, an alternative, a part it
        includes, a related skill, a skill of an open row's kind), in ladder order. The one
        index of it: ``search`` ("requires"), ``skills SKILL --unlocks`` and ``plan`` read it.
        (:attr:`skill_users` answers another question: the rows that name a skill.)"""
        return self.rows_counted(self.doc.roles)

    @cached_property
    def open_broad_skills(self) -> set[str]:
        """The broad skills of the open rows (the text gives examples): a skill of their kind
        counts toward them without being named."""
        return {req.skill for role in self.doc.roles for req in role.requirements if req.open and req.skill}

    def rows_toward(self, skill_id: str) -> list[tuple[Role, Unit]]:
        """``counts_toward[skill_id]`` without indexing every role: only the roles that name the
        skill, or a skill it can count toward (a broad skill that includes it, one it is related
        to, an open row's broad skill of its category), are looked at. One skill's question
        (``skills SKILL``, ``--unlocks``) on a big ladder pays for the roles it concerns."""
        skill = self.skills[skill_id]
        named = {skill_id} | {s.id for s in self.skills.values()
                              if skill_id in s.includes or any(r.skill == skill_id for r in s.related)}
        named |= {sid for sid in self.open_broad_skills
                  if not self.skills[sid].includes and self.skills[sid].category == skill.category}
        concerned = [r for r in self.doc.roles if not named.isdisjoint(requirements.skills_named(r))]
        return self.rows_counted(concerned).get(skill_id, [])

    def rows_counted(self, roles: Iterable[Role]) -> dict[str, list[tuple[Role, Unit]]]:
        """:attr:`counts_toward` over some roles only (``plan``: its route and the roles beyond
        it), so a plan on a big ladder pays for the roles it looks at, not every role."""
        out: dict[str, list[tuple[Role, Unit]]] = {}
        for role in roles:
            for unit in self.units(role):
                for sid in unit.counted:
                    out.setdefault(sid, []).append((role, unit))
        return out

    @cached_property
    def role_index(self) -> NameIndex:
        return NameIndex(
            "role", ((Entry(r.id, r.name), r.aliases) for r in self.doc.roles), "aiml-career roles"
        )

    @cached_property
    def skill_index(self) -> NameIndex:
        return NameIndex(
            "skill", ((Entry(s.id, s.name), s.aliases) for s in self.doc.skills), "aiml-career skills"
        )

    @cached_property
    def show_index(self) -> NameIndex:
        """Roles and specializations together, for ``show``."""
        items = [(Entry(r.id, r.name, "role"), r.aliases) for r in self.doc.roles]
        items += [
            (Entry(s.id, s.name, "specialization"), s.aliases) for s in self.doc.specializations
        ]
        return NameIndex("role or specialization", items, "aiml-career roles")

    @cached_property
    def foundation(self) -> list[Unit]:
        """The text's educational foundation as requirement units (docs/planning.md: The foundation)."""
        education = self.doc.education
        return requirements.units_of(education.foundation, self.skills) if education else []

    def units(self, role: Role) -> list[Unit]:
        """``role``'s requirements as units (:mod:`.requirements`), worked out once per role."""
        found = self._units.get(role.id) if self.roles.get(role.id) is role else None
        if found is None:
            found = requirements.units(role, self.skills, self._ways)
            if self.roles.get(role.id) is role:
                self._units[role.id] = found
        return found

    def role(self, query: str) -> Role:
        """The role ``query`` names (id, name or alias, forgivingly)."""
        found = self.roles.get(query)
        if found is not None:
            return found
        try:
            return self.roles[self.role_index.resolve(query).id]
        except LookupFailed as failure:
            specs = [e for e in self.show_index.exact(query) if e.kind == "specialization"]
            if specs and not failure.ambiguous:
                failure.hints.append(f"{specs[0].name} is a specialization: aiml-career show {specs[0].id}")
            raise

    def skill(self, query: str) -> Skill:
        """The skill ``query`` names (id, name or alias, forgivingly)."""
        found = self.skills.get(query)
        return found if found is not None else self.skills[self.skill_index.resolve(query).id]

    def stage(self, query: str) -> str:
        """The id of the stage ``query`` names (id or name, forgivingly)."""
        return self._pick(query, self.stages, "stage", "aiml-career stages")

    def track(self, query: str) -> str:
        """The id of the track ``query`` names (id or name, forgivingly)."""
        return self._pick(query, self.tracks, "track", "aiml-career roles (the Track column)")

    @staticmethod
    def _pick(query: str, known: Mapping[str, Stage | Track], noun: str, listing: str) -> str:
        if query in known:
            return query
        entries = ((Entry(k, v.name), ()) for k, v in known.items())
        return NameIndex(noun, entries, listing).resolve(query).id

    def role_or_specialization(self, query: str) -> Entry:
        if query in self.roles:
            return Entry(query, self.roles[query].name, "role")
        return self.show_index.resolve(query)
