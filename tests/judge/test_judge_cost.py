"""Judge cost: calls per sample follow the rubrics, and the pre-run estimate counts them."""

from __future__ import annotations

from archbench.commands._nightly_plan import build_tasks, estimate_cost
from archbench.core.benchmark_config import BenchmarkConfig
from archbench.core.budget import CallEstimate, estimate_judging
from archbench.core.dataset import DesignTaskSpec
from archbench.evalkit import judge_calls
from archbench.io.datasets import load_kind

GRADER = "anthropic/claude-haiku-4-5"


def test_a_design_answer_costs_one_call_per_key_point_and_trap_per_judge() -> None:
    designs = load_kind("design").records
    for record in designs:
        assert isinstance(record.spec, DesignTaskSpec)
        points = len(record.spec.key_points) + len(record.spec.traps)
        assert judge_calls(record) == 3 * points
    [code] = [r for r in load_kind("implement").records if r.id == "circuit-breaker"]
    assert judge_calls(code) == 3 * 2 * 3  # three rubrics of two criteria, three judges each
    assert [r for r in load_kind("review").records if judge_calls(r)] == []


def test_the_judging_estimate_sums_each_samples_calls_every_epoch() -> None:
    generation = CallEstimate("m", calls=6, input_tokens=600, output_tokens=300)  # 3 x 2 epochs
    judging = estimate_judging(GRADER, generation, [27, 21, 30], output_tokens_per_call=10)
    assert judging.calls == (27 + 21 + 30) * 2
    assert judging.input_tokens == judging.calls * (600 + 2 * 300) // 6
    assert judging.output_tokens == judging.calls * 10


def config(**cost_model: int) -> BenchmarkConfig:
    return BenchmarkConfig.model_validate(
        {
            "baseline": "python-backend-architect@v1",
            "candidates": ["reference"],  # a control: generates nothing, judged for free
            "tasks": ["design"],
            "model": "anthropic/claude-sonnet-4-5",
            "grader_model": GRADER,
            "budget": {"max_dollars": 100},
            "cost_model": cost_model,
        }
    )


def judged_calls(settings: BenchmarkConfig) -> int:
    estimate = estimate_cost(settings, build_tasks(settings), {})
    return sum(call.calls for call in estimate.calls if call.model == GRADER)


def test_the_nightly_estimate_counts_the_design_rubrics_calls_unless_told_a_number() -> None:
    samples = len(load_kind("design").records)
    expected = sum(judge_calls(record) for record in load_kind("design").records)
    assert judged_calls(config()) == expected
    assert expected >= samples * 3 * 6  # at least 6 criteria per question
    assert judged_calls(config(judge_calls_per_sample=12)) == 12 * samples
