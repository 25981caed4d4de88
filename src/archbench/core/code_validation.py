"""Checks a code task's hidden tests must pass on its starter before the task is used.

SWE-bench's rule: fail-to-pass tests fail on the starter (else they test nothing new), and
pass-to-pass tests (`pass_to_pass:` in task.yaml) pass on it (else they pin nothing).
"""

from __future__ import annotations

from archbench.core.test_results import TestRunSummary


def starter_problem(starter: TestRunSummary, pass_to_pass: set[str]) -> str | None:
    """SWE-bench's rule: fail-to-pass tests fail on the starter, pass-to-pass tests pass on it.

    An empty fail-to-pass set would score 1 for doing nothing, so it is a problem too.
    """
    cases = [(o.key, o.name, o.outcome == "passed") for o in starter.outcomes]
    cases += [(key, key, False) for key in starter.missing]
    problems = []
    if all(key in pass_to_pass for key, _, _ in cases):
        problems.append("no fail-to-pass test (the starter would score 1 for doing nothing)")
    problems += _misplaced_tests(cases, pass_to_pass)
    return "; ".join(problems) or None


def _misplaced_tests(cases: list[tuple[str, str, bool]], pass_to_pass: set[str]) -> list[str]:
    """Fail-to-pass tests the starter already passes, and pass-to-pass tests it fails."""
    passing_fail_to_pass = [name for key, name, ok in cases if ok and key not in pass_to_pass]
    failing_pass_to_pass = [name for key, name, ok in cases if not ok and key in pass_to_pass]
    problems = []
    if passing_fail_to_pass:
        problems.append(
            "fail-to-pass tests already pass on the starter (list them under pass_to_pass "
            f"or make them test the new behaviour): {', '.join(passing_fail_to_pass)}"
        )
    if failing_pass_to_pass:
        failing = ", ".join(failing_pass_to_pass)
        problems.append(f"pass-to-pass tests fail on the starter: {failing}")
    return problems
