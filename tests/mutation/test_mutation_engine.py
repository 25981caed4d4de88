"""The mutation engine: exact-text edits, stable enumeration, seeded balanced picking."""

from __future__ import annotations

import ast
import difflib
from dataclasses import replace

import pytest

from archbench.core import test_results as results
from archbench.core.mutation import (
    BOOLEAN_LOGIC,
    COMPARISON_BOUNDARY,
    MISSING_GUARD,
    BalancedPicker,
    Candidate,
    Mutant,
    Quota,
    is_killed,
    mutants_of,
    plan_queues,
    quota_for,
)

# Odd but legal formatting and comments everywhere: a mutant must keep all of it.
SOURCE = '''\
"""Basket limits."""

from decimal import Decimal   # money is never a float

MAX_ITEMS = 3  # product decision, see ticket 12


def can_add(count: int, blocked: bool) -> bool:
    # the basket holds at most MAX_ITEMS items
    if  blocked :
        raise PermissionError("basket is blocked")
    return (count  <  MAX_ITEMS) and not blocked   # trailing remark


def page(items: list[str], offset: int, limit: int) -> list[str]:
    return items[offset:offset + limit]


def total(prices: list[Decimal]) -> Decimal:
    subtotal = sum(prices, Decimal("0"))
    return subtotal - discount(subtotal, len(prices))


def discount(amount: Decimal, count: int) -> Decimal:
    return amount / 10 if count >= MAX_ITEMS else Decimal("0")
'''


def _changed_line_numbers(before: str, after: str) -> set[int]:
    """1-based numbers of `after`'s lines that differ from `before`'s, for same-length texts."""
    return {
        number
        for number, (old, new) in enumerate(
            zip(before.splitlines(), after.splitlines(), strict=True), start=1
        )
        if old != new
    }


def test_enumeration_is_deterministic_and_covers_every_category_it_can() -> None:
    first, second = mutants_of(SOURCE, "shop/basket.py"), mutants_of(SOURCE, "shop/basket.py")

    assert first == second
    assert len({m.key for m in first}) == len(first)
    assert {COMPARISON_BOUNDARY, BOOLEAN_LOGIC, MISSING_GUARD} <= {m.category for m in first}


def test_every_in_place_mutant_changes_only_its_own_lines_and_keeps_every_comment() -> None:
    comments = [line.split("#", 1)[1] for line in SOURCE.splitlines() if "#" in line]
    in_place = [m for m in mutants_of(SOURCE, "shop/basket.py") if m.category != MISSING_GUARD]
    in_place = [m for m in in_place if not m.operator.startswith("remove")]

    assert in_place
    for mutant in in_place:
        changed = _changed_line_numbers(SOURCE, mutant.source)
        first, last = mutant.lines
        assert changed and changed <= set(range(first, last + 1)), mutant.operator
        assert all(comment in mutant.source for comment in comments)
        ast.parse(mutant.source)


def test_boundary_mutant_swaps_only_the_operator_token() -> None:
    boundary = [
        m for m in mutants_of(SOURCE, "shop/basket.py") if m.operator == "swap `<` for `<=`"
    ]

    assert len(boundary) == 1
    line = boundary[0].source.splitlines()[boundary[0].lines[0] - 1]
    assert line == "    return (count  <=  MAX_ITEMS) and not blocked   # trailing remark"


def test_removed_guard_deletes_the_check_with_its_comment_and_nothing_else() -> None:
    guards = [m for m in mutants_of(SOURCE, "shop/basket.py") if m.category == MISSING_GUARD]

    assert len(guards) == 1
    diff = [
        line
        for line in difflib.unified_diff(SOURCE.splitlines(), guards[0].source.splitlines(), n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]
    assert diff == [
        "-    # the basket holds at most MAX_ITEMS items",
        "-    if  blocked :",
        '-        raise PermissionError("basket is blocked")',
    ]
    remaining = guards[0].source.splitlines()
    first, last = guards[0].lines
    assert remaining[last - 1].strip().startswith("return (count")
    assert remaining[first - 1].startswith("def can_add")


def test_no_mutant_is_trivially_visible_or_breaks_an_import() -> None:
    for mutant in mutants_of(SOURCE, "shop/basket.py"):
        assert "not not" not in mutant.source
        # Deleting the only use of Decimal would leave an unused import pointing at the bug.
        assert "Decimal(" in mutant.source


def test_off_by_one_in_a_slice_keeps_the_rest_of_the_expression() -> None:
    shifted = {
        m.source.splitlines()[m.lines[0] - 1].strip()
        for m in mutants_of(SOURCE, "shop/basket.py")
        if m.operator.startswith("shift slice bound")
    }

    assert shifted == {
        "return items[offset + 1:offset + limit]",
        "return items[offset:offset + limit - 1]",
    }


def _summary(*outcomes: str, missing: int = 0) -> results.TestRunSummary:
    tests = [
        results.TestOutcome(f"test_m::t{i}", f"t{i}", o)  # type: ignore[arg-type]
        for i, o in enumerate(outcomes)
    ]
    failures = [t for t in tests if t.outcome != "passed"]
    passed = len(tests) - len(failures)
    missing_keys = [f"test_m::gone{i}" for i in range(missing)]
    return results.TestRunSummary(passed, len(tests) + missing, failures, missing_keys)


@pytest.mark.parametrize(
    ("outcomes", "missing", "killed"),
    [
        (("passed", "failed"), 0, True),
        (("passed", "passed"), 0, False),  # equivalent mutant: no test notices
        (("passed", "failed", "error"), 0, False),  # a setup or collection error
        (("failed", "failed"), 0, False),  # breaks everything: not a subtle bug
        (("passed", "failed"), 1, False),  # a test never ran (crash at import)
    ],
)
def test_kill_rule(outcomes: tuple[str, ...], missing: int, killed: bool) -> None:
    assert is_killed(_summary(*outcomes, missing=missing)) is killed


def _candidate(task: str, category: str, index: int) -> Candidate:
    mutant = Mutant("m.py", "op", category, "d", (1, 1), "x = 1\n", f"{task}-{category}-{index}")
    return Candidate(task, mutant)


def _candidates() -> list[Candidate]:
    return [
        _candidate(task, category, index)
        for task in ("alpha", "beta", "gamma")
        for category in ("rare", "common", "medium")
        for index in range(6)
    ]


def test_plan_is_reproducible_from_the_seed() -> None:
    def keys(seed: int) -> list[list[str]]:
        return [[c.mutant.key for c in queue] for queue in plan_queues(_candidates(), seed)]

    assert keys(7) == keys(7)
    assert keys(7) != keys(8)
    assert keys(7) == [
        [c.mutant.key for c in queue] for queue in plan_queues(reversed(_candidates()), 7)
    ]


def _run_picker(seed: int, kills: set[str], count: int) -> list[str]:
    picker = BalancedPicker(plan_queues(_candidates(), seed), Quota(per_category=4, per_task=3))
    while len(picker.accepted) < count and (candidate := picker.next_candidate()):
        picker.record(candidate, candidate.mutant.key in kills)
    return [c.mutant.key for c in picker.accepted]


def test_picker_balances_categories_even_when_one_is_rarely_killed() -> None:
    rare_kills = {"alpha-rare-5", "beta-rare-5", "gamma-rare-5"}
    kills = rare_kills | {c.mutant.key for c in _candidates() if "rare" not in c.mutant.key}

    accepted = _run_picker(3, kills, count=6)

    by_category = [key.split("-")[1] for key in accepted]
    assert sorted(by_category) == ["common", "common", "medium", "medium", "rare", "rare"]
    assert accepted == _run_picker(3, kills, count=6)


def test_picker_respects_the_per_task_quota() -> None:
    kills = {c.mutant.key for c in _candidates()}

    accepted = _run_picker(5, kills, count=9)

    by_task = [key.split("-")[0] for key in accepted]
    assert len(accepted) == 9
    assert all(by_task.count(task) == 3 for task in ("alpha", "beta", "gamma"))


def test_picker_refuses_a_verdict_it_did_not_ask_for() -> None:
    picker = BalancedPicker(plan_queues(_candidates(), 1), Quota(per_category=4, per_task=3))
    asked = picker.next_candidate()
    assert asked is not None

    with pytest.raises(ValueError, match="not asked for"):
        picker.record(replace(asked, source_task="other"), True)


def test_quota_leaves_room_above_an_even_share() -> None:
    quota = quota_for(count=64, categories=10, tasks=24)

    assert quota.per_category * 10 >= 64 and quota.per_category > 7
    assert quota.per_task * 24 >= 64


def test_dropping_a_term_also_drops_parentheses_that_would_only_group_a_name() -> None:
    source = "def delay(n: int) -> float:\n    return 2.0 ** (n - 1) + pad(n + 1)  # doubling\n"
    dropped = sorted(
        m.source.splitlines()[1] for m in mutants_of(source, "m.py") if m.operator == "drop `- 1`"
    )

    assert dropped == ["    return 2.0 ** n + pad(n + 1)  # doubling"]


def test_a_deletion_that_leaves_a_name_unused_is_not_offered() -> None:
    source = (
        "class Consumer:\n"
        "    def __init__(self, store: dict[str, int], limit: int) -> None:\n"
        "        self._store = store\n"
        "        self._limit = limit + 0\n"
        "        self._seen = 0\n"
        "\n"
        "    def handle(self, key: str) -> None:\n"
        "        try:\n"
        "            self._store[key] += 1\n"
        "        except KeyError as missing:\n"
        "            raise LookupError(key) from missing\n"
    )
    removed = {
        m.description
        for m in mutants_of(source, "m.py")
        if m.operator in ("remove a statement", "swallow the exception")
    }

    # `self._seen = 0` binds nothing local: deleting it is a fair bug; the others would leave
    # `store`, `limit` or `missing` unused, which a linter reports.
    assert removed == {"the statement `self._seen = 0` is missing"}


def test_deleting_the_only_assignment_of_an_attribute_that_is_read_is_not_offered() -> None:
    source = (
        "class Repository:\n"
        "    def __init__(self, connection: object, size: int) -> None:\n"
        "        self._connection = connection\n"
        "        self._size = size\n"
        "        self._hits = 0\n"
        "        print(connection, size)\n"
        "\n"
        "    def stats(self) -> tuple[object, int]:\n"
        "        return self._connection, self._hits\n"
    )
    removed = {
        m.description for m in mutants_of(source, "m.py") if m.category == "missing-side-effect"
    }

    # `self._connection` and `self._hits` are read later: deleting their only assignment is a bug
    # any type checker reports. `self._size` is never read, so its deletion is a fair mutant.
    assert removed == {"the statement `self._size = size` is missing"}
