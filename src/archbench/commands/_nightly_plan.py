"""What a nightly run will do: the tasks (each agent on each task) and what they should cost."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from inspect_ai import Task, task_with
from inspect_ai.dataset import Sample
from inspect_ai.model import GenerateConfig

from archbench.compare import PriceTable, price_for
from archbench.core.agent_ref import is_control_agent
from archbench.core.benchmark_config import BenchmarkConfig
from archbench.core.budget import (
    CallEstimate,
    RunEstimate,
    estimate_generation,
    estimate_judging,
    total,
)
from archbench.evalkit import budget_guard, judge_calls, judge_keys
from archbench.io.agents import load_agent
from archbench.io.datasets import load_kind
from archbench.tasks import TASKS


@dataclass(frozen=True)
class PlannedTask:
    agent: str
    kind: str
    task: Task


def build_tasks(config: BenchmarkConfig) -> list[PlannedTask]:
    """Every agent on every task; the budget guard first; the baseline's generations cached."""
    planned = []
    for agent in config.agents:
        cached = agent == config.baseline and config.cache_baseline
        for kind in config.tasks:
            task = TASKS[kind](agent=agent)
            task_with(task, setup=budget_guard(), config=GenerateConfig(cache=cached or None))
            planned.append(PlannedTask(agent, kind, task))
    return planned


def estimate_cost(
    config: BenchmarkConfig, tasks: Iterable[PlannedTask], prices: PriceTable
) -> RunEstimate:
    """Generation from the prompts' real sizes; answers and judging from the cost model."""
    calls: list[CallEstimate] = []
    prompt_sizes: dict[str, int] = {}  # a git reference costs a `git show` per read
    for planned in tasks:
        if is_control_agent(planned.agent) or config.model is None:
            continue
        if planned.agent not in prompt_sizes:
            prompt_sizes[planned.agent] = len(load_agent(planned.agent).body)
        system_chars = prompt_sizes[planned.agent]
        samples = list(planned.task.dataset)[: config.limit]
        prompt_chars = (system_chars + len(str(sample.input)) for sample in samples)
        model = config.cost_model
        generation = estimate_generation(
            config.model, prompt_chars, config.epochs, model.output_tokens_per_sample
        )
        calls.append(generation)
        if config.grader_model and judge_keys(planned.kind):
            per_sample = judge_calls_per_sample(config, planned.kind, samples)
            calls.append(
                estimate_judging(
                    config.grader_model, generation, per_sample, model.judge_output_tokens
                )
            )
    return total(calls, {call.model: price_for(call.model, prices) for call in calls})


def judge_calls_per_sample(
    config: BenchmarkConfig, kind: str, samples: Sequence[Sample]
) -> list[int]:
    """The cost model's number for every sample if set, else each task's own count."""
    fixed = config.cost_model.judge_calls_per_sample
    if fixed is not None:
        return [fixed] * len(samples)
    records = {record.id: record for record in load_kind(kind).records}  # type: ignore[arg-type]
    return [judge_calls(records[str(sample.id)]) for sample in samples]


def describe_estimate(estimate: RunEstimate) -> str:
    dollars = "unpriced" if estimate.dollars is None else f"${estimate.dollars:.2f}"
    calls = sum(call.calls for call in estimate.calls)
    return f"estimate: {calls} model calls, {estimate.tokens:,} tokens, {dollars}"
