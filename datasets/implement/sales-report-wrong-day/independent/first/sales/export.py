"""The end-of-day CSV the stores' accountants download."""

import csv
import io
from datetime import date

from sales.repository import OrderRepository
from sales.stores import StoreDirectory

HEADER = ["order_id", "placed_at", "total_cents", "refunded"]


def orders_csv(orders: OrderRepository, stores: StoreDirectory, store_id: str, day: date) -> str:
    """The store's orders of `day` (its business day, in the store's zone), oldest first, with
    the time shown in the store's zone."""
    zone = stores.zone(store_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for order in orders.placed_on(store_id, day, zone):
        local_time = order.placed_at.astimezone(zone).isoformat(timespec="minutes")
        writer.writerow(
            [order.id, local_time, order.total_cents, "yes" if order.refunded else "no"]
        )
    return buffer.getvalue()
