"""The monthly run: import the CSV export, review the claims, write the payroll ledger."""

from pathlib import Path

from .approval import count_by_status, review_claims
from .export import export_ledger
from .importer import import_claims
from .rates import DEFAULT_RATES, parse_rates
from .reports import render_report


def run_month(csv_text: str, ledger_path: Path | str, rates_text: str | None = None,
              limits: dict | None = None, report_path: Path | str | None = None) -> dict:
    """Run the three stages and say what happened.

    Rates come from `rates_text` (see `parse_rates`) or the defaults. Only approved claims reach
    the ledger; the result counts each stage's outcome and lists the import errors. With a
    `report_path`, the month-end report (see `render_report`) is written there too.
    """
    rates = parse_rates(rates_text) if rates_text is not None else DEFAULT_RATES
    imported = import_claims(csv_text, rates)
    decisions = review_claims(imported.claims, rates, limits)
    approved = [decision.claim for decision in decisions if decision.status == "approved"]
    summary = export_ledger(approved, rates, ledger_path)
    if report_path is not None:
        # Finance reads the report beside the ledger, so it is written in the same run.
        Path(report_path).write_text(render_report(decisions), encoding="utf-8")
    return {
        "imported": len(imported.claims),
        "import_errors": list(imported.errors),
        **count_by_status(decisions),
        "exported": summary.lines,
        "skipped": summary.skipped,
        "total": summary.total,
        "review_queue": [decision.claim_id for decision in decisions
                         if decision.status == "needs_review"],
    }
