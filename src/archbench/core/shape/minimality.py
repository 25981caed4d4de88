"""Minimality: statements written beyond the reference, and what they were spent on - dead code,
lint-level waste (unused imports, variables, arguments), duplicated blocks and gold-plating
(public functions, classes, routes or options nobody asked for).

Nothing here rewards being smaller than the reference: below it, every check is at zero.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

from archbench.core.shape.analysis import EMPTY_FACTS, Analysis
from archbench.core.shape.facts import CodeFacts
from archbench.core.shape.findings import CheckResult, Finding, count_penalty
from archbench.core.shape.rubric import CountCheck, MinimalityRubric, SizeCheck


def minimality_checks(
    answer: Analysis,
    reference: Analysis | None,
    rubric: MinimalityRubric,
    requested: Iterable[str] = (),
) -> list[CheckResult]:
    """With no reference (grading code on its own), size and gold-plating are not measured."""
    baseline = reference or Analysis(facts=EMPTY_FACTS)
    checks = [
        _dead_code_check(rubric.dead_code, answer, baseline),
        _lint_check(rubric.lint, answer, baseline),
        _duplication_check(rubric.duplication, answer, baseline),
    ]
    if reference is not None:
        checks.insert(0, _size_check(rubric.statements, answer, reference))
        checks.append(_gold_plating_check(rubric.gold_plating, answer, reference, requested))
    return checks


def _size_check(check: SizeCheck, answer: Analysis, reference: Analysis) -> CheckResult:
    written, expected = answer.written_statements, max(1, reference.written_statements)
    limit = expected * (1 + check.tolerance)
    penalty = min(1.0, max(0.0, written / expected - 1 - check.tolerance) / check.span)
    findings = (Finding("statements_written", "", 0, "", written, round(limit, 1), penalty),)
    return CheckResult("statements", penalty, check.weight, findings if penalty else ())


def _beyond_reference(
    answer_keys: Sequence[Hashable], reference_keys: Iterable[Hashable]
) -> list[int]:
    """Indexes of answer items left over once each reference item cancels one equal item."""
    budget = Counter(reference_keys)
    extra: list[int] = []
    for position, key in enumerate(answer_keys):
        if budget[key] > 0:
            budget[key] -= 1
        else:
            extra.append(position)
    return extra


def _count_result(
    name: str, check: CountCheck, findings: Sequence[Finding], amount: int | None = None
) -> CheckResult:
    new_items = len(findings) if amount is None else amount
    penalty = count_penalty(new_items, check.free, check.saturation)
    return CheckResult(name, penalty, check.weight, tuple(findings) if penalty else ())


def _dead_code_check(check: CountCheck, answer: Analysis, reference: Analysis) -> CheckResult:
    keys = [(item.kind, item.name) for item in answer.dead]
    extra = _beyond_reference(keys, ((item.kind, item.name) for item in reference.dead))
    findings = [
        Finding(f"dead {item.kind} (vulture confidence)", item.path, item.line, item.name,
                item.confidence, 0)
        for item in (answer.dead[position] for position in extra)
    ]  # fmt: skip
    return _count_result("dead_code", check, findings)


def _lint_check(check: CountCheck, answer: Analysis, reference: Analysis) -> CheckResult:
    keys = [(item.code, item.message) for item in answer.lint]
    extra = _beyond_reference(keys, ((item.code, item.message) for item in reference.lint))
    findings = [
        Finding(f"ruff {item.code} ({item.message})", item.path, item.line, "", 1, 0)
        for item in (answer.lint[position] for position in extra)
    ]
    return _count_result("lint", check, findings)


def _duplication_check(check: CountCheck, answer: Analysis, reference: Analysis) -> CheckResult:
    repeated = sum(block.statements for block in answer.duplicates)
    known = sum(block.statements for block in reference.duplicates)
    findings = [
        Finding(f"duplicated_statements (of {block.first_path}:{block.first_line})", block.path,
                block.line, "", block.statements, 0)
        for block in answer.duplicates
    ]  # fmt: skip
    return _count_result("duplication", check, findings, max(0, repeated - known))


def _gold_plating_check(
    check: CountCheck, answer: Analysis, reference: Analysis, requested: Iterable[str]
) -> CheckResult:
    wanted = set(requested) | _interface_methods(reference.facts, requested)
    extra_names = _unneeded_public(answer.facts, wanted)
    # Compared by count, not by name: the reference's own public-but-unneeded helpers set the
    # allowance, so an answer naming its helpers differently pays nothing for the difference.
    new_names = max(0, len(extra_names) - len(_unneeded_public(reference.facts, wanted)))
    routes = sorted(answer.facts.routes - reference.facts.routes - set(requested))
    options = list(_new_options(answer, reference))
    findings = [
        *(Finding("unrequested_public_name", "", 0, name, 1, 0) for name in extra_names),
        *(Finding("unrequested_route", "", 0, route, 1, 0) for route in routes),
        *options,
    ]
    return _count_result("gold_plating", check, findings, new_names + len(routes) + len(options))


def _unneeded_public(facts: CodeFacts, wanted: set[str]) -> list[str]:
    """Public names neither requested nor used from another of the code's own modules."""
    return sorted(facts.public_names - wanted - facts.needed_names)


def _interface_methods(reference: CodeFacts, requested: Iterable[str]) -> set[str]:
    """The reference's public methods of requested classes: the request states a class's
    methods in its code block, while the task's interface lists only the class."""
    asked = set(requested)
    return {
        name for name in reference.public_names if "." in name and name.rsplit(".", 1)[0] in asked
    }


def _new_options(answer: Analysis, reference: Analysis) -> Iterable[Finding]:
    """Optional parameters added to a function the reference has too (unrequested knobs)."""
    reference_options = {f.qualname: f.options for f in reference.facts.functions}
    for function in answer.facts.functions:
        known = reference_options.get(function.qualname)
        name = function.qualname.split(".")[-1]
        if known is None or (name.startswith("_") and name != "__init__"):
            continue
        for option in sorted(function.options - known):
            yield Finding("unrequested_option", function.path, function.line,
                          f"{function.qualname}({option}=...)", 1, 0)  # fmt: skip
