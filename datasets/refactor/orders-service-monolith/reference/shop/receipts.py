"""Plain-text receipt rendering from an order dict (the shape get_order returns); no database."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any


def format_money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def render_receipt(order: Mapping[str, Any]) -> str:
    placed = datetime.fromisoformat(order["created_at"])
    lines = [
        f"Order #{order['order_id']} for {order['email']}",
        f"Placed: {placed:%Y-%m-%d %H:%M}",
        *(_render_line(line) for line in order["lines"]),
        f"Subtotal: {format_money(order['subtotal_cents'])}",
    ]
    if order["discount_cents"] > 0:
        lines.append(f"Discount ({order['coupon']}): -{format_money(order['discount_cents'])}")
    shipping = order["shipping_cents"]
    lines.append(f"Shipping: {format_money(shipping) if shipping else 'free'}")
    lines.append(f"Total: {format_money(order['total_cents'])}")
    if order["status"] == "cancelled":
        lines.append("Status: CANCELLED")
    return "\n".join(lines)


def _render_line(line: Mapping[str, Any]) -> str:
    return (
        f"  {line['quantity']} x {line['name']} ({line['sku']}) @ "
        f"{format_money(line['unit_price_cents'])} = {format_money(line['line_total_cents'])}"
    )
