"""The mutant gate (`archbench validate --mutants`, issue 18 item 1): the verdict arithmetic, the
committed cache CI reads, and one real cold run on a one-task dataset."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import archbench.commands._mutant_gate as gate_command
from archbench.commands._mutant_gate import (
    ColdCacheError,
    gate_tasks,
    reference_mutants,
)
from archbench.core.dataset import TaskRecord
from archbench.core.mutation_gate import (
    GateVerdict,
    MutantResult,
    MutationRun,
    judge,
    table,
)
from archbench.io.datasets import load_task

ORDERS = '''\
"""Order totals."""


def order_total(price: int, quantity: int) -> int:
    subtotal = price * quantity
    if quantity >= 10:
        return subtotal - subtotal // 10
    return subtotal


def describe(value: int) -> str:
    # No test looks at this: every mutant of it survives.
    return "big" if value > 100 else "small"
'''
UNTESTED_LINE = 13
ORDERS_TESTS = """\
from calc.ops import order_total


def test_a_small_order_is_price_times_quantity():
    assert order_total(3, 2) == 6


def test_ten_or_more_get_a_tenth_off():
    assert order_total(10, 10) == 90


def test_nine_get_no_discount():
    assert order_total(10, 9) == 90
"""


def write_task(
    root: Path, tests: str = ORDERS_TESTS, equivalent: list[dict[str, str]] | None = None
) -> Path:
    folder = root / "implement" / "orders-task"
    for sub in ("reference/calc", "starter", "tests"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "reference/calc/ops.py").write_text(ORDERS)
    (folder / "tests/test_orders.py").write_text(tests)
    (folder / "request.md").write_text("Write `calc.ops.order_total(price, quantity)`.\n")
    spec: dict[str, Any] = {
        "id": "orders-task", "kind": "implement", "title": "Order total", "tags": ["pricing"],
        "difficulty": "easy",
        "interface": {
            "modules": ["calc/ops.py"], "symbols": ["calc.ops.order_total"], "routes": [],
        },
        "dependencies": [],
    }  # fmt: skip
    if equivalent:
        spec["equivalent_mutants"] = equivalent
    (folder / "task.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return folder


def result(mutant_id: str, killed: bool) -> MutantResult:
    return MutantResult(mutant_id, "m.py", "op", "desc", (1, 1), killed, "")


def test_equivalent_mutants_leave_the_denominator() -> None:
    run = MutationRun("t", "k", [result(f"{i:012x}", i < 8) for i in range(10)])
    plain = judge(run, [])
    assert (plain.killed, plain.scored, plain.passed) == (8, 10, False)
    reviewed = judge(run, ["000000000008"])
    assert (reviewed.killed, reviewed.scored) == (8, 9)
    assert reviewed.rate == pytest.approx(8 / 9) and not reviewed.passed
    both = judge(run, ["000000000008", "000000000009"])
    assert both.passed and both.rate == 1.0 and both.survivors == []


def test_listing_a_killed_mutant_as_equivalent_is_stale_and_fails_the_gate() -> None:
    """A killed mutant (or one the reference no longer has) listed as equivalent means the list
    was not reviewed against the current tests: the gate says so instead of passing."""
    run = MutationRun("t", "k", [result("000000000001", True), result("000000000002", True)])
    verdict = judge(run, ["000000000001", "0000000000ff"])
    assert verdict.stale_equivalent == ["000000000001", "0000000000ff"]
    assert not verdict.passed and "0000000000ff" in verdict.explanation()


def test_the_gate_is_at_least_ninety_percent() -> None:
    exactly = judge(MutationRun("t", "k", [result(f"{i:012x}", i < 9) for i in range(10)]), [])
    assert exactly.passed
    below = judge(MutationRun("t", "k", [result(f"{i:012x}", i < 17) for i in range(19)]), [])
    assert not below.passed and "below the 90% gate" in below.explanation()


def test_the_table_has_one_row_per_task() -> None:
    verdict = GateVerdict("orders-task", 10, 1, 8, [], [])
    assert table([verdict]).splitlines()[-1] == "| `orders-task` | 10 | 1 | 8 | 89% |"


@pytest.fixture
def record(tmp_path: Path) -> TaskRecord:
    return load_task(write_task(tmp_path / "datasets"))


def untested_part(source: str) -> str:
    return source.split("def describe")[1]


def fake_kill() -> tuple[Callable[[dict[str, str], TaskRecord], Awaitable[bool]], list[str]]:
    """A stand-in for running the hidden tests: a mutant of `describe` survives, others die."""
    calls: list[str] = []

    async def is_killed(files: dict[str, str], record: TaskRecord) -> bool:
        calls.append(files["calc/ops.py"])
        return untested_part(files["calc/ops.py"]) == untested_part(ORDERS)

    return is_killed, calls


def test_a_cold_run_is_cached_and_ci_reads_it_without_running(
    record: TaskRecord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "mutation-cache.json"
    fake, calls = fake_kill()
    monkeypatch.setattr(gate_command, "_is_killed", fake)
    (cold,) = asyncio.run(gate_tasks([record], cached_only=False, jobs=2, path=cache))
    assert isinstance(cold, GateVerdict)
    assert len(calls) == len(reference_mutants(record)) == cold.mutants
    assert cold.survivors and all(s.lines[0] == UNTESTED_LINE for s in cold.survivors)
    stored = json.loads(cache.read_text())["tasks"]["orders-task"]
    assert sorted(stored["survivors"]) == sorted(s.id for s in cold.survivors)

    calls.clear()
    (warm,) = asyncio.run(gate_tasks([record], cached_only=True, jobs=2, path=cache))
    assert calls == [] and isinstance(warm, GateVerdict)
    assert (warm.killed, warm.mutants) == (cold.killed, cold.mutants)


def test_ci_fails_on_a_missing_or_stale_cache_instead_of_skipping(
    record: TaskRecord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "mutation-cache.json"
    (missing,) = asyncio.run(gate_tasks([record], cached_only=True, jobs=1, path=cache))
    assert isinstance(missing, ColdCacheError) and "missing" in str(missing)
    fake, _ = fake_kill()
    monkeypatch.setattr(gate_command, "_is_killed", fake)
    asyncio.run(gate_tasks([record], cached_only=False, jobs=1, path=cache))
    # Weakening the hidden tests changes the key: the old verdict no longer counts.
    weaker = load_task(
        write_task(tmp_path / "datasets", tests=ORDERS_TESTS.split("\n\n\ndef test_nine")[0])
    )
    (stale,) = asyncio.run(gate_tasks([weaker], cached_only=True, jobs=1, path=cache))
    assert isinstance(stale, ColdCacheError) and "stale" in str(stale)


def test_reviewed_equivalents_from_task_yaml_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "mutation-cache.json"
    fake, _ = fake_kill()
    monkeypatch.setattr(gate_command, "_is_killed", fake)
    first = load_task(write_task(tmp_path / "datasets"))
    (unreviewed,) = asyncio.run(gate_tasks([first], cached_only=False, jobs=1, path=cache))
    assert isinstance(unreviewed, GateVerdict) and unreviewed.survivors
    listed = [
        {"id": s.id, "reason": "describe() is not part of the task"} for s in unreviewed.survivors
    ]
    reviewed_task = load_task(write_task(tmp_path / "datasets", equivalent=listed))
    (reviewed,) = asyncio.run(gate_tasks([reviewed_task], cached_only=True, jobs=1, path=cache))
    assert isinstance(reviewed, GateVerdict)
    assert reviewed.equivalent == len(listed) and reviewed.rate == 1.0 and reviewed.passed


@pytest.mark.slow
def test_a_real_cold_run_kills_what_the_tests_see_and_spares_the_untested_function(
    record: TaskRecord, tmp_path: Path
) -> None:
    (verdict,) = asyncio.run(gate_tasks([record], False, 2, tmp_path / "cache.json"))
    assert isinstance(verdict, GateVerdict)
    assert verdict.survivors, "describe() is untested: its mutants must survive"
    assert {s.lines[0] for s in verdict.survivors} == {UNTESTED_LINE}
    assert verdict.killed == verdict.mutants - len(verdict.survivors) > 0
