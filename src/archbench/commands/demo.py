"""`archbench demo`: the offline main job, end to end, with the two control agents.

Every task runs twice with no model and no key: first with `reference` (answers every sample
with its gold answer), then with `null` (answers nothing); then reference -> null is compared.
The null control must come out a REGRESSION: that shows the graders tell a right answer from
no answer. Exit 0 when it does, 3 when an evaluation failed or the comparison did not find it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Literal

from archbench.cli_errors import positive_int, stop_if_cancelled, writable_folder
from archbench.commands._demo_text import (
    introduction,
    unscored_lines,
    verdict_explanation,
)
from archbench.core.agent_ref import CONTROL_AGENTS
from archbench.core.dataset import TaskKind
from archbench.core.registry import KIND_NAMES, dataset_kinds

KINDS: tuple[TaskKind, ...] = dataset_kinds()
TASKS = KIND_NAMES
EXIT_FAILED = 3


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run every task offline with the control agents",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
    parser.add_argument(
        "--limit", type=positive_int, default=None,
        help="samples per task (3 is a quick demo that still finds the regression; default: all)",
    )  # fmt: skip
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    log_dir = writable_folder(args.log_dir, "--log-dir")
    writable_folder(args.out, "--out")
    print(introduction(args.limit), flush=True)
    failed = []
    for agent in CONTROL_AGENTS:
        logs = run_controls(agent, log_dir, args.limit)
        stop_if_cancelled(logs, expected=len(TASKS))
        failed += [log for log in logs if log.status != "success"]
        for log in logs:
            print(f"{agent:>9} {log.eval.task:<10} {log.status:<8} {log.location}")
    if failed:
        # inspect returns logs with status 'error' rather than raising: CI must see the failure.
        print(f"{len(failed)} evaluation(s) did not succeed")
        return EXIT_FAILED
    print(f"logs: {log_dir.resolve()}  (open with: inspect view --log-dir {log_dir})")
    return compare_controls(log_dir, args.out, args.limit)


def compare_controls(log_dir: Path, out: Path, limit: int | None = None) -> int:
    """reference vs null: the comparison must find the null agent a regression."""
    from archbench.compare import (
        CompareOptions,
        compare_versions,
        exit_code,
        load_prices,
        to_terminal,
        write_report,
    )

    print("\n== archbench compare reference null ==")
    report = compare_versions("reference", "null", log_dir, CompareOptions(), load_prices())
    files = write_report(report, out)
    shown, unscored = unscored_lines(report)
    print(to_terminal(shown), end="")
    for line in unscored:
        print(line)
    regressed = exit_code(report) == 1
    print(f"\n{verdict_explanation(regressed, limit)}")
    print(f"reports: {files.markdown}  {files.json}\nHTML report: {files.html.resolve()}")
    return 0 if regressed else EXIT_FAILED


def run_controls(agent: str, log_dir: Path, limit: int | None = None) -> list[Any]:
    """Evaluate every task with a control agent; no model is called."""
    from inspect_ai import eval as inspect_eval

    from archbench.tasks import TASKS as TASK_FACTORIES

    # The registered tasks, so that each log records the agent among its task args and tags.
    tasks = [TASK_FACTORIES[kind](agent=agent) for kind in TASKS]
    # inspect's live display in a terminal; in CI or a pipe, its plain progress lines.
    display: Literal["plain"] | None = None if sys.stdout.isatty() else "plain"
    return inspect_eval(
        tasks, model="none", log_dir=str(log_dir), limit=limit, display=display, max_tasks=2
    )
