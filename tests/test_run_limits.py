"""The CPU-first time limits (`core.run_limits`): pure decisions on measured usage."""

from __future__ import annotations

import pytest

from archbench.core.run_limits import (
    MIN_CHECK_SECONDS,
    RunLimits,
    RunStop,
    TreeUsage,
    Verdict,
    judge,
    next_check_in,
)

# 10 s: 10 s of CPU per process (SIGXCPU), 12 s for the tree and of own time, backstop 120 s.
LIMITS = RunLimits(10, margin_seconds=2, backstop_factor=10)


def test_the_limits_of_a_command() -> None:
    assert (LIMITS.cpu_seconds, LIMITS.hard_cpu_seconds) == (10, 12)
    assert (LIMITS.own_time_seconds, LIMITS.backstop_seconds) == (12, 120)


def test_own_time_is_the_wall_clock_less_the_waiting_for_a_cpu() -> None:
    usage = TreeUsage(elapsed=30.0, cpu=4.0, cpu_wait=20.0)
    assert usage.own_time == 10.0
    assert usage.blocked == 6.0


def test_own_time_and_blocked_time_are_never_negative() -> None:
    # Waiting is summed over threads, so many runnable threads wait longer than the wall clock.
    usage = TreeUsage(elapsed=10.0, cpu=15.0, cpu_wait=90.0)
    assert (usage.own_time, usage.blocked) == (0.0, 0.0)


def test_a_tree_that_lowered_its_priority_gets_no_discount_for_waiting() -> None:
    usage = TreeUsage(elapsed=30.0, cpu=1.0, cpu_wait=29.0, lowered_priority=True)
    assert usage.own_time == 30.0


@pytest.mark.parametrize(
    ("usage", "verdict"),
    [
        # Within every limit: keep running.
        (TreeUsage(elapsed=5.0, cpu=4.0, cpu_wait=0.0), Verdict.CONTINUE),
        (TreeUsage(elapsed=11.9, cpu=11.9, cpu_wait=0.0), Verdict.CONTINUE),
        # A busy machine: 60 s of wall clock, 50 s of it waiting for a CPU, is 10 s of own time.
        (TreeUsage(elapsed=60.0, cpu=8.0, cpu_wait=50.0), Verdict.CONTINUE),
        # The tree's CPU (forks included) at its hard limit, whatever else.
        (TreeUsage(elapsed=6.0, cpu=12.0, cpu_wait=0.0), Verdict.OVER_CPU),
        (TreeUsage(elapsed=130.0, cpu=12.5, cpu_wait=500.0), Verdict.OVER_CPU),
        # Sleeping or blocked: own time reaches the limit with little CPU, busy machine or not.
        (TreeUsage(elapsed=12.0, cpu=0.3, cpu_wait=0.0), Verdict.OVER_OWN_TIME),
        (TreeUsage(elapsed=40.0, cpu=0.5, cpu_wait=20.0), Verdict.OVER_OWN_TIME),
        # ...and at the backstop too: the answer's limit comes first.
        (TreeUsage(elapsed=125.0, cpu=1.0, cpu_wait=10.0), Verdict.OVER_OWN_TIME),
        # Lowered its own priority: its waiting is its own time.
        (TreeUsage(12.0, 0.1, 11.0, lowered_priority=True), Verdict.OVER_OWN_TIME),
        # Starved: the backstop reached within the CPU and own-time limits.
        (TreeUsage(elapsed=120.0, cpu=11.0, cpu_wait=109.0), Verdict.STARVED),
        (TreeUsage(elapsed=150.0, cpu=2.0, cpu_wait=148.0), Verdict.STARVED),
    ],
)
def test_judge(usage: TreeUsage, verdict: Verdict) -> None:
    assert judge(usage, LIMITS) is verdict


def test_the_boundaries_are_inclusive() -> None:
    assert judge(TreeUsage(1.0, 12.0, 0.0), LIMITS) is Verdict.OVER_CPU
    assert judge(TreeUsage(12.0, 1.0, 0.0), LIMITS) is Verdict.OVER_OWN_TIME
    assert judge(TreeUsage(120.0, 1.0, 110.0), LIMITS) is Verdict.STARVED
    assert judge(TreeUsage(119.99, 11.99, 108.0), LIMITS) is Verdict.CONTINUE


def test_the_first_check_is_when_the_cpu_limit_could_first_be_reached() -> None:
    # On 2 cores a tree can use 12 s of CPU in 6 s of wall clock.
    assert next_check_in(TreeUsage(0.0, 0.0, 0.0), LIMITS, cores=2) == 6.0
    assert next_check_in(TreeUsage(0.0, 0.0, 0.0), LIMITS, cores=1) == 12.0


def test_the_next_check_is_the_nearest_limit() -> None:
    # Own time 4 s short of its limit; CPU 10 s short (5 s on 2 cores): own time is nearer.
    assert next_check_in(TreeUsage(30.0, 2.0, 22.0), LIMITS, cores=2) == 4.0
    # The backstop 3 s away.
    assert next_check_in(TreeUsage(117.0, 2.0, 115.0), LIMITS, cores=2) == 3.0


def test_checks_are_never_closer_than_the_minimum() -> None:
    assert next_check_in(TreeUsage(11.99, 11.99, 0.0), LIMITS, cores=2) == MIN_CHECK_SECONDS


def test_an_unknown_core_count_counts_as_one() -> None:
    assert next_check_in(TreeUsage(0.0, 0.0, 0.0), LIMITS, cores=0) == 12.0


@pytest.mark.parametrize(
    ("stop", "expected"),
    [
        (RunStop(Verdict.OVER_CPU, LIMITS, TreeUsage(8.0, 12.3, 4.0)),
         ["used 12.3 s of CPU", "CPU time limit of 12 s"]),
        (RunStop(Verdict.OVER_OWN_TIME, LIMITS, TreeUsage(40.0, 1.0, 28.0)),
         ["12 s of its own time", "over its 10 s limit", "11 s sleeping or blocked",
          "28 s it waited for a CPU"]),
        (RunStop(Verdict.OVER_OWN_TIME, LIMITS, TreeUsage(12.0, 0.1, 11.0, True)),
         ["12 s of wall clock", "lowered its own scheduling priority"]),
        (RunStop(Verdict.STARVED, LIMITS, TreeUsage(120.0, 3.0, 117.0)),
         ["starved of CPU", "120 s of wall clock", "used 3.0 s of CPU", "waited 117 s"]),
        (RunStop(Verdict.WALL_CLOCK, LIMITS), ["exceeded its 10 s limit and was killed"]),
    ],
)  # fmt: skip
def test_each_stop_explains_itself_with_its_numbers(stop: RunStop, expected: list[str]) -> None:
    explanation = stop.explanation("the test run")
    assert explanation.startswith("the test run ")
    for part in expected:
        assert part in explanation


def test_only_a_starved_stop_is_the_machines() -> None:
    assert [verdict for verdict in Verdict if RunStop(verdict, LIMITS).starved] == [Verdict.STARVED]
