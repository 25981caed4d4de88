"""Agentic mode's sandbox access: listing, reading and writing the work directory's files.

Every operation runs through `sandbox().exec`, never through the host's file API: in the isolated
sandbox a symlink the agent planted (say, to a reference solution) then resolves inside the
sandbox, where the project checkout is hidden, instead of on the host.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from inspect_ai.tool import ToolError
from inspect_ai.util import ExecResult, SandboxEnvironment

from archbench.core.agentic import AgenticError
from archbench.runner import SandboxWorkspace, limited_command

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


async def run_in_sandbox(
    box: SandboxEnvironment, argv: list[str], seconds: int, input: str | None = None
) -> ExecResult[str]:
    """`argv` in the sandbox's working directory, limited to `seconds` as graded code is (CPU
    first in archbench-bwrap, see `core.run_limits`; `command_stop` says why it was stopped)."""
    command, exec_timeout = limited_command(box, argv, seconds)
    return await box.exec(command, input=input, env=_tool_environment(box), timeout=exec_timeout)


def _tool_environment(box: SandboxEnvironment) -> dict[str, str]:
    """On local sandboxes, the benchmark's Python (with pytest) comes first on PATH."""
    python = SandboxWorkspace(box).python
    if python != sys.executable:
        return {}
    return {"PATH": f"{Path(python).parent}:/usr/local/bin:/usr/bin:/bin"}


async def work_dir_path(box: SandboxEnvironment) -> str:
    result = await run_in_sandbox(box, ["pwd"], FILE_OPERATION_SECONDS)
    if not result.success:
        raise AgenticError(f"cannot find the sandbox's working directory: {result.stderr}")
    return result.stdout.strip()


async def sandbox_files(box: SandboxEnvironment, folder: str, dump: bool) -> dict[str, str]:
    """Regular files under `folder` (relative to the work directory); texts when `dump`."""
    python = SandboxWorkspace(box).python
    mode = "dump" if dump else "list"
    argv = [python, "-I", "-c", _FILES_SCRIPT, folder, mode, str(MAX_FILE_BYTES)]
    result = await run_in_sandbox(box, argv, FILE_OPERATION_SECONDS)
    if not result.success:
        raise AgenticError(f"cannot list files under {folder}: {result.stderr.strip()}")
    files: dict[str, str] = json.loads(result.stdout)
    return files


async def read_text(box: SandboxEnvironment, relative: str) -> str:
    result = await run_in_sandbox(box, ["cat", "--", relative], FILE_OPERATION_SECONDS)
    if not result.success:
        raise ToolError(f"Cannot read {relative}: {result.stderr.strip() or 'no such file'}")
    return result.stdout


async def write_text(box: SandboxEnvironment, relative: str, content: str) -> None:
    argv = ["sh", "-c", _WRITE_SCRIPT, "sh", relative]
    result = await run_in_sandbox(box, argv, FILE_OPERATION_SECONDS, input=content)
    if not result.success:
        raise ToolError(f"Cannot write {relative}: {result.stderr.strip()}")
