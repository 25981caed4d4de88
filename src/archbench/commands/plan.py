"""`archbench plan --config benchmark.yaml`: the samples x epochs the nightly needs to catch a
drop of a given size with 80% power, and what that costs.

The variance of each primary metric's per-sample differences comes from the newest logs of
the baseline and a candidate in the config's log dir; without them, from stated assumptions
(`--assume-sd` for continuous metrics, `--assume-rate` for 0/1 ones, `--epoch-share` for how much
of that variance is epoch noise). Costs come from the logs' token usage, or from the nightly's
own pre-run estimate. Exit 0, or 2 on a bad config.

Example:
  archbench plan --config benchmark.yaml --drop 0.10
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archbench.core.benchmark_config import BenchmarkConfig
from archbench.core.errors import ArchbenchError

if TYPE_CHECKING:  # the command's modules load only when it runs (the CLI imports this one)
    from archbench.compare import Cost, Observed, Plan, PriceTable, RowInput, VersionRuns

    Runs = tuple[VersionRuns, VersionRuns]

EXIT_OK = 0
EXIT_CONFIG = 2
Counts = dict[tuple[str, str], int]


def _fraction(text: str) -> float:
    value = float(text)
    if not 0.0 < value < 1.0:
        raise argparse.ArgumentTypeError(f"expected a number in (0, 1), got {text}")
    return value


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "plan",
        help="samples x epochs needed to catch a drop with 80%% power, and the cost",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    parser.add_argument(
        "--config", type=Path, default=Path("benchmark.yaml"), help="the nightly config to plan"
    )
    parser.add_argument("--drop", type=_fraction, default=0.10, help="true drop to catch")
    parser.add_argument("--epochs", type=int, default=None, help="default: the config's")
    parser.add_argument(
        "--max-epochs", type=int, default=10, help="the most epochs to consider (default 10)"
    )
    parser.add_argument("--log-dir", default=None, help="default: the config's log_dir")
    parser.add_argument("--base", default=None, help="logs of this version (default: baseline)")
    parser.add_argument("--candidate", default=None, help="default: the first candidate")
    parser.add_argument("--assume-sd", type=float, default=0.30,
                        help="without logs: sd of one-epoch paired differences, continuous "
                        "metrics (default 0.30)")  # fmt: skip
    parser.add_argument("--assume-rate", type=_fraction, default=0.80,
                        help="without logs: pass rate of 0/1 metrics (default 0.80)")  # fmt: skip
    parser.add_argument("--epoch-share", type=_fraction, default=0.50,
                        help="without logs: share of the variance that is epoch noise")  # fmt: skip
    parser.add_argument("--prices", type=Path, default=None, help="YAML price table")
    parser.add_argument(
        "--format", choices=("text", "markdown"), default="text", help="output format"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from archbench.commands.nightly import load_config, pin_candidates

    try:
        config, _ = pin_candidates(load_config(args.config))
        plan = build_plan(config, args)
    except ArchbenchError as error:
        print(f"archbench plan: {error}", file=sys.stderr)
        return EXIT_CONFIG
    from archbench.compare import plan_to_markdown as to_markdown
    from archbench.compare import plan_to_text as to_text

    print((to_markdown if args.format == "markdown" else to_text)(plan), end="")
    return EXIT_OK


def build_plan(config: BenchmarkConfig, args: argparse.Namespace) -> Plan:
    from archbench.compare import load_prices, make_plan, observed_components, planned_metrics

    prices = load_prices(args.prices) if args.prices else load_prices()
    runs = find_runs(config, args)
    observed = observed_components(*runs) if runs else {}
    found: dict[str, set[str]] = {}
    for task, metric in observed:
        found.setdefault(task, set()).add(metric)
    counts = sample_counts(config)
    rows = [
        row_input(config, args, task, metric, counts, observed)
        for task, metric in planned_metrics(config.tasks, found)
    ]
    epochs = args.epochs or config.epochs
    try:
        cost = log_cost(config, runs, prices, counts) if runs else estimated_cost(config, prices)
    except ArchbenchError as error:  # an agent that cannot be loaded: plan without the cost
        print(f"archbench plan: no cost estimate: {error}")
        cost = None
    if cost is not None:
        cost = dataclasses.replace(cost, max_dollars=config.budget.max_dollars)
    return make_plan(rows, epochs, args.drop, config.alpha, cost, args.max_epochs)


def find_runs(config: BenchmarkConfig, args: argparse.Namespace) -> Runs | None:
    """(base, candidate) runs from the log dir, or None when either has no logs."""
    from archbench.compare import load_version

    candidate = args.candidate or (config.candidates[0] if config.candidates else None)
    log_dir = args.log_dir or config.log_dir
    if candidate is None:
        return None
    try:
        return load_version(args.base or config.baseline, log_dir), load_version(
            candidate, log_dir
        )
    except ArchbenchError as error:
        print(f"archbench plan: no paired logs ({error}); using the stated assumptions")
        return None


def row_input(
    config: BenchmarkConfig,
    args: argparse.Namespace,
    task: str,
    metric: str,
    counts: Counts,
    observed: Observed,
) -> RowInput:
    from archbench.compare import RowInput
    from archbench.core.registry import metric_spec
    from archbench.core.stats import assumed_components, rate_components

    delta = config.metric_deltas.get(metric, config.default_delta or 0.02)
    if (task, metric) in observed:
        components, source = observed[(task, metric)]
    elif (spec := metric_spec(metric)) is not None and spec.binary:
        components = rate_components(args.assume_rate, args.epoch_share)
        source = f"assumed: pass rate {args.assume_rate:g}, {args.epoch_share:.0%} epoch noise"
    else:
        components = assumed_components(args.assume_sd, args.epoch_share)
        source = f"assumed: sd {args.assume_sd:g}, {args.epoch_share:.0%} epoch noise"
    return RowInput(task, metric, counts.get((task, metric), 0), delta, components, source)


def sample_counts(config: BenchmarkConfig) -> Counts:
    """Samples per (task, metric) in one nightly: the dataset (capped by `limit`); routing's
    recall counts the requests that belong to the agent, specificity the others."""
    from archbench.compare import PLAN_METRICS, ROUTING_TASK
    from archbench.core.routing import UNDER_TEST_ROUTE
    from archbench.io.datasets import load_kind
    from archbench.io.routing_data import load_routing_dataset

    def capped(n: int) -> int:
        return n if config.limit is None else min(n, config.limit)

    counts: Counts = {}
    for task in config.tasks:
        if task == ROUTING_TASK:
            routes = [r.route for r in load_routing_dataset().requests]
            mine = sum(route == UNDER_TEST_ROUTE for route in routes)
            counts[(task, "delegation_recall")] = capped(mine)
            counts[(task, "delegation_specificity")] = capped(len(routes) - mine)
            continue
        size = capped(len(load_kind(task).records))  # type: ignore[arg-type]
        counts.update({(task, metric): size for metric in PLAN_METRICS.get(task, ())})
    return counts


def log_cost(config: BenchmarkConfig, runs: Runs, prices: PriceTable, counts: Counts) -> Cost:
    """One nightly epoch at the logs' mean usage per sample-epoch, for every agent version."""
    from archbench.compare import Cost, summarise_usage

    tokens, dollars, unpriced = 0.0, 0.0, False
    for task in config.tasks:
        task_runs = [side.runs[task] for side in runs if task in side.runs]
        usage = summarise_usage(task_runs, prices)
        if not usage.samples:
            return estimated_cost(config, prices)
        samples = max(n for (t, _), n in counts.items() if t == task) * versions(config)
        tokens += usage.total_tokens / usage.samples * samples
        unpriced |= usage.dollars is None
        dollars += (usage.dollars or 0.0) / usage.samples * samples
    source = "from the logs' token usage per sample-epoch"
    return Cost(round(tokens), None if unpriced else dollars, source)


def estimated_cost(config: BenchmarkConfig, prices: PriceTable) -> Cost:
    """The nightly's own pre-run estimate for one epoch (no logs to measure from)."""
    from archbench.commands._nightly_plan import build_tasks, estimate_cost
    from archbench.compare import Cost

    one_epoch = config.model_copy(update={"epochs": 1})
    estimate = estimate_cost(one_epoch, build_tasks(one_epoch), prices)
    scale = versions(config) / len(config.agents)
    dollars = None if estimate.dollars is None else estimate.dollars * scale
    source = "estimated from the prompts and benchmark.yaml's cost_model (no logs)"
    return Cost(round(estimate.tokens * scale), dollars, source)


def versions(config: BenchmarkConfig) -> int:
    """Agent versions a comparing nightly runs: the baseline and at least one candidate (a
    candidate that is still the baseline is skipped tonight, but the plan is for a change)."""
    return max(2, len(config.agents))
