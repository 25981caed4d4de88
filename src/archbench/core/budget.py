"""Run cost: an estimate before spending, and a running tally that says when to stop.

Prices are dollars per million tokens as (input, output); a model with no price is counted in
tokens only, and the estimate says so rather than guessing zero dollars.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

CHARS_PER_TOKEN = 4  # a conservative average for English prose and Python source
Price = tuple[float, float]


@dataclass(frozen=True)
class CallEstimate:
    """Model calls of one kind (generation or judging) for one task and agent."""

    model: str
    calls: int
    input_tokens: int
    output_tokens: int

    def dollars(self, price: Price | None) -> float | None:
        return None if price is None else cost(self.input_tokens, self.output_tokens, price)


@dataclass(frozen=True)
class RunEstimate:
    """Every call the run will make, and what it should cost."""

    calls: tuple[CallEstimate, ...]
    dollars: float | None
    unpriced_models: tuple[str, ...]

    @property
    def tokens(self) -> int:
        return sum(call.input_tokens + call.output_tokens for call in self.calls)


def cost(input_tokens: int, output_tokens: int, price: Price) -> float:
    input_price, output_price = price
    return (input_tokens * input_price + output_tokens * output_price) / 1_000_000


def tokens_for(text_chars: int) -> int:
    return -(-text_chars // CHARS_PER_TOKEN)


def estimate_generation(
    model: str, prompt_chars: Iterable[int], epochs: int, output_tokens_per_sample: int
) -> CallEstimate:
    """One call per sample and epoch: the prompt as counted, the answer as configured."""
    sizes = list(prompt_chars)
    calls = len(sizes) * epochs
    input_tokens = sum(tokens_for(size) for size in sizes) * epochs
    return CallEstimate(model, calls, input_tokens, calls * output_tokens_per_sample)


def estimate_judging(
    model: str,
    generation: CallEstimate,
    calls_per_sample: Sequence[int],
    output_tokens_per_call: int,
) -> CallEstimate:
    """Each judge call reads the request and the answer (and a gold answer of similar size).

    `calls_per_sample` holds one count per sample (criteria x judges: a design question judged
    point by point asks one criterion per key point and per trap), repeated every epoch.
    """
    samples = len(calls_per_sample)
    epochs = generation.calls // max(samples, 1)
    per_call_input = (generation.input_tokens + 2 * generation.output_tokens) // max(
        generation.calls, 1
    )
    calls = sum(calls_per_sample) * epochs
    return CallEstimate(model, calls, calls * per_call_input, calls * output_tokens_per_call)


def total(calls: Iterable[CallEstimate], prices: dict[str, Price | None]) -> RunEstimate:
    """Sum the estimates; dollars is None only when every model is unpriced."""
    listed = tuple(calls)
    unpriced = tuple(sorted({c.model for c in listed if prices.get(c.model) is None}))
    priced = [c.dollars(prices.get(c.model)) for c in listed if c.model not in unpriced]
    dollars = sum(d for d in priced if d is not None) if priced or not listed else None
    return RunEstimate(listed, dollars, unpriced)


@dataclass
class BudgetTally:
    """Usage so far against the budget; shared by every sample of a run."""

    max_dollars: float | None
    max_tokens: int | None
    dollars: float = 0.0
    tokens: int = 0
    unpriced_models: set[str] = field(default_factory=set)

    def add(self, model: str, input_tokens: int, output_tokens: int, price: Price | None) -> None:
        self.tokens += input_tokens + output_tokens
        if price is None:
            self.unpriced_models.add(model)
        else:
            self.dollars += cost(input_tokens, output_tokens, price)

    def exceeded(self) -> str | None:
        """Why the budget is spent, or None while there is some left."""
        if self.max_dollars is not None and self.dollars >= self.max_dollars:
            return f"spent ${self.dollars:.2f} of the ${self.max_dollars:.2f} budget"
        if self.max_tokens is not None and self.tokens >= self.max_tokens:
            return f"used {self.tokens:,} of the {self.max_tokens:,} token budget"
        return None


def over_budget(
    estimate: RunEstimate, max_dollars: float | None, max_tokens: int | None
) -> str | None:
    """Why the estimate does not fit the budget, or None when it does."""
    if max_tokens is not None and estimate.tokens > max_tokens:
        return f"estimated {estimate.tokens:,} tokens exceed the {max_tokens:,} token budget"
    if max_dollars is None:
        return None
    if estimate.unpriced_models:
        models = ", ".join(estimate.unpriced_models)
        return f"cannot check the ${max_dollars:.2f} budget: no price for {models} in the table"
    if estimate.dollars is not None and estimate.dollars > max_dollars:
        return f"estimated ${estimate.dollars:.2f} exceeds the ${max_dollars:.2f} budget"
    return None
