"""The person a plan is for: skills held and at what level, their role, and
the saved profile's marks (learning, skipped).

Skills come from ``--have`` or, without it, from the saved profile; the
current role from ``--from`` or the profile. Parsing ``--have`` lives here
too: every unknown name is reported at once.

A person's skills have four shapes, one job each:

- :class:`.profile.Profile`: the saved file, as read and written (any ids, any ladder);
- :class:`Person`: whom a plan is for, in this ladder's terms (``--have``/``--from`` or the profile);
- :class:`.results.common.PersonDoc` (:meth:`Person.doc`): that person, in every planning document;
- :class:`.results.ladder.ProfileDoc` (:func:`profile_doc`): ``profile show``, the file as it is,
  with the names the ladder in use gives its ids (null for an id it does not know).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import LookupFailed, UsageError
from ..ladder.levels import DEFAULT_LEVEL, HAVE_WORDS, LEVEL_RANK, LEVELS, Level
from ..ladder.resolve import shown

if TYPE_CHECKING:
    from ..ladder.index import Ladder
    from ..results.common import Mark, PersonDoc
    from ..results.ladder import ProfileDoc, ProfileRole, ProfileSkill
    from .profile import Profile


#: Where the current role comes from.
RoleSource = Literal["--from", "profile"]


@dataclass
class Person:
    """Who the planning commands plan for."""

    source: Literal["--have", "profile", "none"]  # where the skills come from: "--have", "profile" or "none"
    have: dict[str, Level] | None = None  # skill id -> level; None when nothing is known
    role: str | None = None  # the current role's id
    role_source: RoleSource | None = None  # "--from" or "profile"
    path: Path | None = None
    ignored: list[str] = field(default_factory=list)  # profile entries unknown to the ladder
    marks: dict[str, Mark] = field(default_factory=dict)  # skill id -> "learning" or "skipped"
    #: Skills held on a claim alone (no course, certificate, project or work behind them).
    claims: dict[str, Level] = field(default_factory=dict)
    #: ``--proven``: only skills backed by evidence count (``claims`` were left out).
    proven: bool = False
    #: The profile's target role (``profile set-target``), when this ladder knows it.
    target: str | None = None

    @property
    def ranks(self) -> dict[str, int]:
        """Skills held, as level ranks (1 basic .. 4 expert)."""
        return {sid: LEVEL_RANK[level] for sid, level in (self.have or {}).items()}

    def doc(self) -> PersonDoc:
        """The person as every planning document shows it (``person``)."""
        return {
            "source": self.source,
            "path": str(self.path) if self.path else None,
            "role": self.role,
            "role_source": self.role_source,
            "skills": dict(self.have or {}),
        }

    def note(self) -> str | None:
        """A line for stderr saying that the saved profile is in use."""
        if self.source != "profile":
            return None
        what = f"role {self.role}, " if self.role_source == "profile" else ""
        count = len(self.have or {})
        proven = " proven by evidence" if self.proven else ""
        line = (f"using your profile {self.path}: {what}{count} skill{'' if count == 1 else 's'}{proven} "
                "(--have overrides)")
        if self.proven and self.claims:
            line += f"; left out, claims alone: {', '.join(sorted(self.claims))}"
        if self.ignored:
            line += f"; not in this ladder, left out: {', '.join(self.ignored)}"
        return line


def person(ladder: Ladder, have_specs: list[str] | None, start: str | None = None, *,
           profile: Path | None = None, proven: bool = False) -> Person:
    """The person to plan for: ``--have`` wins over the profile's skills, and
    ``start`` (``--from``) over the profile's role. ``profile``: the saved profile's file
    (the run's :attr:`Environment.profile_file <.environment.Environment.profile_file>`);
    None, no saved profile (no place for one). ``proven``: of the profile's skills, only those
    backed by evidence other than a claim count."""
    from .profile import load_profile

    role = ladder.role(start).id if start is not None else None
    role_source: RoleSource | None = "--from" if role is not None else None
    have = parse_have(ladder, have_specs) if have_specs else None
    if have is not None and role is not None:
        return Person("--have", have, role, role_source)
    path = profile  # None: no home folder, so no saved profile to use
    saved = load_profile(path) if path is not None else None
    ignored: list[str] = []
    if saved is not None and role is None and saved.role is not None:
        if saved.role in ladder.roles:
            role, role_source = saved.role, "profile"
        else:
            ignored.append(f"role {saved.role}")
    if have is not None:
        return Person("--have", have, role, role_source)
    if saved is None:
        return Person("none", None, role, role_source)
    held = {k: v for k, v in saved.held().items() if k in ladder.skills}
    ignored = sorted(k for k in saved.held() if k not in ladder.skills) + ignored
    marks: dict[str, Mark] = {k: e.status for k, e in saved.skills.items() if e.status != "done" and k in ladder.skills}
    claims = {k: v for k, v in held.items() if not saved.skills[k].proven}
    if proven:
        held = {k: v for k, v in held.items() if k not in claims}
    target = saved.target if saved.target in ladder.roles else None
    return Person("profile", held, role, role_source, path, ignored, marks, claims, proven, target)


def saved_target(profile: Path | None) -> str | None:
    """The saved profile's target role id, if any (not checked against a ladder)."""
    from .profile import load_profile

    saved = load_profile(profile) if profile is not None else None
    return saved.target if saved is not None else None


def parse_level(word: str) -> Level:
    level = HAVE_WORDS.get(" ".join(word.split()).casefold())
    if level is None:
        raise UsageError(
            f"unknown skill level {shown(word.strip(), 40)}",
            [f"levels: {', '.join(LEVELS)} (or 1-4, or the text's words: familiarity, "
             "knowledge, experience, expertise, ...; docs/planning.md: Levels)"],
        )
    return level


def parse_skill_specs(ladder: Ladder, specs: Iterable[str]) -> dict[str, Level | None]:
    """``["python, sql", "pandas:advanced"]`` -> ``{"python": None, ..., "pandas": "advanced"}``.

    Names are skill ids, names or aliases, any case. Every unknown name is
    reported in one error, each with its suggestions; none is dropped. The
    level is None when not given.
    """
    specs = list(specs)
    found: dict[str, Level | None] = {}
    failed: list[tuple[str, LookupFailed]] = []
    bad_levels: list[UsageError] = []
    for spec in specs:
        for part in spec.split(","):
            if not part.strip():
                continue
            name, sep, level_word = part.rpartition(":")
            if not sep:
                name, level_word = part, ""
            if sep and not level_word.strip():
                raise UsageError(
                    f"no level after ':' in {shown(part.strip(), 40)}",
                    ["give one (python:advanced) or leave out the ':' for proficient"],
                )
            try:
                level = parse_level(level_word) if sep else None
            except UsageError as bad_level:
                bad_levels.append(bad_level)
                level = None
            try:
                skill = ladder.skill(name.strip())
            except LookupFailed as failure:
                failed.append((name.strip(), failure))
                continue
            # The same skill twice keeps the higher level (no level counts as proficient).
            old = found.get(skill.id)
            if skill.id not in found or LEVEL_RANK[level or DEFAULT_LEVEL] > LEVEL_RANK[old or DEFAULT_LEVEL]:
                found[skill.id] = level
    if failed:
        error = _unknown_skills(ladder, failed)
        for bad in bad_levels:  # every problem of --have at once
            error.hints[-1:-1] = [bad.message]
        raise error
    if bad_levels:
        raise bad_levels[0]
    if not found:
        listed = ", ".join(shown(s.strip(), 40) for s in specs) or "nothing"
        raise UsageError(
            f"no skills given (got {listed})",
            ["name skills by id, name or alias, comma-separated: \"python, sql:advanced\""],
        )
    return found


def _unknown_skills(ladder: Ladder, failed: list[tuple[str, LookupFailed]]) -> UsageError:
    """One error for every name of ``--have`` that is not a skill."""
    if len(failed) == 1 and failed[0][1].ambiguous:
        return failed[0][1]
    names = ", ".join(shown(name, 40) for name, _ in failed)
    noun = "skill" if len(failed) == 1 else "skills"
    # The way to see every skill is said once, at the end, not once per name.
    listing = f"see them all with: {ladder.skill_index.listing}"
    hints: list[str] = []
    for name, failure in failed:
        own = [hint for hint in failure.hints if hint != listing]
        hints.extend(f"{shown(name, 40)}: {hint}" if len(failed) > 1 else hint for hint in own)
        words = name.split()
        if len(words) > 1 and all(ladder.skill_index.exact(w) for w in words):
            hints.append(f"separate skills with commas: {', '.join(words)}")
    return UsageError(f"unknown {noun} {names}", [*hints, listing])


def parse_have(ladder: Ladder, specs: Iterable[str]) -> dict[str, Level]:
    """Like :func:`parse_skill_specs`, with :data:`DEFAULT_LEVEL` where none is given."""
    return {k: v or DEFAULT_LEVEL for k, v in parse_skill_specs(ladder, specs).items()}


def profile_doc(ladder: Ladder, profile: Profile | None, path: Path) -> ProfileDoc:
    """``profile show``: a saved profile (or None) as it is, with the names the ladder in use
    gives its role and skills (null for an id it does not know: the profile keeps it)."""
    role: ProfileRole | None = None
    target: ProfileRole | None = None
    skills: list[ProfileSkill] = []
    if profile is not None:
        if profile.role is not None:
            known = ladder.roles.get(profile.role)
            role = {"id": profile.role, "name": known.name if known else None}
        for skill_id, entry in sorted(profile.skills.items()):
            known_skill = ladder.skills.get(skill_id)
            skills.append({
                "id": skill_id,
                "name": known_skill.name if known_skill else None,
                "level": entry.level,
                "status": entry.status,
                "held": entry.held,
                "evidence": [piece.to_dict() for piece in entry.evidence],  # type: ignore[misc]
                "proven": entry.proven,
            })
        if profile.target is not None:
            aim = ladder.roles.get(profile.target)
            target = {"id": profile.target, "name": aim.name if aim else None}
    return {"path": str(path), "exists": profile is not None, "role": role, "target": target, "skills": skills,
            "history_entries": len(profile.history) if profile is not None else 0}
