"""`archbench ab BASE CANDIDATE --task T --model M`: run two prompt versions, then compare them.

One command from "I changed my prompt" to a verdict. Both versions run in one inspect eval set
under `<log-dir>/<base>-vs-<candidate>/`: a second invocation reuses the finished logs, and a
run that was interrupted continues where it stopped (finished samples are not paid for again).
The comparison is `archbench compare`'s, with its reports and exit codes (0 NO REGRESSION or
NOT ENOUGH EVIDENCE, 1 REGRESSION, 2 INVALID COMPARISON, 4 NOT ENOUGH EVIDENCE with
--fail-on-inconclusive), plus 3 when a run did not finish.

"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

import yaml

from archbench.cli_errors import positive_int, stop_if_cancelled, writable_folder
from archbench.core.errors import ArchbenchError
from archbench.core.registry import KIND_NAMES

TASKS = KIND_NAMES
EXIT_INCOMPLETE = 3
_UNSAFE = re.compile(r"[^A-Za-z0-9._@-]+")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ab",
        help="run a base and a candidate prompt version on the same tasks, then compare them",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("base", help="base version: name@version, name@git:REV, reference, null")
    parser.add_argument("candidate", help="candidate version (same forms as base)")
    parser.add_argument(
        "--task", action="append", choices=TASKS, required=True,
        help="a task to run both versions on (repeatable)",
    )  # fmt: skip
    parser.add_argument("--model", required=True, help="model under test, e.g. anthropic/<id>")
    parser.add_argument(
        "-M", "--model-arg", action="append", default=[], metavar="KEY=VALUE",
        help="argument for the model, YAML-parsed (e.g. -M script=examples/replies.yaml)",
    )  # fmt: skip
    parser.add_argument(
        "--grader-model", metavar="MODEL", help="the rubric judge (judge_* scores); omit to skip"
    )
    parser.add_argument("--epochs", type=positive_int, default=1, help="runs per sample")
    parser.add_argument("--limit", type=positive_int, help="at most N samples per task")
    parser.add_argument(
        "--sample-id", action="append", metavar="ID[,ID...]",
        help="run only these samples (comma-separated, repeatable)",
    )  # fmt: skip
    parser.add_argument("--log-dir", type=Path, default=Path("logs/ab"), help="default: logs/ab")
    parser.add_argument("--out", type=Path, help="default: reports/<base>-vs-<candidate>/")
    parser.add_argument(
        "--fail-on-inconclusive", action="store_true",
        help="exit 4 when compare says NOT ENOUGH EVIDENCE (default: 0)",
    )  # fmt: skip
    parser.set_defaults(handler=run)


def parse_model_args(pairs: list[str]) -> dict[str, Any]:
    """`KEY=VALUE` pairs, each value read as YAML (as inspect's -M does)."""
    parsed: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ArchbenchError(f"-M {pair}: expected KEY=VALUE")
        parsed[key] = yaml.safe_load(value)
    return parsed


def _sample_ids(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def run(args: argparse.Namespace) -> int:
    from archbench.commands.nightly import missing_key
    from archbench.compare import CompareOptions, run_comparison

    missing = missing_key([model for model in (args.model, args.grader_model) if model])
    if missing:
        raise ArchbenchError(f"{missing}; nothing was run")
    pair = _UNSAFE.sub("_", f"{args.base}-vs-{args.candidate}")
    log_dir = writable_folder(args.log_dir, "--log-dir") / pair
    if args.out:
        writable_folder(args.out, "--out")
    if not _run_both(args, log_dir):
        print(f"not compared: run the same command again to resume from {log_dir}")
        return EXIT_INCOMPLETE
    options = CompareOptions(fail_on_inconclusive=args.fail_on_inconclusive)
    return run_comparison(args.base, args.candidate, log_dir, args.out, options)


def _run_both(args: argparse.Namespace, log_dir: Path) -> bool:
    """Both versions on every task in one eval set; True when every log finished."""
    from inspect_ai import eval_set

    tasks = [_build(kind, agent) for agent in (args.base, args.candidate) for kind in args.task]
    print(f"running {len(tasks)} evaluations into {log_dir} (a re-run resumes there)")
    grader = {"grader": args.grader_model} if args.grader_model else None
    finished, logs = eval_set(
        tasks, log_dir=str(log_dir), model=args.model,
        model_args=parse_model_args(args.model_arg), model_roles=grader, epochs=args.epochs,
        limit=args.limit, sample_id=_sample_ids(args.sample_id), retry_attempts=3, max_tasks=2,
    )  # fmt: skip
    stop_if_cancelled(logs)
    incomplete = [log for log in logs if log.status != "success"]
    for log in incomplete:
        print(f"{log.eval.task} ended with status '{log.status}' ({log.location})")
    return finished and not incomplete


def _build(kind: str, agent: str) -> Any:
    """The registered inspect task (so the log records `agent` among its task args, and an
    eval set can tell the two versions' runs of one task apart)."""
    from archbench.tasks import TASKS

    return TASKS[kind](agent=agent)
