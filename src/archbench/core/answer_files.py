"""Extract the files an agent delivered in its answer, and record how each was found.

The harness asks for every file as a fenced block whose info string carries `path=<relative
path>` (the canonical form). Models also package files in other common ways, which we accept
so that a change of packaging is not reported as a change of quality:

- a path-only info string (```` ```app/users.py ````, ```` ```python:app/users.py ````);
- a first-line comment `# path: x`, `# x` (or `// x` for a file that is not Python);
- a path on the nearest line above the fence (at most one blank line between): a heading
  `### app/users.py`, ``### `app/users.py` ``, `**app/users.py**`, `File: app/users.py`;
- fences indented inside a list item (or on its marker line), fences of four or more backticks
  or tildes, and blocks holding shorter examples (see `archbench.core.fences`).

How each file was found is recorded, so a move off the canonical form shows up as exactly that
(`format_fallbacks`). Paths are validated; a rejected path is reported, never silently dropped.
Two blocks for the same path keep the last one, and the duplicate is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from archbench.core.fences import CodeBlock, iter_code_blocks

# Where the grader puts its own files in the work directory: an answer may not write there.
RESERVED_PREFIXES = ("_hidden_tests", "_harness")

# How a file was found: the protocol's own form, and the fallbacks counted by format_fallbacks.
CANONICAL = "canonical"
INFO_PATH = "info-path"
COMMENT = "comment"
HEADING = "heading"
PATH_IN_INFO = re.compile(r"(?:^|\s)path=(?P<path>\"[^\"]+\"|'[^']+'|\S+)")
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
        problem = path_problem(located.path) or content_problem(located.content)
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
    in_info = PATH_IN_INFO.search(block.info)
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


def content_problem(content: str) -> str | None:
    """Why a file's text cannot be written as a UTF-8 file (a lone surrogate), or None.

    Such a file used to make grading raise, which left the sample unscored instead of failed.
    """
    try:
        content.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"the file's text is not valid Unicode ({error.reason} at character {error.start})"
    return None


def normalise_path(path: str) -> str:
    parts = PurePosixPath(path.replace("\\", "/")).parts
    return "/".join(part for part in parts if part != ".")


def _ensure_trailing_newline(content: str) -> str:
    return content if content.endswith("\n") or not content else content + "\n"
