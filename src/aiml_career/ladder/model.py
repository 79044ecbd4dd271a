"""Pydantic models of the ladder file format (``data/roles.json``).

The models check shapes and types only; cross-references (unknown ids,
duplicate aliases, self-transitions) are checked in :mod:`aiml_career.ladder.references`.
Every model forbids unknown keys, so a typo in a field name is an error.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ..results.words import Basis, MoveBasis, MoveKind, ResourceBasis, ResourceKind
from .levels import LEVELS, Level

__all__ = [
    "LEVELS", "FORMAT_VERSION", "LadderDoc", "LearnLink", "Prerequisite", "Related", "Requirement", "Role",
    "Transition",
]

#: Version of the file format this code writes. Format 1 files (roles list
#: ``skills``, moves say ``stated``) are still read: see ``formats.migrate``.
FORMAT_VERSION = 2

#: What an id looks like: lower-case letters and digits, words joined by single hyphens.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
#: The longest id, in characters.
ID_LENGTH = 100
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_LENGTH),
    Field(description="Lower-case id: letters, digits and single hyphens."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=10_000)]


# The closed sets of words (MoveKind, MoveBasis, Basis, ResourceKind, ResourceBasis) are
# results.words': the JSON types share them from below.


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)


class Stage(_Model):
    """A step of the ladder, such as ``entry`` or ``senior``."""

    id: Id
    name: Text
    order: int = Field(description="Position on the ladder; lower comes first.")
    summary: str = ""


class Track(_Model):
    """A family of roles, such as data science, engineering or management."""

    id: Id
    name: Text
    description: str = ""


class SkillCategory(_Model):
    """A group of skills. ``key`` categories are the text's "Key Skills"."""

    id: Id
    name: Text
    description: str = Field("", description="The text's own sentence about it.")
    key: bool = Field(False, description="Listed under 'Key Skills for AI/ML Careers'.")
    key_skills: list[Id] = Field(
        default_factory=list,
        description="Skill ids the key-skills list names under this category, in order.",
    )


#: Characters no address may hold: whitespace, quotes and brackets, control characters (C0,
#: DEL, C1) and the invisible and bidi format characters (shown escaped elsewhere, never obeyed).
URL_REFUSED = (
    r"\s<>\"\\`{}|^\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    r"\ufeff\ufff9-\ufffb"
)

#: A link to learn from: https only (docs/planning.md: Where to learn); a port of ASCII digits.
Url = Annotated[
    str,
    StringConstraints(
        pattern=rf"^https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?([/?#][^{URL_REFUSED}]*)?$", max_length=2000
    ),
    Field(description="An https address, such as https://docs.docker.com/get-started/."),
]


class Prerequisite(_Model):
    """A skill best learned before this one (docs/planning.md: Learning order)."""

    skill: Id
    basis: Basis = Field(
        description="The text says so, or an editorial judgement (the note gives the reason)."
    )
    note: str = Field("", description="Why it comes first, in a sentence (required for editorial).")


class Related(_Model):
    """A more specific skill that counts toward this one, up to a level (docs/planning.md: Related skills)."""

    skill: Id
    up_to: Level = Field(description="The most it counts for: holding it higher still counts this much.")
    basis: Basis = Field(
        description="The text says so, or an editorial judgement (the note gives the reason)."
    )
    note: str = Field("", description="Why it counts, in a sentence (required for editorial).")


class LearnLink(_Model):
    """A place to learn a skill: an official documentation page or tutorial (docs/planning.md: Where to learn)."""

    title: Text
    url: Url
    basis: Basis = Field(
        description="The text gives the link, or an editorial choice (the built-in links all are)."
    )


class Skill(_Model):
    """An entry of the shared skill vocabulary."""

    id: Id
    name: Text
    category: Id
    description: str = Field("", description="What the skill is, in a sentence or two (a taxonomy's own words).")
    aliases: list[Text] = Field(default_factory=list)
    includes: list[Id] = Field(
        default_factory=list,
        description="More specific skills; holding one of them counts as holding this.",
    )
    prerequisites: list[Prerequisite] = Field(
        default_factory=list, description="Skills best learned first: plan orders by them."
    )
    learn: list[LearnLink] = Field(default_factory=list, description="Places to learn it, as https links.")
    related: list[Related] = Field(
        default_factory=list,
        description="Skills that count toward this one, each up to a level (PyTorch as some deep learning).",
    )


class RoleSkill(_Model):
    """Format 1 only: a skill a role needs, at a level, with the text's wording."""

    skill: Id
    level: Level
    wording: str = Field("", description="The phrase of the source this comes from.")


class Requirement(_Model):
    """What a role needs, as one phrase of the text states it.

    Three shapes: ``skill`` alone (met by that skill, or by a skill it
    ``includes``); ``skill`` with ``any_of`` (interchangeable tools: any one
    of them, or the broad skill itself, meets it); ``all_of``, with the broad
    ``skill`` they are parts of if the text names one (distinct skills: each
    is needed, and the broad skill does not stand in for them).
    """

    skill: Id | None = Field(None, description="The skill required, or the broad skill the listed ones belong to.")
    any_of: list[Id] = Field(default_factory=list, description="Interchangeable alternatives: any one meets it.")
    all_of: list[Id] = Field(default_factory=list, description="Distinct skills: each one is needed.")
    level: Level
    level_word: str | None = Field(
        None, description="The word of the wording that sets the level (docs/planning.md: Levels); null when none does."
    )
    wording: str = Field("", description="The phrase of the source this comes from, word for word.")
    open: bool = Field(
        False,
        description="The wording gives examples ('e.g.', 'like', 'such as'): the row is met as its broad "
        "skill is, by any skill of that kind, and any_of lists the text's examples (docs/planning.md: Open lists).",
    )


class Transition(_Model):
    """A move from one role to another."""

    to: Id
    kind: MoveKind
    basis: MoveBasis | None = Field(
        None,
        description="Why the move exists: the text says so, the role titles imply it, or an "
        "editorial judgement (the note gives the reason). Required in format 2.",
    )
    stated: bool | None = Field(
        None, description="Format 1 only: true when the text gives the link (read as basis 'text')."
    )
    note: str = Field("", description="The reason for the move, in a sentence.")


class OccupationCode(_Model):
    """A cross-reference to a public occupation classification."""

    system: Literal["O*NET-SOC"]
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$")]
    title: Text


class Role(_Model):
    """A job on the ladder."""

    id: Id
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    stage: Id
    track: Id | None = Field(None, description="The family of roles it belongs to, if the ladder groups them.")
    summary: str = ""
    responsibilities: list[Text] = Field(default_factory=list)
    skills_text: str = Field("", description="The text's 'Skills Needed' sentence.")
    requirements: list[Requirement] = Field(
        default_factory=list, description="What the role needs, phrase by phrase of skills_text."
    )
    skills: list[RoleSkill] | None = Field(
        None, description="Format 1 only: read as requirements by the format 1 rule (docs/ladder.md)."
    )
    next: list[Transition] = Field(default_factory=list)
    occupations: list[OccupationCode] = Field(default_factory=list)


class Specialization(_Model):
    """An area to specialise in, such as NLP."""

    id: Id
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    description: str = ""
    examples: list[Text] = Field(default_factory=list)
    skills: list[Id] = Field(default_factory=list, description="Related skill ids.")
    skills_basis: Basis | None = Field(
        None, description="Why it is linked to those skills: the text says so, or an editorial judgement."
    )
    skills_note: str = Field("", description="The reason for the links, in a sentence (required for editorial).")


class Resource(_Model):
    """A way to learn: an online course provider, a certification, a degree."""

    id: Id
    name: Text
    kind: ResourceKind
    provider: str = ""
    aliases: list[Text] = Field(default_factory=list)
    description: str = ""
    skills: list[Id] = Field(default_factory=list, description="Related skill ids: the skills it teaches.")
    skills_basis: ResourceBasis | None = Field(
        None,
        description="Why it is linked to those skills: the text says so, its name names them, or an "
        "editorial judgement (docs/planning.md: Where to learn).",
    )


class Degree(_Model):
    """A degree people enter the field with."""

    id: Id
    name: Text
    fields: list[Text] = Field(default_factory=list)
    description: str = ""


class Education(_Model):
    """The educational foundation: degrees, notes, maths and key skills."""

    stage: Id
    degrees: list[Degree] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
    math_foundation: list[Id] = Field(default_factory=list, description="Skill ids.")
    key_skills_text: str = ""
    key_skills: list[Id] = Field(default_factory=list, description="Skill ids.")
    foundation: list[Requirement] = Field(
        default_factory=list,
        description="What the text's foundation asks of everyone whose role rests on it: a plan from no role "
        "learns these first where its rows build on them (docs/planning.md: The foundation).",
    )


class LadderDoc(_Model):
    """A whole ladder file."""

    model_config = ConfigDict(populate_by_name=True)

    schema_ref: str | None = Field(None, alias="$schema")
    format: Literal[1, 2] = Field(2, description="Version of this file format (1 is read and migrated).")
    title: Text
    source: str = ""
    intro: str = ""
    conclusion: str = ""
    specializations_intro: str = Field("", description="The text's sentence before its specializations.")
    stages: list[Stage] = Field(min_length=1)
    tracks: list[Track] = Field(default_factory=list)
    skill_categories: list[SkillCategory] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    roles: list[Role] = Field(min_length=1)
    specializations: list[Specialization] = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)
    education: Education | None = None


def json_schema() -> dict:
    """The JSON Schema of the ladder format, generated from :class:`LadderDoc`."""
    schema = LadderDoc.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "aiml-career ladder",
        **{k: v for k, v in schema.items() if k != "title"},
    }
