"""Where graded code runs: an inspect sandbox during evals, a local folder for validation.

Both wrap every command in coreutils `timeout -k` because inspect's own exec timeout only kills
the direct child and leaves its descendants running (see notes/inspect-ai.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from inspect_ai.util import SandboxEnvironment

from archbench.inspect_compat import LocalSandboxEnvironment

KILL_GRACE_SECONDS = 5
TIMEOUT_EXIT_CODES = frozenset({124, 137})


@dataclass(frozen=True)
class ExecOutcome:
    returncode: int
    stdout: str
    stderr: str

    @property
    def timed_out(self) -> bool:
        return self.returncode in TIMEOUT_EXIT_CODES


def with_wall_clock_limit(argv: list[str], seconds: int) -> list[str]:
    return ["timeout", "-k", str(KILL_GRACE_SECONDS), str(seconds), *argv]


class Workspace(Protocol):
    """A work directory that graded code can be written to and run in."""

    python: str

    async def write_files(self, files: Mapping[str, str]) -> None: ...

    async def read_file(self, path: str) -> str | None: ...

    async def run(
        self, argv: list[str], timeout: int, env: Mapping[str, str], input: str | None = None
    ) -> ExecOutcome: ...


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
        with _unrecorded(self._sandbox):
            result = await self._sandbox.exec(
                with_wall_clock_limit(argv, timeout),
                input=input,
                env=dict(env),
                timeout=timeout + 2 * KILL_GRACE_SECONDS,
            )
        return ExecOutcome(result.returncode, result.stdout, result.stderr)


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
        process = await asyncio.create_subprocess_exec(
            *with_wall_clock_limit(argv, timeout),
            cwd=self.root,
            env={**os.environ, **env},
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
        )
        try:
            stdout, stderr = await process.communicate(input.encode() if input else None)
        finally:
            _kill_group(process.pid)
        return ExecOutcome(
            process.returncode or 0,
            stdout.decode(errors="replace"),
            stderr.decode(errors="replace"),
        )


def _kill_group(pid: int) -> None:
    # Anything the command left behind in its session dies with it.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
