"""Plots of a ``Report`` as base64 PNG strings, for embedding in a self-contained HTML page."""

from __future__ import annotations

import base64
import io
from collections import defaultdict
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from archbench.core.report_model import Report, Row, Usage

VERDICT_COLOURS = {"REGRESSION": "#c0392b", "NON-INFERIOR": "#27ae60", "INCONCLUSIVE": "#7f8c8d"}
LABEL_COLOURS = {
    "improved": "#27ae60",
    "regressed": "#c0392b",
    "unchanged": "#95a5a6",
    "flaky": "#f39c12",
}
_ROW_HEIGHT_INCHES = 0.38


def _row_name(row: Row) -> str:
    return f"{row.task} / {row.metric}" + ("" if row.higher_is_better else " (lower is better)")


def _png(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _rows_figure(rows: list[Row]) -> tuple[Figure, Axes]:
    height = max(2.0, 0.9 + _ROW_HEIGHT_INCHES * len(rows))
    figure, axes = plt.subplots(figsize=(8.0, height))
    axes.set_yticks(range(len(rows)), [_row_name(r) for r in rows])
    # Fixed limits, first row on top: a row without data (n = 0) keeps its place and label.
    axes.set_ylim(len(rows) - 0.5, -0.5)
    axes.axvline(0.0, color="black", linewidth=0.8)
    axes.grid(axis="x", alpha=0.3)
    return figure, axes


def forest_plot(report: Report) -> str:
    """Difference and confidence interval per (task, metric), with each row's -delta margin."""
    estimated = [(r, r.diff) for r in report.rows if r.diff is not None]
    figure, axes = _rows_figure([row for row, _ in estimated])
    for y, (row, diff) in enumerate(estimated):
        colour = VERDICT_COLOURS[row.verdict]
        # With n < 2 there is no interval: draw the point alone.
        low = diff if row.ci_low is None else row.ci_low
        high = diff if row.ci_high is None else row.ci_high
        axes.plot([low, high], [y, y], color=colour, linewidth=2.2)
        axes.plot(diff, y, "o", color=colour)
        axes.plot(-row.delta, y, "|", color="#c0392b", markersize=14)
    axes.set_xlabel("difference, positive = better (95% CI); red tick = -delta margin")
    axes.set_title("Paired differences per task and metric")
    return _png(figure)


def sample_delta_plot(report: Report) -> str:
    """Every sample's epoch-averaged difference per (task, metric), coloured by its flip label."""
    rows = report.rows
    figure, axes = _rows_figure(rows)
    jitter = np.random.default_rng(0)  # fixed: the same report always draws the same picture
    index = {(r.task, r.metric): y for y, r in enumerate(rows)}
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for sample in report.samples:
        for metric, value in sample.metrics.items():
            y = index.get((sample.task, metric))
            if y is not None:
                points[value.label].append((value.diff, y + jitter.uniform(-0.3, 0.3)))
    for label, colour in LABEL_COLOURS.items():
        if points[label]:
            xs, ys = zip(*points[label], strict=True)
            axes.scatter(xs, ys, s=10, alpha=0.6, color=colour, label=label)
    if points:
        axes.legend(loc="lower right", fontsize=8)
    axes.set_xlabel("per-sample difference, positive = better (epochs averaged)")
    axes.set_title("Per-sample changes")
    return _png(figure)


def _metric_means(report: Report, side: Callable[[Row], float | None]) -> dict[str, float]:
    values: dict[str, list[float]] = defaultdict(list)
    for row in report.rows:
        value = side(row)
        if value is not None:
            values[row.metric].append(value)
    return {metric: float(np.mean(v)) for metric, v in values.items()}


def _cost_axes(usage: Usage) -> dict[str, float]:
    axes = {"tokens (total)": float(usage.total_tokens)}
    if usage.dollars is not None:
        axes["dollars"] = usage.dollars
    return axes


def quality_cost_plot(report: Report) -> str:
    """Each metric's mean (over tasks) against the run's tokens and dollars, per version."""
    base_cost, candidate_cost = _cost_axes(report.base.usage), _cost_axes(report.candidate.usage)
    panels = [name for name in base_cost if name in candidate_cost]
    figure, all_axes = plt.subplots(1, len(panels), figsize=(4.6 * len(panels), 3.6), squeeze=False)
    base_means = _metric_means(report, lambda r: r.base_mean)
    candidate_means = _metric_means(report, lambda r: r.candidate_mean)
    for axes, panel in zip(all_axes[0], panels, strict=True):
        for metric, base_mean in base_means.items():
            xs = [base_cost[panel], candidate_cost[panel]]
            ys = [base_mean, candidate_means.get(metric, np.nan)]
            (line,) = axes.plot(xs, ys, "-", alpha=0.5)
            axes.plot(xs[0], ys[0], "o", color=line.get_color(), label=metric)
            axes.plot(xs[1], ys[1], "s", color=line.get_color())
        axes.set_xlabel(panel)
        axes.set_ylabel("mean score (o base, ■ candidate)")
        axes.grid(alpha=0.3)
    all_axes[0][0].legend(fontsize=7)
    figure.suptitle("Quality against cost")
    return _png(figure)


def render_plots(report: Report) -> dict[str, str]:
    """All plots of the HTML report, name -> base64 PNG."""
    if not report.rows:
        return {}
    return {
        "forest": forest_plot(report),
        "samples": sample_delta_plot(report),
        "cost": quality_cost_plot(report),
    }
