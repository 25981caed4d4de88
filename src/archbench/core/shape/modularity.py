"""Modularity: long, complex or wide functions, god modules, import cycles, layer breaches,
and fragmentation (tiny modules, pass-through functions) - each beyond what the reference has.

Per-item limits are the rubric's threshold or the reference's worst item, whichever is higher,
so a task whose natural solution has a long function is not penalised for having one too.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from archbench.core.shape.analysis import EMPTY_FACTS
from archbench.core.shape.facts import CodeFacts, FunctionFacts, ModuleFacts
from archbench.core.shape.findings import (
    CheckResult,
    Finding,
    count_penalty,
    threshold_penalty,
)
from archbench.core.shape.imports import import_cycles
from archbench.core.shape.rubric import (
    CountCheck,
    ModularityRubric,
    ThresholdCheck,
    TinyModuleCheck,
)

Layers = Mapping[str, Sequence[str]]


def modularity_checks(
    answer: CodeFacts,
    reference: CodeFacts | None,
    rubric: ModularityRubric,
    layers: Layers,
    kept: frozenset[str] = frozenset(),
) -> list[CheckResult]:
    """With no reference (code graded on its own) the limits are the rubric's thresholds.

    `kept`: body digests of functions the answer was given (a refactor's starter); see
    `_function_limit`.
    """
    functions = _FunctionLimits(reference, kept)
    return [
        functions.check("function_statements", rubric.function_statements, answer,
                        lambda function: function.statements),
        functions.check("complexity", rubric.complexity, answer,
                        lambda function: function.complexity),
        functions.check("parameters", rubric.parameters, answer,
                        lambda function: function.parameters),
        _god_module_check(rubric.module_statements, answer, reference),
        _cycle_check(rubric.import_cycles, answer, reference or EMPTY_FACTS),
        _layer_check(rubric.layer_violations, answer, reference or EMPTY_FACTS, layers),
        _tiny_module_check(rubric.tiny_modules, answer, reference or EMPTY_FACTS),
        _pass_through_check(rubric.pass_through_functions, answer, reference or EMPTY_FACTS),
    ]  # fmt: skip


@dataclass(frozen=True)
class _FunctionLimits:
    reference: CodeFacts | None
    kept: frozenset[str]

    def check(
        self,
        name: str,
        check: ThresholdCheck,
        answer: CodeFacts,
        measure: Callable[[FunctionFacts], int],
    ) -> CheckResult:
        worst = [measure(item) for item in self.reference.functions] if self.reference else None
        limit = _limit(check, worst)
        findings = []
        for function in answer.functions:
            value, its_limit = measure(function), self._function_limit(function, check, limit)
            if value > its_limit:
                findings.append(
                    Finding(
                        name,
                        function.path,
                        function.line,
                        function.qualname,
                        value,
                        its_limit,
                        _severity(value, its_limit, check.span),
                    )
                )
        return _threshold_result(name, check, findings)

    def _function_limit(
        self, function: FunctionFacts, check: ThresholdCheck, limit: float
    ) -> float:
        """A function carried over unchanged from the code the answer was given is held to the
        absolute threshold when that is higher: leaving working code alone is the minimal
        change, and only the reference's finer split of it would make it "too long" (a
        resemblance, not a shape). The monolith a refactor must break up is far above the
        threshold and still counts in full."""
        if function.body_digest in self.kept:
            return max(limit, check.threshold)
        return limit


def _god_module_check(
    check: ThresholdCheck, answer: CodeFacts, reference: CodeFacts | None
) -> CheckResult:
    limit = _limit(
        check, [module.statements for module in reference.modules] if reference else None
    )
    findings = [
        Finding("module_statements", module.path, 1, module.name, module.statements, limit,
                _severity(module.statements, limit, check.span))
        for module in answer.modules
        if module.statements > limit
    ]  # fmt: skip
    return _threshold_result("module_statements", check, findings)


def _limit(check: ThresholdCheck, reference_values: list[int] | None) -> float:
    if reference_values is None:
        return check.threshold
    return max(check.floor, check.slack * max(reference_values, default=0))


def _severity(value: float, limit: float, span: float) -> float:
    return min(1.0, (value - limit) / (span * limit))


def _threshold_result(name: str, check: ThresholdCheck, findings: list[Finding]) -> CheckResult:
    ranked = sorted(findings, key=lambda finding: -finding.severity)
    penalty = threshold_penalty(finding.severity for finding in ranked)
    return CheckResult(name, penalty, check.weight, tuple(ranked))


def _count_result(
    name: str, check: CountCheck, new_items: int, findings: Iterable[Finding]
) -> CheckResult:
    penalty = count_penalty(new_items, check.free, check.saturation)
    return CheckResult(name, penalty, check.weight, tuple(findings) if new_items > 0 else ())


def _cycle_check(check: CountCheck, answer: CodeFacts, reference: CodeFacts) -> CheckResult:
    known = set(import_cycles(reference.modules))
    new = [cycle for cycle in import_cycles(answer.modules) if cycle not in known]
    paths = {module.name: module.path for module in answer.modules}
    findings = [
        Finding("import_cycle", paths[min(cycle)], 1, " <-> ".join(sorted(cycle)), len(cycle), 1)
        for cycle in new
    ]
    return _count_result("import_cycles", check, len(new), findings)


def _layer_check(
    check: CountCheck, answer: CodeFacts, reference: CodeFacts, layers: Layers
) -> CheckResult:
    known = set(layer_violations(reference.modules, layers))
    new = [item for item in layer_violations(answer.modules, layers) if item not in known]
    findings = [
        Finding(f"layer_violation (imports {imported})", path, 1, module_glob, 1, 0)
        for path, module_glob, imported in new
    ]
    return _count_result("layer_violations", check, len(new), findings)


def layer_violations(modules: Iterable[ModuleFacts], layers: Layers) -> list[tuple[str, str, str]]:
    """(path, layer glob, forbidden import) for each import a layer rule forbids.

    A task's `layers` maps a file glob ('shop/domain/*.py') to import prefixes its modules must
    not use ('sqlalchemy', 'fastapi', 'shop.repository').
    """
    return sorted(
        (module.path, glob, imported)
        for module in modules
        for glob, forbidden in layers.items()
        if fnmatch.fnmatch(module.path, glob)
        for imported in module.imports
        if any(imported == prefix or imported.startswith(f"{prefix}.") for prefix in forbidden)
    )


def is_tiny(module: ModuleFacts, check: TinyModuleCheck) -> bool:
    """A small module holding one definition (or a few); package `__init__` files, and modules
    of constants or re-exports only, never count."""
    return (
        not module.path.endswith("__init__.py")
        and 1 <= module.definitions <= check.max_definitions
        and module.statements <= check.max_statements
    )


def _tiny_module_check(
    check: TinyModuleCheck, answer: CodeFacts, reference: CodeFacts
) -> CheckResult:
    tiny = [module for module in answer.modules if is_tiny(module, check)]
    reference_tiny = {module.path for module in reference.modules if is_tiny(module, check)}
    new_items = len(tiny) - len(reference_tiny)
    findings = [
        Finding("tiny_module_statements", module.path, 1, module.name, module.statements,
                check.max_statements)
        for module in tiny
        if module.path not in reference_tiny
    ]  # fmt: skip
    return _count_result("tiny_modules", check, new_items, findings)


def _pass_through_check(check: CountCheck, answer: CodeFacts, reference: CodeFacts) -> CheckResult:
    forwarding = [function for function in answer.functions if _forwards(function)]
    known = {function.qualname for function in reference.functions if _forwards(function)}
    new_items = len(forwarding) - len(known)
    findings = [
        Finding("pass_through_function", function.path, function.line, function.qualname, 1, 0)
        for function in forwarding
        if function.qualname not in known
    ]
    return _count_result("pass_through_functions", check, new_items, findings)


def _forwards(function: FunctionFacts) -> bool:
    """A pass-through that no framework needs: decorated handlers are registered, not called."""
    return function.is_pass_through and not function.decorated
