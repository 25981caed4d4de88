"""`archbench plan`'s answer as terminal text or as the Markdown table the README quotes."""

from __future__ import annotations

import math

from ._plan import Cost, Plan, PlanRow

HEADER = ["task", "metric", "n", "epochs", "sd", "margin", "detectable drop", "power",
          "epochs needed", "samples needed", "variance from"]  # fmt: skip


def _drop(value: float) -> str:
    return "none" if not math.isfinite(value) or value >= 1 else f"{value:.2f}"


def _needed(value: int | None, most: int) -> str:
    return f"> {most}" if value is None else str(value)


def cells(p: PlanRow) -> list[str]:
    return [
        p.row.task, p.row.metric, str(p.row.samples), str(p.epochs),
        f"{p.row.components.sd(p.epochs):.3f}", f"{p.row.delta:g}", _drop(p.detectable),
        f"{p.power:.0%}", _needed(p.epochs_needed, p.max_epochs),
        "-" if p.samples_needed is None else str(p.samples_needed), p.row.source,
    ]  # fmt: skip


def headline(plan: Plan) -> str:
    level = plan.alpha / max(1, plan.family)
    return (
        f"To catch a drop of {plan.drop:g} with 80% power at alpha {plan.alpha:g} (Holm over "
        f"{plan.family} primary rows: {level:.4f} per row), at {plan.epochs} epoch(s):"
    )


def _budget_note(cost: Cost, epochs: int) -> str:
    if cost.max_dollars is None or cost.dollars_per_epoch is None:
        return ""
    fits = cost.dollars_per_epoch * epochs <= cost.max_dollars
    return f" ({'within' if fits else 'OVER'} the ${cost.max_dollars:,.2f} budget)"


def cost_lines(plan: Plan) -> list[str]:
    if plan.cost is None:
        return ["cost: unknown (no logs and no cost estimate)"]
    lines = []
    for epochs in sorted({plan.epochs, plan.recommended_epochs}):
        tokens = plan.cost.tokens_per_epoch * epochs
        dollars = plan.cost.dollars_per_epoch
        price = "unpriced" if dollars is None else f"${dollars * epochs:,.2f}"
        lines.append(
            f"cost per nightly at {epochs} epoch(s): {tokens:,} tokens, {price}"
            + _budget_note(plan.cost, epochs)
        )
    return [*lines, f"(cost of the baseline and each candidate, {plan.cost.source})"]


def recommendation(plan: Plan) -> list[str]:
    lines = [f"recommended epochs: {plan.recommended_epochs} (the fewest at which every row "
             "that can reach the target does)"]  # fmt: skip
    lines.extend(
        f"cannot reach it by epochs: {p.row.task}/{p.row.metric} needs "
        + ("a drop larger than its margin" if p.samples_needed is None
           else f"{p.samples_needed} samples at {p.epochs} epoch(s) (has {p.row.samples})")
        for p in plan.rows
        if p.epochs_needed is None
    )  # fmt: skip
    return lines


def to_text(plan: Plan) -> str:
    rows = [HEADER, *(cells(p) for p in plan.rows)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    table = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join([headline(plan), *table, "", *recommendation(plan), *cost_lines(plan)]) + "\n"


def to_markdown(plan: Plan) -> str:
    table = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    table.extend("| " + " | ".join(cells(p)) + " |" for p in plan.rows)
    body = [headline(plan), "", *table, "", *recommendation(plan), *cost_lines(plan)]
    return "\n".join(body) + "\n"
