"""Where graded code runs: an inspect sandbox during evals, a local folder for validation.

A command's time limit is CPU first (`core.run_limits`): in `archbench-bwrap` the sandbox applies
it, in a local folder the same watchdog does. Container sandboxes (docker, k8s), whose processes
this host cannot see, keep a plain wall-clock limit: coreutils `timeout -k` inside, because
inspect's own exec timeout only kills the direct child and leaves its descendants running (see
notes/inspect-ai.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import os
import shutil
import signal
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import anyio
from inspect_ai.util import ExecResult, SandboxEnvironment

from archbench.core.run_limits import RunLimits, RunStop, Verdict
from archbench.inspect_compat import LocalSandboxEnvironment
from archbench.runner._bwrap import BwrapSandboxEnvironment, LimitedExecResult
from archbench.runner._watchdog import run_watched

KILL_GRACE_SECONDS = 5
TIMEOUT_EXIT_CODES = frozenset({124, 137})
# Empties the work directory from inside (as the sandbox's uid, which owns what the answer
# made); the chmod first, so that a folder the answer made unreadable is emptied too.
CLEAR_SCRIPT = "chmod -R u+rwX . 2>/dev/null; find . -mindepth 1 -delete"
CLEAR_SECONDS = 30


@dataclass(frozen=True)
class ExecOutcome:
    returncode: int
    stdout: str
    stderr: str
    # Why a time limit stopped the command; None when it ended by itself.
    stop: RunStop | None = None

    @property
    def timed_out(self) -> bool:
        return self.stop is not None


def with_wall_clock_limit(argv: list[str], seconds: int) -> list[str]:
    return ["timeout", "-k", str(KILL_GRACE_SECONDS), str(seconds), *argv]


def _is_bwrap(sandbox: SandboxEnvironment) -> bool:
    try:
        sandbox.as_type(BwrapSandboxEnvironment)
    except TypeError:
        return False
    return True


def limited_command(
    sandbox: SandboxEnvironment, argv: list[str], seconds: int
) -> tuple[list[str], int]:
    """`argv` and the exec timeout that limit it to `seconds` in `sandbox`: archbench-bwrap
    applies the CPU-first limits itself; elsewhere a wall-clock `timeout` inside."""
    if _is_bwrap(sandbox):
        return argv, seconds
    return with_wall_clock_limit(argv, seconds), seconds + 2 * KILL_GRACE_SECONDS


def command_stop(result: ExecResult[str], seconds: int) -> RunStop | None:
    """Why the limits of `limited_command` stopped the command, if they did."""
    if isinstance(result, LimitedExecResult):
        return result.stop
    if result.returncode in TIMEOUT_EXIT_CODES:
        return RunStop(Verdict.WALL_CLOCK, RunLimits(seconds))
    return None


class Workspace(Protocol):
    """A work directory that graded code can be written to and run in."""

    python: str

    async def write_files(self, files: Mapping[str, str]) -> None: ...

    async def read_file(self, path: str) -> str | None: ...

    async def run(
        self, argv: list[str], timeout: int, env: Mapping[str, str], input: str | None = None
    ) -> ExecOutcome: ...

    async def clear(self) -> None:
        """Empty the work directory (before grading again from scratch)."""
        ...


class SandboxWorkspace:
    """The per-sample inspect sandbox (its working directory is the work directory)."""

    def __init__(self, sandbox: SandboxEnvironment) -> None:
        self._sandbox = sandbox
        self.python = _interpreter_for(sandbox)

    async def write_files(self, files: Mapping[str, str]) -> None:
        with _unrecorded(self._sandbox):
            for path, text in files.items():
                await self._sandbox.write_file(path, text)

    async def read_file(self, path: str) -> str | None:
        try:
            with _unrecorded(self._sandbox):
                return await self._sandbox.read_file(path)
        except FileNotFoundError:
            return None

    async def run(
        self, argv: list[str], timeout: int, env: Mapping[str, str], input: str | None = None
    ) -> ExecOutcome:
        command, exec_timeout = limited_command(self._sandbox, argv, timeout)
        with _unrecorded(self._sandbox):
            result = await self._sandbox.exec(
                command, input=input, env=dict(env), timeout=exec_timeout
            )
        return ExecOutcome(
            result.returncode, result.stdout, result.stderr, command_stop(result, timeout)
        )

    async def clear(self) -> None:
        outcome = await self.run(["sh", "-c", CLEAR_SCRIPT], CLEAR_SECONDS, {})
        if outcome.returncode != 0:
            raise OSError(f"cannot empty the work directory: {outcome.stderr.strip()}")


def _unrecorded(sandbox: SandboxEnvironment) -> contextlib.AbstractContextManager[None]:
    """Keep grading's sandbox calls out of the transcript.

    `sandbox()` hands out inspect's recording proxy, whose events store every file written and
    every command's output: hidden tests, gold files and pytest's quoting of test source would
    otherwise all land in the log. The proxy's `no_events()` turns that off for the block.
    """
    quiet = getattr(sandbox, "no_events", None)
    return quiet() if callable(quiet) else contextlib.nullcontext()


def _interpreter_for(sandbox: SandboxEnvironment) -> str:
    """Local sandboxes (bubblewrap included) see the host's interpreter; containers their own.

    `sandbox()` hands out a proxy, so `isinstance` is not enough: `as_type` looks through it.
    """
    try:
        sandbox.as_type(LocalSandboxEnvironment)
    except TypeError:
        return "python3"
    return sys.executable


class LocalWorkspace:
    """A local folder, for validating our own trusted gold and starter code only."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.python = sys.executable

    async def write_files(self, files: Mapping[str, str]) -> None:
        for path, text in files.items():
            target = self.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")

    async def read_file(self, path: str) -> str | None:
        target = self.root / path
        return target.read_text(encoding="utf-8") if target.is_file() else None

    async def run(
        self, argv: list[str], timeout: int, env: Mapping[str, str], input: str | None = None
    ) -> ExecOutcome:
        """`argv` under the same CPU-first limits as the sandbox (watchdog, no prlimit: the
        code is ours). Past the backstop plus a grace the watchdog failed: TimeoutError."""
        limits = RunLimits(timeout)
        process = await asyncio.create_subprocess_exec(
            *argv,
            cwd=self.root,
            env={**os.environ, **env},
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
        )
        communicate = functools.partial(process.communicate, input.encode() if input else None)
        try:
            with anyio.fail_after(limits.backstop_seconds + 2 * KILL_GRACE_SECONDS):
                (stdout, stderr), stop = await run_watched(
                    communicate, lambda _: process.pid, limits, kill=_kill_group
                )
        finally:
            _kill_group(process.pid)
        return ExecOutcome(
            process.returncode or 0,
            stdout.decode(errors="replace"),
            stderr.decode(errors="replace"),
            stop if process.returncode == -signal.SIGKILL else None,
        )

    async def clear(self) -> None:
        for path in self.root.iterdir():
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()


def _kill_group(pid: int) -> None:
    # Anything the command left behind in its session dies with it.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
