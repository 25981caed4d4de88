"""Agentic mode's pure rules: which tools an agent gets, where they may act, what they return.

Claude Code runs a subagent with the tools its frontmatter lists, on the user's files. archbench
mirrors that: the tools keep Claude Code's names and parameters (so prompts that mention `Read`
or `Edit` by name still make sense), but every one acts on the sample's work directory only.
This module decides everything that needs no inspect and no I/O: the tool grant, path
confinement, `Edit` on strings, `Read`'s numbered lines, `Glob` and `Grep` matching, the
`TodoWrite` list, the user message, and whether an answer is a clarifying question.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from archbench.core.answer import RESERVED_PREFIXES, extract_files, extract_findings
from archbench.core.dataset import ReviewTaskSpec, TaskRecord
from archbench.core.errors import ArchbenchError

AGENTIC_HARNESS_VERSION = "1"

Mode = Literal["single", "agentic"]
MODES: tuple[Mode, ...] = ("single", "agentic")

# Tools archbench implements, in Claude Code's order of presentation.
WORKING_TOOLS = ("Read", "Write", "Edit", "Bash", "Glob", "Grep", "TodoWrite")
# Claude Code tools a benchmark cannot honestly offer (no network, no notebooks).
UNAVAILABLE_TOOLS = ("WebFetch", "WebSearch", "NotebookEdit")
KNOWN_TOOLS = WORKING_TOOLS + UNAVAILABLE_TOOLS
UNAVAILABLE_MESSAGE = "{tool} is not available in this benchmark; continue without it."

# Claude Code's limits on what its tools return.
READ_DEFAULT_LIMIT = 2000
READ_MAX_LINE_CHARS = 2000
TOOL_OUTPUT_MAX_CHARS = 30_000
BASH_DEFAULT_TIMEOUT_MS = 120_000
BASH_MAX_TIMEOUT_MS = 600_000

DEFAULT_CLARIFICATION_REPLY = (
    "No further clarification is available; proceed and state your assumptions."
)
MAX_CLARIFICATION_TURNS = 1
# A design answer is prose: longer than this, it is taken as work even when it ends with a question.
DESIGN_WORK_WORDS = 150

# Frontmatter `model` aliases and the model ids they stand for under `-T honor_model=true`.
MODEL_ALIASES: Mapping[str, str] = {
    "opus": "anthropic/claude-opus-4-5",
    "sonnet": "anthropic/claude-sonnet-4-5",
    "haiku": "anthropic/claude-haiku-4-5",
}
INHERIT_MODEL = "inherit"
DEFAULT_PROVIDER = "anthropic"

_TOOL_SPEC = re.compile(r"^\s*(?P<name>[A-Za-z_][\w-]*)\s*(?:\((?P<rule>.*)\))?\s*$")


class AgenticError(ArchbenchError):
    """A tool call the benchmark refuses; the message is what the agent reads back."""


# --------------------------------------------------------------------------- tool grant


@dataclass(frozen=True)
class ToolGrant:
    """What the frontmatter asked for and what the agent gets.

    `granted` are offered to the model (unavailable ones answer that they are unavailable);
    `refused` are tools archbench implements that the frontmatter did not list; `unknown` are
    listed names archbench does not know (MCP tools, `Task`, ...), recorded and not offered.
    """

    declared: tuple[str, ...]
    granted: tuple[str, ...]
    refused: tuple[str, ...]
    unknown: tuple[str, ...]
    rules: Mapping[str, str] = field(default_factory=dict)

    def as_metadata(self) -> dict[str, list[str] | dict[str, str]]:
        return {
            "declared": list(self.declared),
            "granted": list(self.granted),
            "refused": list(self.refused),
            "unknown": list(self.unknown),
            "rules": dict(self.rules),
        }


def resolve_tool_grant(declared: Sequence[str]) -> ToolGrant:
    """The tools an agent with this frontmatter `tools` list gets: all of them when none listed.

    Claude Code accepts permission rules such as `Bash(git:*)`; the tool is granted and the rule
    recorded, not enforced (the sandbox is the boundary here).
    """
    if not declared:
        return ToolGrant(declared=(), granted=KNOWN_TOOLS, refused=(), unknown=())
    names: list[str] = []
    rules: dict[str, str] = {}
    unknown: list[str] = []
    for spec in declared:
        match = _TOOL_SPEC.match(spec)
        name = match.group("name") if match else spec.strip()
        if name not in KNOWN_TOOLS:
            unknown.append(spec.strip())
            continue
        names.append(name)
        if match and match.group("rule"):
            rules[name] = match.group("rule")
    granted = tuple(tool for tool in KNOWN_TOOLS if tool in names)
    refused = tuple(tool for tool in KNOWN_TOOLS if tool not in names)
    return ToolGrant(tuple(declared), granted, refused, tuple(unknown), rules)


def resolve_model(frontmatter_model: str | None, honor_model: bool) -> str | None:
    """The model id to run the agent with, or None when `--model` decides.

    Without `honor_model` the frontmatter is only recorded. With it, an alias maps to its
    configured id, `inherit` (or nothing) keeps `--model`, and a bare id gets the provider.
    """
    if not honor_model or not frontmatter_model or frontmatter_model == INHERIT_MODEL:
        return None
    if frontmatter_model in MODEL_ALIASES:
        return MODEL_ALIASES[frontmatter_model]
    if "/" in frontmatter_model:
        return frontmatter_model
    return f"{DEFAULT_PROVIDER}/{frontmatter_model}"


# --------------------------------------------------------------------------- paths


def confine_path(file_path: str, work_dir: str) -> str:
    """`file_path` as a path relative to `work_dir`; AgenticError if it points elsewhere.

    Claude Code's tools take absolute paths; relative ones are accepted too and read from the
    work directory. The grader's reserved folders are off limits, as they are for answers.
    """
    if not file_path or "\x00" in file_path:
        raise AgenticError("file_path is empty")
    root = posixpath.normpath(work_dir)
    joined = file_path if posixpath.isabs(file_path) else posixpath.join(root, file_path)
    resolved = posixpath.normpath(joined)
    if resolved != root and not resolved.startswith(root.rstrip("/") + "/"):
        raise AgenticError(f"{file_path} is outside the working directory {root}")
    relative = posixpath.relpath(resolved, root)
    if relative.split("/")[0] in RESERVED_PREFIXES:
        raise AgenticError(f"{file_path} is reserved for the grader")
    return relative


# --------------------------------------------------------------------------- Read / Edit


def number_lines(text: str, offset: int | None = None, limit: int | None = None) -> str:
    """`cat -n` style lines as Claude Code's Read returns them; `offset` is 1-based."""
    if not text:
        return "<system-reminder>The file exists but is empty.</system-reminder>"
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    first = max(1, offset or 1)
    count = limit if limit and limit > 0 else READ_DEFAULT_LIMIT
    selected = lines[first - 1 : first - 1 + count]
    if not selected:
        return f"<system-reminder>The file has only {len(lines)} lines.</system-reminder>"
    return "\n".join(
        f"{number:>6}\t{line[:READ_MAX_LINE_CHARS]}"
        for number, line in enumerate(selected, start=first)
    )


def apply_edit(text: str, old_string: str, new_string: str, replace_all: bool = False) -> str:
    """Claude Code's Edit on a file's text: an exact, unique replacement unless `replace_all`."""
    if old_string == new_string:
        raise AgenticError("No changes to make: old_string and new_string are exactly the same.")
    if old_string == "":
        raise AgenticError("old_string is empty; use Write to create or replace a whole file.")
    occurrences = text.count(old_string)
    if occurrences == 0:
        raise AgenticError("String to replace not found in file.")
    if occurrences > 1 and not replace_all:
        raise AgenticError(
            f"Found {occurrences} matches of the string to replace, but replace_all is false. "
            "Provide more context to make it unique, or set replace_all to true."
        )
    return text.replace(old_string, new_string)


def truncate_output(text: str, limit: int = TOOL_OUTPUT_MAX_CHARS) -> str:
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n... [output truncated: {len(text) - limit} more characters]"


def bash_timeout_seconds(timeout_ms: int | None) -> int:
    """Claude Code's Bash timeout is in milliseconds, 2 minutes by default, 10 at most."""
    milliseconds = BASH_DEFAULT_TIMEOUT_MS if not timeout_ms or timeout_ms <= 0 else timeout_ms
    return max(1, min(milliseconds, BASH_MAX_TIMEOUT_MS) // 1000)


def describe_command_result(returncode: int, stdout: str, stderr: str) -> str:
    parts = [part.rstrip("\n") for part in (stdout, stderr) if part.strip()]
    if returncode != 0:
        parts.append(f"[exit code {returncode}]")
    return truncate_output("\n".join(parts)) if parts else "(no output)"


# --------------------------------------------------------------------------- Glob / Grep


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """A glob as Claude Code's Glob reads it: `**` crosses folders, `*` does not, `{a,b}` picks."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        out.append(_glob_char(pattern, index))
        index += _glob_char_width(pattern, index) if char in "{[" else 1
    return re.compile("".join(out) + r"\Z")


def _glob_char(pattern: str, index: int) -> str:
    char = pattern[index]
    if char == "*":
        return "[^/]*"
    if char == "?":
        return "[^/]"
    if char == "{" and "}" in pattern[index:]:
        options = pattern[index + 1 : pattern.index("}", index)].split(",")
        return "(?:" + "|".join(glob_to_regex(option).pattern[:-2] for option in options) + ")"
    if char == "[" and "]" in pattern[index + 1 :]:
        body = pattern[index + 1 : pattern.index("]", index + 1)]
        return "[" + ("^" + body[1:] if body.startswith("!") else body) + "]"
    return re.escape(char)


def _glob_char_width(pattern: str, index: int) -> int:
    closing = "}" if pattern[index] == "{" else "]"
    end = pattern.find(closing, index + 1)
    return end - index + 1 if end != -1 else 1


def glob_paths(paths: Iterable[str], pattern: str) -> list[str]:
    """The relative paths matching `pattern`, sorted; a pattern without `/` matches anywhere."""
    anywhere = "/" not in pattern and not pattern.startswith("**")
    regex = glob_to_regex(f"**/{pattern}" if anywhere else pattern)
    return sorted(path for path in paths if regex.match(path))


GrepMode = Literal["files_with_matches", "content", "count"]


def grep_files(
    files: Mapping[str, str],
    pattern: str,
    glob: str | None = None,
    output_mode: GrepMode = "files_with_matches",
) -> str:
    """Claude Code's Grep over file texts: matching files, matching lines, or counts."""
    try:
        regex = re.compile(pattern)
    except re.error as error:
        raise AgenticError(f"invalid regular expression {pattern!r}: {error}") from error
    selected = glob_paths(files, glob) if glob else sorted(files)
    results: list[str] = []
    for path in selected:
        hits = [
            (n, line) for n, line in enumerate(files[path].split("\n"), 1) if regex.search(line)
        ]
        if not hits:
            continue
        if output_mode == "content":
            results.extend(f"{path}:{number}:{line}" for number, line in hits)
        elif output_mode == "count":
            results.append(f"{path}:{len(hits)}")
        else:
            results.append(path)
    return truncate_output("\n".join(results)) if results else "No matches found"


# --------------------------------------------------------------------------- TodoWrite


class TodoItem(BaseModel):
    model_config = ConfigDict(extra="ignore")

    content: str
    status: Literal["pending", "in_progress", "completed"]
    activeForm: str = ""  # Claude Code's field name, kept so prompts match


def parse_todos(todos: Sequence[Mapping[str, object]]) -> list[TodoItem]:
    """The agent's todo list, validated as Claude Code validates it."""
    try:
        items = [TodoItem.model_validate(dict(todo)) for todo in todos]
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise AgenticError(f"invalid todo field '{where}': {first['msg']}") from error
    if sum(item.status == "in_progress" for item in items) > 1:
        raise AgenticError("only one todo may be in_progress at a time")
    return items


# --------------------------------------------------------------------------- messages


AGENTIC_FILE_PROTOCOL = """\
The project is in your working directory. Make your changes there with your tools: the final \
state of the working directory is what gets graded, so there is nothing to paste into your \
answer. When you are done, reply with a short summary of what you changed."""

AGENTIC_FINDINGS_PROTOCOL = """\
The code to review is in your working directory. Finish your review with a findings block in \
your final answer: a fenced `json` block holding a list of findings, each \
`{"file": "<relative path>", "line": <line number>, "category": "<kebab-case category>", \
"severity": "critical|major|minor", "explanation": "<one sentence>"}`. Report an empty list `[]` \
when you find no issue worth fixing. You may also fix the code in place in the working \
directory; the fix is then checked."""


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


# --------------------------------------------------------------------------- clarification


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
    """The simulated user: one configurable reply, at most `max_turns` times per sample."""

    reply: str = DEFAULT_CLARIFICATION_REPLY
    max_turns: int = MAX_CLARIFICATION_TURNS

    def reply_to(self, answer: str, has_delivered_work: bool, turns_so_far: int) -> str | None:
        """The user's reply if the answer is a question that still gets one, else None."""
        if turns_so_far >= self.max_turns:
            return None
        return self.reply if asks_for_clarification(answer, has_delivered_work) else None


@dataclass(frozen=True)
class AgenticLimits:
    """Per-sample limits of an agentic run (inspect's message, token and time limits)."""

    messages: int = 120
    tokens: int = 2_000_000
    seconds: int = 1800


# --------------------------------------------------------------------------- run settings

# `design` asks for prose, not work in a repository: it has no agentic mode.
AGENTIC_KINDS = ("implement", "refactor", "review")


def validate_mode(kind: str, mode: str) -> Mode:
    """`mode` as a Mode; an ArchbenchError naming the choices when it is not one for `kind`."""
    if mode == "single":
        return "single"
    if mode != "agentic":
        raise ArchbenchError(f"unknown mode '{mode}': use single or agentic")
    if kind not in AGENTIC_KINDS:
        raise ArchbenchError(f"'{kind}' has no agentic mode (only {', '.join(AGENTIC_KINDS)})")
    return "agentic"


@dataclass(frozen=True)
class RunSettings:
    """How a task runs its agent: single-turn or agentic, and the simulated user's reply."""

    mode: Mode = "single"
    honor_model: bool = False
    clarification: ClarificationPolicy = field(default_factory=ClarificationPolicy)
    limits: AgenticLimits = field(default_factory=AgenticLimits)

    def task_limits(self) -> dict[str, int]:
        """inspect Task limits; a single-turn answer needs none (it is one generation)."""
        if self.mode != "agentic":
            return {}
        return {
            "message_limit": self.limits.messages,
            "token_limit": self.limits.tokens,
            "time_limit": self.limits.seconds,
        }

    def task_limit(self, name: Literal["message_limit", "token_limit", "time_limit"]) -> int | None:
        """One of `task_limits`, or None when the run has no such limit."""
        return self.task_limits().get(name)

    def as_metadata(self) -> dict[str, object]:
        metadata: dict[str, object] = {
            "mode": self.mode,
            "honor_model": self.honor_model,
            "clarification_reply": self.clarification.reply,
            "clarification_max_turns": self.clarification.max_turns,
        }
        if self.mode == "agentic":
            metadata["agentic_harness_version"] = AGENTIC_HARNESS_VERSION
            metadata["agentic_limits"] = self.task_limits()
        return metadata
