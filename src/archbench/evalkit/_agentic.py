"""Agentic mode's inspect adapter: Claude Code-shaped tools on the sandbox, and the agent loop.

Every tool acts through `sandbox().exec`, never through the host's file API: in the isolated
sandbox a symlink the agent planted (say, to a reference solution) then resolves inside the
sandbox, where the project checkout is hidden, instead of on the host.

The loop is inspect's `react` without a submit tool, which is how Claude Code ends a subagent:
the first reply without tool calls is the final answer, unless it is a clarifying question, which
the simulated user answers once (see `archbench.core.agentic.ClarificationPolicy`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path

from inspect_ai.agent import AgentContinue, AgentState, as_solver, react
from inspect_ai.model import ChatMessageSystem, ChatMessageUser
from inspect_ai.solver import Generate, Solver, TaskState, solver
from inspect_ai.tool import Tool, ToolError, tool
from inspect_ai.util import ExecResult, SandboxEnvironment, sandbox, store

from archbench.core.agentic import (
    UNAVAILABLE_MESSAGE,
    UNAVAILABLE_TOOLS,
    AgenticError,
    ClarificationPolicy,
    GrepMode,
    ToolGrant,
    apply_edit,
    bash_timeout_seconds,
    confine_path,
    delivered_work,
    describe_command_result,
    environment_note,
    glob_paths,
    grep_files,
    number_lines,
    parse_todos,
    truncate_output,
)
from archbench.core.answer import RESERVED_PREFIXES, ExtractedFiles, extract_findings
from archbench.core.dataset import TaskRecord
from archbench.core.prompt import AgentPrompt
from archbench.grading import SandboxWorkspace
from archbench.grading._workspace import KILL_GRACE_SECONDS, with_wall_clock_limit

CLARIFICATIONS_KEY = "archbench:clarification_turns"
TODOS_KEY = "archbench:todos"
FILE_OPERATION_SECONDS = 60
MAX_FILE_BYTES = 1024 * 1024

# Run inside the sandbox with `python -I`: lists (or dumps, as UTF-8 text) the regular files under
# a folder (or that one file), relative to the work directory. Symlinks are skipped, caches are
# not work.
_FILES_SCRIPT = """\
import json, os, sys
root, dump, limit = sys.argv[1], sys.argv[2] == "dump", int(sys.argv[3])
skip = {"__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".git", ".venv"}
found = {}
single = [(os.path.dirname(root) or ".", [], [os.path.basename(root)])]
for base, dirs, names in single if os.path.isfile(root) else os.walk(root):
    dirs[:] = [d for d in dirs if d not in skip and not os.path.islink(os.path.join(base, d))]
    for name in names:
        path = os.path.join(base, name)
        if os.path.islink(path) or not os.path.isfile(path):
            continue
        rel = os.path.relpath(path, ".")
        if not dump:
            found[rel] = ""
        elif os.path.getsize(path) <= limit:
            try:
                with open(path, encoding="utf-8") as handle:
                    found[rel] = handle.read()
            except (OSError, UnicodeDecodeError):
                pass
print(json.dumps(found))
"""
_WRITE_SCRIPT = 'mkdir -p -- "$(dirname -- "$1")" && cat > "$1"'


# --------------------------------------------------------------------------- sandbox access


async def _run(
    box: SandboxEnvironment, argv: list[str], seconds: int, input: str | None = None
) -> ExecResult[str]:
    return await box.exec(
        with_wall_clock_limit(argv, seconds),
        input=input,
        env=_tool_environment(box),
        timeout=seconds + 2 * KILL_GRACE_SECONDS,
    )


def _tool_environment(box: SandboxEnvironment) -> dict[str, str]:
    """On local sandboxes, the benchmark's Python (with pytest) comes first on PATH."""
    python = SandboxWorkspace(box).python
    if python != sys.executable:
        return {}
    return {"PATH": f"{Path(python).parent}:/usr/local/bin:/usr/bin:/bin"}


async def work_dir_path(box: SandboxEnvironment) -> str:
    result = await _run(box, ["pwd"], FILE_OPERATION_SECONDS)
    if not result.success:
        raise AgenticError(f"cannot find the sandbox's working directory: {result.stderr}")
    return result.stdout.strip()


async def sandbox_files(box: SandboxEnvironment, folder: str, dump: bool) -> dict[str, str]:
    """Regular files under `folder` (relative to the work directory); texts when `dump`."""
    python = SandboxWorkspace(box).python
    mode = "dump" if dump else "list"
    argv = [python, "-I", "-c", _FILES_SCRIPT, folder, mode, str(MAX_FILE_BYTES)]
    result = await _run(box, argv, FILE_OPERATION_SECONDS)
    if not result.success:
        raise AgenticError(f"cannot list files under {folder}: {result.stderr.strip()}")
    files: dict[str, str] = json.loads(result.stdout)
    return files


async def read_text(box: SandboxEnvironment, relative: str) -> str:
    result = await _run(box, ["cat", "--", relative], FILE_OPERATION_SECONDS)
    if not result.success:
        raise ToolError(f"Cannot read {relative}: {result.stderr.strip() or 'no such file'}")
    return result.stdout


async def write_text(box: SandboxEnvironment, relative: str, content: str) -> None:
    argv = ["sh", "-c", _WRITE_SCRIPT, "sh", relative]
    result = await _run(box, argv, FILE_OPERATION_SECONDS, input=content)
    if not result.success:
        raise ToolError(f"Cannot write {relative}: {result.stderr.strip()}")


def _confined(file_path: str, work_dir: str) -> str:
    try:
        return confine_path(file_path, work_dir)
    except AgenticError as error:
        raise ToolError(str(error)) from error


# --------------------------------------------------------------------------- tools


@tool(name="Read")
def read_tool(work_dir: str) -> Tool:
    async def execute(file_path: str, offset: int | None = None, limit: int | None = None) -> str:
        """Reads a file from the working directory, with line numbers (cat -n format).

        Args:
            file_path: The path of the file to read (absolute, or relative to the working
                directory).
            offset: The line number to start reading from (1-based). Only for large files.
            limit: The number of lines to read (default 2000).
        """
        relative = _confined(file_path, work_dir)
        return number_lines(await read_text(sandbox(), relative), offset, limit)

    return execute


@tool(name="Write")
def write_tool(work_dir: str) -> Tool:
    async def execute(file_path: str, content: str) -> str:
        """Writes a file in the working directory, replacing it if it exists.

        Args:
            file_path: The path of the file to write (absolute, or relative to the working
                directory).
            content: The content to write to the file.
        """
        relative = _confined(file_path, work_dir)
        await write_text(sandbox(), relative, content)
        return f"File created successfully at: {file_path}"

    return execute


@tool(name="Edit")
def edit_tool(work_dir: str) -> Tool:
    async def execute(
        file_path: str, old_string: str, new_string: str, replace_all: bool = False
    ) -> str:
        """Performs an exact string replacement in a file.

        Args:
            file_path: The path of the file to modify.
            old_string: The text to replace (must be unique in the file unless replace_all).
            new_string: The text to replace it with (must differ from old_string).
            replace_all: Replace every occurrence of old_string (default false).
        """
        relative = _confined(file_path, work_dir)
        box = sandbox()
        original = await read_text(box, relative)
        try:
            updated = apply_edit(original, old_string, new_string, replace_all)
        except AgenticError as error:
            raise ToolError(str(error)) from error
        await write_text(box, relative, updated)
        return f"The file {file_path} has been updated."

    return execute


@tool(name="Bash")
def bash_tool() -> Tool:
    async def execute(command: str, timeout: int | None = None) -> str:
        """Runs a bash command in the working directory (no network).

        Args:
            command: The command to execute.
            timeout: Optional timeout in milliseconds (default 120000, at most 600000).
        """
        seconds = bash_timeout_seconds(timeout)
        result = await _run(sandbox(), ["bash", "-c", command], seconds)
        if result.returncode in (124, 137):
            return f"Command timed out after {seconds} s and was killed."
        return describe_command_result(result.returncode, result.stdout, result.stderr)

    return execute


@tool(name="Glob")
def glob_tool(work_dir: str) -> Tool:
    async def execute(pattern: str, path: str | None = None) -> str:
        """Finds files by name pattern, such as "**/*.py" or "app/**/*.{py,toml}".

        Args:
            pattern: The glob pattern to match files against.
            path: The folder to search in (default: the working directory).
        """
        folder = _confined(path, work_dir) if path else "."
        names = await sandbox_files(sandbox(), folder, dump=False)
        matches = _within(glob_paths(_relative_to(names, folder), pattern), folder)
        return truncate_output("\n".join(matches)) if matches else "No files found"

    return execute


@tool(name="Grep")
def grep_tool(work_dir: str) -> Tool:
    async def execute(
        pattern: str,
        path: str | None = None,
        glob: str | None = None,
        output_mode: str = "files_with_matches",
    ) -> str:
        """Searches file contents with a regular expression.

        Args:
            pattern: The regular expression to search for.
            path: The file or folder to search in (default: the working directory).
            glob: Only search files matching this glob pattern, such as "*.py".
            output_mode: "files_with_matches" (default), "content" (matching lines) or "count".
        """
        folder = _confined(path, work_dir) if path else "."
        texts = _relative_to(await sandbox_files(sandbox(), folder, dump=True), folder)
        try:
            return grep_files(texts, pattern, glob, _grep_mode(output_mode))
        except AgenticError as error:
            raise ToolError(str(error)) from error

    return execute


def _grep_mode(output_mode: str) -> GrepMode:
    if output_mode == "content":
        return "content"
    return "count" if output_mode == "count" else "files_with_matches"


def _relative_to(files: Mapping[str, str], folder: str) -> dict[str, str]:
    """Paths relative to the searched folder, so that a glob applies below it."""
    if folder in (".", ""):
        return dict(files)
    prefix = folder.rstrip("/") + "/"
    return {name.removeprefix(prefix): text for name, text in files.items()}


def _within(paths: list[str], folder: str) -> list[str]:
    return paths if folder in (".", "") else [f"{folder.rstrip('/')}/{path}" for path in paths]


@tool(name="TodoWrite")
def todo_write_tool() -> Tool:
    async def execute(todos: list[dict[str, str]]) -> str:
        """Creates or updates the task list for this session.

        Args:
            todos: The whole updated list: items with "content", "status" (pending,
                in_progress or completed) and "activeForm".
        """
        try:
            items = parse_todos(todos)
        except AgenticError as error:
            raise ToolError(str(error)) from error
        store().set(TODOS_KEY, [item.model_dump() for item in items])
        return "Todos have been modified successfully."

    return execute


def unavailable_tool(name: str) -> Tool:
    """A tool the frontmatter may list but the benchmark cannot offer: it says so."""

    @tool(name=name)
    def factory() -> Tool:
        async def execute(
            url: str | None = None, query: str | None = None, prompt: str | None = None
        ) -> str:
            """Not available in this benchmark.

            Args:
                url: Unused.
                query: Unused.
                prompt: Unused.
            """
            return UNAVAILABLE_MESSAGE.format(tool=name)

        return execute

    return factory()


def granted_tools(grant: ToolGrant, work_dir: str) -> list[Tool]:
    """The inspect tools for the granted names, in Claude Code's order."""
    factories = {
        "Read": lambda: read_tool(work_dir),
        "Write": lambda: write_tool(work_dir),
        "Edit": lambda: edit_tool(work_dir),
        "Bash": bash_tool,
        "Glob": lambda: glob_tool(work_dir),
        "Grep": lambda: grep_tool(work_dir),
        "TodoWrite": todo_write_tool,
    }
    return [
        unavailable_tool(name) if name in UNAVAILABLE_TOOLS else factories[name]()
        for name in grant.granted
    ]


# --------------------------------------------------------------------------- clarification


def clarification_turns(state: TaskState) -> float:
    """How often the simulated user answered a question in this sample (lower is better)."""
    return float(state.store.get(CLARIFICATIONS_KEY, 0))


def _count_clarification() -> None:
    store().set(CLARIFICATIONS_KEY, int(store().get(CLARIFICATIONS_KEY, 0)) + 1)


async def clarify_single_turn(
    state: TaskState, generate: Generate, kind: str, policy: ClarificationPolicy
) -> TaskState:
    """Single-turn mode: a question instead of an answer gets the simulated reply, once."""
    store().set(CLARIFICATIONS_KEY, 0)
    while True:
        answer = state.output.completion
        turns = int(store().get(CLARIFICATIONS_KEY, 0))
        reply = policy.reply_to(answer, delivered_work(answer, kind), turns)
        if reply is None:
            return state
        _count_clarification()
        state.messages.append(ChatMessageUser(content=reply))
        state = await generate(state)


# --------------------------------------------------------------------------- the agent loop


@solver
def agentic_agent(
    prompt: AgentPrompt,
    records: Mapping[str, TaskRecord],
    grant: ToolGrant,
    policy: ClarificationPolicy,
) -> Solver:
    """The agent under test in a tool loop on a copy of the starter files in the sandbox."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        record = records[str(state.sample_id)]
        box = sandbox()
        await SandboxWorkspace(box).write_files(record.shown)
        work_dir = await work_dir_path(box)
        store().set(CLARIFICATIONS_KEY, 0)
        state.metadata["agentic"] = {"work_dir": work_dir, "tools": list(grant.granted)}
        # The body is inserted verbatim (not templated); the environment follows it, as in
        # Claude Code, in a message of its own so the prompt's text stays byte for byte.
        state.messages[0:0] = [
            ChatMessageSystem(content=prompt.body),
            ChatMessageSystem(content=environment_note(work_dir)),
        ]
        agent = react(
            tools=granted_tools(grant, work_dir),
            submit=False,
            on_continue=_continue_unless_done(record, policy),
        )
        try:
            return await as_solver(agent)(state, generate)
        finally:
            state.metadata["agentic"]["refused_tool_calls"] = refused_calls(state, grant)

    return solve


def _continue_unless_done(record: TaskRecord, policy: ClarificationPolicy) -> AgentContinue:
    """react's `on_continue`: keep going on tool calls; answer one question; else stop."""

    async def on_continue(agent_state: AgentState) -> bool | str:
        if agent_state.output.message.tool_calls:
            return True
        answer = agent_state.output.completion
        turns = int(store().get(CLARIFICATIONS_KEY, 0))
        worked = await _work_delivered(record, answer)
        reply = policy.reply_to(answer, worked, turns)
        if reply is None:
            return False
        _count_clarification()
        return reply

    return on_continue


async def _work_delivered(record: TaskRecord, answer: str) -> bool:
    """Work, in agentic mode, is a changed work directory or (review) a findings block."""
    if record.kind == "review" and extract_findings(answer).findings is not None:
        return True
    current = await sandbox_files(sandbox(), ".", dump=True)
    return current != dict(record.shown)


def refused_calls(state: TaskState, grant: ToolGrant) -> list[str]:
    """The tool names the agent called without having been granted them, in call order."""
    granted = set(grant.granted)
    return [
        call.function
        for message in state.messages
        if message.role == "assistant"
        for call in (message.tool_calls or [])
        if call.function not in granted
    ]


@solver
def lay_out_control_files(records: Mapping[str, TaskRecord], with_gold: bool) -> Solver:
    """Agentic mode for the model-free controls: the work directory they leave behind.

    `null` leaves the starter untouched; `reference` lays the gold solution over it (without
    the files the task deletes), as an agent that solved the task would.
    """

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        record = records[str(state.sample_id)]
        files = dict(record.shown)
        if with_gold:
            deleted = getattr(record.spec, "delete", [])
            files = {path: text for path, text in files.items() if path not in deleted}
            files.update(record.gold)
        await SandboxWorkspace(sandbox()).write_files(files)
        return state

    return solve


# --------------------------------------------------------------------------- grading input


async def take_work_dir_files(box: SandboxEnvironment) -> ExtractedFiles:
    """The agent's final files, read inside the sandbox; then the work directory is emptied.

    Grading then lays these files in a clean directory, exactly as it lays an answer's files,
    so nothing the agent left behind (a planted `_hidden_tests/conftest.py`, a symlink) can
    touch the hidden tests copied in afterwards.
    """
    found = await sandbox_files(box, ".", dump=True)
    files = {path: text for path, text in found.items() if not _is_reserved(path)}
    rejected = {path: "reserved for the grader" for path in found if _is_reserved(path)}
    wiped = await _run(box, ["find", ".", "-mindepth", "1", "-delete"], FILE_OPERATION_SECONDS)
    if not wiped.success:
        raise AgenticError(f"cannot empty the work directory: {wiped.stderr.strip()}")
    return ExtractedFiles(files=files, rejected=rejected)


def _is_reserved(path: str) -> bool:
    return path.split("/")[0] in RESERVED_PREFIXES


def changed_files(files: Mapping[str, str], starter: Mapping[str, str]) -> dict[str, str]:
    """Files the agent added or changed relative to the starter."""
    return {path: text for path, text in files.items() if starter.get(path) != text}
