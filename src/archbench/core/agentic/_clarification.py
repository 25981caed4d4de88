"""The simulated user: whether an answer is a clarifying question, and the reply it gets."""

from __future__ import annotations

from dataclasses import dataclass, replace

from archbench.core.answer import extract_files, extract_findings

DEFAULT_CLARIFICATION_REPLY = (
    "No further clarification is available; proceed and state your assumptions."
)
MAX_CLARIFICATION_TURNS = 1
# A design answer is prose: longer than this, it is taken as work even when it ends with a question.
DESIGN_WORK_WORDS = 150


def delivered_work(answer: str, kind: str) -> bool:
    """Whether a single-turn answer carries work: files, findings, or (design) a real answer."""
    if kind == "design":
        return len(_prose(answer).split()) > DESIGN_WORK_WORDS
    if extract_files(answer).files or extract_files(answer).rejected:
        return True
    return kind == "review" and extract_findings(answer).findings is not None


def asks_for_clarification(answer: str, has_delivered_work: bool) -> bool:
    """A deterministic reading of "the answer is a question rather than work".

    No work delivered, and the answer's closing paragraph (outside code blocks) ends with a
    question mark: the agent is waiting for the user.
    """
    if has_delivered_work:
        return False
    paragraphs = [part.strip() for part in _prose(answer).split("\n\n") if part.strip()]
    return bool(paragraphs) and paragraphs[-1].rstrip("*_ )").endswith("?")


def _prose(text: str) -> str:
    """The text without its fenced blocks."""
    kept: list[str] = []
    inside = False
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            inside = not inside
            continue
        if not inside:
            kept.append(line)
    return "\n".join(kept)


@dataclass(frozen=True)
class ClarificationPolicy:
    """The simulated user: one configurable reply, at most `max_turns` times per sample.

    A clarification task brings its own reply (`for_task`); the run-wide one answers the rest.
    """

    reply: str = DEFAULT_CLARIFICATION_REPLY
    max_turns: int = MAX_CLARIFICATION_TURNS

    def for_task(self, task_reply: str | None) -> ClarificationPolicy:
        """This policy answering with the task's own reply, when the task has one."""
        return self if task_reply is None else replace(self, reply=task_reply)

    def reply_to(self, answer: str, has_delivered_work: bool, turns_so_far: int) -> str | None:
        """The user's reply if the answer is a question that still gets one, else None."""
        if turns_so_far >= self.max_turns:
            return None
        return self.reply if asks_for_clarification(answer, has_delivered_work) else None
