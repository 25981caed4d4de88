"""The month-end report finance reads: what was approved, queued and rejected, per category."""

from decimal import Decimal

from .models import CATEGORIES, Decision
from .rates import BASE_CURRENCY


def category_totals(decisions: list[Decision]) -> dict[str, Decimal]:
    """Approved base amounts summed per category, every category listed (zero included)."""
    totals = {category: Decimal("0.00") for category in CATEGORIES}
    for decision in decisions:
        if decision.status == "approved" and decision.base_amount is not None:
            totals[decision.claim["category"]] += decision.base_amount
    return totals


def rejection_reasons(decisions: list[Decision]) -> dict[str, int]:
    """How often each rejection reason occurs, most frequent first, then alphabetically."""
    counts: dict[str, int] = {}
    for decision in decisions:
        if decision.status != "rejected":
            continue
        for reason in decision.reasons:
            # "duplicate of claim C-7" and "duplicate of claim C-9" are one reason.
            key = "duplicate" if reason.startswith("duplicate of claim") else reason
            counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def render_report(decisions: list[Decision], title: str = "Expense claims") -> str:
    """A plain-text report: counts, approved totals per category, the queue, the rejections."""
    statuses = [decision.status for decision in decisions]
    lines = [
        title,
        "=" * len(title),
        f"approved: {statuses.count('approved')}",
        f"needs review: {statuses.count('needs_review')}",
        f"rejected: {statuses.count('rejected')}",
        "",
        f"Approved per category ({BASE_CURRENCY}):",
    ]
    totals = category_totals(decisions)
    for category, total in totals.items():
        lines.append(f"  {category:<10}{total:>12}")
    lines.append(f"  {'all':<10}{sum(totals.values(), Decimal('0.00')):>12}")
    queued = [decision for decision in decisions if decision.status == "needs_review"]
    if queued:
        lines.extend(["", "Waiting for a manager:"])
        lines.extend(f"  {decision.claim_id}: {decision.reasons[0]}" for decision in queued)
    reasons = rejection_reasons(decisions)
    if reasons:
        lines.extend(["", "Rejections:"])
        lines.extend(f"  {count} x {reason}" for reason, count in reasons.items())
    return "\n".join(lines) + "\n"
