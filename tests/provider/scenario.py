"""A tiny arithmetic task and the server script that answers it, shared by the provider tests.

The task asks "Question N: what is N + N?" and the script answers 2N by reading N from the
prompt, so every sample gets its own right answer however concurrent requests interleave; a
sample scored correct therefore proves the answer reached the right sample.
"""

from __future__ import annotations

import re
from collections import defaultdict

from inspect_ai import Task
from inspect_ai.dataset import Sample
from inspect_ai.scorer import includes
from inspect_ai.solver import generate, system_message

from archbench.testing import Exchange, Fault, RecordedRequest, Reply, RequestLog, Response, Script

MODEL = "anthropic/claude-sonnet-4-5"
SYSTEM_PROMPT = "You are a careful calculator.\nAnswer with the number only."
QUESTION_PATTERN = re.compile(r"Question (\d+): what is \d+ \+ \d+\?")


def question(index: int) -> str:
    return f"Question {index}: what is {index} + {index}?"


def arithmetic_task(samples: int = 10, cache: bool = False) -> Task:
    dataset = [
        Sample(id=index, input=question(index), target=str(2 * index))
        for index in range(1, samples + 1)
    ]
    return Task(
        dataset=dataset,
        solver=[system_message(SYSTEM_PROMPT), generate(cache=cache)],
        scorer=includes(),
    )


def answer_arithmetic(request: RecordedRequest) -> Response:
    """2N for "Question N", and a wrong answer for anything else."""
    match = QUESTION_PATTERN.search(request.first_user_text)
    if match is None:
        return Reply(text="I cannot tell which question this is.")
    return Reply(text=str(2 * int(match.group(1))))


def outcomes_by_question(exchanges: list[Exchange]) -> dict[str, list[str]]:
    """Each sample's answers in order, e.g. {"Question 3: ...": ["overloaded", "reply"]}."""
    outcomes: dict[str, list[str]] = defaultdict(list)
    for exchange in sorted(exchanges, key=lambda exchange: exchange.request.sequence):
        outcomes[exchange.request.first_user_text].append(exchange.outcome)
    return dict(outcomes)


def planned_outcomes(script: Script, questions: list[str]) -> dict[str, list[str]]:
    """What a perfectly retrying client meets: each question's faults, then its reply.

    Replays the script offline on stand-in requests; valid for scripts whose draws depend only
    on the prompt text and the attempt number.
    """
    log = RequestLog()
    plan: dict[str, list[str]] = {}
    for text in questions:
        body = {"model": "m", "max_tokens": 1, "messages": [{"role": "user", "content": text}]}
        outcomes: list[str] = []
        while not outcomes or outcomes[-1] != "reply":
            answer = script(log.admit("/v1/messages", {}, body, text.encode()))
            outcomes.append(answer.kind.value if isinstance(answer, Fault) else "reply")
        plan[text] = outcomes
    return plan


def sample_key(request: RecordedRequest) -> str:
    """Which sample a request belongs to: its question, stable across client versions."""
    return request.first_user_text
