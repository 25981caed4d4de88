"""Build the inspect Task for one kind of work from the dataset and an agent reference."""

from __future__ import annotations

import logging
import os
from typing import Any

from inspect_ai import Task

# inspect's CLI prints a PrerequisiteError's message without a traceback; it has no public alias.
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import get_model
from inspect_ai.scorer import Scorer
from inspect_ai.solver import Solver, chain

from archbench import __version__
from archbench.core.agent_ref import CONTROL_AGENTS, REFERENCE_AGENT
from archbench.core.agentic import (
    DEFAULT_CLARIFICATION_REPLY,
    ClarificationPolicy,
    RunSettings,
    build_agentic_message,
    parse_model_aliases,
    resolve_model,
    resolve_tool_grant,
    validate_mode,
)
from archbench.core.dataset import TaskKind, TaskRecord, dataset_version
from archbench.core.errors import ArchbenchError
from archbench.core.harness import HARNESS_VERSION, build_user_message
from archbench.core.registry import KINDS
from archbench.core.run_metadata import RunMetadata
from archbench.evalkit._agentic import agentic_agent, lay_out_control_files
from archbench.evalkit._answer_key import deposit_records
from archbench.evalkit._scorers import (
    code_task_grader,
    design_grader,
    grader_versions,
    metrics_for_log,
    review_grader,
)
from archbench.evalkit._solvers import control_agent, prompt_agent
from archbench.evalkit._task_params import agent_reference, task_errors
from archbench.inspect_compat import PrerequisiteError
from archbench.io.agents import load_agent
from archbench.io.datasets import load_kind
from archbench.runner import SANDBOX_NAME

DEFAULT_AGENT = "python-backend-architect"
UNISOLATED_SANDBOX = "local"
logger = logging.getLogger(__name__)


class MissingModelError(ArchbenchError, PrerequisiteError):
    """A prompt agent was asked to run without a model under test.

    Also a PrerequisiteError so that the inspect CLI prints the message alone, no traceback.
    """

    def __init__(self, message: str) -> None:
        ArchbenchError.__init__(self, message)
        self.message = message


def build_task(
    kind: TaskKind,
    agent: str | None = DEFAULT_AGENT,
    sandbox: str = SANDBOX_NAME,
    mode: str = "single",
    honor_model: bool = False,
    clarification_reply: str = DEFAULT_CLARIFICATION_REPLY,
) -> Task:
    """The Task for `kind`, answered by `agent` (a prompt reference, `reference` or `null`).

    `sandbox` is where graded code runs: the isolated bubblewrap sandbox by default; `local`
    (no isolation) only when asked for explicitly. `mode=agentic` runs the agent in a tool loop
    in that sandbox; `honor_model` runs it with its frontmatter's model instead of `--model`.
    """
    with task_errors():
        return _build_task(
            kind, agent_reference(agent), sandbox, mode, honor_model, clarification_reply
        )


def _build_task(
    kind: TaskKind,
    agent: str,
    sandbox: str,
    mode: str,
    honor_model: bool,
    clarification_reply: str,
) -> Task:
    settings = RunSettings(
        validate_mode(kind, mode), honor_model, ClarificationPolicy(clarification_reply)
    )
    if sandbox not in (SANDBOX_NAME, UNISOLATED_SANDBOX) and not sandbox.startswith("docker"):
        raise ArchbenchError(f"unknown sandbox '{sandbox}': use {SANDBOX_NAME}, local or docker")
    loaded = load_kind(kind)
    for error in loaded.errors:
        logger.warning("skipping invalid task: %s", error)
    records = {record.id: record for record in loaded.records}
    if not records:
        raise ArchbenchError(f"no valid '{kind}' tasks to run ({len(loaded.errors)} invalid)")
    answer_key = deposit_records(kind, records)
    solver, agent_metadata = _agent_solver(agent, answer_key, settings)
    samples = [_sample(record, settings) for record in records.values()]
    return Task(
        name=kind,
        dataset=MemoryDataset(samples, name=kind),
        solver=solver,
        scorer=_grader(kind, answer_key, settings),
        sandbox=_sandbox_spec(sandbox),
        model=agent_metadata.get("agent_model_id"),
        message_limit=settings.task_limit("message_limit"),
        token_limit=settings.task_limit("token_limit"),
        time_limit=settings.task_limit("time_limit"),
        tags=[agent],  # inspect view's list tells the runs apart at a glance
        metadata=RunMetadata.for_run(
            agent_reference=agent,
            **agent_metadata,
            **settings.as_metadata(),
            dataset_version=dataset_version(records.values()),
            archbench_version=__version__,
            harness_version=HARNESS_VERSION,
            graders=grader_versions(),
            metrics=metrics_for_log(kind),
            invalid_tasks=[str(error) for error in loaded.errors],
            sandbox=sandbox,
        ).to_log(),
    )


def _sandbox_spec(sandbox: str) -> str | tuple[str, str]:
    """`docker:compose.yaml` (as given with -T) becomes inspect's (type, config) form."""
    kind, _, config = sandbox.partition(":")
    return (kind, config) if config else kind


def _sample(record: TaskRecord, settings: RunSettings) -> Sample:
    agentic = settings.mode == "agentic"
    return Sample(
        id=record.id,
        input=build_agentic_message(record) if agentic else build_user_message(record),
        metadata={
            "task_id": record.id,
            "kind": record.kind,
            "title": record.spec.title,
            "difficulty": record.spec.difficulty,
            "tier": record.spec.tier,
            "tags": list(record.spec.tags),
            **_review_metadata(record),
        },
    )


def _review_metadata(record: TaskRecord) -> dict[str, Any]:
    spec = record.spec
    if spec.kind != "review":
        return {}
    return {"origin": spec.origin, "category": spec.category}


def _agent_solver(
    agent: str, answer_key: str, settings: RunSettings
) -> tuple[Solver, dict[str, Any]]:
    if agent in CONTROL_AGENTS:
        control = {"agent": agent, "agent_version": None, "agent_sha256": None, "agent_path": None}
        if settings.mode == "agentic":
            files = lay_out_control_files(answer_key, with_gold=agent == REFERENCE_AGENT)
            return chain(files, control_agent(agent, answer_key)), control
        return control_agent(agent, answer_key), control
    prompt = load_agent(agent)
    model_id = resolve_model(prompt.model, settings.honor_model, _model_aliases())
    if model_id is None:
        _require_model(agent)
    metadata: dict[str, Any] = {
        "agent": prompt.name,
        "agent_version": prompt.version,
        "agent_sha256": prompt.sha256,
        "agent_path": prompt.path,
        "agent_model": prompt.model,
        "agent_tools": list(prompt.tools),
        "agent_model_id": model_id,
    }
    if settings.mode == "agentic":
        grant = resolve_tool_grant(prompt.tools)
        metadata["tool_grant"] = grant.as_metadata()
        return agentic_agent(prompt, answer_key, grant, settings.clarification), metadata
    return prompt_agent(prompt, settings.clarification, answer_key), metadata


MODEL_ALIASES_VARIABLE = "ARCHBENCH_MODEL_ALIASES"


def _model_aliases() -> dict[str, str]:
    """Frontmatter model aliases for `honor_model`, overridable with ARCHBENCH_MODEL_ALIASES."""
    try:
        return parse_model_aliases(os.environ.get(MODEL_ALIASES_VARIABLE, ""))
    except ValueError as error:
        raise ArchbenchError(f"{MODEL_ALIASES_VARIABLE}: {error}") from error


def _require_model(agent: str) -> None:
    """Stop before any sample runs: inspect alone would quietly use no model and exit 0.

    `inspect eval` makes the model active before it creates tasks, so this catches a missing
    `--model`. A task built outside an eval (Python API) has no active model yet: nothing to check.
    """
    try:
        model = str(get_model())
    except ValueError:
        return
    if model == "none/none":
        raise MissingModelError(
            f"agent '{agent}' needs a model under test: pass --model (e.g. "
            "--model anthropic/claude-sonnet-4-5, or --model archbench/offline for scripted "
            "offline answers) or set INSPECT_EVAL_MODEL; only the 'reference' and 'null' "
            "control agents run without one"
        )


def _grader(kind: TaskKind, answer_key: str, settings: RunSettings) -> Scorer:
    from_work_dir = settings.mode == "agentic"
    grader = KINDS[kind].grader
    if grader == "code_task_grader":
        return code_task_grader(answer_key, from_work_dir)
    if grader == "review_grader":
        return review_grader(answer_key, from_work_dir)
    return design_grader(answer_key)
