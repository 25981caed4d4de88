"""`archbench prompt-check --base SHA --head SHA`: the pull-request check for agent prompts.

Every agent whose prompt files changed between the two commits is run at both, with the
benchmark settings of benchmark.yaml: `name@git:BASE` is the baseline, `name@git:HEAD` the
candidate. One summary (the PR comment) collects every agent's report; the exit code is the
worst of the agents' nightly exit codes.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from archbench.commands.nightly import (
    EXIT_CONFIG,
    EXIT_OK,
    SUMMARY_FILE,
    execute,
    load_config,
    worst_exit,
)
from archbench.core.benchmark_config import BenchmarkConfig
from archbench.core.errors import ArchbenchError
from archbench.io.git_agents import agent_exists_at, changed_agents
from archbench.io.paths import agents_dir

LOG_ROOT = Path("logs/prompt-check")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "prompt-check", help="compare each agent prompt changed between two commits"
    )
    parser.add_argument("--base", required=True, help="the pull request's base commit")
    parser.add_argument("--head", required=True, help="the pull request's head commit")
    parser.add_argument(
        "--config",
        type=Path,
        default=Path("benchmark.yaml"),
        help="the settings to run with (default: benchmark.yaml)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("reports/prompt-check"),
        help="reports and the PR comment (summary.md)",
    )
    parser.add_argument("--log-dir", type=Path, default=LOG_ROOT, help=f"default: {LOG_ROOT}")
    parser.add_argument("--prices", type=Path, default=None, help="YAML price table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        settings = load_config(args.config)
        names = changed_agents(args.base, args.head, agents_dir())
    except ArchbenchError as error:
        print(f"archbench prompt-check: {error}")
        return EXIT_CONFIG
    sections, exit_code = [], EXIT_OK
    run_id = f"{args.base[:12]}-{args.head[:12]}"
    for name in names:
        if not agent_exists_at(name, args.base, agents_dir()):
            sections.append(
                f"## {name}\n\nNew agent: no prompt at the base commit to compare with."
            )
            continue
        config = agent_config(settings, name, args.base, args.head, args.log_dir, args.out)
        exit_code = worst_exit(exit_code, execute(config, args.prices, run_id=run_id))
        sections.append(f"## {name}\n\n{_read_summary(Path(config.reports_dir))}")
    write_summary(args.out, sections or ["No agent prompt changed between these commits."])
    return exit_code


def agent_config(
    settings: BenchmarkConfig, name: str, base: str, head: str, log_dir: Path, out: Path
) -> BenchmarkConfig:
    """The benchmark's settings, with this agent at the two commits as baseline and candidate."""
    return settings.model_copy(
        update={
            "baseline": f"{name}@git:{base}",
            "candidates": [f"{name}@git:{head}"],
            "log_dir": str(log_dir / name),
            "reports_dir": str(out / name),
        }
    )


def write_summary(out: Path, sections: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = "# archbench prompt check\n\n" + "\n\n".join(sections) + "\n"
    (out / SUMMARY_FILE).write_text(text, encoding="utf-8")


def _read_summary(reports_dir: Path) -> str:
    summary = reports_dir / SUMMARY_FILE
    if not summary.is_file():
        return "No comparison: the run did not finish (see the job log)."
    return summary.read_text(encoding="utf-8")
