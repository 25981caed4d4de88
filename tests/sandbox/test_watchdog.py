"""The watchdog's view of a running process tree (/proc), and the stops it makes."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from inspect_ai.util import ExecResult

from archbench.core.run_limits import RunLimits, RunStop, TreeUsage, Verdict
from archbench.runner import LocalWorkspace
from archbench.runner._bwrap import LimitedExecResult
from archbench.runner._watchdog import (
    ProcessStat,
    child_marked,
    descendants,
    process_table,
    read_stat,
    run_watched,
    tree_usage,
)
from archbench.runner._workspace import command_stop

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


@pytest.fixture
def spawn() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        process.kill()
        process.wait()


def start(spawned: list[subprocess.Popen[bytes]], argv: list[str]) -> int:
    process = subprocess.Popen(argv)
    spawned.append(process)
    return process.pid


def usage_of(pid: int) -> TreeUsage:
    usage = tree_usage(process_table(), pid)
    assert usage is not None
    return usage


def test_a_process_named_with_parentheses_and_spaces_is_read(
    spawn: list[subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    # The name in /proc/<pid>/stat is the executable's: it may contain ") (".
    odd = tmp_path / "x) (y z"
    odd.symlink_to(sys.executable)
    pid = start(spawn, [str(odd), "-c", "import time; time.sleep(60)"])
    time.sleep(0.3)
    stat = read_stat(pid)
    assert stat is not None
    assert (stat.pid, stat.ppid, stat.state, stat.nice) == (pid, os.getpid(), "S", 0)


def test_descendants_are_the_root_and_everything_below_it() -> None:
    def stat(pid: int, ppid: int) -> ProcessStat:
        return ProcessStat(pid, ppid, "S", 0, 0, 0, 0)

    table = {s.pid: s for s in (stat(1, 0), stat(10, 1), stat(11, 10), stat(12, 11),
                                stat(13, 10), stat(20, 1))}  # fmt: skip
    assert sorted(descendants(table, 10)) == [10, 11, 12, 13]
    assert descendants(table, 12) == [12]


def test_a_sleeping_process_has_its_wall_clock_as_own_time(
    spawn: list[subprocess.Popen[bytes]],
) -> None:
    pid = start(spawn, SLEEPER)
    time.sleep(0.5)
    before = usage_of(pid)
    time.sleep(1.0)
    after = usage_of(pid)
    assert after.elapsed - before.elapsed >= 1.0
    assert not after.lowered_priority
    # Asleep it is not runnable, so it does not wait for a CPU, however busy the machine is:
    # its own time keeps pace with the wall clock (it waited, if at all, while starting).
    assert after.own_time - before.own_time >= 0.9 * (after.elapsed - before.elapsed)


def test_a_busy_process_accumulates_cpu_time(spawn: list[subprocess.Popen[bytes]]) -> None:
    pid = start(spawn, [sys.executable, "-c", "while True: pass"])
    time.sleep(0.2)
    before = usage_of(pid)
    time.sleep(1.0)
    after = usage_of(pid)
    assert after.cpu > before.cpu
    # Running or waiting for a CPU: either way it is not blocked.
    assert after.cpu + after.cpu_wait > 0.5 * (after.elapsed - before.elapsed)


def test_a_process_that_lowered_its_priority_is_flagged(
    spawn: list[subprocess.Popen[bytes]],
) -> None:
    pid = start(spawn, ["nice", "-n", "5", *SLEEPER])
    time.sleep(0.3)
    assert usage_of(pid).lowered_priority


IDLE_THREAD = """
import os, threading, time
def idle():
    os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))  # this thread only
    time.sleep(60)
threading.Thread(target=idle, daemon=True).start()
time.sleep(60)
"""


def test_a_thread_that_lowered_its_own_priority_is_flagged(
    spawn: list[subprocess.Popen[bytes]],
) -> None:
    pid = start(spawn, [sys.executable, "-c", IDLE_THREAD])
    time.sleep(0.5)
    stat = read_stat(pid)
    assert stat is not None and stat.policy == os.SCHED_OTHER  # the main thread's is unchanged
    assert usage_of(pid).lowered_priority


def test_the_root_is_found_by_the_marker_in_its_command_line(
    spawn: list[subprocess.Popen[bytes]],
) -> None:
    marked = start(spawn, [*SLEEPER, "marker-4f2a"])
    start(spawn, SLEEPER)
    time.sleep(0.2)
    assert child_marked("marker-4f2a")(process_table()) == marked
    assert child_marked("marker-absent")(process_table()) is None


def test_a_sleeping_command_is_stopped_by_its_own_time(tmp_path: Path) -> None:
    began = time.monotonic()
    outcome = asyncio.run(LocalWorkspace(tmp_path).run(SLEEPER, 1, {}))
    assert outcome.stop is not None and outcome.stop.verdict is Verdict.OVER_OWN_TIME
    assert outcome.timed_out
    # Own time 1 s + margin, not the 60 s sleep (the slack is for starting on a busy machine).
    assert time.monotonic() - began < 20


def test_a_command_that_ends_by_itself_is_not_stopped(tmp_path: Path) -> None:
    outcome = asyncio.run(LocalWorkspace(tmp_path).run([sys.executable, "-c", "pass"], 1, {}))
    assert (outcome.returncode, outcome.stop, outcome.timed_out) == (0, None, False)


def test_what_the_command_raises_is_raised_as_it_is() -> None:
    # Not wrapped in an ExceptionGroup: the scorer's "grading failed: ..." names the real error.
    async def inspect_gave_up() -> None:
        raise TimeoutError("no result within the backstop")

    with pytest.raises(TimeoutError, match="no result within the backstop"):
        asyncio.run(run_watched(inspect_gave_up, lambda _: None, RunLimits(60)))


STOP = RunStop(Verdict.OVER_CPU, RunLimits(5), TreeUsage(3.0, 7.0, 0.0))


@pytest.mark.parametrize(
    ("result", "stop"),
    [
        (LimitedExecResult(False, 124, "", "", STOP), STOP),
        # The answer's own exit status 124 is not a timeout in the sandbox, which reports stops.
        (LimitedExecResult(False, 124, "", ""), None),
        (ExecResult[str](False, 124, "", ""), RunStop(Verdict.WALL_CLOCK, RunLimits(5))),
        (ExecResult[str](False, 137, "", ""), RunStop(Verdict.WALL_CLOCK, RunLimits(5))),
        (ExecResult[str](True, 0, "", ""), None),
    ],
)
def test_why_a_command_was_stopped(result: ExecResult[str], stop: RunStop | None) -> None:
    assert command_stop(result, 5) == stop
