"""Scores per tier in every report (#19 item 4): a drop confined to the hard tier is visible."""

from __future__ import annotations

import json
from pathlib import Path

from archbench.compare._analysis import CompareOptions, build_report
from archbench.compare._logs import read_run
from archbench.compare._records import SampleRecord, TaskRun, VersionRuns
from archbench.compare._render import to_html, to_json, to_markdown, to_terminal
from archbench.core.report_model import Report

from .logfactory import RunSpec, write_run

CORE = [f"core-{i}" for i in range(6)]
HARD = [f"hard-{i}" for i in range(4)]


def tier_of(sample_id: str) -> str:
    return sample_id.split("-")[0]


def run(version: str, hard_score: float, tiers: bool = True) -> TaskRun:
    records = tuple(
        SampleRecord(
            sample_id, 1,
            {"spec_adherence": hard_score if tier_of(sample_id) == "hard" else 1.0,
             "modularity": 0.8},
            tier=tier_of(sample_id) if tiers else None,
        )
        for sample_id in CORE + HARD
    )  # fmt: skip
    return TaskRun(
        task="implement", log_file=f"{version}.eval", status="success",
        created="2026-12-08T00:00:00+00:00", model="anthropic/claude-sonnet-4-5", agent="pba",
        agent_version=version, agent_sha256="ab" * 32, agent_path=None, dataset_version="ds",
        graders={}, records=records,
    )  # fmt: skip


def report(base: TaskRun, candidate: TaskRun) -> Report:
    sides = [VersionRuns(f"pba@{r.agent_version}", {"implement": r}) for r in (base, candidate)]
    return build_report(sides[0], sides[1], CompareOptions(), {})


def test_a_drop_on_the_hard_tier_alone_shows_in_its_tier_row() -> None:
    tiers = report(run("v1", 1.0), run("v2", 0.25)).tiers
    assert [(t.tier, t.metric, t.n) for t in tiers] == [
        ("core", "spec_adherence", 6),
        ("hard", "spec_adherence", 4),
    ]
    core, hard = tiers
    assert (core.base_mean, core.candidate_mean, core.diff) == (1.0, 1.0, 0.0)
    assert (hard.base_mean, hard.candidate_mean, hard.diff) == (1.0, 0.25, -0.75)


def test_every_format_shows_the_tiers() -> None:
    shown = report(run("v1", 1.0), run("v2", 0.25))
    assert "### Scores per tier" in to_markdown(shown)
    assert "| implement | hard | spec_adherence | 4 | 1.000 | 0.250 | -0.750 |" in to_markdown(
        shown
    )
    assert "Scores per tier" in to_html(shown)
    assert "tier hard  implement/spec_adherence: n=4" in to_terminal(shown)
    assert json.loads(to_json(shown))["tiers"][1]["candidate_mean"] == 0.25


def test_a_single_tier_or_logs_without_tiers_add_no_section() -> None:
    untiered = report(run("v1", 1.0, tiers=False), run("v2", 0.25, tiers=False))
    assert untiered.tiers == [] and "Scores per tier" not in to_markdown(untiered)
    assert "Scores per tier" not in to_html(untiered)


def test_the_tier_is_read_from_the_sample_metadata_of_a_log(tmp_path: Path) -> None:
    spec = RunSpec("implement", "pba", "v1", tiers={s: tier_of(s) for s in CORE + HARD})
    log = write_run(
        tmp_path / "a.eval",
        spec,
        CORE + HARD,
        1,
        lambda s, e: {"hidden_tests": {"spec_adherence": 1.0}},
    )
    assert {r.sample_id: r.tier for r in read_run(str(log)).records}["hard-0"] == "hard"
