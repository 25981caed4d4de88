"""Public entry point of the order service; the code lives in the modules re-exported here."""

from shop.errors import OrderError, OrderNotFoundError, OutOfStockError, ValidationError
from shop.service import (
    add_product,
    cancel_order,
    format_receipt,
    get_order,
    get_stock,
    init_db,
    place_order,
)

__all__ = [
    "OrderError",
    "OrderNotFoundError",
    "OutOfStockError",
    "ValidationError",
    "add_product",
    "cancel_order",
    "format_receipt",
    "get_order",
    "get_stock",
    "init_db",
    "place_order",
]
