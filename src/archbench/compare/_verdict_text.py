"""The verdict in words, shared by every renderer: the headline with its sample counts, why
the verdict is what it is, and the unpaired samples."""

from __future__ import annotations

from archbench.core.report_model import Report, Row, VersionInfo

_MAX_LISTED_UNPAIRED = 20


def version_label(info: VersionInfo) -> str:
    if info.agent is None:
        return info.reference
    return info.agent if info.version is None else f"{info.agent}@{info.version}"


def counts_text(report: Report) -> str:
    """What the verdict rests on, for every headline."""
    c = report.counts
    tampered = f"{c.tampered} tampered" + (
        f" (base {c.tampered_base}, candidate {c.tampered_candidate})" if c.tampered else ""
    )
    return (
        f"{c.paired} paired, {c.unpaired} unpaired, {c.errored} errored "
        f"(base {c.errored_base}, candidate {c.errored_candidate}), {c.unscored} unscored, "
        f"{tampered}"
    )


def headline(report: Report) -> str:
    return (
        f"{version_label(report.base)} -> {version_label(report.candidate)}: "
        f"{report.verdict} ({counts_text(report)})"
    )


def _row_name(row: Row) -> str:
    return f"{row.task}/{row.metric}"


def flipped_samples(report: Report, limit: int = _MAX_LISTED_UNPAIRED) -> list[str]:
    """Samples labelled regressed on a gated metric, as 'task/sample (metric base -> cand)'."""
    gated = {(row.task, row.metric) for row in report.primary_rows}
    # Only the listed ones are formatted: a report can have thousands.
    flips = [
        (s, metric, m)
        for s in report.samples
        for metric, m in sorted(s.metrics.items())
        if (s.task, metric) in gated and m.label == "regressed"
    ]
    listed = [
        f"{s.task}/{s.sample_id} ({metric} {m.base:.3f} -> {m.candidate:.3f})"
        for s, metric, m in flips[:limit]
    ]
    if len(flips) > limit:
        return [*listed, f"... and {len(flips) - limit} more"]
    return listed


def verdict_reasons(report: Report) -> list[str]:
    """Why the verdict is what it is, in a sentence or a few, and the samples that regressed on
    a gated metric (so an undecided verdict still names what changed)."""
    if report.verdict == "INVALID COMPARISON":
        return [f"invalid: {reason}" for reason in report.invalid]
    flips = flipped_samples(report)
    named = [f"regressed samples on gated metrics: {', '.join(flips)}"] if flips else []
    return _outcome_reason(report) + named


def _outcome_reason(report: Report) -> list[str]:
    if report.verdict == "REGRESSION":
        names = ", ".join(_row_name(r) for r in report.regressions)
        return [f"regressed beyond its margin: {names}"]
    undecided = [_row_name(r) for r in report.primary_rows if r.verdict != "NON-INFERIOR"]
    if report.verdict == "NOT ENOUGH EVIDENCE":
        missing = "a primary metric is missing (see the notes)"
        seen = f"undecided: {', '.join(undecided)}" if undecided else missing
        return [f"no regression shown, but the evidence is too thin to say so; {seen}"]
    return [f"every gated row is non-inferior ({len(report.primary_rows)} rows)"]


def unpaired_text(report: Report, limit: int = _MAX_LISTED_UNPAIRED) -> list[str]:
    """The unpaired samples by task and side, the first ``limit`` of them."""
    listed = [f"{u.task}/{u.sample_id} ({u.side} only)" for u in report.unpaired[:limit]]
    if len(report.unpaired) > limit:
        listed.append(f"... and {len(report.unpaired) - limit} more (report.json lists all)")
    return listed
