"""Pricing rules: bulk discounts, coupons and shipping. Pure, amounts in integer cents."""

from dataclasses import dataclass
from datetime import date, datetime

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


def price_line(product: Product, quantity: int) -> OrderLine:
    if product.stock < quantity:
        raise OutOfStockError(
            f"only {product.stock} of {product.sku} left, {quantity} requested"
        )
    line_total = product.price_cents * quantity
    if quantity >= BULK_MIN_QUANTITY:
        line_total -= line_total * BULK_DISCOUNT_PERCENT // 100
    return OrderLine(product.sku, product.name, quantity, product.price_cents, line_total)


def find_coupon(code: str, subtotal_cents: int, now: datetime) -> Coupon:
    coupon = COUPONS.get(code)
    if coupon is None:
        raise ValidationError(f"unknown coupon: {code}")
    if now.date() > coupon.expires:
        raise ValidationError(f"coupon {code} expired on {coupon.expires.isoformat()}")
    if subtotal_cents < coupon.min_subtotal_cents:
        raise ValidationError(
            f"coupon {code} needs a subtotal of at least {coupon.min_subtotal_cents / 100:.2f}"
        )
    return coupon


def compute_totals(lines: list[OrderLine], coupon_code: str | None, now: datetime) -> Totals:
    subtotal = sum(line.line_total_cents for line in lines)
    discount = 0
    if coupon_code is not None:
        discount = find_coupon(coupon_code, subtotal, now).discount_for(subtotal)
    shipping = 0 if subtotal - discount >= FREE_SHIPPING_FROM_CENTS else SHIPPING_CENTS
    return Totals(subtotal, discount, shipping)
