"""Extract the files and review findings an agent delivered in its answer.

File extraction lives in `archbench.core.answer_files` (the shapes accepted) and
`archbench.core.answer_format` (how the packaging is described); they are re-exported here, the
one import for callers. This module holds the review findings: the `Finding` model and the
findings block, found when fenced `json`/`JSON`, unlabelled but parseable, wrapped in
`{"findings": [...]}`, or as the whole answer; malformed items are named one by one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from archbench.core.answer_files import (
    CANONICAL,
    COMMENT,
    HEADING,
    INFO_PATH,
    PATH_IN_INFO,
    RESERVED_PREFIXES,
    ExtractedFiles,
    extract_files,
    locate_block,
    normalise_path,
    path_problem,
)
from archbench.core.answer_format import (
    ambiguity_notes,
    describe_answer_format,
    plural,
    shadowed_stdlib_module,
)
from archbench.core.fences import CodeBlock, iter_code_blocks

__all__ = [
    "CANONICAL", "COMMENT", "HEADING", "INFO_PATH", "RESERVED_PREFIXES", "CodeBlock",
    "ExtractedFiles", "ExtractedFindings", "Finding", "ambiguity_notes", "describe_answer_format",
    "describe_item_problems", "extract_files", "extract_findings", "iter_code_blocks",
    "locate_block", "normalise_path", "path_problem", "shadowed_stdlib_module",
]  # fmt: skip

# Item-by-item reports of malformed findings stop here, so a flood cannot bury the explanation.
MAX_REPORTED_ITEM_PROBLEMS = 10


class Finding(BaseModel):
    """One review finding, as the harness template asks reviewers to report it.

    A finding names one `line` or a span `lines: [start, end]` (inclusive; given in either
    order); with only `lines`, `line` is its start.
    """

    model_config = ConfigDict(extra="ignore")

    file: str
    line: int
    lines: tuple[int, int] | None = None
    category: str = ""
    severity: str = "major"
    explanation: str = ""

    @model_validator(mode="before")
    @classmethod
    def _line_from_span(cls, data: Any) -> Any:
        span = data.get("lines") if isinstance(data, dict) and "line" not in data else None
        if isinstance(span, list) and span and all(type(n) is int for n in span):
            return {**data, "line": min(span)}
        return data

    @field_validator("lines")
    @classmethod
    def _ordered_span(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is None:
            return None
        start, end = sorted(value)
        if start < 1:
            raise ValueError("line numbers start at 1")
        return (start, end)

    @field_validator("severity", "category")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()

    @property
    def span(self) -> tuple[int, int]:
        """The inclusive lines the finding points at."""
        return self.lines or (self.line, self.line)


@dataclass(frozen=True)
class ExtractedFindings:
    """The findings of a review, or None when no parseable findings block was found.

    `item_problems` names each malformed finding that was left out (the well-formed ones still
    count); `source` says how the block was found (`canonical` is a fenced `json` list).
    """

    findings: list[Finding] | None
    problem: str | None = None
    item_problems: tuple[str, ...] = ()
    source: str = ""

    @property
    def format_fallbacks(self) -> int:
        """1 when the findings block was found only by a fallback, else 0."""
        return int(self.findings is not None and self.source != CANONICAL)

    def describe(self) -> str:
        """One line on the findings block: how it was found, or why none could be used."""
        if self.findings is None:
            return self.problem or "no findings block in the answer"
        line = f"findings block: {plural(len(self.findings), 'finding')} ({self.source})"
        if self.item_problems:
            line += f"; {plural(len(self.item_problems), 'malformed finding')} left out"
        return line


# How a findings block was found, when not by the protocol's fenced `json` list.
_FINDINGS_WRAPPED = 'wrapped in {"findings": [...]}'
_FINDINGS_UNLABELLED = "unlabelled block"
_FINDINGS_BARE = "unfenced JSON answer"


def extract_findings(text: str) -> ExtractedFindings:
    """The last findings block: a fenced `json`/`JSON` block, or an unlabelled one that parses.

    A list of findings or an object `{"findings": [...]}` is accepted; a whole answer that is
    only that JSON is too. Malformed items are reported one by one and left out.
    """
    problems: list[str] = []
    for block in reversed(iter_code_blocks(text)):
        parsed = _findings_in_block(block)
        if isinstance(parsed, ExtractedFindings):
            return parsed
        if parsed:
            problems.append(parsed)
    if problems:
        return ExtractedFindings(None, f"findings block not usable: {problems[0]}")
    bare = _parse_findings_block(text.strip(), _FINDINGS_BARE) if text.strip() else None
    if isinstance(bare, ExtractedFindings):
        return bare
    return ExtractedFindings(None, "no fenced json findings block in the answer")


def _findings_in_block(block: CodeBlock) -> ExtractedFindings | str | None:
    """A block's findings; why a `json` block holds none; None for a block of something else."""
    if PATH_IN_INFO.search(block.info):  # a delivered file, e.g. config.json
        return None
    labelled = block.language.startswith("json")
    if not labelled and block.language:
        return None
    parsed = _parse_findings_block(block.text, "" if labelled else _FINDINGS_UNLABELLED)
    # An unlabelled block that is not findings is some other text, not a broken findings block.
    return parsed if labelled or isinstance(parsed, ExtractedFindings) else None


def _parse_findings_block(text: str, fallback: str) -> ExtractedFindings | str:
    """The findings in one block, or why it holds none. `fallback` names a non-canonical find."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return f"invalid JSON ({error.msg} at line {error.lineno})"
    source = fallback or CANONICAL
    if isinstance(data, dict) and isinstance(data.get("findings"), list):
        data, source = data["findings"], fallback or _FINDINGS_WRAPPED
    if not isinstance(data, list):
        return "expected a JSON list of findings"
    if fallback and not all(isinstance(item, dict) for item in data):
        return "not a list of findings"  # an unlabelled block of other data
    findings, item_problems = _validate_findings(data)
    return ExtractedFindings(findings, None, tuple(item_problems), source)


def _validate_findings(items: list[Any]) -> tuple[list[Finding], list[str]]:
    findings: list[Finding] = []
    problems: list[str] = []
    for number, item in enumerate(items, start=1):
        try:
            findings.append(Finding.model_validate(item))
        except ValidationError as error:
            problems.append(f"finding {number}: {_field_errors(error)}")
    return findings, problems


def _field_errors(error: ValidationError) -> str:
    parts = []
    for detail in error.errors():
        where = ".".join(str(part) for part in detail["loc"])
        parts.append(f"field '{where}': {detail['msg']}" if where else detail["msg"])
    return "; ".join(parts)


def describe_item_problems(extracted: ExtractedFindings) -> list[str]:
    """The malformed findings, one line each, capped so a flood cannot bury the explanation."""
    shown = [f"malformed {line}" for line in extracted.item_problems[:MAX_REPORTED_ITEM_PROBLEMS]]
    hidden = len(extracted.item_problems) - len(shown)
    if hidden > 0:
        shown.append(f"... and {plural(hidden, 'more malformed finding')}")
    return shown
