"""Routing outcomes: the (expected, actual) route of each request, as logged and as counted.

A scored request's metadata records its outcome; read back from a log, the outcomes give the
precision and recall of delegating to the agent under test and the confusion table of routes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Outcome = tuple[str, str]
"""(expected route, actual route) of one request."""

# Keys of a scored request's metadata in logs, read back by the precision metric and reports.
EXPECTED_KEY = "expected_route"
ACTUAL_KEY = "actual_route"
UNDER_TEST_KEY = "agent_under_test"


def outcome_metadata(expected: str, actual: str, agent_under_test: str) -> dict[str, str]:
    return {EXPECTED_KEY: expected, ACTUAL_KEY: actual, UNDER_TEST_KEY: agent_under_test}


def outcome_from_metadata(metadata: Mapping[str, Any]) -> tuple[str, Outcome] | None:
    """(agent under test, outcome) from a score's metadata; None if it holds no routing."""
    values = [metadata.get(key) for key in (UNDER_TEST_KEY, EXPECTED_KEY, ACTUAL_KEY)]
    if not all(isinstance(value, str) for value in values):
        return None
    agent, expected, actual = (str(value) for value in values)
    return agent, (expected, actual)


@dataclass(frozen=True)
class DelegationStats:
    """Precision and recall of delegating to the agent under test; None when undefined (0/0)."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float | None:
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float | None:
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def delegation_stats(outcomes: Iterable[Outcome], agent_under_test: str) -> DelegationStats:
    """Count delegations to the agent under test against the requests that belong to it."""
    pairs = list(outcomes)
    return DelegationStats(
        true_positives=sum(e == a == agent_under_test for e, a in pairs),
        false_positives=sum(a == agent_under_test != e for e, a in pairs),
        false_negatives=sum(e == agent_under_test != a for e, a in pairs),
    )


@dataclass(frozen=True)
class ConfusionTable:
    """Counts of (expected route, actual route); rows are expected, columns actual."""

    counts: Mapping[Outcome, int]

    @property
    def expected_routes(self) -> list[str]:
        return sorted({expected for expected, _ in self.counts})

    @property
    def actual_routes(self) -> list[str]:
        return sorted({actual for _, actual in self.counts})

    def count(self, expected: str, actual: str) -> int:
        return self.counts.get((expected, actual), 0)

    def as_rows(self) -> list[list[str]]:
        """Header row then one row per expected route: a table any renderer can print."""
        columns = self.actual_routes
        header = ["expected \\ actual", *columns]
        body = [
            [expected, *(str(self.count(expected, actual)) for actual in columns)]
            for expected in self.expected_routes
        ]
        return [header, *body]


def confusion_table(outcomes: Iterable[Outcome]) -> ConfusionTable:
    return ConfusionTable(dict(Counter(outcomes)))
