"""The text renderer of each command's result, reached through a function that imports it.

:func:`..cli.app.output` calls one of these only when it draws text, so a ``--json`` run
never imports Rich. Each returns the renderer itself, typed by the document it draws
(:mod:`..results`), so mypy checks that a command hands a renderer the result it draws.
The ``*_rows`` ones give the whole-ladder listings' writers for a pipe (:mod:`.rows`: no Rich).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from . import TEXT, Voice

if TYPE_CHECKING:
    from ..results.ladder import (
        Compare,
        Education,
        ProfileCleared,
        ProfileDoc,
        Resources,
        RoleRow,
        Search,
        Show,
        SkillCategory,
        SkillLearning,
        Specializations,
        StageItem,
        Tree,
        Validation,
    )
    from ..results.learning import Plan, Unlocks
    from ..results.mapping import MapDoc
    from ..results.overlap import Similar
    from ..results.plans import Match, Next, PathDoc
    from ..results.progress import AssessDoc, HistoryDoc, ProgressDoc
    from .rows import RowWriter
    from .text.base import Out

D = TypeVar("D")
#: A text renderer: draws a document of type ``D`` on the console.
Renderer = Callable[["Out", D], None]


def stages(intro: str = "") -> Renderer[list[StageItem]]:
    from .text.ladder import stages

    return partial(stages, intro=intro)


def roles() -> Renderer[list[RoleRow]]:
    from .text.ladder import roles

    return roles


def show(voice: Voice = TEXT) -> Renderer[Show]:
    from .text.ladder import show

    return partial(show, voice=voice)


def compare() -> Renderer[Compare]:
    from .text.ladder import compare

    return compare


def similar() -> Renderer[Similar]:
    from .text.overlap import similar

    return similar


def mapping(screen: int | None = None) -> Renderer[MapDoc]:
    from .text.mapping import mapping

    return partial(mapping, screen=screen)


def search() -> Renderer[Search]:
    from .text.ladder import search

    return search


def specializations() -> Renderer[Specializations]:
    from .text.ladder import specializations

    return specializations


def skills() -> Renderer[list[SkillCategory]]:
    from .text.ladder import skills

    return skills


def skill_detail(voice: Voice = TEXT) -> Renderer[SkillLearning]:
    from .text.ladder import skill_detail

    return partial(skill_detail, voice=voice)


def education() -> Renderer[Education]:
    from .text.ladder import education

    return education


def resources() -> Renderer[Resources]:
    from .text.ladder import resources

    return resources


def tree(voice: Voice = TEXT) -> Renderer[Tree]:
    from .text.ladder import tree

    return partial(tree, voice=voice)


def next_steps(voice: Voice = TEXT, screen: int | None = None) -> Renderer[Next]:
    from .text.planning import next_steps

    return partial(next_steps, voice=voice, screen=screen)


def path(voice: Voice = TEXT) -> Renderer[PathDoc]:
    from .text.planning import path

    return partial(path, voice=voice)


def match(screen: int | None = None) -> Renderer[Match]:
    from .text.planning import match

    return partial(match, screen=screen)


def plan(voice: Voice = TEXT) -> Renderer[Plan]:
    from .learning import plan

    return partial(plan, voice=voice)


def unlocks() -> Renderer[Unlocks]:
    from .learning import unlocks

    return unlocks


def profile() -> Renderer[ProfileDoc]:
    from .text.files import profile

    return profile


def cleared() -> Renderer[ProfileCleared]:
    from .text.files import cleared

    return cleared


def validation() -> Renderer[Validation]:
    from .text.files import validation

    return validation


def history() -> Renderer[HistoryDoc]:
    from .text.progress import history

    return history


def progress() -> Renderer[ProgressDoc]:
    from .text.progress import progress

    return progress


def assessed() -> Renderer[AssessDoc]:
    from .text.progress import assessed

    return assessed


# -- whole-ladder listings into a pipe: plain rows, no Rich -------------------------------


def roles_rows() -> RowWriter[list[RoleRow]]:
    from .rows import roles

    return roles


def tree_rows() -> RowWriter[Tree]:
    from .rows import tree

    return tree


def skills_rows() -> RowWriter[list[SkillCategory]]:
    from .rows import skills

    return skills


def skill_detail_rows(voice: Voice = TEXT) -> RowWriter[SkillLearning]:
    from .rows import skill_detail

    return partial(skill_detail, voice=voice)


def search_rows() -> RowWriter[Search]:
    from .rows import search

    return search


def match_rows() -> RowWriter[Match]:
    from .rows import match

    return match


def similar_rows() -> RowWriter[Similar]:
    from .rows import similar

    return similar


def stages_rows(intro: str = "") -> RowWriter[list[StageItem]]:
    from .rows import stages

    return partial(stages, intro=intro)


def specializations_rows() -> RowWriter[Specializations]:
    from .rows import specializations

    return specializations


def education_rows() -> RowWriter[Education]:
    from .rows import education

    return education


def resources_rows() -> RowWriter[Resources]:
    from .rows import resources

    return resources


def next_rows() -> RowWriter[Next]:
    from .piped import next_steps

    return next_steps


def mapping_rows() -> RowWriter[MapDoc]:
    from .piped import mapping

    return mapping
