"""`archbench regrade LOG`: re-score an existing log with the current graders, no generation.

Uses inspect's own re-scoring (`inspect_ai.score_async`), which rebuilds each sample's state from
the log; the scorers are the current ones for the log's kind of task. Code and review graders run
hidden tests, so each sample gets a fresh sandbox of the log's type for the duration of its
scoring. Judge calls go through inspect's cache with the same keys as during the eval, so a
re-grade of an unchanged log with the same grader makes no model calls.

Errored samples are carried over untouched and stay out of the metrics, as in the eval. The new
log's `graders` metadata is the current one, so compare sees which graders produced it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import anyio
from inspect_ai import score_async

# inspect has no public API for a sandbox outside a running eval; these are what eval uses.
from inspect_ai.dataset import Sample
from inspect_ai.log import EvalLog, EvalSample, read_eval_log, write_eval_log
from inspect_ai.model import Model
from inspect_ai.scorer import Scorer
from inspect_ai.util import SandboxEnvironmentSpec

from archbench.commands.judge_check import grader_model, model_args_from, roles_from
from archbench.core.errors import ArchbenchError
from archbench.core.registry import dataset_kinds
from archbench.core.run_metadata import RunMetadata
from archbench.evalkit import GRADER_ROLE, build_task, grader_versions, model_id
from archbench.inspect_compat import registry_find_sandboxenv, sandboxenv_context

KINDS = dataset_kinds()
SampleOpener = Callable[[int], AbstractAsyncContextManager[EvalSample]]


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "regrade",
        help="re-score an existing log with the current graders (no generation)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("log", type=Path, help="the .eval log to re-score")
    parser.add_argument("--out", type=Path, help="the new log (default: LOG-regraded.eval)")
    parser.add_argument(
        "--model-role",
        action="append",
        default=[],
        metavar="grader=MODEL",
        help="the judge (default: the grader bound in the log, if any)",
    )
    parser.add_argument(
        "-M", "--model-arg", action="append", default=[], metavar="KEY=VALUE", help="grader args"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    roles = roles_from(args.model_role)
    grader = roles.get(GRADER_ROLE)
    roles_override = (
        {GRADER_ROLE: grader_model(grader, model_args_from(args.model_arg))} if grader else None
    )
    out = args.out or args.log.with_name(f"{args.log.stem}-regraded{args.log.suffix}")
    log = anyio.run(functools.partial(regrade, args.log, roles_override))
    write_eval_log(log, str(out))
    print(f"regraded {len(log.samples or [])} samples of {args.log} -> {out}")
    return 0


async def regrade(log_file: Path, model_roles: Mapping[str, Model] | None = None) -> EvalLog:
    """The log re-scored by the current graders, scores overwritten, errored samples kept."""
    log = _read(log_file)
    kind = _kind(log)
    task = build_task(kind, "reference", **_task_args(log))  # type: ignore[arg-type]
    scorers: list[Scorer] = list(task.scorer or [])
    samples = log.samples or []
    # inspect re-scores the samples it is handed in place: hand it copies, errored ones left out.
    scorable = [sample.model_copy(deep=True) for sample in samples if sample.error is None]
    opener = _with_sandboxes(scorable, log.eval.task, log.eval.sandbox)
    async with _task_sandbox(log.eval.task, log.eval.sandbox):
        scored = await score_async(
            _only(log, scorable),
            scorers,
            model="none",
            model_roles=dict(model_roles) if model_roles else None,
            action="overwrite",
            display="none",
            samples=opener,
            copy=False,
        )
    finished = _finish(scored, scorable, samples, _grader_id(log, model_roles), log_file)
    if finished.results and log.results:  # errored samples still count in the sample total
        finished.results.total_samples = log.results.total_samples
    return finished


def _only(log: EvalLog, samples: list[EvalSample]) -> EvalLog:
    """The log holding only `samples`: inspect sizes its streamed re-scoring by the results."""
    results = (
        log.results.model_copy(update={"total_samples": len(samples)}) if log.results else None
    )
    return log.model_copy(update={"samples": samples, "results": results})


def _grader_id(log: EvalLog, model_roles: Mapping[str, Model] | None) -> str | None:
    if model_roles and GRADER_ROLE in model_roles:
        return model_id(model_roles[GRADER_ROLE])
    bound = (log.eval.model_roles or {}).get(GRADER_ROLE)
    first = bound[0] if isinstance(bound, list) and bound else bound
    return first.model if first and not isinstance(first, list) else None


def _read(log_file: Path) -> EvalLog:
    try:
        log = read_eval_log(str(log_file))
    except (OSError, ValueError) as error:
        raise ArchbenchError(f"cannot read log {log_file}: {error}") from error
    if not log.samples:
        raise ArchbenchError(f"log {log_file} holds no samples to re-score")
    return log


def _kind(log: EvalLog) -> str:
    kind = log.eval.task.rsplit("/", 1)[-1]
    if kind not in KINDS:
        raise ArchbenchError(f"log task '{log.eval.task}' is not an archbench task ({KINDS})")
    return kind


def _task_args(log: EvalLog) -> dict[str, Any]:
    """The task arguments that shape the scorers; agentic work directories are not in the log."""
    args = log.eval.task_args or {}
    if args.get("mode", "single") != "single":
        raise ArchbenchError(
            "agentic logs cannot be re-graded: the work directory the agent left is not in the log"
        )
    return {key: args[key] for key in ("sandbox",) if key in args}


@contextlib.asynccontextmanager
async def _task_sandbox(task_name: str, spec: SandboxEnvironmentSpec | None) -> AsyncIterator[None]:
    """The sandbox type's task-level setup and cleanup, as an eval does around its samples."""
    if spec is None:
        yield
        return
    environment = registry_find_sandboxenv(spec.type)
    await environment.task_init(task_name, spec.config)
    try:
        yield
    finally:
        await environment.task_cleanup(task_name, spec.config, True)


def _with_sandboxes(
    samples: list[EvalSample], task_name: str, spec: SandboxEnvironmentSpec | None
) -> SampleOpener:
    """Opens each sample inside a fresh sandbox, so graders that run tests have one."""

    @contextlib.asynccontextmanager
    async def opened(index: int) -> AsyncIterator[EvalSample]:
        sample = samples[index]
        if spec is None:
            yield sample
            return
        stub = Sample(id=sample.id, input="", metadata=dict(sample.metadata or {}))
        async with sandboxenv_context(task_name, spec, None, True, stub):
            yield sample

    return opened


def _finish(
    scored: EvalLog,
    rescored: list[EvalSample],
    original: list[EvalSample],
    grader: str | None,
    log_file: Path,
) -> EvalLog:
    """Errored samples back in their places; the current graders' versions in the metadata."""
    by_key = {(s.id, s.epoch): s for s in rescored}
    merged = [by_key.get((s.id, s.epoch), s) for s in original]
    metadata = RunMetadata.from_log(
        {
            **(scored.eval.metadata or {}),
            "graders": grader_versions(),
            "regraded_from": str(log_file),
            "regraded_at": datetime.now(UTC).isoformat(),
            "regraded_grader": grader,
        },
        str(log_file),
    ).to_log()
    eval_spec = scored.eval.model_copy(update={"metadata": metadata})
    return scored.model_copy(update={"samples": merged, "eval": eval_spec})
