"""Ticket prices: tier, demand surge and early-bird discount, in whole cents (rounded down)."""

TIER_PERCENT = {"standard": 100, "premium": 150, "vip": 250}
SURGE_SOLD_SHARE_PERCENT = 80
SURGE_PERCENT = 120
EARLY_BIRD_DAYS = 30
EARLY_BIRD_PERCENT = 90


def seat_price(base_cents: int, tier: str, seats_sold: int, capacity: int,
               days_until_event: int) -> int:
    """One seat's price; the surge applies once 80% of the house is sold, the early-bird
    discount 30 or more whole days before the event."""
    price = base_cents * TIER_PERCENT[tier] // 100
    if capacity and seats_sold * 100 >= capacity * SURGE_SOLD_SHARE_PERCENT:
        price = price * SURGE_PERCENT // 100
    if days_until_event >= EARLY_BIRD_DAYS:
        price = price * EARLY_BIRD_PERCENT // 100
    return price
