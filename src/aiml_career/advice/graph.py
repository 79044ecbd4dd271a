"""The ladder as a graph: which roles and moves a diagram draws.

Plain data for ``export`` (the whole ladder), ``show --format mermaid`` (a
role's neighbourhood) and ``path --format mermaid`` (the routes found); the
Mermaid and DOT writers in :mod:`.export` draw whatever these return.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..ladder.index import Ladder
from ..ladder.pieces import name_ref

if TYPE_CHECKING:
    from ..ladder.model import MoveKind
    from ..results.documents import Drawing, DrawnStage
    from ..results.plans import PathDoc

Edge = tuple[str, str, "MoveKind"]  # (from role id, to role id, kind)


def all_edges(ladder: Ladder) -> list[Edge]:
    return [(r.id, m.to, m.kind) for r in ladder.heads for m in ladder.moves(r.id)]


def neighbourhood(ladder: Ladder, role_id: str) -> Drawing:
    """A role, the roles that lead to it and those it leads to, with those links."""
    role = ladder.roles[role_id]
    edges = [(src, role_id, m.kind) for src, m in ladder.leads_in(role_id)]
    edges += [(role_id, m.to, m.kind) for m in role.next]
    ids = list(dict.fromkeys([role_id, *(e[0] for e in edges), *(e[1] for e in edges)]))
    return drawing(ladder, ids, edges)


def routes(ladder: Ladder, result: PathDoc) -> Drawing:
    """The roles and moves of the routes in a :func:`planning.path` result."""
    ids: list[str] = []
    edges: list[Edge] = []
    for route in result["routes"]:
        here = route["from"]["id"] if route["from"] else None
        if here is not None:
            ids.append(here)
        for step in route["steps"]:
            kind = step["kind"]
            if here is not None and kind != "entry":  # only a route's first step enters, from no role
                edges.append((here, step["id"], kind))
            ids.append(step["id"])
            here = step["id"]
    return drawing(ladder, list(dict.fromkeys(ids)), list(dict.fromkeys(edges)))


def drawing(ladder: Ladder, role_ids: Iterable[str] | None = None, edges: list[Edge] | None = None) -> Drawing:
    """What a diagram draws: the stages that hold any of the roles, each with its
    number in the ladder and those roles, and the moves. Default: every role and move."""
    wanted = set(role_ids) if role_ids is not None else set(ladder.roles)
    stages: list[DrawnStage] = []
    for number, (stage_id, stage_roles) in enumerate(ladder.roles_by_stage.items()):
        members = [name_ref(r) for r in stage_roles if r.id in wanted]
        if members:
            stages.append({"number": number, "id": stage_id, "name": ladder.stages[stage_id].name, "roles": members})
    return {"title": ladder.title, "stages": stages, "edges": all_edges(ladder) if edges is None else edges}
