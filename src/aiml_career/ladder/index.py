"""A checked ladder, indexed for queries: lookups by id, name and alias.

:class:`Ladder` is the one interface every query takes. Built from the models (a
validated :class:`~.model.LadderDoc`), it answers from them; :class:`.stored.StoredLadder`
answers the same methods from the index kept between runs (:mod:`.store`). Queries read
a ladder through these methods only (``heads``, ``roles``, ``skills``, ``units``,
``moves``, ``leads_in``, ``roles_naming`` and the small dictionaries), never
the document itself, so no query is written twice.

Indexes are built on first use only; a lookup by exact id needs none.
Loading and checking a file is :mod:`.loading`'s job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import LookupFailed
from ..results.words import Basis
from . import requirements
from .formats import migrate
from .model import Education, LadderDoc, Resource, Role, Skill, SkillCategory, Specialization, Stage, Track, Transition
from .requirements import Unit
from .resolve import Entry, NameIndex

if TYPE_CHECKING:
    from ..results.common import SkillRef
    from ..results.words import MoveBasis, MoveKind


class Named(Protocol):
    """An item named by id, name and aliases (a role's or a skill's head, below)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aliases(self) -> Sequence[str]: ...


class Head(Named, Protocol):
    """What listings read of a role: a :class:`~.model.Role`, or a stored role's row
    (:class:`.stored.RoleHead`), so a listing of every role builds no model."""

    @property
    def stage(self) -> str: ...
    @property
    def track(self) -> str | None: ...
    @property
    def summary(self) -> str: ...
    @property
    def responsibilities(self) -> Sequence[str]: ...


#: :attr:`Ladder.row_table`: the distinct rows, and each role with the numbers of its rows.
RowTable = tuple[Sequence[Unit], list[tuple[Head, Sequence[int]]]]


class SkillHead(Named, Protocol):
    """What answers read of a skill to name it: a :class:`~.model.Skill`, or a stored skill's
    row (:class:`.stored.SkillRow`), so naming every skill of a big ladder builds no model."""

    @property
    def category(self) -> str: ...
    @property
    def description(self) -> str: ...


class Ladder:
    """A checked ladder with lookups by id, name and alias, answered from its models."""

    roles: Mapping[str, Role]
    skills: Mapping[str, Skill]
    #: What :mod:`.pieces` made of this ladder once, to copy (:func:`.pieces.requirement_item`).
    pieces: dict[Any, Any]

    def __init__(self, doc: LadderDoc, source: str = "") -> None:
        migrate(doc)
        self.doc = doc
        self.source = source
        self.title, self.intro, self.conclusion = doc.title, doc.intro, doc.conclusion
        #: The ladder's own ``source``: whose words its wording is (docs/ladder.md: Whose words).
        self.text_source = doc.source
        self.specializations_intro = doc.specializations_intro
        self.education: Education | None = doc.education
        self.stages: dict[str, Stage] = {s.id: s for s in sorted(doc.stages, key=lambda s: s.order)}
        self.tracks: dict[str, Track] = {t.id: t for t in doc.tracks}
        self.categories: dict[str, SkillCategory] = {c.id: c for c in doc.skill_categories}
        self.skills = {s.id: s for s in doc.skills}
        self.roles = {r.id: r for r in doc.roles}
        self.specializations: dict[str, Specialization] = {s.id: s for s in doc.specializations}
        self.resources: dict[str, Resource] = {r.id: r for r in doc.resources}
        self._units: dict[str, list[Unit]] = {}
        #: An overlay's (docs/ladder.md: Overlays): role id -> (added, replaced or extended, the file),
        #: and the files the ladder extends, nearest first.
        self.overlay: dict[str, tuple[str, str]] = {}
        self.extends: list[str] = []
        #: An overlay on the built-in ladder that gives no ``source`` of its own: its wording is
        #: the text's, but for the roles the overlay adds or replaces (docs/ladder.md: Whose words).
        self.text_words = False
        self._ways: dict[requirements.WaysKey, tuple[requirements.Way, ...]] = {}
        self.pieces: dict[Any, Any] = {}

    # -- the primitives: what a stored ladder answers its own way --------------------------

    @cached_property
    def heads(self) -> Sequence[Head]:
        """Every role, in ladder order, as listings read it."""
        return list(self.roles.values())

    @cached_property
    def linked(self) -> dict[str, dict[str, list[str]]]:
        """For each skill, the skills that name it, by how, in ladder order: as a
        ``prerequisite`` (what rests on it directly: :func:`.prerequisites.dependents` walks
        on from there), in ``includes``, or as a ``related`` skill. One skill's question on a
        big ladder (``skills SKILL``, ``--unlocks``) then looks at those skills alone."""
        found: dict[str, dict[str, list[str]]] = {}
        for skill in self.skills.values():
            for how, names in (("prerequisite", [p.skill for p in skill.prerequisites]),
                               ("includes", skill.includes), ("related", [r.skill for r in skill.related])):
                for sid in dict.fromkeys(names):
                    found.setdefault(sid, {}).setdefault(how, []).append(skill.id)
        return found

    def linked_to(self, skill_id: str, how: str) -> list[str]:
        """The skills that name ``skill_id`` ``how`` (:attr:`linked`)."""
        return self.linked.get(skill_id, {}).get(how, [])

    @property
    def skill_heads(self) -> Mapping[str, SkillHead]:
        """Every skill by id, in ladder order, as answers name it (id, name, aliases, category,
        description): ``match``, ``search`` and the items every answer is built from."""
        return self.skills

    @cached_property
    def skill_refs(self) -> dict[str, SkillRef]:
        """Every skill as an answer names it (``{id, name, category}``), read in one pass: a
        query that names most of a big ladder's skills (``match``) copies these."""
        return {s.id: {"id": s.id, "name": s.name, "category": s.category} for s in self.skill_heads.values()}

    def moves(self, role_id: str) -> Sequence[Transition]:
        """The moves out of a role, in the file's order."""
        return self.roles[role_id].next

    def leads_in(self, role_id: str) -> list[tuple[str, Transition]]:
        """The (role id, transition) pairs that lead to a role, in ladder order."""
        return self._previous[role_id]

    @cached_property
    def _previous(self) -> dict[str, list[tuple[str, Transition]]]:
        into: dict[str, list[tuple[str, Transition]]] = {rid: [] for rid in self.roles}
        for role in self.roles.values():
            for move in role.next:
                into[move.to].append((role.id, move))
        return into

    def units(self, role: Head) -> list[Unit]:
        """``role``'s requirements as units (:mod:`.requirements`), worked out once per role."""
        own = self.roles.get(role.id) is role
        found = self._units.get(role.id) if own else None
        if found is None:
            model = role if isinstance(role, Role) else self.roles[role.id]
            found = requirements.units(model, self.skills, self._ways)
            if own:
                self._units[role.id] = found
        return found

    def all_units(self) -> Iterable[tuple[Head, list[Unit]]]:
        """Every role with its units, in ladder order (``match``, ``--unlocks``, the indexes below)."""
        return ((role, self.units(role)) for role in self.heads)

    @cached_property
    def row_table(self) -> RowTable:
        """Every role's rows as numbers into one list of the ladder's distinct rows (a unit per
        distinct skill, alternatives, open, level and group; wording left out), in ladder order:
        a query over every role that judges each distinct row once (``match``) reads the numbers.
        Made once per ladder (``map`` reads it twice)."""
        distinct: list[Unit] = []
        numbers: dict[tuple[str, tuple[str, ...], bool, str, str | None], int] = {}
        table: list[tuple[Head, Sequence[int]]] = []
        for role, units in self.all_units():
            ids = []
            for unit in units:
                key = (unit.skill, unit.any_of, unit.open, unit.level, unit.part_of)
                number = numbers.get(key)
                if number is None:
                    number = numbers[key] = len(distinct)
                    distinct.append(unit._replace(wording="", level_word=None))
                ids.append(number)
            table.append((role, ids))
        return distinct, table

    def roles_naming(self, skill_ids: set[str]) -> list[Head]:
        """The roles whose requirements name one of ``skill_ids`` (broad skills and alternatives
        too: :func:`.requirements.skills_named`), in ladder order."""
        return [r for r in self.roles.values() if not skill_ids.isdisjoint(requirements.skills_named(r))]

    # -- built on the primitives: one version for both kinds of ladder ---------------------

    @cached_property
    def roles_by_stage(self) -> dict[str, list[Head]]:
        grouped: dict[str, list[Head]] = {sid: [] for sid in self.stages}
        for role in self.heads:
            grouped[role.stage].append(role)
        return grouped

    @cached_property
    def skill_users(self) -> dict[str, list[tuple[Head, Unit]]]:
        """For each skill id, the (role, unit) pairs it takes part in: as the skill
        required, as one of a unit's alternatives, or as the name of an all-of group
        (its first unit stands for the group)."""
        users: dict[str, list[tuple[Head, Unit]]] = {sid: [] for sid in self.skills}
        return self._users(self.all_units(), users)

    def users_of(self, skill_id: str) -> list[tuple[Head, Unit]]:
        """``skill_users[skill_id]`` from the roles that name the skill only (``skills SKILL``)."""
        found: dict[str, list[tuple[Head, Unit]]] = {skill_id: []}
        pairs = ((role, self.units(role)) for role in self.roles_naming({skill_id}))
        return self._users(pairs, found, only=skill_id)[skill_id]

    @staticmethod
    def _users(pairs: Iterable[tuple[Head, list[Unit]]], users: dict[str, list[tuple[Head, Unit]]],
               only: str | None = None) -> dict[str, list[tuple[Head, Unit]]]:
        for role, units in pairs:
            heads: set[str] = set()
            for unit in units:
                for sid in unit.members:
                    if only is None or sid == only:
                        users[sid].append((role, unit))
                if unit.part_of is not None and unit.part_of not in heads and (only is None or unit.part_of == only):
                    heads.add(unit.part_of)
                    users[unit.part_of].append((role, unit))
        return users

    @cached_property
    def open_broad_skills(self) -> set[str]:
        """The broad skills of the open rows (the text gives examples): a skill of their kind
        counts toward them without being named."""
        return {req.skill for role in self.roles.values() for req in role.requirements if req.open and req.skill}

    def rows_toward(self, skill_id: str) -> list[tuple[Head, Unit]]:
        """The (role, unit) pairs holding ``skill_id`` counts toward, by the rule of readiness
        (:attr:`.requirements.Unit.counted`: the skill, an alternative, a part it includes, a
        related skill, a skill of an open row's kind), in ladder order; ``search`` ("requires"),
        ``skills SKILL`` and ``--unlocks`` read it. Only the roles that name the skill, or a skill
        it can count toward (a broad skill that includes it, one it is related to, an open row's
        broad skill of its category), are looked at: one skill's question on a big ladder pays
        for the roles it concerns. (:attr:`skill_users` answers another question: the rows that
        name a skill.)"""
        skill = self.skills[skill_id]
        named = {skill_id, *self.linked_to(skill_id, "includes"), *self.linked_to(skill_id, "related")}
        named |= {sid for sid in self.open_broad_skills
                  if not self.skills[sid].includes and self.skills[sid].category == skill.category}
        return self.rows_counted(self.roles_naming(named)).get(skill_id, [])

    def rows_counted(self, roles: Iterable[Head]) -> dict[str, list[tuple[Head, Unit]]]:
        """For each skill id, the (role, unit) pairs of ``roles`` it counts toward (as
        :meth:`rows_toward`; ``plan``: its route and the roles beyond it), so a plan on a big
        ladder pays for the roles it looks at, not every role."""
        out: dict[str, list[tuple[Head, Unit]]] = {}
        for role in roles:
            for unit in self.units(role):
                for sid in unit.counted:
                    out.setdefault(sid, []).append((role, unit))
        return out

    @cached_property
    def role_index(self) -> NameIndex:
        return NameIndex(
            "role", ((Entry(r.id, r.name), r.aliases) for r in self.heads), "aiml-career roles"
        )

    @cached_property
    def skill_index(self) -> NameIndex:
        return NameIndex(
            "skill", ((Entry(s.id, s.name), s.aliases) for s in self.skills.values()), "aiml-career skills"
        )

    @cached_property
    def show_index(self) -> NameIndex:
        """Roles and specializations together, for ``show``."""
        items: list[tuple[Entry, Sequence[str]]] = [(Entry(r.id, r.name, "role"), r.aliases) for r in self.heads]
        items += [
            (Entry(s.id, s.name, "specialization"), s.aliases) for s in self.specializations.values()
        ]
        return NameIndex("role or specialization", items, "aiml-career roles")

    @cached_property
    def foundation(self) -> list[Unit]:
        """The text's educational foundation as requirement units (docs/planning.md: The foundation)."""
        education = self.education
        return requirements.units_of(education.foundation, self.skills) if education else []

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

    # -- for whole-ladder listings (``skills``, ``tree``): plain values, no model, no role's rows --

    @cached_property
    def naming_counts(self) -> dict[str, int]:
        """For each skill id, in ladder order, how many roles' requirements name it (as the skill
        of a row, one of its alternatives, a part of a group or the group's broad skill: the
        roles :attr:`skill_users` lists for it, each once)."""
        counts = dict.fromkeys(self.skills, 0)
        for role in self.roles.values():
            for sid in requirements.skills_named(role):
                counts[sid] += 1
        return counts

    @cached_property
    def skill_includes(self) -> Mapping[str, Sequence[str]]:
        """The parts of each broad skill (the skills it ``includes``, in its order), of the skills
        that include any."""
        return {s.id: s.includes for s in self.skills.values() if s.includes}

    @cached_property
    def move_refs(self) -> dict[str, list[tuple[str, MoveKind, MoveBasis | None]]]:
        """Every role's moves as (to, kind, basis), in ladder and file order, as ``tree`` draws
        them: no move built as a model."""
        return {rid: [(m.to, m.kind, m.basis) for m in role.next] for rid, role in self.roles.items()}

    def move_refs_of(self, role_id: str) -> Sequence[tuple[str, MoveKind, MoveBasis | None]]:
        """One role's moves as :attr:`move_refs` gives them (routes explored from thousands of
        roles read these: no move built as a model)."""
        return self.move_refs[role_id]

    def lead_refs_of(self, role_id: str) -> Sequence[tuple[str, MoveKind, MoveBasis | None]]:
        """The moves into a role as (from, kind, basis), in ladder and file order (routes found
        backwards from their goal read these: no move built as a model)."""
        return self._lead_refs.get(role_id, ())

    @cached_property
    def _lead_refs(self) -> dict[str, list[tuple[str, MoveKind, MoveBasis | None]]]:
        found: dict[str, list[tuple[str, MoveKind, MoveBasis | None]]] = {}
        for rid, moves in self.move_refs.items():
            for to, kind, basis in moves:
                found.setdefault(to, []).append((rid, kind, basis))
        return found

    @cached_property
    def head_of(self) -> dict[str, Head]:
        """Every role's head by id (:attr:`heads`): naming many roles by id builds no model."""
        return {head.id: head for head in self.heads}

    def learn_links(self, skill_ids: Iterable[str]) -> dict[str, Sequence[Link]]:
        """Each skill's ``learn`` links, by id (``next`` looks up thousands of skills' at once:
        :func:`.places.places_of`)."""
        return {sid: self.skills[sid].learn for sid in skill_ids}


class Link(Protocol):
    """A place to learn a skill (:class:`~.model.LearnLink`, or a stored skill's link read
    without building its model)."""

    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def basis(self) -> Basis: ...
