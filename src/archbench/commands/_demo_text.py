"""What `archbench demo` says before and after it runs: the plan, unscorable rows, the verdict."""

from __future__ import annotations

from archbench.core.registry import JUDGE_PREFIX
from archbench.core.report_model import Report, Row

# Measured on 2 shared cores: the whole dataset in about 5 minutes (up to 12 on a busy
# machine), --limit 7 in about 17 seconds; most of it is hidden tests run in the sandbox.
FULL_DURATION = "5 to 12 minutes"
SECONDS_PER_LIMITED_SAMPLE = 3
# The smallest --limit at which reference -> null is a REGRESSION: with n discordant pairs the
# exact sign-flip test's smallest p is 2**-n, and Holm over the four gated kinds asks for
# 0.05 / 4, so n >= 7 (measured: --limit 3 gives NOT ENOUGH EVIDENCE, --limit 7 REGRESSION).
QUICK_LIMIT = 7
GRADER_FLAG = "--model-role grader=<model>"


def introduction(limit: int | None) -> str:
    scope = "every sample" if limit is None else f"at most {limit} sample(s) per task"
    duration = (
        f"about {FULL_DURATION} (a quick look: --limit {QUICK_LIMIT}, about 20 seconds)"
        if limit is None
        else f"about {max(1, limit * SECONDS_PER_LIMITED_SAMPLE)} seconds"
    )
    return (
        "archbench demo: runs the implement, review, refactor, design and routing tasks on "
        f"{scope}, offline (no model, no key),\n"
        "  first with the `reference` control agent (it answers with the gold answers), then with "
        "`null` (it answers nothing),\n"
        f"  then compares reference -> null. Expect {duration}."
    )


def unscored_lines(report: Report) -> tuple[Report, list[str]]:
    """The report without rows nothing could score, and one line per reason they are empty."""
    judged = [row for row in report.rows if row.n == 0 and row.metric.startswith(JUDGE_PREFIX)]
    empty = [row for row in report.rows if row.n == 0 and row not in judged]
    lines = []
    if judged:
        lines.append(
            f"not scored offline ({len(judged)} rows: {_names(judged)}): the judges need a "
            f"grader model; {GRADER_FLAG} (inspect eval) or --grader-model (archbench ab) "
            "enables them"
        )
    if empty:
        lines.append(
            f"no sample scored in both versions ({len(empty)} rows: {_names(empty)}): "
            "category_match and fix_verified score only a found bug, and null finds none; with "
            "--limit, a metric can also have no sample"
        )
    kept = [row for row in report.rows if row.n > 0]
    return report.model_copy(update={"rows": kept}), lines


def _names(rows: list[Row]) -> str:
    return ", ".join(sorted({row.metric for row in rows}))


def verdict_explanation(regressed: bool, limit: int | None) -> str:
    if regressed:
        return (
            "null answers nothing, so this REGRESSION is the expected result: the graders work "
            "(the gold answers score, an empty answer does not)."
        )
    if limit is not None and limit < QUICK_LIMIT:
        return (
            f"not a REGRESSION: {limit} sample(s) per task are too few for the comparison to be "
            f"sure. Run with --limit {QUICK_LIMIT} or more (or no --limit)."
        )
    return (
        "expected reference -> null to be a REGRESSION and it was not: the graders did not tell "
        "the gold answers from no answer. Read the report."
    )
