"""Solvers: a prompt agent (system message = prompt body), and the two model-free controls."""

from __future__ import annotations

from inspect_ai.model import ChatMessageAssistant, ChatMessageSystem, ModelOutput
from inspect_ai.solver import Generate, Solver, TaskState, solver

from archbench.core.agent_ref import REFERENCE_AGENT
from archbench.core.agentic import ClarificationPolicy
from archbench.core.harness import reference_answer
from archbench.core.prompt import AgentPrompt
from archbench.evalkit._agentic import clarify_single_turn
from archbench.evalkit._answer_key import task_records


@solver
def prompt_agent(
    agent: AgentPrompt, clarification: ClarificationPolicy | None = None, answer_key: str = ""
) -> Solver:
    """Answer with the model under test, the agent's prompt body as its system message.

    An answer that is a question gets the simulated user's reply (once) and a second turn: the
    task's own `clarification_reply` when it has one (looked up through `answer_key`, the
    handle of the task records, so the reply reaches the log only if the agent asks).
    """
    records = task_records(answer_key) if answer_key else {}

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        # Inserted as a message rather than through system_message(), which would treat braces
        # in the prompt as template fields and change the text the model sees.
        state.messages.insert(0, ChatMessageSystem(content=agent.body))
        state = await generate(state)
        record = records.get(str(state.sample_id))
        policy = (clarification or ClarificationPolicy()).for_task(
            record.clarification_reply if record else None
        )
        kind = str(state.metadata.get("kind", ""))
        return await clarify_single_turn(state, generate, kind, policy)

    return solve


@solver
def control_agent(name: str, answer_key: str) -> Solver:
    """`reference` answers with the gold answer, `null` with nothing; neither calls a model.

    `answer_key` is the handle of the task records (see `_answer_key`), not the records.
    """
    records = task_records(answer_key)

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        del generate  # required by inspect's interface; unused here
        record = records[str(state.sample_id)]
        text = reference_answer(record) if name == REFERENCE_AGENT else ""
        state.output = ModelOutput.from_content(f"archbench/{name}", text)
        state.messages.append(ChatMessageAssistant(content=text, model=f"archbench/{name}"))
        return state

    return solve
