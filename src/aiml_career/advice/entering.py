"""Many roles at once for one person: the roles their skills fully meet (where ``next`` and
``path`` start without a role), and getting into each role of the entry stage (``next`` from no
role: on a taxonomy, thousands of roles). Each distinct row of the ladder is judged once
(:attr:`~..ladder.index.Ladder.row_table`, as ``match`` judges them): no role's own rows are
read, no role is built as a model. Also what a role's rows are related to (:func:`fitting`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..ladder.index import Head, Ladder
from ..ladder.levels import LEVEL_RANK
from ..ladder.pieces import name_ref, role_at
from ..ladder.places import row_skills
from ..ladder.requirements import Unit
from .assessment import Have, assess_numbered, best_way, held_toward, judge_rows

if TYPE_CHECKING:
    from ..results.common import ResourceRef
    from ..results.plans import Entering, Fitting, NextMove, SpecializationRef
    from .person import Person

_NONE: frozenset[int] = frozenset()

#: The first step of a route from the entry stage: getting into a role at all.
ENTRY: Entering = {
    "kind": "entry",
    "basis": "editorial",
    "note": "You hold no role yet: the route starts by getting into an entry-stage role.",
}


def entering(ladder: Ladder, roles: list[Head], held: Have, me: Person) -> list[NextMove]:
    """``next`` from no role: getting into each of ``roles`` (the entry stage's), judged for
    ``held`` as :func:`.assessment.assess` judges it, each distinct row of theirs once
    (:func:`.assessment.judge_rows`, as ``match`` judges every row): no role's own rows read."""
    distinct, table = ladder.row_table
    numbers_of = {role.id: numbers for role, numbers in table}
    # Only the rows of these roles judged (on a taxonomy, a fifth of its rows), numbered anew.
    used = sorted({number for role in roles for number in numbers_of[role.id]})
    renumbered = {number: i for i, number in enumerate(used)}
    judged = judge_rows(ladder, [distinct[number] for number in used], held, me.marks)
    fits = Fits(ladder)
    rows = fits.rows(zip(used, map(distinct.__getitem__, used)))  # what each row relates to, once
    moves: list[NextMove] = []
    for role in roles:
        numbers = numbers_of[role.id]
        found = assess_numbered(judged, list(map(renumbered.__getitem__, numbers)))
        moves.append({**role_at(role), **ENTRY, **found.fields(), **fits.of(filter(None, map(rows.get, numbers)))})
    return moves


def fitting(ladder: Ladder, units: Iterable[Unit]) -> Fitting:
    """The specializations related to the skills a role's rows (``units``) name, and the
    certifications that can meet one of them (:class:`Fits`)."""
    fits = Fits(ladder)
    return fits.of(map(fits.row, units))


class Fits:
    """What a role's rows relate to: the specializations whose skills a row names, and the
    certifications whose skills can meet it (:func:`places.row_skills`, as ``plan`` looks places
    up: a certification of a cloud the row does not name is not offered), worked out row by row
    (:meth:`row`), then for a role its rows' together (:meth:`of`)."""

    def __init__(self, ladder: Ladder) -> None:
        self.specs = list(ladder.specializations.values())
        self.certs = [r for r in ladder.resources.values() if r.kind == "certification"]
        #: For each skill, the numbers of the specializations and of the certifications naming it.
        self.spec_of: dict[str, list[int]] = {}
        self.cert_of: dict[str, list[int]] = {}
        for number, spec in enumerate(self.specs):
            for sid in spec.skills:
                self.spec_of.setdefault(sid, []).append(number)
        for number, cert in enumerate(self.certs):
            for sid in cert.skills:
                self.cert_of.setdefault(sid, []).append(number)
        #: Every skill a specialization or a certification names.
        self.named = self.spec_of.keys() | self.cert_of.keys()

    def rows(self, units: Iterable[tuple[int, Unit]]) -> dict[int, tuple[frozenset[int], frozenset[int]]]:
        """:meth:`row` of each of ``units`` (numbered) that can relate to anything: one naming a
        skill of a specialization or a certification (its skill, an alternative or its broad skill,
        the skills :meth:`row` looks up). On a taxonomy, a few of thousands."""
        named = self.named
        return {number: self.row(unit) for number, unit in units
                if unit.skill in named or unit.part_of in named or not named.isdisjoint(unit.any_of)}

    def row(self, unit: Unit) -> tuple[frozenset[int], frozenset[int]]:
        """The numbers of the specializations and certifications one row relates to."""
        named = (*unit.members, unit.part_of) if unit.part_of is not None else unit.members
        specs = [n for sid in named for n in self.spec_of.get(sid, ())]
        certs = [n for sid in row_skills(unit.skill, unit.any_of) for n in self.cert_of.get(sid, ())]
        return frozenset(specs) if specs else _NONE, frozenset(certs) if certs else _NONE

    def of(self, rows: Iterable[tuple[frozenset[int], frozenset[int]]]) -> Fitting:
        """A role's, from its rows' (:meth:`row`), in ladder order."""
        specs: set[int] = set()
        certs: set[int] = set()
        for spec, cert in rows:
            specs |= spec
            certs |= cert
        found: list[SpecializationRef] = [{**name_ref(s), "basis": s.skills_basis}
                                          for s in (self.specs[i] for i in sorted(specs))]
        meeting: list[ResourceRef] = [{"id": r.id, "name": r.name, "provider": r.provider}
                                      for r in (self.certs[i] for i in sorted(certs))]
        return {"specializations": found, "certifications": meeting}


def fully_met(ladder: Ladder, ranks: Have) -> list[str]:
    """The roles ``ranks`` fully meets (readiness 100, as :func:`.assessment.assess` scores it),
    each distinct row of the ladder judged at most once (:attr:`~..ladder.index.Ladder.row_table`)."""
    distinct, table = ladder.row_table
    # A row is judged when a role asks (each once): a role none of whose rows is met stops at its
    # first, so of a taxonomy's 40,000 rows a few thousand are (nearly every row is to gain).
    met: dict[int, bool] = {}

    def met_in_full(number: int) -> bool:
        found = met.get(number)
        if found is None:
            unit = distinct[number]
            found = met[number] = held_toward(unit, ranks) and best_way(ranks, unit)[1] >= unit.rank
        return found

    fit = []
    for role, numbers in table:
        if all(map(met_in_full, numbers)):  # every row met (or none): readiness 100
            fit.append(role.id)
        elif len(numbers) * MOST >= ROUNDS_UP and _readiness(ranks, [distinct[n] for n in numbers]) >= 100:
            fit.append(role.id)
    return fit


#: The highest level's rank: what a row asks at most.
MOST = max(LEVEL_RANK.values())
#: A role whose rows ask fewer level points than this, one point short, scores below 99.9: only
#: a role asking more can round up to 100 with a row not met in full (so is scored in full).
ROUNDS_UP = 1000


def _readiness(ranks: Have, units: list[Unit]) -> float:
    """A role's readiness for ``ranks`` from its rows, as :func:`.assessment.assess` scores it."""
    of = sum(unit.rank for unit in units)
    points = sum(min(best_way(ranks, unit)[1], unit.rank) for unit in units)
    return round(100 * points / of, 1) if of else 100.0
