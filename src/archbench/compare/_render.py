"""Renderers of a ``Report``: JSON, Markdown (a pull-request comment), terminal text and HTML.

Every renderer reads only the report model; nothing here recomputes a statistic.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archbench.core.report_model import Report, Row, SampleResult, Usage

from ._plots import render_plots
from ._render_flips import finding_text, flip_title, flips_line, head, md_flips
from ._verdict_text import counts_text, headline, unpaired_text, verdict_reasons, version_label

if TYPE_CHECKING:
    import jinja2

# GitHub rejects comments over 65,536 characters; the prompt diff is the part that can grow.
_MAX_DIFF_CHARS = 20_000
_WORST_SAMPLES_PER_ROW = 5
_TEMPLATES = Path(__file__).with_name("templates")
MISSING = "-"
_MD_FOOTNOTE = (
    "diff: candidate - base, sign flipped for metrics marked ↓ (lower is better), so a negative "
    "diff is always worse. Flips: improved/regressed/unchanged/flaky samples. An errored "
    "sample-epoch scores 0 on pass rates and [0, 1] fractions (a crash is a failure) and is "
    "left out of counts; unscored values are left out, never zeros. Only primary rows are "
    "gated (Holm across them); rows with fewer than 2 paired samples are not tested."
)


# --------------------------------------------------------------------------- number formatting


def fmt(value: float | None, digits: int = 3) -> str:
    """A number for a table cell; a dash when undefined."""
    return MISSING if value is None else f"{value:.{digits}f}"


def fmt_signed(value: float | None, digits: int = 3) -> str:
    return MISSING if value is None else f"{value:+.{digits}f}"


def fmt_p(value: float | None) -> str:
    if value is None:
        return MISSING
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def fmt_interval(row: Row) -> str:
    return f"[{fmt_signed(row.ci_low)}, {fmt_signed(row.ci_high)}]"


def fmt_flips(row: Row) -> str:
    """improved / regressed / unchanged / flaky."""
    return f"{row.improved}/{row.regressed}/{row.unchanged}/{row.flaky}"


def metric_label(row: Row) -> str:
    """The metric name, marked when lower is better (its diff is then base minus candidate)."""
    return row.metric if row.higher_is_better else f"{row.metric} ↓"


def power_note(row: Row) -> str:
    """Why an inconclusive row could not decide, and what would let it."""
    if not (row.verdict == "INCONCLUSIVE" and row.underpowered):
        return ""
    if row.n < 2:
        return f"{row.n} paired samples: not tested"
    if row.samples_needed is None:
        return "underpowered"
    return f"underpowered: ~{row.samples_needed} samples needed"


def verdict_text(row: Row) -> str:
    note = power_note(row)
    return f"{row.verdict} ({note})" if note else row.verdict


def test_text(row: Row) -> str:
    """The deciding test and, when it is not the plain t interval, the interval's method."""
    if row.interval_method == "t":
        return row.decided_by
    return f"{row.decided_by}; CI {row.interval_method}"


# --------------------------------------------------------------------------- shared content


@dataclass(frozen=True)
class WorstSample:
    sample_id: str
    base: float
    candidate: float
    diff: float
    label: str


def worst_samples(
    report: Report, row: Row, limit: int = _WORST_SAMPLES_PER_ROW
) -> list[WorstSample]:
    """The row's samples with the largest drops, worst first."""
    drops = [
        WorstSample(s.sample_id, m.base, m.candidate, m.diff, m.label)
        for s in _task_samples(report.samples, row.task)
        if (m := s.metrics.get(row.metric)) is not None and m.diff < 0
    ]
    return sorted(drops, key=lambda w: w.diff)[:limit]


def _task_samples(samples: Iterable[SampleResult], task: str) -> Iterable[SampleResult]:
    return (s for s in samples if s.task == task)


@dataclass(frozen=True)
class UsageLine:
    label: str
    base: str
    candidate: str


def usage_lines(base: Usage, candidate: Usage) -> list[UsageLine]:
    """Cost and latency side by side."""

    def dollars(u: Usage) -> str:
        return (
            "unpriced: " + ", ".join(u.unpriced_models)
            if u.dollars is None
            else f"${u.dollars:.4f}"
        )

    def seconds(value: float | None) -> str:
        return MISSING if value is None else f"{value:.2f} s"

    return [
        UsageLine("sample-epochs", str(base.samples), str(candidate.samples)),
        UsageLine("input tokens", f"{base.input_tokens:,}", f"{candidate.input_tokens:,}"),
        UsageLine("output tokens", f"{base.output_tokens:,}", f"{candidate.output_tokens:,}"),
        UsageLine("cost", dollars(base), dollars(candidate)),
        UsageLine(
            "time per sample", seconds(base.mean_total_time), seconds(candidate.mean_total_time)
        ),
        UsageLine(
            "working time per sample",
            seconds(base.mean_working_time),
            seconds(candidate.mean_working_time),
        ),
    ]


def truncated_diff(report: Report) -> str | None:
    if report.prompt_diff is None:
        return None
    if len(report.prompt_diff) <= _MAX_DIFF_CHARS:
        return report.prompt_diff
    return report.prompt_diff[:_MAX_DIFF_CHARS] + "\n... (diff truncated)\n"


# --------------------------------------------------------------------------- JSON


def to_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"


# --------------------------------------------------------------------------- Markdown


def _md_table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(cells) + " |" for cells in rows)
    return lines


def _md_summary(rows: Sequence[Row]) -> list[str]:
    if not rows:
        return ["(none)"]
    header = ["task", "metric", "n", "base", "cand.", "diff [CI]", "delta", "p Holm", "test",
              "MDE80", "flips +/-/=/~", "err", "unscored", "verdict"]  # fmt: skip
    cells = (
        [row.task, metric_label(row), str(row.n), fmt(row.base_mean), fmt(row.candidate_mean),
         f"{fmt_signed(row.diff)} {fmt_interval(row)}", fmt(row.delta, 2), fmt_p(row.p_holm),
         test_text(row), fmt(row.mde80), fmt_flips(row), str(row.errors), str(row.unscored),
         f"**{verdict_text(row)}**"]
        for row in rows
    )  # fmt: skip
    return _md_table(header, cells)


def _md_tiers(report: Report) -> list[str]:
    """Scores per tier, for tasks whose samples span several tiers (descriptive, not gated)."""
    if not report.tiers:
        return []
    header = ["task", "tier", "metric", "n", "base", "cand.", "cand. - base"]
    cells = (
        [t.task, t.tier, t.metric, str(t.n), fmt(t.base_mean), fmt(t.candidate_mean),
         fmt_signed(t.diff)]
        for t in report.tiers
    )  # fmt: skip
    title = "### Scores per tier (gated metrics, not gated per tier)"
    return ["", title, "", *_md_table(header, cells)]


def _md_regressions(report: Report) -> list[str]:
    if not report.regressions:
        return ["No gated metric regressed beyond its margin."]
    lines: list[str] = []
    for row in report.regressions:
        lines.append(f"- **{row.task} / {row.metric}**: {fmt_signed(row.diff)} (delta {row.delta})")
        lines.extend(
            f"  - `{w.sample_id}`: {fmt(w.base)} → {fmt(w.candidate)} ({w.label})"
            for w in worst_samples(report, row)
        )
    return lines


def _md_identity(report: Report) -> list[str]:
    lines = []
    for side, info in (("base", report.base), ("candidate", report.candidate)):
        sha = (info.sha256 or MISSING)[:12]
        lines.append(f"- {side}: `{version_label(info)}` (prompt sha256 {sha}, model {info.model})")
    return lines


def _md_warnings(report: Report) -> list[str]:
    lines = [f"> **Compared despite mismatch** (--allow-mismatch): {m}" for m in report.mismatch]
    lines.extend(f"- {note}" for note in report.notes)
    unpaired = unpaired_text(report)
    if unpaired:
        lines.append(f"- unpaired samples (in no row): {', '.join(unpaired)}")
    return lines


def _md_diff(report: Report) -> list[str]:
    diff = truncated_diff(report)
    if diff is None:
        return ["Prompt files not available: no diff."]
    if not diff:
        return ["The prompt files are identical."]
    return ["<details><summary>Prompt diff</summary>", "", "```diff", diff.rstrip("\n"), "```",
            "", "</details>"]  # fmt: skip


def to_markdown(report: Report) -> str:
    """A report short enough for a pull-request comment."""
    title = (
        f"## archbench: `{version_label(report.base)}` → `{version_label(report.candidate)}`: "
        f"**{report.verdict}**"
    )
    usage = usage_lines(report.base.usage, report.candidate.usage)
    family = sum(r.in_family for r in report.primary_rows)
    sections = [
        [title, "", f"Samples: {counts_text(report)}.", ""],
        [f"- **{reason}**" for reason in verdict_reasons(report)],
        _md_identity(report),
        _md_warnings(report),
        ["", f"### Gated metrics (alpha {report.alpha}, Holm across {family} rows)", ""],
        _md_summary(report.primary_rows),
        _md_tiers(report),
        ["", "### Secondary metrics (not gated)", ""],
        _md_summary(report.secondary_rows),
        ["", _MD_FOOTNOTE, ""],
        ["### Worst regressions", ""],
        _md_regressions(report),
        ["", "### Cost and latency", ""],
        _md_table(["", "base", "candidate"], ([u.label, u.base, u.candidate] for u in usage)),
        md_flips(report),
        ["", "### Prompt diff", ""],
        _md_diff(report),
    ]
    return "\n".join(line for section in sections for line in section) + "\n"


# --------------------------------------------------------------------------- terminal


def _columns(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]


def to_terminal(report: Report) -> str:
    """A plain-text summary table for the console."""
    header = ["task", "metric", "role", "n", "base", "cand", "diff", "95% CI", "p_holm",
              "mde80", "+/-/=/~", "err", "verdict"]  # fmt: skip
    body = [
        [row.task, metric_label(row), row.role, str(row.n), fmt(row.base_mean),
         fmt(row.candidate_mean), fmt_signed(row.diff), fmt_interval(row), fmt_p(row.p_holm),
         fmt(row.mde80), fmt_flips(row), str(row.errors), verdict_text(row)]
        for row in [*report.primary_rows, *report.secondary_rows]
    ]  # fmt: skip
    lines = [headline(report), *verdict_reasons(report)]
    lines.extend(f"warning: compared despite mismatch: {m}" for m in report.mismatch)
    lines.extend(f"note: {note}" for note in report.notes)
    lines.extend(f"unpaired: {item}" for item in unpaired_text(report))
    lines.extend(_columns([header, *body]) if body else ["(no metric in common)"])
    lines.extend(
        f"tier {t.tier:<5} {t.task}/{t.metric}: n={t.n} base {fmt(t.base_mean)} "
        f"cand {fmt(t.candidate_mean)} ({fmt_signed(t.diff)})"
        for t in report.tiers
    )
    lines.extend(line for line in [flips_line(report)] if line)
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- HTML


def _environment() -> jinja2.Environment:
    import jinja2  # ~0.1 s of import, paid only when an HTML report is rendered

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
    )
    environment.filters.update(
        fmt=fmt, fmt_signed=fmt_signed, fmt_p=fmt_p, fmt_interval=fmt_interval,
        fmt_flips=fmt_flips, verdict_text=verdict_text, version_label=version_label,
        metric_label=metric_label, power_note=power_note, test_text=test_text,
        css=lambda verdict: str(verdict).replace(" ", "-"),
    )  # fmt: skip
    environment.filters.update(flip_title=flip_title, finding_text=finding_text, head=head)
    return environment


def to_html(report: Report, extra_tables: Sequence[Any] = ()) -> str:
    """A self-contained page: tables plus plots as inline SVG (no network).

    `extra_tables` (title, header, rows) form a routing section when the runs include routing.
    """
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        plots=render_plots(report),
        usage=usage_lines(report.base.usage, report.candidate.usage),
        worst={(r.task, r.metric): worst_samples(report, r) for r in report.regressions},
        diff=truncated_diff(report),
        routing=extra_tables,
        counts=counts_text(report),
        reasons=verdict_reasons(report),
        unpaired=unpaired_text(report),
    )
