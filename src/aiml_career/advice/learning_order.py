"""The order of a learning plan (docs/planning.md: Learning order): milestones, prerequisites, value.

Pure graph work on plain ids, linear in the plan and the prerequisite graph it
touches: no closure of prerequisites is ever built, so a chain of ten thousand
skills costs ten thousand steps, not fifty million.

- :func:`missing`: the prerequisites, however far back, that a plan must add because
  the person neither holds them nor has them among the plan's items.
- :func:`milestone_order`: the items in learning order. Each step's role is reached
  before the next step is worked on: an item of a later step comes before an item of
  an earlier one only as its prerequisite (directly or through a chain).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

#: A skill's direct prerequisites, by id.
Before = Callable[[str], Iterable[str]]


def missing(needs: Sequence[Iterable[str]], before: Before, held: Callable[[str], bool],
            planned: set[str]) -> list[tuple[str, int, str]]:
    """(skill, the item whose needs led to it, the skill that needs it directly) of every
    prerequisite to add, in the order met: depth first from each item's needs, in item
    order, every skill behind them once; a skill is added when it is neither held (``held``
    says so of what the person's skills rest on, too) nor planned (an item of its own)."""
    found: list[tuple[str, int, str]] = []
    seen: set[str] = set()
    for i, first in enumerate(needs):
        stack = [(sid, "") for sid in reversed(list(first))]
        while stack:
            sid, by = stack.pop()
            if sid in seen:
                continue
            seen.add(sid)
            if sid not in planned and not held(sid):
                found.append((sid, i, by))
            stack.extend((p, sid) for p in reversed(list(before(sid))))
    return found


def milestone_order(
    own: Sequence[Iterable[str]],
    needs: Sequence[Iterable[str]],
    steps: Sequence[int],
    keys: Sequence[Any],
    before: Before,
    held: Callable[[str], bool],
) -> list[int]:
    """Positions 0..n-1 of the items in learning order.

    Item ``i`` learns the skills ``own[i]``, needs the skills ``needs[i]`` first, serves
    step ``steps[i]`` and ranks by ``keys[i]`` (lower first). A needed skill is in hand
    when it is held, or when the first item that learns it is placed and its own
    prerequisites are in hand; two items of one skill keep their order (the lower level
    first). Step by step: the items of the step and every unplaced item they wait for,
    however far back, are placed, each as soon as what it needs is in hand, the lowest key
    first. Should the constraints ever loop, the lowest key left is taken, so the order
    is always complete.
    """
    n = len(own)
    # Nodes: items are 0..n-1; a skill that is needed and not held gets a node after them.
    node_of: dict[str, int] = {}
    preds: list[list[int]] = [[] for _ in range(n)]
    first_owner: dict[str, int] = {}
    last_owner: dict[str, int] = {}
    for i, skills in enumerate(own):
        for sid in skills:
            if sid in last_owner:
                preds[i].append(last_owner[sid])
            first_owner.setdefault(sid, i)
            last_owner[sid] = i

    def skill_node(sid: str) -> int | None:
        if held(sid):
            return None
        found = node_of.get(sid)
        if found is None:
            found = node_of[sid] = len(preds)
            preds.append([])
            todo.append(sid)
        return found

    todo: list[str] = []
    for i in range(n):
        for sid in needs[i]:
            node = skill_node(sid)
            if node is not None:
                preds[i].append(node)
    while todo:
        sid = todo.pop()
        node = node_of[sid]
        if sid in first_owner:
            preds[node].append(first_owner[sid])
        for prior in before(sid):
            found = skill_node(prior)
            if found is not None:
                preds[node].append(found)
    total = len(preds)
    succs: list[list[int]] = [[] for _ in range(total)]
    waiting = [0] * total
    for node, ps in enumerate(preds):
        for p in dict.fromkeys(ps):
            if p != node:
                succs[p].append(node)
                waiting[node] += 1
    placed = [False] * total
    needed = [False] * total
    order: list[int] = []
    low: Hashable = (float("-inf"),)  # a skill node is passed as soon as it is ready

    def key(node: int) -> Any:
        return (keys[node], node) if node < n else (low, node)

    by_step: dict[int, list[int]] = {}
    for i in range(n):
        by_step.setdefault(steps[i], []).append(i)
    for step in sorted(by_step):
        ready: list[tuple[Any, int]] = []
        group = [i for i in by_step[step] if not needed[i]]
        stack = list(group)
        for node in group:
            needed[node] = True
        left = len(group)
        while stack:  # mark what the step waits for, however far back
            node = stack.pop()
            if not waiting[node]:
                heapq.heappush(ready, key(node))
            for p in preds[node]:
                if not placed[p] and not needed[p]:
                    needed[p] = True
                    left += 1
                    stack.append(p)
        while left:
            if ready:
                node = heapq.heappop(ready)[1]
                if placed[node]:
                    continue
            else:  # a loop: take the lowest key left
                node = min((m for m in range(total) if needed[m] and not placed[m]), key=key)
            placed[node] = True
            left -= 1
            if node < n:
                order.append(node)
            for s in succs[node]:
                waiting[s] -= 1
                if waiting[s] <= 0 and needed[s] and not placed[s]:
                    heapq.heappush(ready, key(s))
    return order
