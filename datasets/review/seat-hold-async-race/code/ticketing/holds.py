"""Seat holds for the ticket shop.

A buyer's seats are held while their card is pre-authorised; checkout confirms the hold, or the
expiry sweeper calls `release`. One instance of this service runs per event in the booking worker.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol


class SoldOut(Exception):
    pass


class PaymentDeclined(Exception):
    pass


class PaymentGateway(Protocol):
    async def preauthorize(self, buyer_id: str, amount_cents: int) -> str:
        """Returns an authorisation id; raises PaymentDeclined."""


@dataclass(frozen=True)
class Hold:
    id: str
    buyer_id: str
    seats: int
    authorization_id: str


class SeatHolds:
    def __init__(self, capacity: int, seat_price_cents: int, payments: PaymentGateway) -> None:
        self._available = capacity
        self._seat_price_cents = seat_price_cents
        self._payments = payments
        self._holds: dict[str, Hold] = {}

    @property
    def available(self) -> int:
        return self._available

    async def hold(self, buyer_id: str, seats: int) -> Hold:
        if seats < 1:
            raise ValueError("a hold needs at least one seat")
        if seats > self._available:
            raise SoldOut(f"{seats} seats requested, {self._available} left")
        authorization_id = await self._payments.preauthorize(
            buyer_id, seats * self._seat_price_cents
        )
        self._available -= seats
        hold = Hold(uuid.uuid4().hex, buyer_id, seats, authorization_id)
        self._holds[hold.id] = hold
        return hold

    def release(self, hold_id: str) -> None:
        hold = self._holds.pop(hold_id, None)
        if hold is not None:
            self._available += hold.seats
