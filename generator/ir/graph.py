"""Graph helpers for the checks that follow references: strongly connected parts and a cycle in one.

Each is linear in the size of the graph and iterative (no recursion limit), and its result depends only
on the graph, never on the order it was built in.
"""

from __future__ import annotations

from typing import Iterator

def components(edges: dict[str, list[str]]) -> list[list[str]]:
    """Every strongly connected component of `edges` (Tarjan's, iteratively), each sorted, each after
    every component it reaches; linear in the size of the graph. A child that is not a key of
    `edges` is a node with no edges."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(sorted(component))
    return found


def cyclic_components(edges: dict[str, list[str]]) -> list[list[str]]:
    """The strongly connected components of `edges` that hold a cycle, each sorted, in a
    deterministic order; linear in the size of the graph."""
    return sorted(c for c in components(edges) if len(c) > 1 or c[0] in edges.get(c[0], ()))


def cycle_through(component: list[str], edges: dict[str, list[str]]) -> list[str]:
    """One cycle through the first member of a strongly connected component, as a path that ends
    where it starts."""
    members = set(component)
    start = component[0]
    # Breadth first from `start` back to itself, inside the component.
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for child in edges[node]:
                if child not in members:
                    continue
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return list(reversed(path)) + [start]
                if child not in came_from:
                    came_from[child] = node
                    following.append(child)
        frontier = following
    return [start, start]
