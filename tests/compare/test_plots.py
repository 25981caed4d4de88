"""The report's charts, drawn as SVG text without a plotting library (#20 item 7)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

import pytest

from archbench.compare._analysis import CompareOptions, build_report
from archbench.compare._plots import (
    LABEL_COLOURS,
    VERDICT_COLOURS,
    forest_plot,
    quality_cost_plot,
    render_plots,
    sample_delta_plot,
)
from archbench.compare._records import SampleRecord, TaskRun, VersionRuns
from archbench.compare._svg import Canvas, Scale, padded, tick_text, ticks
from archbench.core.report_model import Report

PRICES = {"claude-sonnet-4-5": (3.0, 15.0)}


def _run(scores: dict[str, dict[str, float]], version: str) -> VersionRuns:
    records = tuple(SampleRecord(sid, 1, values) for sid, values in scores.items())
    run = TaskRun(
        task="implement", log_file=f"{version}.eval", status="success", created="2026-01-01",
        model="anthropic/claude-sonnet-4-5", agent="pba", agent_version=version,
        agent_sha256=version * 8, agent_path=None, dataset_version="ds", graders={},
        records=records,
    )  # fmt: skip
    return VersionRuns(reference=f"pba@{version}", runs={"implement": run})


@pytest.fixture(scope="module")
def report() -> Report:
    """spec_adherence drops on every sample (a regression); modularity <moves> up and down."""
    ids = [f"s{i}" for i in range(30)]
    base = {s: {"spec_adherence": 0.9, "<modularity>": 0.5} for s in ids}
    candidate = {
        s: {"spec_adherence": 0.2, "<modularity>": 0.5 + (0.3 if i % 2 else -0.05)}
        for i, s in enumerate(ids)
    }
    return build_report(_run(base, "v1"), _run(candidate, "v2"), CompareOptions(), PRICES)


def _parsed(svg: str) -> ElementTree.Element:
    """The chart as XML: well-formed, escaped, and fetching nothing."""
    assert "http" not in svg
    return ElementTree.fromstring(svg)


# --------------------------------------------------------------------------- scales and ticks


def test_ticks_are_round_multiples_inside_the_range() -> None:
    assert ticks(-0.105, 0.033) == [-0.1, -0.075, -0.05, -0.025, 0.0, 0.025]
    assert ticks(0.0, 1.0) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert ticks(3.4e6, 3.8e6) == [3.4e6, 3.5e6, 3.6e6, 3.7e6, 3.8e6]


def test_tick_labels_carry_the_decimals_their_step_needs() -> None:
    assert [tick_text(v, 0.025) for v in (-0.075, 0.0)] == ["-0.075", "0.000"]
    assert [tick_text(v, 0.2) for v in (0.4, 1.0)] == ["0.4", "1.0"]
    assert tick_text(3.5e6, 1e5) == "3.5M" and tick_text(12_000, 2_000) == "12k"
    assert tick_text(17.5, 0.5) == "17.5" and tick_text(20.0, 5.0) == "20"


def test_a_single_value_still_gets_a_range() -> None:
    assert padded([0.0, 0.0]) == (-0.5, 0.5)
    low, high = padded([18.0])
    assert low < 18.0 < high
    assert padded([0.0, 1.0]) == pytest.approx((-0.05, 1.05))
    assert Scale(0.0, 1.0, 100.0, 300.0)(0.25) == 150.0


def test_dots_in_one_pixel_are_drawn_once() -> None:
    canvas = Canvas(100, 100, "dots")
    canvas.dots([(10.2, 20.4), (9.8, 19.6), (30.0, 40.0)], 2.5, "#000", 0.6)
    [path] = _parsed(canvas.render()).findall("path")
    assert path.get("d") == "M10 20h0M30 40h0"


# --------------------------------------------------------------------------- the report's plots


def test_forest_plot_draws_each_row_in_its_verdict_colour(report: Report) -> None:
    svg = _parsed(forest_plot(report))
    colours = [circle.get("fill") for circle in svg.iter("circle")]
    assert colours == [VERDICT_COLOURS[row.verdict] for row in report.rows]
    assert VERDICT_COLOURS["REGRESSION"] in colours
    labels = [text.text for text in svg.iter("text")]
    assert "implement / spec_adherence" in labels and "implement / <modularity>" in labels


def test_forest_plot_leaves_out_rows_without_an_estimate(report: Report) -> None:
    blank = report.rows[0].model_copy(update={"diff": None})
    partial = report.model_copy(update={"rows": [blank, *report.rows[1:]]})
    circles = list(_parsed(forest_plot(partial)).iter("circle"))
    assert len(circles) == len(report.rows) - 1


def test_sample_plot_colours_samples_by_flip_label(report: Report) -> None:
    svg = _parsed(sample_delta_plot(report))
    paths = {path.get("stroke"): path.get("d") or "" for path in svg.iter("path")}
    assert set(paths) == {LABEL_COLOURS["regressed"], LABEL_COLOURS["improved"],
                          LABEL_COLOURS["unchanged"]}  # fmt: skip
    # 30 regressed spec_adherence samples, one dot each unless two share a pixel.
    assert 1 <= len(re.findall("M", paths[LABEL_COLOURS["regressed"]])) <= 30
    legend = [text.text for text in svg.iter("text")]
    assert {"improved", "regressed", "unchanged"} <= set(legend) and "flaky" not in legend
    assert sample_delta_plot(report) == sample_delta_plot(report)  # the jitter is fixed


def test_cost_plot_has_a_panel_per_priced_axis(report: Report) -> None:
    labels = [text.text for text in _parsed(quality_cost_plot(report)).iter("text")]
    assert "tokens (total)" in labels and "dollars" in labels
    unpriced = report.model_copy(
        update={"base": report.base.model_copy(
            update={"usage": report.base.usage.model_copy(update={"dollars": None})})}
    )  # fmt: skip
    labels = [text.text for text in _parsed(quality_cost_plot(unpriced)).iter("text")]
    assert "tokens (total)" in labels and "dollars" not in labels


def test_no_rows_no_plots(report: Report) -> None:
    assert render_plots(report.model_copy(update={"rows": []})) == {}
    assert set(render_plots(report)) == {"forest", "samples", "cost"}
