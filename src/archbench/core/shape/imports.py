"""Import cycles among a solution's own modules: groups of modules that reach one another."""

from __future__ import annotations

from collections.abc import Iterable

from archbench.core.shape.facts import ModuleFacts


def import_cycles(modules: Iterable[ModuleFacts]) -> list[frozenset[str]]:
    """Each group of modules that import one another, directly or through others.

    Quadratic reachability rather than Tarjan: solutions have tens of modules, and the simple
    version is easy to trust.
    """
    graph = _internal_graph(modules)
    reach = {name: _reachable(graph, name) for name in graph}
    groups = {
        frozenset({name, *(other for other in reach[name] if name in reach[other])})
        for name in graph
    }
    return sorted((group for group in groups if len(group) > 1), key=sorted)


def _internal_graph(modules: Iterable[ModuleFacts]) -> dict[str, set[str]]:
    listed = list(modules)
    names = {module.name for module in listed}
    return {module.name: (set(module.imports) & names) - {module.name} for module in listed}


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    pending = list(graph[start])
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(graph[name] - seen)
    return seen
