"""Issue 17 item 3: mutants that give themselves away are told apart (pure, fast).

A removed guard must leave its contract visible; what mypy and vulture add on a mutant is a
give-away; tests that mostly crash make a sample easy; the names at the mutated node are kept
for labelling."""

from __future__ import annotations

import pytest

from archbench.core.mutation import (
    MISSING_GUARD,
    MISSING_SIDE_EFFECT,
    Mutant,
    ToolFindings,
    giveaway,
    mutants_of,
    mypy_findings,
    vulture_findings,
)
from archbench.core.review_validation import crash_dominated
from archbench.core.test_results import TestOutcome, TestRunSummary


def _guard_mutants(source: str) -> dict[int, Mutant]:
    """The removed-guard mutants of `source`, by the first line of the removed `if`."""
    return {m.lines[1]: m for m in mutants_of(source, "m.py") if m.category == MISSING_GUARD}


SIBLING_CHECKS = '''\
def transfer(amount: int, limit: int) -> int:
    if amount <= 0:
        raise ValueError("amount must be positive")
    if amount > limit:
        raise ValueError("amount over the limit")
    return min(amount, limit)
'''

LONE_CHECK = '''\
def plan(start: int, end: int) -> list[int]:
    if start >= end:
        raise ValueError("start must be before end")
    return list(range(start, end))
'''

DOCUMENTED_CHECK = '''\
def plan(start: int, end: int) -> list[int]:
    """The hours from start to end; raises ValueError unless start is before end."""
    if start >= end:
        raise ValueError("start must be before end")
    return list(range(start, end))
'''


def _lookup(returns: str) -> str:
    return f'''\
class NotFound(Exception):
    pass


def get(rows: dict[int, str], key: int) -> {returns}:
    row = rows.get(key)
    if row is None:
        raise NotFound(key)
    return row
'''


def test_a_guard_whose_function_still_raises_that_error_keeps_its_contract_visible() -> None:
    guards = _guard_mutants(SIBLING_CHECKS)
    assert sorted(guards) == [2, 4]
    assert all(mutant.contract_visible for mutant in guards.values())


def test_a_lone_undocumented_guard_takes_its_contract_with_it() -> None:
    (mutant,) = _guard_mutants(LONE_CHECK).values()
    assert "start must be before end" not in mutant.source
    assert not mutant.contract_visible


def test_a_docstring_that_states_the_check_keeps_the_contract_visible() -> None:
    (mutant,) = _guard_mutants(DOCUMENTED_CHECK).values()
    assert mutant.contract_visible


@pytest.mark.parametrize(("returns", "visible"), [("str", True), ("str | None", False)])
def test_a_return_type_without_none_states_a_removed_none_check(
    returns: str, visible: bool
) -> None:
    (mutant,) = _guard_mutants(_lookup(returns)).values()
    assert mutant.contract_visible is visible


def test_a_removed_return_guard_is_a_branch_still_in_view() -> None:
    source = "def first(items: list[int]) -> int:\n    if not items:\n        return 0\n"
    source += "    return items[0]\n"
    (mutant,) = _guard_mutants(source).values()
    assert mutant.contract_visible


def test_the_names_at_the_mutated_statement_are_kept_for_labelling() -> None:
    source = '''\
class Store:
    def __init__(self, connection: object) -> None:
        self._connection = connection

    def save(self, row: str) -> None:
        self._connection.execute(row)
        self._connection.commit()
'''
    removed = [m for m in mutants_of(source, "m.py") if m.category == MISSING_SIDE_EFFECT]
    commit = next(m for m in removed if "commit" in m.description)
    assert {"self", "_connection", "commit"} <= commit.site_names
    assert "execute" not in commit.site_names


MYPY_OUTPUT = """\
jobs/backfill.py:26: error: Argument 1 to "Chunk" has incompatible type "int"  [arg-type]
jobs/backfill.py:26: note: See https://mypy.readthedocs.io for more info
jobs/checkpoints.py:3:5: error: Unused "type: ignore" comment  [unused-ignore]
"""


def test_mypy_errors_are_read_without_their_line_numbers_and_notes_are_not_findings() -> None:
    assert mypy_findings(MYPY_OUTPUT) == (
        'jobs/backfill.py: Argument 1 to "Chunk" has incompatible type "int"  [arg-type]',
        'jobs/checkpoints.py: Unused "type: ignore" comment  [unused-ignore]',
    )


def test_a_finding_the_clean_code_has_too_is_no_giveaway_even_on_another_line() -> None:
    clean = ToolFindings(mypy=("a.py: old error",), vulture=("a.py: unused function helper",))
    shifted = ToolFindings(mypy=("a.py: old error",), vulture=("a.py: unused function helper",))
    added = ToolFindings(mypy=("a.py: old error", "a.py: old error"), vulture=clean.vulture)
    assert giveaway(clean, shifted) is None
    assert giveaway(clean, added) == "mypy: a.py: old error"  # a second one is new


def test_vulture_reports_a_function_whose_only_call_was_removed() -> None:
    clean = {
        "billing/run.py": (
            "def _check(customer: str) -> None:\n"
            "    print(customer)\n\n\n"
            "def invoice(customer: str) -> str:\n"
            "    _check(customer)\n"
            "    return customer\n"
        )
    }
    mutant = next(
        m for m in mutants_of(clean["billing/run.py"], "billing/run.py")
        if m.category == MISSING_SIDE_EFFECT and "_check" in m.description
    )  # fmt: skip
    before = ToolFindings((), vulture_findings(clean))
    after = ToolFindings((), vulture_findings({"billing/run.py": mutant.source}))
    assert giveaway(before, after) == "vulture: billing/run.py: unused function _check"


def _run(*messages: str) -> TestRunSummary:
    failures = [TestOutcome(f"t::{i}", f"test_{i}", "failed", m) for i, m in enumerate(messages)]
    return TestRunSummary(passed=5, total=5 + len(failures), failures=failures)


@pytest.mark.parametrize(
    ("messages", "dominated"),
    [
        (("AssertionError: assert 3 == 4",), False),
        (("AssertionError: assert 3 == 4", "TypeError: cannot unpack None"), False),
        (("TypeError: cannot unpack None",), True),
        (("AssertionError: assert 1 == 2", "KeyError: 'id'", "TypeError: x"), True),
    ],
)
def test_tests_that_mostly_crash_make_a_sample_easy(
    messages: tuple[str, ...], dominated: bool
) -> None:
    assert crash_dominated(_run(*messages)) is dominated
