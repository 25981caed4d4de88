"""The harness's user message: identical for every prompt version, built only from the sample.

This module is the single place that states the answer protocol (files as fenced blocks with
`path=`, review findings as a fenced JSON list), so that every kind of task, every control agent
and every grader agree on it. Changing it changes every run's identity: `HARNESS_VERSION` is
recorded in each log.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from archbench.core.dataset import DesignTaskSpec, ReviewTaskSpec, TaskRecord
from archbench.core.registry import GRADER_VERSIONS
from archbench.core.review_match import SPAN_CAP

HARNESS_VERSION = GRADER_VERSIONS["harness"]

FILE_PROTOCOL = """\
Deliver every file you create or change in full, each as a fenced code block whose info string is \
the language followed by `path=<relative path>`, for example:

```python path=app/users.py
...the whole file...
```

Paths are relative to the project root. Files you do not deliver stay as they are."""

# One finding of the protocol, shared by the agentic harness. `lines` (issue 17 item 1) lets a
# reviewer point at a span; the grader's cap on its width is stated so no one is caught out.
FINDING_SHAPE = f"""\
`{{"file": "<relative path>", "lines": [<first line>, <last line>], \
"category": "<kebab-case category>", "severity": "critical|major|minor", \
"explanation": "<one sentence>"}}` (a span of at most {SPAN_CAP} lines; `"line": <line number>` \
for a single line)"""

FINDINGS_PROTOCOL = f"""\
Finish your review with a findings block: a fenced `json` block holding a list of findings, each \
{FINDING_SHAPE}. Report an empty list `[]` when you find no issue worth fixing. You may also \
deliver a fixed version of a file, in full, as a fenced code block whose info string is the \
language followed by `path=<relative path>`."""

DESIGN_PROTOCOL = "Answer in prose (Markdown). Code is welcome only where it clarifies the design."


def build_user_message(record: TaskRecord) -> str:
    """The user turn for a sample: the request, the files shown, and the answer protocol."""
    sections = [record.request.strip()]
    if record.shown:
        sections.append(_render_files(record.shown))
    sections.append(_protocol_for(record))
    return "\n\n".join(sections) + "\n"


def _protocol_for(record: TaskRecord) -> str:
    if isinstance(record.spec, ReviewTaskSpec):
        return FINDINGS_PROTOCOL
    if isinstance(record.spec, DesignTaskSpec):
        return DESIGN_PROTOCOL
    return FILE_PROTOCOL


def _render_files(files: Mapping[str, str]) -> str:
    blocks = [render_file_block(path, text) for path, text in sorted(files.items())]
    return "The project's current files:\n\n" + "\n\n".join(blocks)


def render_file_block(path: str, text: str) -> str:
    """A file in the answer protocol's own form, with a fence longer than any inside it."""
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    language = "python" if path.endswith(".py") else ""
    return f"{fence}{language} path={path}\n{text.rstrip(chr(10))}\n{fence}"


def _longest_backtick_run(text: str) -> int:
    longest = current = 0
    for char in text:
        current = current + 1 if char == "`" else 0
        longest = max(longest, current)
    return longest


def reference_answer(record: TaskRecord) -> str:
    """What the `reference` control agent answers: the gold solution in the answer protocol."""
    spec = record.spec
    if isinstance(spec, DesignTaskSpec):
        return record.gold["answer.md"]
    files = "\n\n".join(render_file_block(p, t) for p, t in sorted(record.gold.items()))
    if not isinstance(spec, ReviewTaskSpec):
        return files + "\n"
    findings = []
    if spec.bug is not None:
        findings.append(
            {
                "file": spec.bug.file,
                "lines": list(spec.bug.lines),
                "category": spec.category,
                "severity": "critical",
                "explanation": spec.bug.description,
            }
        )
    findings_block = "```json\n" + json.dumps(findings, indent=2) + "\n```"
    return "\n\n".join(part for part in (files, findings_block) if part) + "\n"
