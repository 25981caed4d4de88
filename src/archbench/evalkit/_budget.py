"""A run-wide budget: usage counted by an inspect hook, enforced before each sample starts.

inspect's own cost limits are per sample. A nightly budget covers the whole run, so a hook sums
every model call's usage (generation and judging alike; cache hits cost nothing), and a setup
solver refuses to start a sample once the budget is spent. Refused samples end in an error,
not a score: the run is incomplete, and re-running it later with more budget runs exactly
them (finished samples are kept and not paid for again).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from inspect_ai.hooks import Hooks, ModelUsageData, hooks
from inspect_ai.solver import Generate, Solver, TaskState, solver
from typing_extensions import override

from archbench.core.budget import BudgetTally, Price
from archbench.core.errors import ArchbenchError

PriceLookup = Callable[[str], Price | None]


class BudgetSpentError(ArchbenchError):
    """The run's budget is spent; the sample was not started."""


_active: tuple[BudgetTally, PriceLookup] | None = None


@hooks(name="archbench_budget", description="Counts model usage against an archbench budget")
class BudgetHook(Hooks):
    """Adds every model call's usage to the active tally (only while a budget is active)."""

    @override
    def enabled(self) -> bool:
        return _active is not None

    @override
    async def on_model_usage(self, data: ModelUsageData) -> None:
        if _active is None:
            return
        tally, price_of = _active
        usage = data.usage
        tally.add(
            data.model_name, usage.input_tokens, usage.output_tokens, price_of(data.model_name)
        )


@contextmanager
def active_budget(tally: BudgetTally, price_of: PriceLookup) -> Iterator[BudgetTally]:
    """Count usage into `tally` while the block runs (one budget per process at a time)."""
    global _active
    if _active is not None:
        raise ArchbenchError("a budget is already active in this process")
    _active = (tally, price_of)
    try:
        yield tally
    finally:
        _active = None


@solver
def budget_guard() -> Solver:
    """Refuse to start a sample once the active budget is spent."""

    async def solve(state: TaskState, generate: Generate) -> TaskState:
        del generate  # required by inspect's interface; unused here
        spent = _active[0].exceeded() if _active else None
        if spent:
            raise BudgetSpentError(f"budget spent, sample not started: {spent}")
        return state

    return solve
