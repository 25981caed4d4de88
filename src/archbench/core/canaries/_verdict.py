"""Reading a run with canaries: the real tests' summary, tampering, and validation's checks."""

from __future__ import annotations

from dataclasses import replace

from archbench.core.canaries._model import CanaryPlan
from archbench.core.test_results import TestOutcome, TestRunSummary, is_assertion_failure

_LISTED_PROBLEMS = 3


def separate_canaries(summary: TestRunSummary, keys: frozenset[str]) -> TestRunSummary:
    """The run's summary over the real tests, canary cases kept aside in `canaries`.

    The summary must have been counted with the canaries among the expected tests. If any
    canary case is reported passing, the report marks failures as passed: every real test
    counts as failed and `tampering` says why. A canary missing from the report is no evidence
    (a crashed run loses tests too), and its absence is not counted against the answer.
    """
    canaries = [o for o in summary.outcomes if o.key in keys]
    real = _real_tests(summary, keys, canaries)
    passed = sum(1 for o in canaries if o.outcome == "passed")
    if not passed or summary.tampering:
        return real
    evidence = (
        f"{passed} of {len(canaries)} canary test cases were reported passing. A canary is a "
        "copy of a hidden test that expects a value no answer produces, so the report marks "
        "failing tests as passed"
    )
    return _forged(real, evidence)


def _real_tests(
    summary: TestRunSummary, keys: frozenset[str], canaries: list[TestOutcome]
) -> TestRunSummary:
    real = [o for o in summary.outcomes if o.key not in keys]
    missing = [key for key in summary.missing if key not in keys]
    failures = [o for o in real if o.outcome != "passed"]
    return replace(
        summary, passed=len(real) - len(failures), total=len(real) + len(missing),
        failures=failures, missing=missing, outcomes=real, canaries=canaries,
    )  # fmt: skip


def _forged(summary: TestRunSummary, evidence: str) -> TestRunSummary:
    """A summary whose report cannot be believed: every test fails, the note says why."""
    failed = [replace(o, outcome="failed", message="not trusted") for o in summary.outcomes]
    note = "; ".join(part for part in (f"tampering detected: {evidence}", summary.note) if part)
    return replace(
        summary, passed=0, failures=failed, outcomes=failed, note=note, tampering=evidence
    )


def canary_problems(summary: TestRunSummary, plan: CanaryPlan) -> list[str]:
    """Why `plan`'s canaries are unsound on a run of the reference: every canary must be
    reported, and each of its cases must fail by its assertion (failing by an error would
    tell a canary from a real test, which fails by assertion when the answer is wrong)."""
    cases: dict[str, list[TestOutcome]] = {}
    for outcome in summary.canaries:
        cases.setdefault(outcome.key, []).append(outcome)
    problems = []
    for canary in plan.canaries:
        where = f"canary of {canary.copies} (line {canary.line})"
        reported = cases.get(canary.key, [])
        if not reported:
            problems.append(f"{where} did not run")
        problems += [
            f"{where} {o.outcome} on the reference: {o.message or 'no assertion failed'}"
            for o in reported
            if not is_assertion_failure(o)
        ]
    return problems


def unsound_canaries(summary: TestRunSummary, plan: CanaryPlan) -> str | None:
    """`canary_problems` as one line for a validation verdict, or None when all are sound."""
    problems = canary_problems(summary, plan)
    if not problems:
        return None
    more = len(problems) - _LISTED_PROBLEMS
    listed = "; ".join(problems[:_LISTED_PROBLEMS]) + (f"; ... and {more} more" if more > 0 else "")
    return f"unsound canaries: {listed}"
