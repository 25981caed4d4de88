"""The `archbench` command line: one subcommand per module, each returning its exit code."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from archbench.commands import (
    ab,
    demo,
    judge_check,
    nightly,
    plan,
    prompt_check,
    quality,
    regrade,
    seed_bugs,
    validate,
)
from archbench.compare import add_compare_parser, add_trend_parser
from archbench.core.errors import ArchbenchError

EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archbench", description="Regression benchmark for agent prompts, on inspect-ai."
    )
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in (
        demo,
        ab,
        validate,
        seed_bugs,
        quality,
        nightly,
        plan,
        prompt_check,
        judge_check,
        regrade,
    ):
        module.add_parser(subparsers)
    add_compare_parser(subparsers)
    add_trend_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        exit_code: int = args.handler(args)
    except ArchbenchError as error:
        print(f"archbench: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return exit_code


if __name__ == "__main__":
    raise SystemExit(main())
