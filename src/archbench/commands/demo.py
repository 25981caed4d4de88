"""`archbench demo`: the offline main job, end to end, with the two control agents."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspect_ai import eval as inspect_eval
from inspect_ai.log import EvalLog

from archbench.core.dataset import TaskKind
from archbench.evalkit import build_routing_task, build_task

KINDS: tuple[TaskKind, ...] = ("implement", "review", "refactor", "design")
CONTROLS = ("reference", "null")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("demo", help="run every task with the offline control agents")
    parser.add_argument(
        "--log-dir",
        type=Path,
        default=Path("logs/demo"),
        help="where the logs go (default: logs/demo)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("reports/demo"),
        help="where the report goes (default: reports/demo)",
    )
    parser.add_argument("--limit", type=int, default=None, help="samples per task")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    failed: list[EvalLog] = []
    for agent in CONTROLS:
        logs = run_controls(agent, args.log_dir, args.limit)
        failed += [log for log in logs if log.status != "success"]
        for log in logs:
            print(f"{agent:>9} {log.eval.task:<10} {log.status:<8} {log.location}")
    if failed:
        # inspect returns logs with status 'error' rather than raising: CI must see the failure.
        print(f"{len(failed)} evaluation(s) did not succeed")
        return 3
    print(f"logs: {args.log_dir.resolve()}  (open with: inspect view --log-dir {args.log_dir})")
    return compare_controls(args.log_dir, args.out)


def compare_controls(log_dir: Path, out: Path) -> int:
    """reference vs null: the comparison must find the null agent a regression."""
    from archbench.cli import main as archbench_main

    print("\n== archbench compare reference null ==")
    argv = ["compare", "reference", "null", "--log-dir", str(log_dir), "--out", str(out)]
    exit_code = archbench_main(argv)
    if exit_code != 1:
        print(f"expected the null control to regress (exit 1), got exit {exit_code}")
        return 3
    print(f"HTML report: {(out / 'report.html').resolve()}")
    return 0


def run_controls(agent: str, log_dir: Path, limit: int | None = None) -> list[EvalLog]:
    """Evaluate every task with a control agent; no model is called."""
    tasks = [*(build_task(kind, agent) for kind in KINDS), build_routing_task(agent)]
    return inspect_eval(
        tasks, model="none", log_dir=str(log_dir), limit=limit, display="none", max_tasks=2
    )
