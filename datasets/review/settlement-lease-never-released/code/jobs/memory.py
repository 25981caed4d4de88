"""In-memory ledger and payout book, for local runs of the worker and for tests."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import date

from jobs.settlement import AlreadySettled, Capture, Payout, Refund


class InMemoryLedger:
    def __init__(self) -> None:
        self._captures: defaultdict[date, list[Capture]] = defaultdict(list)
        self._refunds: defaultdict[date, list[Refund]] = defaultdict(list)

    def add_capture(self, day: date, capture: Capture) -> None:
        self._captures[day].append(capture)

    def add_refund(self, day: date, refund: Refund) -> None:
        self._refunds[day].append(refund)

    async def captures(self, day: date) -> list[Capture]:
        return list(self._captures.get(day, []))

    async def refunds(self, day: date) -> list[Refund]:
        return list(self._refunds.get(day, []))


class InMemoryPayoutBook:
    def __init__(self) -> None:
        self.payouts: dict[date, list[Payout]] = {}
        self._lock = asyncio.Lock()

    async def settled_days(self, since: date) -> set[date]:
        return {day for day in self.payouts if day >= since}

    async def record(self, day: date, payouts: list[Payout]) -> None:
        async with self._lock:
            if day in self.payouts:
                raise AlreadySettled(f"{day} is already settled")
            self.payouts[day] = list(payouts)
