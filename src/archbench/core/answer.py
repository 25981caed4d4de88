"""Extract the files and review findings an agent delivered in its answer.

The harness asks for every file as a fenced block whose info string carries `path=<relative
path>` (the canonical form). Models also package files in other common ways, which we accept
so that a change of packaging is not reported as a change of quality:

- a path-only info string (```` ```app/users.py ````, ```` ```python:app/users.py ````);
- a first-line comment `# path: x`, `# x` (or `// x` for a file that is not Python);
- a path on the nearest line above the fence (at most one blank line between): a heading
  `### app/users.py`, ``### `app/users.py` ``, `**app/users.py**`, `File: app/users.py`;
- fences indented inside a list item (or on its marker line), fences of four or more backticks
  or tildes, and three-backtick blocks that hold shorter examples (a fence with an info string
  inside a block opens a nested example, so a docstring's example is never a separate file).

How each file was found is recorded, so a move off the canonical form shows up as exactly that
(`format_fallbacks`). Paths are validated; a rejected path is reported, never silently dropped.
Two blocks for the same path keep the last one, and the duplicate is named.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

# Where the grader puts its own files in the work directory: an answer may not write there.
RESERVED_PREFIXES = ("_hidden_tests", "_harness")

# How a file was found: the protocol's own form, and the fallbacks counted by format_fallbacks.
CANONICAL = "canonical"
INFO_PATH = "info-path"
COMMENT = "comment"
HEADING = "heading"

# A fence may be indented, or follow a list item's marker on the same line ("1. ```python").
_FENCE = re.compile(
    r"^(?P<indent>[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?)(?P<fence>`{3,}|~{3,})(?P<info>.*)$"
)
_PATH_IN_INFO = re.compile(r"(?:^|\s)path=(?P<path>\"[^\"]+\"|'[^']+'|\S+)")
# A path a fallback may name: it needs an extension starting with a letter ("python3.11" is not).
_PATH = r"[\w./\\-]*[\w-]\.[A-Za-z]\w*"
_LOOSE_INFO_PATH = re.compile(
    rf"^(?:\w[\w+-]*:)?(?P<path>{_PATH})$|(?:^|\s)(?:file|filename|title)=[\"']?(?P<kv>{_PATH})[\"']?"
)
_PATH_COMMENT = re.compile(
    rf"^\s*(?P<marker>#|//)\s*(?:(?:path|file|filename)\s*:\s*)?`?(?P<path>{_PATH})`?\s*$",
    re.IGNORECASE,
)
_PATH_ABOVE = re.compile(
    r"^\s*(?:(?:[-*+]|\d+[.)])\s+)?(?:#{1,6}\s+)?(?:\d+[.)]\s+)?[*`\s]*"
    r"(?:(?:file(?:name)?|path)\s*:?[*`\s]*)?"
    rf"(?P<path>{_PATH})[*`]*\s*(?:\([^)]*\))?\s*:?[*`\s]*$",
    re.IGNORECASE,
)
# Languages of output, commands and data: a block in one of them is taken as a file from a
# heading or comment only when the path's extension fits (a `console` block under **run.sh** is
# the output of running it, a `json` block under **Findings** is the review's findings).
_EXTENSIONS_OF_RESTRICTED_LANGUAGES: dict[str, tuple[str, ...]] = {
    "console": (), "output": (), "shell-session": (), "pycon": (), "pytb": (), "log": (),
    "json": (".json",), "text": (".txt",), "txt": (".txt",), "plaintext": (".txt",),
    "bash": (".sh", ".bash"), "sh": (".sh",), "shell": (".sh",), "zsh": (".sh", ".zsh"),
}  # fmt: skip
# A heading separated from its fence by more blank lines than this is prose, not a file's name.
MAX_BLANK_LINES_ABOVE = 1
# Item-by-item reports of malformed findings stop here, so a flood cannot bury the explanation.
MAX_REPORTED_ITEM_PROBLEMS = 10


@dataclass(frozen=True)
class CodeBlock:
    """One fenced block: its info string, its text and the nearest line above its fence."""

    info: str
    text: str
    line_above: str

    @property
    def language(self) -> str:
        """The first word of the info string, lower-cased ("" for an unlabelled block)."""
        first = self.info.split(maxsplit=1)[0] if self.info.strip() else ""
        return "" if "=" in first else first.lower()


@dataclass(frozen=True)
class ExtractedFiles:
    """Files an answer delivered (path -> content), how each was found, and what went wrong.

    `sources` maps each kept path to how it was found (`canonical`, `info-path`, `comment`,
    `heading`); `unassigned_blocks` counts code blocks that named no path; `deliveries` counts
    the blocks given for each path and `conflicting` the paths delivered with different content.
    """

    files: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    unassigned_blocks: int = 0
    code_blocks: int = 0
    blank_answer: bool = False
    deliveries: dict[str, int] = field(default_factory=dict)
    conflicting: frozenset[str] = frozenset()

    @property
    def fallback_files(self) -> int:
        """How many delivered files were found by a fallback instead of the canonical form."""
        return sum(source != CANONICAL for source in self.sources.values())

    @property
    def format_fallbacks(self) -> int:
        """Departures from the file protocol: files found by a fallback, code blocks with no path.

        Path-less code blocks count too: an agent that stops naming its files entirely must not
        look like one that follows the protocol.
        """
        return self.fallback_files + self.unassigned_blocks


def iter_code_blocks(text: str) -> list[CodeBlock]:
    """Every fenced block in Markdown text, in order; an unclosed fence runs to the end."""
    blocks: list[CodeBlock] = []
    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines):
        opening = _opening_fence(lines[index])
        if not opening:
            index += 1
            continue
        indent, fence, info = opening
        end = _closing_fence_index(lines, index + 1, indent, fence)
        body = "\n".join(_dedent(line, len(indent)) for line in lines[index + 1 : end])
        blocks.append(CodeBlock(info.strip(), body, _line_above(lines, index)))
        index = end + 1
    return blocks


def _opening_fence(line: str) -> tuple[str, str, str] | None:
    match = _FENCE.match(line)
    if not match:
        return None
    fence, info = match.group("fence"), match.group("info")
    if fence[0] == "`" and "`" in info:  # CommonMark: a backtick fence's info has no backtick
        return None
    return match.group("indent"), fence, info


def _closing_fence_index(lines: list[str], start: int, indent: str, fence: str) -> int:
    """Where the block closes: the first bare fence at least as long, outside nested examples.

    A block opened with exactly three characters often holds shorter examples written with the
    same fence (a docstring's ```` ```python ```` example): a fence with an info string inside
    it opens a nested example that the next bare fence closes. A longer fence was chosen to hold
    inner fences, so inside one CommonMark's rule applies unchanged.
    """
    track_nesting = len(fence) == 3
    depth = 0
    for index in range(start, len(lines)):
        inner = _FENCE.match(lines[index])
        if not inner or inner.group("fence")[0] != fence[0]:
            continue
        is_bare = not inner.group("info").strip()
        if not is_bare:
            depth += track_nesting
        elif depth:
            depth -= 1
        elif len(inner.group("fence")) >= len(fence) and _may_close(inner.group("indent"), indent):
            return index
    return len(lines)


def _may_close(closing_indent: str, opening_indent: str) -> bool:
    # CommonMark allows a closing fence up to three spaces deeper than the block's indentation;
    # deeper than that it is content (an indented example inside a docstring).
    return len(closing_indent.expandtabs(4)) <= len(opening_indent.expandtabs(4)) + 3


def _dedent(line: str, width: int) -> str:
    """Remove up to `width` leading spaces: the indentation of a fence nested in a list item."""
    removable = len(line) - len(line.lstrip(" "))
    return line[min(width, removable) :]


def _line_above(lines: list[str], fence_index: int) -> str:
    """The nearest non-blank line above a fence, or "" when too many blank lines separate them."""
    for blanks, index in enumerate(range(fence_index - 1, -1, -1)):
        if blanks > MAX_BLANK_LINES_ABOVE:
            return ""
        if lines[index].strip():
            return lines[index]
    return ""


@dataclass(frozen=True)
class _Located:
    path: str
    content: str
    source: str


def extract_files(text: str) -> ExtractedFiles:
    """Files delivered as fenced blocks; a later block for the same path replaces an earlier one."""
    blocks = iter_code_blocks(text)
    files: dict[str, str] = {}
    sources: dict[str, str] = {}
    rejected: dict[str, str] = {}
    deliveries: dict[str, int] = {}
    conflicting: set[str] = set()
    unassigned = 0
    for block in blocks:
        located = locate_block(block)
        if located is None:
            unassigned += _could_be_a_file(block)
            continue
        problem = path_problem(located.path)
        if problem:
            rejected[located.path] = problem
            continue
        path, content = normalise_path(located.path), _ensure_trailing_newline(located.content)
        if path in files and files[path] != content:
            conflicting.add(path)
        deliveries[path] = deliveries.get(path, 0) + 1
        files[path], sources[path] = content, located.source
    return ExtractedFiles(
        files=files,
        rejected=rejected,
        sources=sources,
        unassigned_blocks=unassigned,
        code_blocks=len(blocks),
        blank_answer=not text.strip(),
        deliveries=deliveries,
        conflicting=frozenset(conflicting),
    )


def locate_block(block: CodeBlock) -> _Located | None:
    """The path a block is for, its content and how the path was found; None if not a file."""
    in_info = _PATH_IN_INFO.search(block.info)
    if in_info:
        return _Located(in_info.group("path").strip("\"'"), block.text, CANONICAL)
    loose = _LOOSE_INFO_PATH.search(block.info.strip())
    if loose:
        return _Located(loose.group("path") or loose.group("kv"), block.text, INFO_PATH)
    first_line, _, rest = block.text.partition("\n")
    in_comment = _PATH_COMMENT.match(first_line)
    if in_comment and _comment_fits(in_comment) and _language_fits(block, in_comment["path"]):
        return _Located(in_comment.group("path"), rest, COMMENT)
    above = _PATH_ABOVE.match(block.line_above)
    if above and _language_fits(block, above.group("path")):
        return _Located(above.group("path"), block.text, HEADING)
    return None


def _comment_fits(match: re.Match[str]) -> bool:
    # `// x` is no comment in Python: a Python file named that way is not taken.
    return match.group("marker") == "#" or not match.group("path").endswith((".py", ".pyi"))


def _language_fits(block: CodeBlock, path: str) -> bool:
    allowed = _EXTENSIONS_OF_RESTRICTED_LANGUAGES.get(block.language)
    return allowed is None or path.lower().endswith(allowed)


def _could_be_a_file(block: CodeBlock) -> bool:
    """Whether an unassigned block is code that names no path (not output, commands or data)."""
    return block.language not in _EXTENSIONS_OF_RESTRICTED_LANGUAGES


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


def describe_answer_format(extracted: ExtractedFiles) -> str:
    """One line saying how the answer packaged its files, or why it delivered none."""
    if not extracted.files:
        return f"the answer delivered no files: {_why_no_files(extracted)}"
    count = len(extracted.files)
    fallbacks = {p: s for p, s in sorted(extracted.sources.items()) if s != CANONICAL}
    line = f"answer format: {_plural(count, 'file')}"
    if fallbacks:
        found = ", ".join(f"{path} ({source})" for path, source in fallbacks.items())
        line += f", {len(fallbacks)} found outside the canonical `path=` fence: {found}"
    else:
        line += " in canonical `path=` fences"
    if extracted.unassigned_blocks:
        line += f"; {_had_no_path(extracted.unassigned_blocks)}"
    return line


def _why_no_files(extracted: ExtractedFiles) -> str:
    if extracted.blank_answer:
        return "the answer is empty"
    reasons = []
    if extracted.rejected:
        reasons.append(f"{_plural(len(extracted.rejected), 'file path')} rejected")
    if extracted.unassigned_blocks:
        reasons.append(_had_no_path(extracted.unassigned_blocks))
    if not extracted.code_blocks:
        reasons.append("it is prose only, with no code block")
    return "; ".join(reasons) or f"its {_plural(extracted.code_blocks, 'block')} are output or data"


def _had_no_path(count: int) -> str:
    return f"{_plural(count, 'code block')} had no path"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def ambiguity_notes(extracted: ExtractedFiles, known_paths: Iterable[str] = ()) -> list[str]:
    """Ambiguities worth naming: a path delivered twice, and files shadowing the stdlib.

    `known_paths` are the task's own files (interface, starter, reference): a module there is
    the task's business, not a shadowing accident.
    """
    notes = []
    for path, count in sorted(extracted.deliveries.items()):
        if count > 1:
            how = "with different content" if path in extracted.conflicting else "identically"
            notes.append(f"{path} was delivered {count} times {how}; the last block is kept")
    known = set(known_paths)
    for path in sorted(extracted.files):
        module = shadowed_stdlib_module(path)
        if module and path not in known:
            notes.append(f"{path} shadows the standard-library module '{module}'")
    return notes


def shadowed_stdlib_module(path: str) -> str | None:
    """The standard-library module a top-level file or package would hide, if any.

    Only the work directory's root is on the graded `sys.path`, so `json.py` or
    `typing/__init__.py` there replaces the real module for every import, tests included.
    """
    parts = PurePosixPath(path).parts
    if len(parts) == 1 and parts[0].endswith(".py"):
        name = parts[0][: -len(".py")]
    elif len(parts) == 2 and parts[1] == "__init__.py":
        name = parts[0]
    else:
        return None
    return name if name in sys.stdlib_module_names else None


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
        line = f"findings block: {_plural(len(self.findings), 'finding')} ({self.source})"
        if self.item_problems:
            line += f"; {_plural(len(self.item_problems), 'malformed finding')} left out"
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
        if _PATH_IN_INFO.search(block.info):  # a delivered file, e.g. config.json
            continue
        labelled = block.language.startswith("json")
        if not labelled and block.language:
            continue
        parsed = _parse_findings_block(block.text, _FINDINGS_UNLABELLED if not labelled else "")
        if isinstance(parsed, ExtractedFindings):
            return parsed
        if labelled:
            problems.append(parsed)
    if problems:
        return ExtractedFindings(None, f"findings block not usable: {problems[0]}")
    bare = _parse_findings_block(text.strip(), _FINDINGS_BARE) if text.strip() else None
    if isinstance(bare, ExtractedFindings):
        return bare
    return ExtractedFindings(None, "no fenced json findings block in the answer")


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
        shown.append(f"... and {_plural(hidden, 'more malformed finding')}")
    return shown
