"""The watchdog of a running command: reads its process tree in /proc, applies `core.run_limits`.

It runs beside the command and is cancelled when the command ends, so a command that finishes
within its limits costs nothing: the first look is when a limit could first be reached. Each
look reads, for every process of the tree, `/proc/<pid>/stat` (CPU time, its own and that of
the children it reaped; start time; nice and scheduling policy), `/proc/<pid>/autogroup` (its
session's nice) and each thread's `/proc/<pid>/task/<tid>/schedstat` (`run_delay`: the time it
was runnable but waiting for a CPU). Processes inside bubblewrap's PID namespace are ordinary
host processes, so the host's /proc sees them all.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import anyio

from archbench.core.run_limits import (
    MIN_CHECK_SECONDS,
    RunLimits,
    RunStop,
    TreeUsage,
    Verdict,
    judge,
    next_check_in,
)

PROC = Path("/proc")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
NANOSECONDS = 1e9

T = TypeVar("T")


@dataclass(frozen=True)
class ProcessStat:
    """The fields of /proc/<pid>/stat the watchdog needs (times in clock ticks)."""

    pid: int
    ppid: int
    state: str
    cpu_ticks: int  # utime + stime + cutime + cstime: its own and its reaped children's
    start_ticks: int  # since boot
    nice: int
    policy: int  # SCHED_OTHER, SCHED_BATCH, SCHED_IDLE...


ProcessTable = Mapping[int, ProcessStat]
# Finds the command's root process in the table (None: not started yet, or already gone).
RootFinder = Callable[[ProcessTable], int | None]


def read_stat(pid: int, thread: str | None = None) -> ProcessStat | None:
    """A process's stat line, or one of its threads' (each thread has its own nice and policy:
    a thread may lower its priority alone)."""
    path = (
        PROC / str(pid) / "stat" if thread is None else PROC / str(pid) / "task" / thread / "stat"
    )
    try:
        text = path.read_text()
    except OSError:  # the process ended meanwhile
        return None
    # The command name (field 2) is in parentheses and may itself contain spaces or ')'.
    fields = text.rpartition(")")[2].split()
    # fields[0] is field 3 of proc(5), so field n is fields[n - 3].
    return ProcessStat(
        pid=pid,
        ppid=int(fields[1]),
        state=fields[0],
        cpu_ticks=sum(int(value) for value in fields[11:15]),
        start_ticks=int(fields[19]),
        nice=int(fields[16]),
        policy=int(fields[38]),
    )


def process_table() -> dict[int, ProcessStat]:
    table: dict[int, ProcessStat] = {}
    for name in os.listdir(PROC):
        stat = read_stat(int(name)) if name.isdigit() else None
        if stat is not None:
            table[stat.pid] = stat
    return table


def descendants(table: ProcessTable, root: int) -> list[int]:
    """`root` and every process below it."""
    children: dict[int, list[int]] = defaultdict(list)
    for stat in table.values():
        children[stat.ppid].append(stat.pid)
    found, pending = [], [root]
    while pending:
        pid = pending.pop()
        found.append(pid)
        pending.extend(children[pid])
    return found


def threads_of(pid: int) -> list[str]:
    try:
        return os.listdir(PROC / str(pid) / "task")
    except OSError:
        return []


def cpu_wait_seconds(pid: int) -> float:
    """How long the process's live threads have been runnable but waiting for a CPU."""
    waited = 0
    for thread in threads_of(pid):
        try:
            waited += int((PROC / str(pid) / "task" / thread / "schedstat").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return waited / NANOSECONDS


def autogroup_nice(pid: int) -> int:
    """The nice of the process's session (autogroup); 0 without autogroups."""
    try:
        return int((PROC / str(pid) / "autogroup").read_text().split()[-1])
    except (OSError, IndexError, ValueError):
        return 0


def nicer_than_the_grader(stat: ProcessStat) -> bool:
    """Compared with this process, which a user may run under `nice` or SCHED_BATCH."""
    return stat.nice > os.getpriority(os.PRIO_PROCESS, 0) or stat.policy != os.sched_getscheduler(0)


def lowered_priority(pid: int) -> bool:
    """Did the process, or one of its threads, give itself less CPU than the grader has (a
    higher nice, the idle or batch policy, or a nicer session)?"""
    threads = (read_stat(pid, thread) for thread in threads_of(pid))
    return autogroup_nice(pid) > 0 or any(
        stat is not None and nicer_than_the_grader(stat) for stat in threads
    )


def tree_usage(table: ProcessTable, root: int) -> TreeUsage | None:
    """The tree's usage so far; None when the root has ended (a zombie not yet reaped)."""
    if root not in table or table[root].state == "Z":
        return None
    pids = descendants(table, root)
    # /proc's start times count from boot, as CLOCK_BOOTTIME does.
    elapsed = time.clock_gettime(time.CLOCK_BOOTTIME) - table[root].start_ticks / CLOCK_TICKS
    return TreeUsage(
        elapsed=elapsed,
        cpu=sum(table[pid].cpu_ticks for pid in pids) / CLOCK_TICKS,
        cpu_wait=sum(cpu_wait_seconds(pid) for pid in pids),
        lowered_priority=any(lowered_priority(pid) for pid in pids),
    )


def child_marked(marker: str) -> RootFinder:
    """The root is this process's child whose command line contains `marker`."""
    wanted, parent = marker.encode(), os.getpid()

    def find(table: ProcessTable) -> int | None:
        for stat in table.values():
            if stat.ppid == parent and wanted in _command_line(stat.pid):
                return stat.pid
        return None

    return find


def _command_line(pid: int) -> bytes:
    try:
        return (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return b""


def kill_process(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


@dataclass(frozen=True)
class Look:
    """One look at the tree: its root and usage (None when it is not running)."""

    root: int | None
    usage: TreeUsage | None


def look(find_root: RootFinder) -> Look:
    table = process_table()
    root = find_root(table)
    return Look(root, None if root is None else tree_usage(table, root))


async def watch(
    find_root: RootFinder, limits: RunLimits, kill: Callable[[int], None] = kill_process
) -> RunStop:
    """Look at the tree whenever a limit could be reached; kill it when one is. Returns only
    after a kill: the caller cancels the watch when the command ends by itself."""
    cores = len(os.sched_getaffinity(0))
    delay = next_check_in(TreeUsage(0.0, 0.0, 0.0), limits, cores)
    while True:
        await anyio.sleep(delay)
        seen = await anyio.to_thread.run_sync(look, find_root)
        if seen.root is None or seen.usage is None:
            # Not started yet (inspect may hold it for a free subprocess slot), or just ended.
            delay = MIN_CHECK_SECONDS
            continue
        verdict = judge(seen.usage, limits)
        if verdict is Verdict.CONTINUE:
            delay = next_check_in(seen.usage, limits, cores)
            continue
        kill(seen.root)
        return RunStop(verdict, limits, seen.usage)


async def run_watched(
    run: Callable[[], Awaitable[T]],
    find_root: RootFinder,
    limits: RunLimits,
    kill: Callable[[int], None] = kill_process,
) -> tuple[T, RunStop | None]:
    """`run()`'s result, and why the watchdog stopped it (None if it ended by itself).

    What `run()` raises is raised as it is (a task group would wrap it in an ExceptionGroup).
    """
    stop: RunStop | None = None
    failure: Exception | None = None

    async def watchdog() -> None:
        nonlocal stop
        stop = await watch(find_root, limits, kill)

    async with anyio.create_task_group() as group:
        group.start_soon(watchdog)
        try:
            result = await run()
        except Exception as error:
            failure = error
        group.cancel_scope.cancel()
    if failure is not None:
        raise failure
    return result, stop
