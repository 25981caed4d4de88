"""When to stop a command running model-written code: CPU time first, the wall clock last.

A wall-clock limit makes a correct answer's score depend on how busy the machine is: on a
saturated machine a run that needs 2 s of CPU takes 10 s. So a command's limit of N seconds is:

- CPU: each process gets N s of CPU (RLIMIT_CPU: SIGXCPU, SIGKILL `margin` s later), and the
  whole process tree N + `margin` s (an answer may fork);
- its own time: the wall clock *minus the time its threads waited, runnable, for a CPU*
  (`run_delay` in /proc/<pid>/task/<tid>/schedstat) may not pass N + `margin` s. That is the
  wall clock the run would have taken on an idle machine, so a `time.sleep`, a blocked read or a
  deadlock is stopped on a busy machine exactly when it would be on a quiet one, and it is the
  answer's 0;
- a backstop: `backstop_factor` x (N + `margin`) s of wall clock. A run that reaches it within
  its CPU and own-time limits was kept waiting for a CPU by other work: it is STARVED, which is
  never the answer's fault. The grader retries it once, then counts it as an infrastructure
  error (unscored, counted as unscored in `compare`).

Why waiting time and not the load average: the load average lags (a 1-minute decay), counts the
whole host, and counts tasks that use no CPU (uninterruptible sleep: a `vfork` parent, the
kernel's network-namespace teardown after each sandbox). To be waiting for a CPU a thread must
be runnable, and a runnable tree gets its share of CPU, which counts towards its CPU limit: an
answer cannot look starved for long without spending its budget. Forking does not help it: with
the kernel's autogroups (the default) the whole sandbox is one session that gets one session's
share, however many processes it runs. So the one way to reach the backstop is a machine so
busy with *other* work that the run gets less than about 1 / `backstop_factor` of a CPU, and
then nobody can say whether the answer would have finished.

The one way for an answer to starve itself is to lower its own priority (`nice`, SCHED_IDLE or
SCHED_BATCH, its session's autogroup nice): then other work takes the CPU from it even on a
lightly loaded machine. A tree in which any process or thread did (`lowered_priority`) gets
no discount: its waiting counts as its own time, so it is judged on the wall clock, as before
this rule.

Limitation: a thread's waiting time is read while it is alive; processes that already exited
take theirs with them (their CPU time is kept, by their parent). A run made of many short-lived
subprocesses is therefore judged somewhat more strictly on a busy machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# What the answer's code gets beyond its N s: lets the per-process SIGXCPU, which names the
# CPU limit, fire before the watchdog's own-time check catches an infinite loop.
LIMIT_MARGIN_SECONDS = 2
# The wall-clock backstop, as a multiple of the own-time limit: generous, because reaching it
# means the machine, not the answer, held the run back. A CPU-bound run is STARVED only when it
# got less than 1/BACKSTOP_FACTOR of a CPU throughout (with 4, a machine busy with other
# engineers' tests already starved infinite loops into "unscored").
BACKSTOP_FACTOR = 10
# Checks of a running command's tree are at least this far apart (each reads /proc).
MIN_CHECK_SECONDS = 1.0


class Verdict(Enum):
    """What a check of a running command decides."""

    CONTINUE = "continue"
    OVER_CPU = "over_cpu"  # the answer's: its processes used their CPU time
    OVER_OWN_TIME = "over_own_time"  # the answer's: it slept, blocked or dawdled
    STARVED = "starved"  # the machine's: backstop reached within every limit
    WALL_CLOCK = "wall_clock"  # no watchdog (container sandboxes): a plain wall-clock kill


@dataclass(frozen=True)
class RunLimits:
    """The limits of one command whose nominal limit is `seconds`."""

    seconds: int
    margin_seconds: int = LIMIT_MARGIN_SECONDS
    backstop_factor: int = BACKSTOP_FACTOR

    @property
    def cpu_seconds(self) -> int:
        """Per process (RLIMIT_CPU soft limit: SIGXCPU)."""
        return self.seconds

    @property
    def hard_cpu_seconds(self) -> int:
        """Per process (RLIMIT_CPU hard limit: SIGKILL), and for the whole process tree."""
        return self.seconds + self.margin_seconds

    @property
    def own_time_seconds(self) -> int:
        return self.seconds + self.margin_seconds

    @property
    def backstop_seconds(self) -> int:
        return self.backstop_factor * self.own_time_seconds


@dataclass(frozen=True)
class TreeUsage:
    """A command's process tree, measured while it runs."""

    elapsed: float  # wall clock since the command started
    cpu: float  # CPU time of the tree: live processes and the children they reaped
    cpu_wait: float  # time its live threads spent runnable, waiting for a CPU
    # A process of the tree lowered its own scheduling priority: its waiting is its own doing.
    lowered_priority: bool = False

    @property
    def own_time(self) -> float:
        """The wall clock the run would have taken on an idle machine (the plain wall clock for
        a tree that lowered its own priority)."""
        if self.lowered_priority:
            return self.elapsed
        return max(0.0, self.elapsed - self.cpu_wait)

    @property
    def blocked(self) -> float:
        """Own time not spent on a CPU: sleeping, reading, waiting on a lock or a child."""
        return max(0.0, self.own_time - self.cpu)


def judge(usage: TreeUsage, limits: RunLimits) -> Verdict:
    """The answer's limits first: a run over one is the answer's, even at the backstop."""
    if usage.cpu >= limits.hard_cpu_seconds:
        return Verdict.OVER_CPU
    if usage.own_time >= limits.own_time_seconds:
        return Verdict.OVER_OWN_TIME
    if usage.elapsed >= limits.backstop_seconds:
        return Verdict.STARVED
    return Verdict.CONTINUE


def next_check_in(usage: TreeUsage, limits: RunLimits, cores: int) -> float:
    """Seconds until a limit can first be reached: own time and the wall clock advance at most
    1 s per second, the tree's CPU time at most `cores` s per second."""
    until = (
        limits.own_time_seconds - usage.own_time,
        (limits.hard_cpu_seconds - usage.cpu) / max(1, cores),
        limits.backstop_seconds - usage.elapsed,
    )
    return max(MIN_CHECK_SECONDS, min(until))


@dataclass(frozen=True)
class RunStop:
    """Why the watchdog (or a plain wall-clock limit) stopped a command, with the numbers."""

    verdict: Verdict
    limits: RunLimits
    usage: TreeUsage | None = None

    @property
    def starved(self) -> bool:
        return self.verdict is Verdict.STARVED

    def explanation(self, subject: str = "the test run") -> str:
        usage, limits = self.usage or TreeUsage(0.0, 0.0, 0.0), self.limits
        if self.verdict is Verdict.OVER_CPU:
            return (
                f"{subject} used {usage.cpu:.1f} s of CPU across its processes, over its CPU "
                f"time limit of {limits.hard_cpu_seconds} s, and was killed"
            )
        if self.verdict is Verdict.OVER_OWN_TIME and usage.lowered_priority:
            return (
                f"{subject} was killed after {usage.elapsed:.0f} s of wall clock, over its "
                f"{limits.seconds} s limit: it lowered its own scheduling priority, so the "
                f"{usage.cpu_wait:.0f} s it waited for a CPU count as its own time"
            )
        if self.verdict is Verdict.OVER_OWN_TIME:
            return (
                f"{subject} was killed after {usage.own_time:.0f} s of its own time, over its "
                f"{limits.seconds} s limit: it used {usage.cpu:.1f} s of CPU and spent "
                f"{usage.blocked:.0f} s sleeping or blocked (the {usage.cpu_wait:.0f} s it "
                "waited for a CPU on a busy machine do not count)"
            )
        if self.verdict is Verdict.STARVED:
            return (
                f"{subject} was starved of CPU by other work on the machine: after "
                f"{usage.elapsed:.0f} s of wall clock (the backstop) it had used "
                f"{usage.cpu:.1f} s of CPU and waited {usage.cpu_wait:.0f} s for one, within "
                "its limits"
            )
        return f"{subject} exceeded its {limits.seconds} s limit and was killed"
