"""Agentic mode's inspect adapter: the agent loop, its simulated user, and the files it leaves.

The loop is inspect's `react` without a submit tool, which is how Claude Code ends a subagent:
the first reply without tool calls is the final answer, unless it is a clarifying question, which
the simulated user answers once (see `archbench.core.agentic.ClarificationPolicy`). The tools are
in `_agentic_tools`, the sandbox access in `_agentic_sandbox`.
"""

from __future__ import annotations

from collections.abc import Mapping

from inspect_ai.agent import AgentContinue, AgentState, as_solver, react
from inspect_ai.model import ChatMessageSystem, ChatMessageUser
from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.util import SandboxEnvironment, sandbox, store

from archbench.core.agentic import (
    AgenticError,
    ClarificationPolicy,
    ToolGrant,
    delivered_work,
    environment_note,
)
from archbench.core.answer import RESERVED_PREFIXES, ExtractedFiles, extract_findings
from archbench.core.dataset import TaskRecord
from archbench.core.prompt import AgentPrompt
from archbench.core.registry import ASKED_METRIC, CLARIFICATION_METRIC
from archbench.evalkit._agentic_sandbox import (
    FILE_OPERATION_SECONDS,
    run_in_sandbox,
    sandbox_files,
    work_dir_path,
)
from archbench.evalkit._agentic_tools import granted_tools
from archbench.evalkit._answer_key import task_records
from archbench.runner import SandboxWorkspace

CLARIFICATIONS_KEY = "archbench:clarification_turns"


# --------------------------------------------------------------------------- clarification


def clarification_turns(state: TaskState) -> float:
    """How often the simulated user answered a question in this sample (lower is better)."""
    return float(state.store.get(CLARIFICATIONS_KEY, 0))


def clarification_scores(state: TaskState, record: TaskRecord) -> dict[str, float]:
    """`clarification_turns`, or on a clarification task `asked_for_clarification` instead.

    A clarification task's request leaves one decision open on purpose, so asking is the
    right move there: its samples are kept out of `clarification_turns` (fewer is better) and
    score 1 in `asked_for_clarification` when the agent asked. NaN marks the metric that does
    not apply (unscored, not zero).
    """
    turns = clarification_turns(state)
    if record.clarification_reply is None:
        return {CLARIFICATION_METRIC: turns, ASKED_METRIC: _NOT_APPLICABLE}
    return {CLARIFICATION_METRIC: _NOT_APPLICABLE, ASKED_METRIC: 1.0 if turns else 0.0}


_NOT_APPLICABLE = float("nan")


def _count_clarification() -> None:
    store().set(CLARIFICATIONS_KEY, int(store().get(CLARIFICATIONS_KEY, 0)) + 1)


async def clarify_single_turn(
    state: TaskState, generate: Generate, kind: str, policy: ClarificationPolicy
) -> TaskState:
    """Single-turn mode: a question instead of an answer gets the simulated reply, once."""
    store().set(CLARIFICATIONS_KEY, 0)
    while True:
        answer = state.output.completion
        turns = int(store().get(CLARIFICATIONS_KEY, 0))
        reply = policy.reply_to(answer, delivered_work(answer, kind), turns)
        if reply is None:
            return state
        _count_clarification()
        state.messages.append(ChatMessageUser(content=reply))
        state = await generate(state)


# --------------------------------------------------------------------------- the agent loop


@solver
def agentic_agent(
    prompt: AgentPrompt,
    answer_key: str,
    grant: ToolGrant,
    policy: ClarificationPolicy,
) -> Solver:
    """The agent under test in a tool loop on a copy of the starter files in the sandbox.

    `answer_key` is the handle of the task records (see `_answer_key`), not the records.
    """
    records = task_records(answer_key)

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        record = records[str(state.sample_id)]
        box = sandbox()
        await SandboxWorkspace(box).write_files(record.shown)
        work_dir = await work_dir_path(box)
        store().set(CLARIFICATIONS_KEY, 0)
        state.metadata["agentic"] = {"work_dir": work_dir, "tools": list(grant.granted)}
        # The body is inserted verbatim (not templated); the environment follows it, as in
        # Claude Code, in a message of its own so the prompt's text stays byte for byte.
        state.messages[0:0] = [
            ChatMessageSystem(content=prompt.body),
            ChatMessageSystem(content=environment_note(work_dir)),
        ]
        task_policy = policy.for_task(record.clarification_reply)
        agent = react(
            tools=granted_tools(grant, work_dir),
            submit=False,
            on_continue=_continue_unless_done(record, task_policy),
        )
        try:
            return await as_solver(agent)(state, generate)
        finally:
            state.metadata["agentic"]["refused_tool_calls"] = refused_calls(state, grant)

    return solve


def _continue_unless_done(record: TaskRecord, policy: ClarificationPolicy) -> AgentContinue:
    """react's `on_continue`: keep going on tool calls; answer one question; else stop."""

    async def on_continue(agent_state: AgentState) -> bool | str:
        if agent_state.output.message.tool_calls:
            return True
        answer = agent_state.output.completion
        turns = int(store().get(CLARIFICATIONS_KEY, 0))
        worked = await _work_delivered(record, answer)
        reply = policy.reply_to(answer, worked, turns)
        if reply is None:
            return False
        _count_clarification()
        return reply

    return on_continue


async def _work_delivered(record: TaskRecord, answer: str) -> bool:
    """Work, in agentic mode, is a changed work directory or (review) a findings block."""
    if record.kind == "review" and extract_findings(answer).findings is not None:
        return True
    current = await sandbox_files(sandbox(), ".", dump=True)
    return current != dict(record.shown)


def refused_calls(state: TaskState, grant: ToolGrant) -> list[str]:
    """The tool names the agent called without having been granted them, in call order."""
    granted = set(grant.granted)
    return [
        call.function
        for message in state.messages
        if message.role == "assistant"
        for call in (message.tool_calls or [])
        if call.function not in granted
    ]


@solver
def lay_out_control_files(answer_key: str, with_gold: bool) -> Solver:
    """Agentic mode for the model-free controls: the work directory they leave behind.

    `null` leaves the starter untouched; `reference` lays the gold solution over it (without
    the files the task deletes), as an agent that solved the task would.
    """
    records = task_records(answer_key)

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        del generate  # required by inspect's interface; unused here
        record = records[str(state.sample_id)]
        files = dict(record.shown)
        if with_gold:
            deleted = getattr(record.spec, "delete", [])
            files = {path: text for path, text in files.items() if path not in deleted}
            files.update(record.gold)
        await SandboxWorkspace(sandbox()).write_files(files)
        return state

    return solve


# --------------------------------------------------------------------------- grading input


async def take_work_dir_files(box: SandboxEnvironment) -> ExtractedFiles:
    """The agent's final files, read inside the sandbox; then the work directory is emptied.

    Grading then lays these files in a clean directory, exactly as it lays an answer's files,
    so nothing the agent left behind (a planted `_hidden_tests/conftest.py`, a symlink) can
    touch the hidden tests copied in afterwards.
    """
    found = await sandbox_files(box, ".", dump=True)
    files = {path: text for path, text in found.items() if not _is_reserved(path)}
    rejected = {path: "reserved for the grader" for path in found if _is_reserved(path)}
    wipe = ["find", ".", "-mindepth", "1", "-delete"]
    wiped = await run_in_sandbox(box, wipe, FILE_OPERATION_SECONDS)
    if not wiped.success:
        raise AgenticError(f"cannot empty the work directory: {wiped.stderr.strip()}")
    return ExtractedFiles(files=files, rejected=rejected)


def _is_reserved(path: str) -> bool:
    return path.split("/")[0] in RESERVED_PREFIXES


def changed_files(files: Mapping[str, str], starter: Mapping[str, str]) -> dict[str, str]:
    """Files the agent added or changed relative to the starter."""
    return {path: text for path, text in files.items() if starter.get(path) != text}
