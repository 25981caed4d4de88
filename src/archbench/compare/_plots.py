"""Plots of a ``Report`` as inline SVG, for a self-contained HTML page (drawn by ``_svg``)."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence

from archbench.core.report_model import Report, Row, Usage

from ._svg import (
    FONT_SIZE,
    TITLE_SIZE,
    Canvas,
    Frame,
    Scale,
    border,
    legend,
    padded,
    row_labels,
    text_width,
    x_axis,
    y_axis,
)

VERDICT_COLOURS = {"REGRESSION": "#c0392b", "NON-INFERIOR": "#27ae60", "INCONCLUSIVE": "#7f8c8d"}
LABEL_COLOURS = {
    "improved": "#27ae60",
    "regressed": "#c0392b",
    "unchanged": "#95a5a6",
    "flaky": "#f39c12",
}
# One colour per metric in the quality/cost plot (matplotlib's default cycle, "tab10").
METRIC_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                  "#7f7f7f", "#bcbd22", "#17becf")  # fmt: skip
MARGIN_COLOUR = "#c0392b"
WIDTH = 880
_ROW_HEIGHT = 36
_MIN_ROWS_HEIGHT = 130
_TOP = 2.5 * TITLE_SIZE  # room for the title
_BOTTOM = 3.4 * FONT_SIZE  # tick labels and the axis label
_LEGEND_WIDTH = 110
_JITTER_ROWS = 0.3  # a sample's dot moves up to this share of a row up or down
_PANEL_HEIGHT = 300


def _row_name(row: Row) -> str:
    return f"{row.task} / {row.metric}" + ("" if row.higher_is_better else " (lower is better)")


def _rows_chart(
    rows: Sequence[Row], xs: Sequence[float], title: str, x_label: str, legend_width: float = 0
) -> tuple[Canvas, Frame, Scale]:
    """A chart with one horizontal band per row (the first on top), an x axis over ``xs`` and
    a vertical line at 0; the caller draws the marks."""
    names = [_row_name(row) for row in rows]
    left = 16 + max((text_width(name) for name in names), default=0.0)
    height = max(_MIN_ROWS_HEIGHT, _ROW_HEIGHT * len(rows))
    frame = Frame(left, _TOP, WIDTH - left - 16 - legend_width, height)
    canvas = Canvas(WIDTH, _TOP + height + _BOTTOM, title)
    low, high = padded([*xs, 0.0])
    scale = Scale(low, high, frame.left, frame.right)
    canvas.text(WIDTH / 2, TITLE_SIZE, title, size=TITLE_SIZE, anchor="middle", bold=True)
    x_axis(canvas, frame, scale, x_label)
    row_labels(canvas, Frame(frame.left, frame.top, frame.width, _ROW_HEIGHT * len(rows)), names)
    canvas.line(scale(0.0), frame.top, scale(0.0), frame.bottom, "black", 0.8)
    border(canvas, frame)
    return canvas, frame, scale


def _row_y(frame: Frame, index: float) -> float:
    return frame.top + _ROW_HEIGHT * (index + 0.5)


def _span(row: Row, diff: float) -> tuple[Row, float, float, float]:
    """(row, difference, interval low, interval high); with n < 2 there is no interval and the
    point is drawn alone."""
    low = diff if row.ci_low is None else row.ci_low
    high = diff if row.ci_high is None else row.ci_high
    return row, diff, low, high


def forest_plot(report: Report) -> str:
    """Difference and confidence interval per (task, metric), with each row's -delta margin."""
    spans = [_span(row, row.diff) for row in report.rows if row.diff is not None]
    xs = [x for row, diff, low, high in spans for x in (diff, low, high, -row.delta)]
    canvas, frame, scale = _rows_chart(
        [row for row, *_ in spans], xs, "Paired differences per task and metric",
        "difference, positive = better (95% CI); red tick = -delta margin",
    )  # fmt: skip
    for index, (row, diff, low, high) in enumerate(spans):
        y, colour = _row_y(frame, index), VERDICT_COLOURS[row.verdict]
        canvas.line(scale(low), y, scale(high), y, colour, 2.2)
        canvas.circle(scale(diff), y, 4, colour)
        canvas.line(scale(-row.delta), y - 9, scale(-row.delta), y + 9, MARGIN_COLOUR, 1.5)
    return canvas.render()


def _sample_points(report: Report) -> dict[str, list[tuple[float, float]]]:
    """Label -> (diff, row position) of every sample's metric, the position jittered within
    the row's band so that equal differences stay visible as a crowd."""
    jitter = random.Random(0)  # fixed: the same report always draws the same picture
    index = {(r.task, r.metric): y for y, r in enumerate(report.rows)}
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for sample in report.samples:
        for metric, value in sample.metrics.items():
            y = index.get((sample.task, metric))
            if y is not None:
                offset = jitter.uniform(-_JITTER_ROWS, _JITTER_ROWS)
                points[value.label].append((value.diff, y + offset))
    return points


def sample_delta_plot(report: Report) -> str:
    """Every sample's epoch-averaged difference per (task, metric), coloured by its flip label."""
    points = _sample_points(report)
    xs = [diff for label_points in points.values() for diff, _ in label_points]
    canvas, frame, scale = _rows_chart(
        report.rows, xs, "Per-sample changes",
        "per-sample difference, positive = better (epochs averaged)", _LEGEND_WIDTH,
    )  # fmt: skip
    for label, colour in LABEL_COLOURS.items():
        pixels = ((scale(diff), _row_y(frame, y)) for diff, y in points.get(label, []))
        canvas.dots(pixels, 2.5, colour, 0.6)
    shown = [(label, colour) for label, colour in LABEL_COLOURS.items() if points.get(label)]
    legend(canvas, frame.right + 16, frame.top + 8, shown)
    return canvas.render()


def _metric_means(report: Report, side: Callable[[Row], float | None]) -> dict[str, float]:
    values: dict[str, list[float]] = defaultdict(list)
    for row in report.rows:
        value = side(row)
        if value is not None:
            values[row.metric].append(value)
    return {metric: sum(v) / len(v) for metric, v in values.items()}


def _cost_axes(usage: Usage) -> dict[str, float]:
    axes = {"tokens (total)": float(usage.total_tokens)}
    if usage.dollars is not None:
        axes["dollars"] = usage.dollars
    return axes


def quality_cost_plot(report: Report) -> str:
    """Each metric's mean (over tasks) against the run's tokens and dollars, per version."""
    base_cost, candidate_cost = _cost_axes(report.base.usage), _cost_axes(report.candidate.usage)
    panels = [name for name in base_cost if name in candidate_cost]
    base_means = _metric_means(report, lambda r: r.base_mean)
    candidate_means = _metric_means(report, lambda r: r.candidate_mean)
    colours = {m: METRIC_COLOURS[i % len(METRIC_COLOURS)] for i, m in enumerate(base_means)}
    y_low, y_high = padded([*base_means.values(), *candidate_means.values()])
    panel_width = (WIDTH - _LEGEND_WIDTH - 40) / len(panels)
    canvas = Canvas(WIDTH, _TOP + _PANEL_HEIGHT + _BOTTOM, "Quality against cost")
    canvas.text(WIDTH / 2, TITLE_SIZE, "Quality against cost", size=TITLE_SIZE,
                anchor="middle", bold=True)  # fmt: skip
    for number, panel in enumerate(panels):
        frame = Frame(40 + number * panel_width + 50, _TOP, panel_width - 70, _PANEL_HEIGHT)
        xs = (base_cost[panel], candidate_cost[panel])
        x_scale = Scale(*padded(xs), frame.left, frame.right)
        y_scale = Scale(y_low, y_high, frame.bottom, frame.top)
        x_axis(canvas, frame, x_scale, panel)
        y_axis(canvas, frame, y_scale, "mean score (o base, ■ candidate)")
        border(canvas, frame)
        for metric, base_mean in base_means.items():
            start = (x_scale(xs[0]), y_scale(base_mean))
            candidate_mean = candidate_means.get(metric)
            if candidate_mean is not None:
                end = (x_scale(xs[1]), y_scale(candidate_mean))
                canvas.line(*start, *end, colours[metric], 1.5, opacity=0.5)
                canvas.square(*end, 3.5, colours[metric])
            canvas.circle(*start, 4, colours[metric])
    legend(canvas, WIDTH - _LEGEND_WIDTH, _TOP + 8, list(colours.items()))
    return canvas.render()


def render_plots(report: Report) -> dict[str, str]:
    """All plots of the HTML report, name -> an ``<svg>`` element."""
    if not report.rows:
        return {}
    return {
        "forest": forest_plot(report),
        "samples": sample_delta_plot(report),
        "cost": quality_cost_plot(report),
    }
