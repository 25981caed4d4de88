"""Merchant settlement: a closed business day's captures and refunds become one payout per
merchant. Business days are UTC days. The treasury service picks recorded payouts up from the
payout book and pays them, so recording a day twice would pay its merchants twice.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Protocol


@dataclass(frozen=True)
class Capture:
    payment_id: str
    merchant_id: str
    amount_cents: int
    fee_cents: int


@dataclass(frozen=True)
class Refund:
    refund_id: str
    merchant_id: str
    amount_cents: int


@dataclass(frozen=True)
class Payout:
    merchant_id: str
    day: date
    gross_cents: int
    fees_cents: int
    refunds_cents: int

    @property
    def net_cents(self) -> int:
        """What the merchant is owed; negative when refunds exceed the day's takings."""
        return self.gross_cents - self.fees_cents - self.refunds_cents


class Ledger(Protocol):
    async def captures(self, day: date) -> list[Capture]: ...

    async def refunds(self, day: date) -> list[Refund]: ...


class PayoutBook(Protocol):
    async def settled_days(self, since: date) -> set[date]:
        """The days from `since` on that already have their payouts recorded."""

    async def record(self, day: date, payouts: list[Payout]) -> None:
        """Record a day's payouts in one transaction; refuses a day that is already settled."""


class AlreadySettled(Exception):
    pass


def payouts_for(day: date, captures: Iterable[Capture], refunds: Iterable[Refund]) -> list[Payout]:
    gross: defaultdict[str, int] = defaultdict(int)
    fees: defaultdict[str, int] = defaultdict(int)
    refunded: defaultdict[str, int] = defaultdict(int)
    for capture in captures:
        gross[capture.merchant_id] += capture.amount_cents
        fees[capture.merchant_id] += capture.fee_cents
    for refund in refunds:
        refunded[refund.merchant_id] += refund.amount_cents
    merchants = sorted(gross.keys() | refunded.keys())
    return [Payout(m, day, gross[m], fees[m], refunded[m]) for m in merchants]


def _utc_today() -> date:
    return datetime.now(timezone.utc).date()


class SettlementJob:
    def __init__(
        self,
        ledger: Ledger,
        book: PayoutBook,
        today: Callable[[], date] = _utc_today,
        lookback_days: int = 7,
    ) -> None:
        if lookback_days < 1:
            raise ValueError("the look-back window must hold at least one closed day")
        self._ledger = ledger
        self._book = book
        self._today = today
        self._lookback_days = lookback_days

    async def settle_pending(self) -> list[date]:
        """Settle every closed day of the look-back window that has no payouts yet.

        Returns the days settled by this pass, oldest first.
        """
        today = self._today()
        days = [today - timedelta(days=n) for n in range(self._lookback_days, 0, -1)]
        settled = await self._book.settled_days(days[0])
        done: list[date] = []
        for day in days:
            if day in settled:
                continue
            captures, refunds = await asyncio.gather(
                self._ledger.captures(day), self._ledger.refunds(day)
            )
            await self._book.record(day, payouts_for(day, captures, refunds))
            done.append(day)
        return done
