"""What the agent is told in agentic mode: the user turn and the environment note."""

from __future__ import annotations

from archbench.core.dataset import ReviewTaskSpec, TaskRecord
from archbench.core.harness import FINDING_SHAPE

AGENTIC_FILE_PROTOCOL = """\
The project is in your working directory. Make your changes there with your tools: the final \
state of the working directory is what gets graded, so there is nothing to paste into your \
answer. When you are done, reply with a short summary of what you changed."""

AGENTIC_FINDINGS_PROTOCOL = f"""\
The code to review is in your working directory. Finish your review with a findings block in \
your final answer: a fenced `json` block holding a list of findings, each {FINDING_SHAPE}. \
Report an empty list `[]` when you find no issue worth fixing. You may also fix the code in \
place in the working directory; the fix is then checked."""


def build_agentic_message(record: TaskRecord) -> str:
    """The user turn in agentic mode: the request, the files present, and the protocol."""
    sections = [record.request.strip()]
    if record.shown:
        listing = "\n".join(f"- {path}" for path in sorted(record.shown))
        sections.append(f"Files in the working directory:\n{listing}")
    is_review = isinstance(record.spec, ReviewTaskSpec)
    sections.append(AGENTIC_FINDINGS_PROTOCOL if is_review else AGENTIC_FILE_PROTOCOL)
    return "\n\n".join(sections) + "\n"


def environment_note(work_dir: str) -> str:
    """What Claude Code tells a subagent about its environment, reduced to what holds here."""
    return (
        "<env>\n"
        f"Working directory: {work_dir}\n"
        "Network access: none\n"
        "</env>\n"
        "Tool paths may be absolute (inside the working directory) or relative to it."
    )
