"""Shortest routes between roles, for ``path`` (:mod:`.planning`): the roles on them and how many
there are. From one role, breadth first from it; from many (no role held: the entry stage's roles,
thousands on a taxonomy), backwards from the goal, so only the roles leading to it are read.
"""

from __future__ import annotations

from collections import deque

from ..ladder.index import Ladder
from . import overlap_moves

#: Tied routes are counted up to this many; past it ``path`` says "more than 10^6".
MAX_ROUTES_COUNTED = 10**6


#: The shortest routes found (:func:`shortest`): each role's parents on them (the role before it
#: and the move's kind), the routes reaching each role (saturating), and the number of moves.
Found = tuple[dict[str, list[tuple[str, str]]], dict[str, int], int]


def shortest(
    ladder: Ladder, starts: list[str], goal: str, lateral: bool, derive: overlap_moves.Derive | None = None
) -> Found | None:
    """The shortest routes from any start to ``goal``: (parents, route counts, moves), or None if
    unreachable. From many starts (no role held: the entry stage's, thousands on a taxonomy),
    searched backwards from the goal (:func:`backward`); from one role, or with ``derive``, breadth
    first from the starts (:func:`forward`: a role leads to few roles within a route's length,
    and moves derived from overlap are found from a start)."""
    if derive is None and len(starts) > 1:
        return backward(ladder, starts, goal, lateral)
    return forward(ladder, starts, goal, lateral, derive)


def backward(ladder: Ladder, starts: list[str], goal: str, lateral: bool) -> Found | None:
    """:func:`forward` without derived moves, found from the goal: breadth first backwards over
    the moves into each role (:meth:`~..ladder.index.Ladder.lead_refs_of`) until a start is as
    far as the others are from the goal, then forwards from those starts over the roles that many
    moves fewer from the goal. Only the roles leading to the goal in as many moves are read: from
    the entry stage, a few hundred, where breadth first from the starts reads every role."""
    wanted = set(starts)
    left = {goal: 0}  # moves left to the goal
    layer, moves = [goal], 0
    while wanted.isdisjoint(layer):
        if not layer:
            return None
        moves += 1
        following = []
        for here in layer:
            for there, kind, _ in ladder.lead_refs_of(here):
                if (lateral or kind == "promotion") and there not in left:
                    left[there] = moves
                    following.append(there)
        layer = following
    layer = [s for s in starts if left.get(s) == moves]
    parents: dict[str, list[tuple[str, str]]] = {s: [] for s in layer}
    count = {s: 1 for s in layer}
    for step in range(moves - 1, -1, -1):  # a role on a shortest route is a move nearer the goal each time
        following = []
        for here in layer:
            for there, kind, _ in ladder.move_refs_of(here):
                if (lateral or kind == "promotion") and left.get(there) == step:
                    if there not in parents:
                        parents[there], count[there] = [], 0
                        following.append(there)
                    parents[there].append((here, kind))
                    count[there] = min(count[there] + count[here], MAX_ROUTES_COUNTED + 1)
        layer = following
    return parents, count, moves


def forward(
    ladder: Ladder, starts: list[str], goal: str, lateral: bool, derive: overlap_moves.Derive | None
) -> Found | None:
    """Breadth first from every start: (parents, route counts, moves), or None if unreachable.
    With ``derive``, a role with no move reached within :data:`.overlap_moves.HOPS` moves of a
    start has the moves it gives (derived from overlap)."""
    dist = {s: 0 for s in starts}
    parents: dict[str, list[tuple[str, str]]] = {s: [] for s in starts}
    count = {s: 1 for s in starts}
    queue = deque(starts)
    while queue:
        here = queue.popleft()
        if here == goal:
            break
        named = ladder.move_refs_of(here)
        moves: list[tuple[str, str]] = [(to, kind) for to, kind, _ in named]
        if derive is not None and not named and dist[here] < overlap_moves.HOPS:
            moves = derive(here, dist[here])
        for there, kind in moves:
            if not lateral and kind != "promotion":
                continue
            if there not in dist:
                dist[there] = dist[here] + 1
                parents[there] = []
                count[there] = 0
                queue.append(there)
            if dist[there] == dist[here] + 1:
                parents[there].append((here, kind))
                # Saturating: 2^15000 ties are "more than 10^6", not a 4,500-digit number.
                count[there] = min(count[there] + count[here], MAX_ROUTES_COUNTED + 1)
    if goal not in dist:
        return None
    return parents, count, dist[goal]


#: A route being built, backwards: (role id, the route after it).
_Link = tuple[str, "_Link | None"]


def routes(ladder: Ladder, parents: dict[str, list[tuple[str, str]]], goal: str, cap: int) -> list[list[str]]:
    """Up to ``cap`` shortest routes (role ids, start first), in ladder order.

    A route being built is a linked list (role id, the rest), so extending one costs
    nothing and the work is linear in the routes returned, however long they are.
    """
    position = {rid: i for i, rid in enumerate(ladder.roles)}
    routes: list[list[str]] = []
    pending: list[_Link] = [(goal, None)]
    while pending and len(routes) < cap:  # depth first, backwards from the goal
        tail = pending.pop()
        before = parents[tail[0]]
        if not before:
            route: list[str] = []
            link: _Link | None = tail
            while link is not None:
                route.append(link[0])
                link = link[1]
            routes.append(route)
            continue
        for parent, _ in sorted(before, key=lambda p: -position[p[0]]):
            pending.append((parent, tail))
    routes.sort(key=lambda route: [position[r] for r in route])
    return routes
