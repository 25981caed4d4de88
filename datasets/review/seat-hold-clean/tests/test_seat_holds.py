import asyncio

import pytest

from ticketing.holds import Hold, PaymentDeclined, SeatHolds, SoldOut


class FakeGateway:
    """Pre-authorises after a few event-loop turns, like a real network call."""

    def __init__(self, declined: frozenset[str] = frozenset()) -> None:
        self.declined = declined
        self.authorized: list[tuple[str, int]] = []

    async def preauthorize(self, buyer_id: str, amount_cents: int) -> str:
        for _ in range(3):
            await asyncio.sleep(0)
        if buyer_id in self.declined:
            raise PaymentDeclined(buyer_id)
        self.authorized.append((buyer_id, amount_cents))
        return f"auth-{len(self.authorized)}"


async def hold_all(holds: SeatHolds, requests: list[tuple[str, int]]) -> list[Hold | Exception]:
    results = await asyncio.gather(
        *(holds.hold(buyer, seats) for buyer, seats in requests), return_exceptions=True
    )
    return [r for r in results if isinstance(r, (Hold, Exception))]


def test_hold_reduces_availability_and_charges_seat_price() -> None:
    gateway = FakeGateway()
    holds = SeatHolds(10, 2_500, gateway)
    hold = asyncio.run(holds.hold("b1", 3))
    assert (hold.seats, holds.available) == (3, 7)
    assert gateway.authorized == [("b1", 7_500)]


def test_release_returns_seats() -> None:
    holds = SeatHolds(4, 1_000, FakeGateway())
    hold = asyncio.run(holds.hold("b1", 4))
    with pytest.raises(SoldOut):
        asyncio.run(holds.hold("b2", 1))
    holds.release(hold.id)
    assert holds.available == 4


def test_declined_payment_holds_no_seats() -> None:
    holds = SeatHolds(4, 1_000, FakeGateway(frozenset({"b1"})))
    with pytest.raises(PaymentDeclined):
        asyncio.run(holds.hold("b1", 2))
    assert holds.available == 4


def test_concurrent_holds_never_oversell() -> None:
    holds = SeatHolds(5, 1_000, FakeGateway())
    results = asyncio.run(hold_all(holds, [(f"b{i}", 2) for i in range(6)]))
    granted = [r for r in results if isinstance(r, Hold)]
    assert sum(h.seats for h in granted) <= 5, "more seats were held than the venue has"
    assert holds.available >= 0
    assert holds.available == 5 - sum(h.seats for h in granted)
