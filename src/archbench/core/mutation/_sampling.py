"""Seeded, balanced sampling of candidates, and the verdict that keeps one.

`plan_queues` orders each category's candidates (source tasks taking turns) and
`BalancedPicker` lets categories take turns until one candidate of each is kept, within the
caps of a `Quota`. The seeder command runs the hidden tests whose verdict (`is_killed`)
decides which mutants are kept.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from archbench.core.mutation._model import Candidate
from archbench.core.test_results import TestRunSummary


@dataclass(frozen=True)
class Quota:
    """Caps that keep a generated set balanced across categories and source tasks."""

    per_category: int
    per_task: int


def quota_for(count: int, categories: int, tasks: int) -> Quota:
    """Half as much again as an even share per category; an even share plus one per task, so a
    category or task short of killable mutants can be made up by the others."""
    even_category = math.ceil(count / max(1, categories))
    even_task = math.ceil(count / max(1, tasks))
    return Quota(per_category=even_category + math.ceil(even_category / 2), per_task=even_task + 1)


def plan_queues(candidates: Iterable[Candidate], seed: int) -> list[list[Candidate]]:
    """One queue of candidates per category, in a seeded order of categories.

    Within a category the source tasks take turns (round-robin, in a seeded order), so a large
    refactor task with many mutants does not crowd out the small ones.
    """
    rng = random.Random(seed)
    by_category: dict[str, dict[str, list[Candidate]]] = defaultdict(lambda: defaultdict(list))
    for candidate in sorted(candidates, key=_stable_key):
        by_category[candidate.mutant.category][candidate.source_task].append(candidate)
    queues = []
    for category in sorted(by_category):
        task_queues = []
        for task in sorted(by_category[category]):
            queue = by_category[category][task]
            rng.shuffle(queue)
            task_queues.append(queue)
        rng.shuffle(task_queues)
        queues.append(_round_robin(task_queues))
    rng.shuffle(queues)
    return queues


def _stable_key(candidate: Candidate) -> tuple[str, str, str]:
    return candidate.source_task, candidate.mutant.path, candidate.mutant.key


def _round_robin(queues: list[list[Candidate]]) -> list[Candidate]:
    ordered: list[Candidate] = []
    for index in range(max((len(queue) for queue in queues), default=0)):
        ordered += [queue[index] for queue in queues if index < len(queue)]
    return ordered


@dataclass
class BalancedPicker:
    """Decides which candidate to test next so that categories fill at the same pace.

    Categories take turns; a turn tries the category's queue until one candidate is kept, so a
    category whose mutants are rarely killed costs more test runs, not fewer samples. Decisions
    depend only on the queues and the verdicts fed back, never on timing, so a parallel run
    that tests `upcoming` candidates ahead of time decides exactly like a sequential one.
    """

    queues: list[list[Candidate]]
    quota: Quota
    accepted: list[Candidate] = field(default_factory=list)
    _cursors: list[int] = field(default_factory=list)
    _turn: int = 0
    _by_category: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    _by_task: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def __post_init__(self) -> None:
        self._cursors = [0] * len(self.queues)

    def next_candidate(self) -> Candidate | None:
        """The candidate whose verdict is needed next; None when every queue is spent."""
        for _ in range(len(self.queues)):
            candidate = self._head(self._turn)
            if candidate is not None:
                return candidate
            self._turn = (self._turn + 1) % len(self.queues)
        return None

    def upcoming(self, limit: int) -> list[Candidate]:
        """Candidates likely to be asked for soon: the rest of this turn's queue first, then
        the head of each following category (worth testing ahead of time)."""
        ahead: list[Candidate] = []
        current = self._turn
        queue, cursor = self.queues[current], self._cursors[current]
        ahead += [c for c in queue[cursor:] if self._admits(c)][:limit]
        for step in range(1, len(self.queues)):
            index = (current + step) % len(self.queues)
            ahead += [c for c in self.queues[index][self._cursors[index] :] if self._admits(c)][:1]
        return ahead[:limit]

    def record(self, candidate: Candidate, kept: bool) -> None:
        """Feed back the verdict on the candidate `next_candidate` returned."""
        if self._head(self._turn) is not candidate:
            raise ValueError(f"verdict for {candidate.mutant.key}, which was not asked for")
        self._cursors[self._turn] += 1
        if kept:
            self.accepted.append(candidate)
            self._by_category[candidate.mutant.category] += 1
            self._by_task[candidate.source_task] += 1
            self._turn = (self._turn + 1) % len(self.queues)

    def _head(self, index: int) -> Candidate | None:
        """The first admissible candidate of a queue; inadmissible ones are skipped for good
        (counts only grow, so they never become admissible again)."""
        queue = self.queues[index]
        while self._cursors[index] < len(queue):
            candidate = queue[self._cursors[index]]
            if self._admits(candidate):
                return candidate
            self._cursors[index] += 1
        return None

    def _admits(self, candidate: Candidate) -> bool:
        return (
            self._by_category[candidate.mutant.category] < self.quota.per_category
            and self._by_task[candidate.source_task] < self.quota.per_task
        )


def is_killed(summary: TestRunSummary) -> bool:
    """The hidden tests expose the mutant as a bug a reviewer could find: some test fails by an
    assertion (or an exception inside the test), none errors at collection or setup, none goes
    missing, and at least one still passes (a mutant that breaks everything is not subtle)."""
    outcomes = {failure.outcome for failure in summary.failures}
    return (
        "failed" in outcomes
        and "error" not in outcomes
        and not summary.missing
        and 0 < summary.passed < summary.total
    )
