"""Plain-text receipt rendering."""

from datetime import datetime

from shop.models import OrderLine, StoredOrder


def format_money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def render_receipt(order: StoredOrder) -> str:
    placed = datetime.fromisoformat(order.created_at)
    totals = order.totals
    lines = [
        f"Order #{order.order_id} for {order.email}",
        f"Placed: {placed:%Y-%m-%d %H:%M}",
        *(_render_line(line) for line in order.lines),
        f"Subtotal: {format_money(totals.subtotal_cents)}",
    ]
    if totals.discount_cents > 0:
        lines.append(f"Discount ({order.coupon}): -{format_money(totals.discount_cents)}")
    shipping = format_money(totals.shipping_cents) if totals.shipping_cents else "free"
    lines.append(f"Shipping: {shipping}")
    lines.append(f"Total: {format_money(totals.total_cents)}")
    if order.status == "cancelled":
        lines.append("Status: CANCELLED")
    return "\n".join(lines)


def _render_line(line: OrderLine) -> str:
    return (
        f"  {line.quantity} x {line.name} ({line.sku}) @ "
        f"{format_money(line.unit_price_cents)} = {format_money(line.line_total_cents)}"
    )
