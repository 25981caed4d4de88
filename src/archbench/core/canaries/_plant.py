"""Planting canaries: copies of tests, one value changed, inserted after their originals."""

from __future__ import annotations

import ast
import math
import random
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import PurePosixPath

from archbench.core.canaries._model import CANARY_SHARE, Canary, CanaryPlan, CanarySite, Leaf
from archbench.core.canaries._sites import CollectedTest, canary_sites, collected_tests
from archbench.core.canaries._values import canary_name, canary_value, name_vocabulary
from archbench.core.mutation import SourceText, TextEdit, apply_edits

Function = ast.FunctionDef | ast.AsyncFunctionDef


def plant_canaries(
    tests: Mapping[str, str], rng: random.Random, share: float = CANARY_SHARE
) -> CanaryPlan:
    """Canaries for a random `share` of the tests that have a site (at least one), each
    copying one of its test's sites chosen at random."""
    by_test: dict[str, list[CanarySite]] = {}
    for site in canary_sites(tests):
        by_test.setdefault(site.test, []).append(site)
    count = math.ceil(share * len(by_test))
    chosen = rng.sample(sorted(by_test), count)
    return _plant(tests, [rng.choice(by_test[test]) for test in chosen], rng)


def plant_every_canary(tests: Mapping[str, str], rng: random.Random) -> CanaryPlan:
    """One canary per leaf of every site: whatever grading plants, validation ran on the
    reference (each must fail there by its assertion)."""
    sites = canary_sites(tests)
    each_leaf = [replace(site, leaves=(leaf,)) for site in sites for leaf in site.leaves]
    return _plant(tests, each_leaf, rng)


def validation_canaries(tests: Mapping[str, str], seed: str) -> CanaryPlan:
    """`plant_every_canary` seeded by `seed` (a task's content hash): the same task plants the
    same canaries; which values they hold does not matter, only that each fails."""
    return plant_every_canary(tests, random.Random(seed))


def _plant(tests: Mapping[str, str], sites: list[CanarySite], rng: random.Random) -> CanaryPlan:
    names = [test.node.name for path, text in tests.items() for test in collected_tests(path, text)]
    vocabulary = name_vocabulary(names)
    files = dict(tests)
    canaries: list[Canary] = []
    for path in sorted({site.path for site in sites}):
        chosen = [site for site in sites if site.path == path]
        files[path], planted = _plant_in_file(path, tests[path], chosen, vocabulary, rng)
        canaries += planted
    return CanaryPlan(files, tuple(canaries))


def _plant_in_file(
    path: str, text: str, sites: list[CanarySite], vocabulary: list[str], rng: random.Random
) -> tuple[str, list[Canary]]:
    source = SourceText(text)
    tests = {test.key: test for test in collected_tests(path, text)}
    taken: dict[str, set[str]] = {}
    edits: list[TextEdit] = []
    canaries: list[Canary] = []
    for site in sites:
        test = tests[site.test]
        names = taken.setdefault(test.class_prefix, set(test.scope_names))
        name = canary_name(test.node.name, vocabulary, names, rng)
        names.add(name)
        copy = _copy_text(source, test.node, name, rng.choice(site.leaves), rng)
        edits.append(_insertion(source, rng.choice(test.later_siblings), copy, test))
        stem = PurePosixPath(path).stem
        canaries.append(Canary(f"{stem}::{test.class_prefix}{name}", site.test, site.line))
    return apply_edits(source, edits), canaries


def _copy_text(
    source: SourceText, node: Function, name: str, leaf: Leaf, rng: random.Random
) -> str:
    """The test's text (decorators and comments included) renamed, with `leaf` replaced."""
    start, end = _function_span(source, node)
    name_span = _name_span(source, node)
    segment = SourceText(source.data[start:end].decode("utf-8"))
    value = canary_value(leaf.value, source.segment(leaf.node), rng)
    edits = [
        TextEdit(name_span[0] - start, name_span[1] - start, name),
        TextEdit(source.start(leaf.node) - start, source.end(leaf.node) - start, value),
    ]
    return apply_edits(segment, edits)


def _function_span(source: SourceText, node: Function) -> tuple[int, int]:
    """From the start of its first decorator's line to the end of its last line."""
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    end = source.data.find(b"\n", source.end(node))
    return source.line_starts[first - 1], len(source.data) if end < 0 else end


def _name_span(source: SourceText, node: Function) -> tuple[int, int]:
    pattern = rb"\bdef\s+(" + re.escape(node.name.encode()) + rb")\b"
    found = re.compile(pattern).search(source.data, source.start(node))
    assert found is not None, f"no `def {node.name}` at line {node.lineno}"
    return found.start(1), found.end(1)


def _insertion(source: SourceText, after: ast.stmt, copy: str, test: CollectedTest) -> TextEdit:
    """Insert `copy` after the test `after`, separated as the scope separates definitions."""
    end = source.data.find(b"\n", source.end(after))
    position = len(source.data) if end < 0 else end
    blank_lines = "\n" if test.class_prefix else "\n\n"
    return TextEdit(position, position, f"\n{blank_lines}{copy}")
