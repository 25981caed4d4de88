"""Pricing rules: bulk discounts, coupons and shipping. Pure, amounts in integer cents."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from shop.errors import OutOfStockError, ValidationError
from shop.models import OrderLine, Product, Totals

BULK_MIN_QUANTITY = 10
BULK_DISCOUNT_PERCENT = 5
FREE_SHIPPING_FROM_CENTS = 5000
SHIPPING_CENTS = 499


@dataclass(frozen=True)
class Coupon:
    code: str
    percent_off: int = 0
    flat_off_cents: int = 0
    min_subtotal_cents: int = 0
    expires: date = date(2099, 12, 31)

    def discount_for(self, subtotal_cents: int) -> int:
        if self.percent_off:
            return subtotal_cents * self.percent_off // 100
        return min(self.flat_off_cents, subtotal_cents)


COUPONS = {
    coupon.code: coupon
    for coupon in (
        Coupon("SAVE10", percent_off=10),
        Coupon("FLAT500", flat_off_cents=500, min_subtotal_cents=2000),
        Coupon("SUMMER15", percent_off=15, expires=date(2026, 8, 31)),
    )
}


def price_order(
    lines: Sequence[tuple[int, int]], coupon: str | None = None, now: datetime | None = None
) -> dict[str, int]:
    """Quote (unit_price_cents, quantity) lines without touching stock or the database."""
    line_totals = [_line_total_cents(price, quantity) for price, quantity in lines]
    totals = compute_totals(line_totals, coupon, now if now is not None else datetime.now(UTC))
    return {
        "subtotal_cents": totals.subtotal_cents,
        "discount_cents": totals.discount_cents,
        "shipping_cents": totals.shipping_cents,
        "total_cents": totals.total_cents,
    }


def _line_total_cents(unit_price_cents: int, quantity: int) -> int:
    line_total = unit_price_cents * quantity
    if quantity >= BULK_MIN_QUANTITY:
        line_total -= line_total * BULK_DISCOUNT_PERCENT // 100
    return line_total


def price_line(product: Product, quantity: int) -> OrderLine:
    if product.stock < quantity:
        raise OutOfStockError(
            f"only {product.stock} of {product.sku} left, {quantity} requested"
        )
    line_total = _line_total_cents(product.price_cents, quantity)
    return OrderLine(product.sku, product.name, quantity, product.price_cents, line_total)


def normalise_coupon_code(coupon: str) -> str:
    return coupon.strip().upper()


def find_coupon(coupon: str, subtotal_cents: int, now: datetime) -> Coupon:
    code = normalise_coupon_code(coupon)
    found = COUPONS.get(code)
    if found is None:
        # The message quotes the code as the caller typed it.
        raise ValidationError(f"unknown coupon: {coupon}")
    return _check_coupon(found, subtotal_cents, now)


def _check_coupon(coupon: Coupon, subtotal_cents: int, now: datetime) -> Coupon:
    code = coupon.code
    if now.date() > coupon.expires:
        raise ValidationError(f"coupon {code} expired on {coupon.expires.isoformat()}")
    if subtotal_cents < coupon.min_subtotal_cents:
        raise ValidationError(
            f"coupon {code} needs a subtotal of at least {coupon.min_subtotal_cents / 100:.2f}"
        )
    return coupon


def compute_totals(line_totals: Sequence[int], coupon: str | None, now: datetime) -> Totals:
    subtotal = sum(line_totals)
    discount = 0
    if coupon is not None:
        discount = find_coupon(coupon, subtotal, now).discount_for(subtotal)
    shipping = 0 if subtotal - discount >= FREE_SHIPPING_FROM_CENTS else SHIPPING_CENTS
    return Totals(subtotal, discount, shipping)
