"""Inventory use cases; each one is a single unit of work, so its checks and writes agree.

Every change of a product's on_hand writes one stock movement in the same unit of work: the
change and its audit record commit together or not at all.
"""

import sqlite3

from stockroom.config import Settings
from stockroom.db import Database
from stockroom.errors import InsufficientStock, QuantityTooLarge, UnknownProduct
from stockroom.manifest import ManifestLine
from stockroom.models import (
    UNATTRIBUTED,
    MovementKind,
    OrderLine,
    Product,
    ProductCreate,
    StockMovement,
)
from stockroom.repository import MovementRepository, ProductRepository


def actor_name(raw: str | None) -> str:
    """Who to record for a movement: the given name trimmed, or `unattributed` if none/blank."""
    name = (raw or "").strip()
    return name or UNATTRIBUTED


class InventoryService:
    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings

    def create_product(self, data: ProductCreate) -> Product:
        # Not a movement: a new product starts with nothing on hand.
        with self.database.unit_of_work() as connection:
            return ProductRepository(connection).add(data)

    def product(self, sku: str) -> Product:
        with self.database.unit_of_work() as connection:
            return _existing(ProductRepository(connection), sku)

    def products(self, needing_reorder: bool) -> list[Product]:
        with self.database.unit_of_work() as connection:
            return ProductRepository(connection).list(needing_reorder)

    def movements(self, sku: str) -> list[StockMovement]:
        """The product's audit trail, oldest first."""
        with self.database.unit_of_work() as connection:
            _existing(ProductRepository(connection), sku)
            return MovementRepository(connection).for_product(sku)

    def receive(self, sku: str, quantity: int, actor: str | None = None) -> Product:
        self._check_quantity(quantity)
        with self.database.unit_of_work(writes_stock=True) as connection:
            stock = _Stock(connection, actor_name(actor))
            return stock.change(stock.existing(sku), "receipt", quantity)

    def ship(self, sku: str, quantity: int, actor: str | None = None) -> Product:
        self._check_quantity(quantity)
        with self.database.unit_of_work(writes_stock=True) as connection:
            stock = _Stock(connection, actor_name(actor))
            return stock.take(stock.existing(sku), quantity)

    def record_count(self, sku: str, counted: int, actor: str | None = None) -> Product:
        """A stock count overrides the books: on_hand becomes what was counted.

        The count is logged even when it matches the books (a change of 0): it still happened.
        """
        with self.database.unit_of_work(writes_stock=True) as connection:
            stock = _Stock(connection, actor_name(actor))
            product = stock.existing(sku)
            return stock.change(product, "count", counted - product.on_hand)

    def ship_order(self, lines: list[OrderLine], actor: str | None = None) -> list[Product]:
        """Ships every line or none: one short line rolls the whole order back."""
        for line in lines:
            self._check_quantity(line.quantity)
        with self.database.unit_of_work(writes_stock=True) as connection:
            stock = _Stock(connection, actor_name(actor))
            return [stock.take(stock.existing(line.sku), line.quantity) for line in lines]

    def receive_manifest(
        self, lines: list[ManifestLine], actor: str | None = None
    ) -> list[Product]:
        """Receives every manifest line or none; a SKU may appear on several lines."""
        for line in lines:
            self._check_quantity(line.quantity)
        with self.database.unit_of_work(writes_stock=True) as connection:
            stock = _Stock(connection, actor_name(actor))
            return [
                stock.change(stock.existing(line.sku), "receipt", line.quantity) for line in lines
            ]

    def _check_quantity(self, quantity: int) -> None:
        if quantity > self.settings.max_quantity:
            raise QuantityTooLarge(quantity, self.settings.max_quantity)


class _Stock:
    """Stock changes inside one unit of work, each recorded as a movement by `actor`."""

    def __init__(self, connection: sqlite3.Connection, actor: str) -> None:
        self.products = ProductRepository(connection)
        self.movements = MovementRepository(connection)
        self.actor = actor

    def existing(self, sku: str) -> Product:
        return _existing(self.products, sku)

    def take(self, product: Product, quantity: int) -> Product:
        if quantity > product.on_hand:
            raise InsufficientStock(product.sku, product.on_hand, quantity)
        return self.change(product, "shipment", -quantity)

    def change(self, product: Product, kind: MovementKind, change: int) -> Product:
        on_hand = product.on_hand + change
        self.products.set_on_hand(product.sku, on_hand)
        self.movements.add(product.sku, kind, change, on_hand, self.actor)
        return product.model_copy(update={"on_hand": on_hand})


def _existing(products: ProductRepository, sku: str) -> Product:
    product = products.get(sku)
    if product is None:
        raise UnknownProduct(sku)
    return product
