"""Judge agreement: Cohen's kappa and confusion against labels, test-retest, validation policy.

Used by `archbench judge-check` to decide whether a judge/rubric pair may be trusted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Confusion:
    """Judge verdicts against labels, `met` being the positive class."""

    true_met: int = 0
    false_met: int = 0
    false_not_met: int = 0
    true_not_met: int = 0

    @property
    def total(self) -> int:
        return self.true_met + self.false_met + self.false_not_met + self.true_not_met


def confusion(labels: Sequence[bool], predictions: Sequence[bool]) -> Confusion:
    _check_paired(labels, predictions)
    pairs = list(zip(labels, predictions, strict=True))
    return Confusion(
        true_met=pairs.count((True, True)),
        false_met=pairs.count((False, True)),
        false_not_met=pairs.count((True, False)),
        true_not_met=pairs.count((False, False)),
    )


def cohen_kappa(labels: Sequence[bool], predictions: Sequence[bool]) -> float | None:
    """Cohen's kappa for two binary raters; None when undefined (both raters use one class only).

    kappa = (p_o - p_e) / (1 - p_e), p_o the observed agreement, p_e the agreement expected by
    chance from each rater's marginal rate of `met`.
    """
    table = confusion(labels, predictions)
    n = table.total
    if n == 0:
        return None
    observed = (table.true_met + table.true_not_met) / n
    label_met = (table.true_met + table.false_not_met) / n
    predicted_met = (table.true_met + table.false_met) / n
    expected = label_met * predicted_met + (1 - label_met) * (1 - predicted_met)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)


def agreement_rate(first: Sequence[bool], second: Sequence[bool]) -> float | None:
    """Share of identical verdicts between two runs (test-retest); None with nothing to pair."""
    _check_paired(first, second)
    if not first:
        return None
    return sum(a == b for a, b in zip(first, second, strict=True)) / len(first)


def _check_paired(first: Sequence[object], second: Sequence[object]) -> None:
    if len(first) != len(second):
        raise ValueError(f"paired sequences differ in length: {len(first)} != {len(second)}")


@dataclass(frozen=True)
class ValidationPolicy:
    """When a judge/rubric criterion counts as validated by `judge-check`.

    kappa >= 0.6 is "substantial" agreement (Landis & Koch, 1977): below it, over 40% of the
    agreement beyond chance is missing, and judge errors of that size swamp the 0.02-0.05
    regression margins compare works with. Test-retest below 0.9 means the judge flips on
    identical input often enough that a flip between two prompt versions could be noise.
    Kappa on fewer than 10 items, or with fewer than 3 of either label, is too unstable to trust.
    """

    min_kappa: float = 0.6
    min_retest: float = 0.9
    min_items: int = 10
    min_per_class: int = 3
    max_unscored_share: float = 0.1


@dataclass(frozen=True)
class CriterionCheck:
    """judge-check's result for one criterion: agreement with labels and with itself."""

    criterion: str
    items: int
    unscored: int
    kappa: float | None
    table: Confusion
    retest_agreement: float | None
    problems: tuple[str, ...] = field(default=())

    @property
    def passed(self) -> bool:
        return not self.problems


def check_criterion(
    criterion_id: str,
    labels: Sequence[bool],
    first: Sequence[bool | None],
    second: Sequence[bool | None],
    policy: ValidationPolicy,
) -> CriterionCheck:
    """Kappa and confusion of the first run against labels; retest agreement of the two runs.

    None in a run is an unscored verdict: it is left out of kappa and counted against the judge.
    """
    _check_paired(labels, first)
    _check_paired(first, second)
    scored = [(lab, got) for lab, got in zip(labels, first, strict=True) if got is not None]
    scored_labels = [lab for lab, _ in scored]
    predictions = [got for _, got in scored]
    both = [(a, b) for a, b in zip(first, second, strict=True) if a is not None and b is not None]
    kappa = cohen_kappa(scored_labels, predictions)
    retest = agreement_rate([a for a, _ in both], [b for _, b in both])
    unscored = len(labels) - len(scored)
    problems = _policy_problems(labels, unscored, kappa, retest, policy)
    return CriterionCheck(
        criterion=criterion_id,
        items=len(labels),
        unscored=unscored,
        kappa=kappa,
        table=confusion(scored_labels, predictions),
        retest_agreement=retest,
        problems=tuple(problems),
    )


def _policy_problems(
    labels: Sequence[bool],
    unscored: int,
    kappa: float | None,
    retest: float | None,
    policy: ValidationPolicy,
) -> list[str]:
    problems = [
        _label_shortage(labels, policy),
        _unscored_excess(labels, unscored, policy),
        _below_minimum("kappa", kappa, policy.min_kappa),
        _below_minimum("test-retest agreement", retest, policy.min_retest),
    ]
    return [problem for problem in problems if problem is not None]


def _label_shortage(labels: Sequence[bool], policy: ValidationPolicy) -> str | None:
    smaller_class = min(labels.count(True), labels.count(False))
    if len(labels) >= policy.min_items and smaller_class >= policy.min_per_class:
        return None
    return (
        f"too few labels ({len(labels)} items, {smaller_class} in the smaller class; need "
        f"{policy.min_items} and {policy.min_per_class})"
    )


def _unscored_excess(labels: Sequence[bool], unscored: int, policy: ValidationPolicy) -> str | None:
    if labels and unscored / len(labels) > policy.max_unscored_share:
        return f"{unscored} of {len(labels)} verdicts unscored"
    return None


def _below_minimum(statistic: str, value: float | None, minimum: float) -> str | None:
    """A problem when the statistic is under its minimum or undefined (too few scored pairs)."""
    if value is not None and value >= minimum:
        return None
    shown = "undefined" if value is None else f"{value:.2f}"
    return f"{statistic} {shown} < {minimum}"
