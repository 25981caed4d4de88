"""`--sandbox archbench-bwrap`: inspect's local sandbox, with every command run under bubblewrap.

Each sample gets a fresh work directory, the only writable place it can see. Inside:
- the system, the Python environment and its base interpreter are read-only;
- nothing else exists: an allow-list binds only the system's programs and libraries, a few /etc
  files and the work directory; the project checkout (datasets, reference solutions, hidden
  tests), other samples' work directories, logs, /mnt, /var, /srv, /opt, /root and /home are
  absent; /tmp is an empty private tmpfs; the environment is cleared (`--clearenv`);
- no network (own network namespace), own PID, IPC and UTS namespaces; when the command ends or
  is killed, everything it started dies with the PID namespace;
- as root, the command runs as a per-sample unprivileged uid, so the process limit is exact;
- address space, process count, file size and open files are limited by prlimit; time is
  limited by CPU first (`core.run_limits`): prlimit's per-process CPU limit, and a watchdog on
  the host (`_watchdog`) for the tree's CPU, its own time (wall clock minus waiting for a CPU)
  and a generous wall-clock backstop. Killing the outer bwrap process kills the whole sandbox
  (`--die-with-parent`, PID namespace).
If bubblewrap cannot run, grading stops with a clear message: it never falls back silently to
unisolated execution (`-T sandbox=local` is the explicit opt-in for that).
"""

from __future__ import annotations

import functools
import os
import secrets
import shutil
import signal
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inspect_ai.util import ExecResult, SandboxEnvironment, sandboxenv
from typing_extensions import override

from archbench.core.errors import ArchbenchError
from archbench.core.run_limits import RunLimits, RunStop
from archbench.inspect_compat import LocalSandboxEnvironment
from archbench.runner._disk_quota import mount_quota, unmount_quota
from archbench.runner._watchdog import child_marked, run_watched

SANDBOX_NAME = "archbench-bwrap"
KILL_GRACE_SECONDS = 5
DEFAULT_TIMEOUT_SECONDS = 120
# Exit status reported for a command the watchdog stopped, as coreutils `timeout` reports one.
STOPPED_EXIT_CODE = 124
# Marks each command's outer bwrap process, so the watchdog finds it among this process's
# children (inspect starts it; its pid is not handed back).
RUN_MARKER_VARIABLE = "ARCHBENCH_RUN"
# What exists inside besides the Python environment and the work directory: the system's
# programs and libraries, and the few /etc files the dynamic loader, Python and TLS read.
SYSTEM_PATHS = (
    "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
    "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime",
    "/etc/nsswitch.conf", "/etc/passwd", "/etc/group", "/etc/ssl", "/etc/ca-certificates",
    "/etc/alternatives", "/etc/mime.types",
)  # fmt: skip


@dataclass(frozen=True)
class Limits:
    """Per-command resource limits inside the sandbox."""

    address_space_bytes: int = 4 * 1024**3
    processes: int = 128
    file_size_bytes: int = 64 * 1024**2
    open_files: int = 256

    def prlimit_args(self, time_limits: RunLimits) -> list[str]:
        # CPU per process: SIGXCPU ("CPU time limit exceeded") at the soft limit, SIGKILL at the
        # hard one for a process that ignores SIGXCPU.
        cpu = f"{time_limits.cpu_seconds}:{time_limits.hard_cpu_seconds}"
        return [
            "prlimit",
            f"--as={self.address_space_bytes}",
            f"--nproc={self.processes}",
            f"--fsize={self.file_size_bytes}",
            f"--nofile={self.open_files}",
            f"--cpu={cpu}",
            "--",
        ]


@dataclass  # not frozen: inspect's ExecResult is not
class LimitedExecResult(ExecResult[str]):
    """An exec result that says why the watchdog stopped the command (None: it ended)."""

    stop: RunStop | None = None


class SandboxUnavailableError(ArchbenchError):
    """bubblewrap is missing or cannot create namespaces on this machine."""


def check_bwrap() -> None:
    """Raise SandboxUnavailableError with what to do when bubblewrap cannot run."""
    if shutil.which("bwrap") is None:
        raise SandboxUnavailableError(
            "bubblewrap (bwrap) is not installed: run `make setup` (it installs the Debian "
            "package 'bubblewrap'), or pass -T sandbox=local to grade WITHOUT isolation"
        )
    probe = subprocess.run(
        ["bwrap", "--ro-bind", "/", "/", "--unshare-net", "--unshare-pid", "true"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    if probe.returncode != 0:
        raise SandboxUnavailableError(
            f"bubblewrap cannot create a sandbox here ({probe.stderr.strip()}); grading stops "
            "rather than run model-written code unisolated (-T sandbox=local to opt in)"
        )


def _readonly_environment_binds() -> list[str]:
    """The Python environment and its base interpreter, visible read-only inside the sandbox.

    Their ancestors may lie under a hidden (tmpfs) folder such as /root, where bubblewrap would
    create them with the host's 0700 mode; they are made 0755 first so the sandbox uid can enter.
    """
    prefixes = {sys.prefix, sys.base_prefix, str(Path(sys.executable).resolve().parent.parent)}
    binds: list[str] = []
    for prefix in sorted(prefixes):
        for ancestor in reversed(Path(prefix).parents[:-1]):
            binds += ["--perms", "0755", "--dir", str(ancestor)]
        binds += ["--ro-bind", prefix, prefix]
    return binds


def _system_binds() -> list[str]:
    """The system, read-only: each allowed path as the host has it (a symlink stays a symlink)."""
    binds: list[str] = []
    for path in SYSTEM_PATHS:
        host = Path(path)
        if host.is_symlink():
            binds += ["--symlink", os.readlink(host), path]
        elif host.exists():
            binds += ["--ro-bind", path, path]
    return binds


def sandbox_environment(work_dir: Path, env: Mapping[str, str] | None) -> list[str]:
    """`--clearenv`, then only what the command needs: nothing of the host's environment (its
    API keys and tokens included) reaches the answer's code."""
    variables = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(work_dir),
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        **(env or {}),
    }
    return ["--clearenv", *(a for k, v in variables.items() for a in ("--setenv", k, v))]


# multiprocessing's locks and queues are POSIX semaphores in /dev/shm: the sandbox user (not
# root) must be able to create them, in a small tmpfs of its own so it cannot fill memory.
SHARED_MEMORY_BYTES = 64 * 1024**2


def _shared_memory() -> list[str]:
    return ["--perms", "1777", "--size", str(SHARED_MEMORY_BYTES), "--tmpfs", "/dev/shm"]


def bwrap_command(
    work_dir: Path,
    cwd: Path,
    argv: list[str],
    uid: int | None,
    time_limits: RunLimits,
    limits: Limits = Limits(),
    env: Mapping[str, str] | None = None,
) -> list[str]:
    """The full host command that runs `argv` isolated in `work_dir`.

    An allow-list: only the system, the Python environment and the work directory exist inside;
    the project checkout, other samples, logs and every other host folder do not.
    """
    identity = (
        ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--"] if uid else []
    )
    return [
        "bwrap", "--die-with-parent", "--new-session",
        "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
        *_system_binds(), "--dev", "/dev", *_shared_memory(), "--proc", "/proc", "--tmpfs", "/tmp",
        *_readonly_environment_binds(),
        "--bind", str(work_dir), str(work_dir),
        "--chdir", str(cwd),
        *sandbox_environment(work_dir, env),
        "--",
        *limits.prlimit_args(time_limits), *identity, *argv,
    ]  # fmt: skip


@sandboxenv(name=SANDBOX_NAME)
class BwrapSandboxEnvironment(LocalSandboxEnvironment):
    """inspect's local sandbox (per-sample temp directory) with commands run under bubblewrap."""

    @override
    @classmethod
    async def task_init(cls, task_name: str, config: Any) -> None:
        check_bwrap()

    @override
    @classmethod
    async def sample_init(
        cls, task_name: str, config: Any, metadata: dict[str, str]
    ) -> dict[str, SandboxEnvironment]:
        return {"default": cls()}

    @override
    @classmethod
    async def sample_cleanup(
        cls,
        task_name: str,
        config: Any,
        environments: dict[str, SandboxEnvironment],
        interrupted: bool,
    ) -> None:
        for environment in environments.values():
            environment.as_type(BwrapSandboxEnvironment).release_quota()
        await super().sample_cleanup(task_name, config, environments, interrupted)

    def __init__(self) -> None:
        super().__init__()
        # A uid of its own per sample, so that the process limit counts this sample alone.
        self.uid = 200_000 + secrets.randbelow(100_000) if os.geteuid() == 0 else None
        self.disk_quota = mount_quota(Path(self.directory.name))

    def release_quota(self) -> None:
        """Unmount the work directory's tmpfs (its files go with it)."""
        if self.disk_quota:
            unmount_quota(Path(self.directory.name))
            self.disk_quota = False

    def close(self) -> None:
        """For sandboxes made outside an eval (tests, benchmarks): unmount, then remove."""
        self.release_quota()
        self.directory.cleanup()

    @override
    async def exec(
        self,
        cmd: list[str],
        input: str | bytes | None = None,
        cwd: str | None = None,
        env: dict[str, str] | None = None,
        user: str | None = None,
        timeout: int | None = None,
        timeout_retry: bool = True,
        concurrency: bool = True,
    ) -> LimitedExecResult:
        """`cmd` in the sandbox, `timeout` (s) its limit under `core.run_limits`.

        A command the watchdog stopped comes back with `stop` set and exit code 124. inspect's
        own timeout, at the backstop plus a grace, fires only if the watchdog could not act: its
        TimeoutError is then ours, never the command's.
        """
        work_dir = Path(self.directory.name)
        final_cwd = work_dir if cwd is None else (work_dir / cwd)
        self._hand_over(work_dir)
        time_limits = RunLimits(timeout or DEFAULT_TIMEOUT_SECONDS)
        # Names the run for the watchdog; visible inside, and no secret.
        marker = secrets.token_hex(8)
        marked_env = {**(env or {}), RUN_MARKER_VARIABLE: marker}
        wrapped = bwrap_command(work_dir, final_cwd, cmd, self.uid, time_limits, env=marked_env)
        run = functools.partial(
            super().exec, wrapped, input=input, cwd=str(work_dir), env=None,
            timeout=time_limits.backstop_seconds + 2 * KILL_GRACE_SECONDS, timeout_retry=False,
            concurrency=concurrency,
        )  # fmt: skip
        result, stop = await run_watched(run, child_marked(marker), time_limits)
        # The watchdog's kill, not a natural end at the same moment: only it SIGKILLs bwrap.
        if stop is None or result.returncode != -signal.SIGKILL:
            return LimitedExecResult(result.success, result.returncode, result.stdout,
                                     result.stderr)  # fmt: skip
        return LimitedExecResult(False, STOPPED_EXIT_CODE, result.stdout, result.stderr, stop)

    def _hand_over(self, work_dir: Path) -> None:
        """Give the sandbox uid the work directory, the only place it may write."""
        if self.uid is None:
            return
        for path in [work_dir, *work_dir.rglob("*")]:
            os.lchown(path, self.uid, self.uid)
