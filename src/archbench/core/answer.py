"""Extract the files and review findings an agent delivered in its answer.

The harness asks for every file as a fenced block whose info string carries `path=<relative
path>`. Models also produce common variants, which we accept: a first-line `# path: x.py` or
`# x.py` comment, or a bold, heading or backticked path on the line above the fence. Paths are
validated; a rejected path is reported, never silently dropped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

# Where the grader puts its own files in the work directory: an answer may not write there.
RESERVED_PREFIXES = ("_hidden_tests", "_harness")

_FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})(?P<info>[^`\n]*)$")
_PATH_IN_INFO = re.compile(r"(?:^|\s)path=(?P<path>\"[^\"]+\"|'[^']+'|\S+)")
_PATH_COMMENT = re.compile(
    r"^\s*(?:#|//)\s*(?:(?:path|file|filename)\s*:\s*)?(?P<path>[\w./-]+\.\w+)\s*$"
)
# Blocks with these info strings are output or findings, never files.
_NON_FILE_INFOS = ("json", "text", "console", "shell-session", "output")
_PATH_ABOVE = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|__|`)?(?:(?:file|path)\s*:\s*)?(?:\*\*|__|`)?"
    r"(?P<path>[\w./-]+\.\w+)(?:\*\*|__|`)?:?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CodeBlock:
    """One fenced block: its info string, its text and the line just above its fence."""

    info: str
    text: str
    line_above: str


@dataclass(frozen=True)
class ExtractedFiles:
    """Files an answer delivered (path -> content) and the paths it tried but may not write."""

    files: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)


def iter_code_blocks(text: str) -> list[CodeBlock]:
    """Every fenced block in Markdown text, in order; an unclosed fence runs to the end."""
    blocks: list[CodeBlock] = []
    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines):
        opening = _FENCE_OPEN.match(lines[index])
        if not opening:
            index += 1
            continue
        fence = opening.group("fence")
        end = _closing_fence_index(lines, index + 1, fence)
        line_above = lines[index - 1] if index > 0 else ""
        body = "\n".join(lines[index + 1 : end])
        blocks.append(CodeBlock(opening.group("info").strip(), body, line_above))
        index = end + 1
    return blocks


def _closing_fence_index(lines: list[str], start: int, fence: str) -> int:
    for index in range(start, len(lines)):
        stripped = lines[index].strip()
        if stripped.startswith(fence[0] * len(fence)) and not stripped.strip(fence[0]):
            return index
    return len(lines)


def extract_files(text: str) -> ExtractedFiles:
    """Files delivered as fenced blocks; a later block for the same path replaces an earlier one."""
    result = ExtractedFiles()
    for block in iter_code_blocks(text):
        located = _locate_block(block)
        if located is None:
            continue
        raw_path, content = located
        problem = path_problem(raw_path)
        if problem:
            result.rejected[raw_path] = problem
        else:
            result.files[normalise_path(raw_path)] = _ensure_trailing_newline(content)
    return result


def _locate_block(block: CodeBlock) -> tuple[str, str] | None:
    """The path a block is for and its content, or None for a block that is not a file."""
    in_info = _PATH_IN_INFO.search(block.info)
    if in_info:
        return in_info.group("path").strip("\"'"), block.text
    first_line, _, rest = block.text.partition("\n")
    in_comment = _PATH_COMMENT.match(first_line)
    if in_comment:
        return in_comment.group("path"), rest
    above = _PATH_ABOVE.match(block.line_above)
    if above and not block.info.lower().startswith(_NON_FILE_INFOS):
        return above.group("path"), block.text
    return None


def path_problem(path: str) -> str | None:
    """Why an answer may not write to `path`, or None when it may."""
    if not path or "\x00" in path:
        return "empty path"
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path):
        return "absolute paths are not allowed"
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if ".." in parts:
        return "'..' is not allowed in paths"
    cleaned = [part for part in parts if part != "."]
    if not cleaned:
        return "empty path"
    if cleaned[0] in RESERVED_PREFIXES:
        return f"'{cleaned[0]}/' is reserved for the grader"
    return None


def normalise_path(path: str) -> str:
    parts = PurePosixPath(path.replace("\\", "/")).parts
    return "/".join(part for part in parts if part != ".")


def _ensure_trailing_newline(content: str) -> str:
    return content if content.endswith("\n") or not content else content + "\n"


class Finding(BaseModel):
    """One review finding, as the harness template asks reviewers to report it."""

    model_config = ConfigDict(extra="ignore")

    file: str
    line: int
    category: str = ""
    severity: str = "major"
    explanation: str = ""

    @field_validator("severity", "category")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()


@dataclass(frozen=True)
class ExtractedFindings:
    """The findings of a review, or None when no parseable findings block was found."""

    findings: list[Finding] | None
    problem: str | None = None


def extract_findings(text: str) -> ExtractedFindings:
    """The last fenced `json` block holding a list of findings (or {"findings": [...]})."""
    problems: list[str] = []
    for block in reversed(iter_code_blocks(text)):
        if not block.info.lower().startswith("json"):
            continue
        parsed = _parse_findings_block(block.text)
        if isinstance(parsed, list):
            return ExtractedFindings(parsed)
        problems.append(parsed)
    if problems:
        return ExtractedFindings(None, f"findings block not usable: {problems[0]}")
    return ExtractedFindings(None, "no fenced json findings block in the answer")


def _parse_findings_block(text: str) -> list[Finding] | str:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return f"invalid JSON ({error.msg} at line {error.lineno})"
    if isinstance(data, dict) and isinstance(data.get("findings"), list):
        data = data["findings"]
    if not isinstance(data, list):
        return "expected a JSON list of findings"
    try:
        return [Finding.model_validate(item) for item in data]
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        return f"finding field '{where}': {first['msg']}"
