"""The `archbench` command line: one subcommand per module, each returning its exit code.

A subcommand's module is imported only when that subcommand runs (or its help is asked for):
most of them pull in inspect's eval machinery, which costs seconds, and `archbench --help`
should not pay for all of them. The table below is therefore the one place that knows every
subcommand's name, one-line summary and examples without importing it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from archbench import __version__
from archbench.cli_errors import EXIT_USER_ERROR, guarded

EPILOG = """\
exit codes (every command): 2 a usage or input error, named on stderr in one or two lines;
130 interrupted (Ctrl-C). Each command's own codes are in its --help.

Start with:  archbench demo --limit 7     (a 20-second offline tour; no model, no key)"""


@dataclass(frozen=True)
class Command:
    """A subcommand: where its parser lives, and what `archbench --help` says about it."""

    name: str
    module: str
    summary: str
    examples: tuple[str, ...]
    register: str = "add_parser"
    on_interrupt: str = "Nothing half-done was kept; run the same command again."


RESUMES = "Finished samples are kept: run the same command again to resume where it stopped."
CACHED = "Finished work is cached: run the same command again to continue."


COMMANDS = (
    Command(
        "demo",
        "archbench.commands.demo",
        "run every task offline with the reference and null control agents, then compare them",
        ("archbench demo --limit 7", "archbench demo --log-dir logs/demo --out reports/demo"),
        on_interrupt="The logs of finished evaluations are kept in the --log-dir folder "
        "(`inspect eval-retry LOG` finishes a cancelled one); run the demo again to start over.",
    ),
    Command(
        "ab",
        "archbench.commands.ab",
        "run a base and a candidate prompt version on the same tasks, then compare them",
        (
            "archbench ab python-backend-architect@v1 python-backend-architect@v2 --task review "
            "--model archbench/offline -M script=examples/replies.yaml",
            "archbench ab python-backend-architect@v1 python-backend-architect@v2 --task implement "
            "--model anthropic/claude-sonnet-4-5 --epochs 3",
        ),
        on_interrupt=RESUMES,
    ),
    Command(
        "compare",
        "archbench.compare",
        "compare two prompt versions from their logs: a verdict per task and metric",
        (
            "archbench compare python-backend-architect@v1 python-backend-architect@v2",
            "archbench compare reference null --log-dir logs/demo --delta bug_detection=0.1",
        ),
        register="add_compare_parser",
    ),
    Command(
        "trend",
        "archbench.compare",
        "plot every agent version and metric over the runs in a log folder",
        ("archbench trend --log-dir logs/nightly --out reports/trend",),
        register="add_trend_parser",
    ),
    Command(
        "nightly",
        "archbench.commands.nightly",
        "run benchmark.yaml's candidates against its baseline within a budget, then compare",
        ("archbench nightly --estimate-only", "archbench nightly --config benchmark.yaml"),
        on_interrupt=RESUMES,
    ),
    Command(
        "plan",
        "archbench.commands.plan",
        "how many samples and epochs catch a drop of a given size, and what that costs",
        ("archbench plan --config benchmark.yaml", "archbench plan --drop 0.15 --format markdown"),
    ),
    Command(
        "prompt-check",
        "archbench.commands.prompt_check",
        "compare each agent prompt changed between two commits (the pull-request check)",
        ("archbench prompt-check --base origin/main --head HEAD",),
        on_interrupt=RESUMES,
    ),
    Command(
        "judge-check",
        "archbench.commands.judge_check",
        "measure a grader model against labelled answers (Cohen's kappa, test-retest)",
        (
            "archbench judge-check --list",
            "archbench judge-check --model-role grader=anthropic/claude-sonnet-4-5 --limit 20",
        ),
        on_interrupt="Judge calls made so far are cached: run the same command again to continue.",
    ),
    Command(
        "regrade",
        "archbench.commands.regrade",
        "re-score an existing log with the current graders (no generation)",
        ("archbench regrade logs/demo/review.eval --out logs/demo/review-regraded.eval",),
    ),
    Command(
        "validate",
        "archbench.commands.validate",
        "check every dataset task's gold answer and hidden tests",
        ("archbench validate --kind review", "archbench validate --mutants --cached-only"),
        on_interrupt=CACHED,
    ),
    Command(
        "seed-bugs",
        "archbench.commands.seed_bugs",
        "write review samples by mutating the gold code of backend tasks",
        ("archbench seed-bugs --dry-run", "archbench seed-bugs --seed 7 --count 20"),
    ),
    Command(
        "quality",
        "archbench.commands.quality",
        "grade a Python package's own modularity and minimality, per subpackage",
        ("archbench quality src/archbench --usage tests evals benchmarks",),
    ),
)
_BY_NAME = {command.name: command for command in COMMANDS}


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error in two lines instead of the whole usage block first."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {message}\n  (see: {self.prog} --help)\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with `command`'s real arguments; the other subcommands are listed only."""
    parser = _Parser(
        prog="archbench",
        description="Regression benchmark for agent prompts, on inspect-ai.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"archbench {__version__}", help="print the version"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for spec in COMMANDS:
        if spec.name == command:
            _register(spec, subparsers)
        else:
            subparsers.add_parser(spec.name, help=spec.summary)
    return parser


def _register(spec: Command, subparsers: Any) -> None:
    """Import the subcommand's module, let it add its parser, then add the summary and examples."""
    getattr(importlib.import_module(spec.module), spec.register)(subparsers)
    parser: argparse.ArgumentParser = subparsers.choices[spec.name]
    parser.description = parser.description or spec.summary
    parser.epilog = "examples:\n" + "\n".join(f"  {example}" for example in spec.examples)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


def requested_command(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (the top level takes no option with a value)."""
    return next((word for word in argv if word in _BY_NAME), None)


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(requested_command(words)).parse_args(words)
    spec = _BY_NAME[args.command]
    return guarded(lambda: int(args.handler(args)), args.command, spec.on_interrupt)


if __name__ == "__main__":
    raise SystemExit(main())
