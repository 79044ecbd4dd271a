"""The text renderer of each command's result, reached through a function that imports it.

:func:`..cli.app.output` calls one of these only when it draws text, so a ``--json`` run
never imports Rich. Each returns the renderer itself, typed by the document it draws
(:mod:`..results`), so mypy checks that a command hands a renderer the result it draws.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

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
    from .text.base import Out

D = TypeVar("D")
#: A text renderer: draws a document of type ``D`` on the console.
Renderer = Callable[["Out", D], None]


def stages(intro: str = "") -> Renderer[list[StageItem]]:
    from functools import partial

    from .text.ladder import stages

    return partial(stages, intro=intro)


def roles() -> Renderer[list[RoleRow]]:
    from .text.ladder import roles

    return roles


def show() -> Renderer[Show]:
    from .text.ladder import show

    return show


def compare() -> Renderer[Compare]:
    from .text.ladder import compare

    return compare


def similar() -> Renderer[Similar]:
    from .text.overlap import similar

    return similar


def mapping() -> Renderer[MapDoc]:
    from .text.mapping import mapping

    return mapping


def search() -> Renderer[Search]:
    from .text.ladder import search

    return search


def specializations() -> Renderer[Specializations]:
    from .text.ladder import specializations

    return specializations


def skills() -> Renderer[list[SkillCategory]]:
    from .text.ladder import skills

    return skills


def skill_detail() -> Renderer[SkillLearning]:
    from .text.ladder import skill_detail

    return skill_detail


def education() -> Renderer[Education]:
    from .text.ladder import education

    return education


def resources() -> Renderer[Resources]:
    from .text.ladder import resources

    return resources


def tree() -> Renderer[Tree]:
    from .text.ladder import tree

    return tree


def next_steps() -> Renderer[Next]:
    from .text.planning import next_steps

    return next_steps


def path() -> Renderer[PathDoc]:
    from .text.planning import path

    return path


def match() -> Renderer[Match]:
    from .text.planning import match

    return match


def plan() -> Renderer[Plan]:
    from .learning import plan

    return plan


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
