"""Inventory use cases; each one is a single unit of work, so its checks and writes agree.

Every change of on_hand goes through `_change_stock`, which logs the movement in the same
transaction: the stock and its audit trail commit together or not at all.
"""

import sqlite3
from dataclasses import dataclass

from stockroom.config import Settings
from stockroom.db import Database
from stockroom.errors import InsufficientStock, QuantityTooLarge, UnknownProduct
from stockroom.manifest import ManifestLine
from stockroom.models import Movement, MovementKind, OrderLine, Product, ProductCreate
from stockroom.repository import MovementRepository, ProductRepository


class InventoryService:
    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings

    def create_product(self, data: ProductCreate) -> Product:
        with self.database.unit_of_work() as connection:
            return ProductRepository(connection).add(data)

    def product(self, sku: str) -> Product:
        with self.database.unit_of_work() as connection:
            return _existing(ProductRepository(connection), sku)

    def products(self, needing_reorder: bool) -> list[Product]:
        with self.database.unit_of_work() as connection:
            return ProductRepository(connection).list(needing_reorder)

    def movements(self, sku: str) -> list[Movement]:
        with self.database.unit_of_work() as connection:
            _existing(ProductRepository(connection), sku)
            return MovementRepository(connection).for_product(sku)

    def receive(self, sku: str, quantity: int, actor: str) -> Product:
        self._check_quantity(quantity)
        with self.database.unit_of_work() as connection:
            stock = _Stock(connection, actor)
            return stock.change(stock.existing(sku), "receipt", quantity)

    def ship(self, sku: str, quantity: int, actor: str) -> Product:
        self._check_quantity(quantity)
        with self.database.unit_of_work() as connection:
            stock = _Stock(connection, actor)
            return stock.take(stock.existing(sku), quantity)

    def record_count(self, sku: str, counted: int, actor: str) -> Product:
        """A stock count overrides the books: on_hand becomes what was counted."""
        with self.database.unit_of_work() as connection:
            stock = _Stock(connection, actor)
            product = stock.existing(sku)
            return stock.change(product, "count", counted - product.on_hand)

    def ship_order(self, lines: list[OrderLine], actor: str) -> list[Product]:
        """Ships every line or none: one short line rolls the whole order back."""
        for line in lines:
            self._check_quantity(line.quantity)
        with self.database.unit_of_work() as connection:
            stock = _Stock(connection, actor)
            return [stock.take(stock.existing(line.sku), line.quantity) for line in lines]

    def receive_manifest(self, lines: list[ManifestLine], actor: str) -> list[Product]:
        """Receives every manifest line or none; a SKU may appear on several lines."""
        for line in lines:
            self._check_quantity(line.quantity)
        with self.database.unit_of_work() as connection:
            stock = _Stock(connection, actor)
            return [
                stock.change(stock.existing(line.sku), "receipt", line.quantity)
                for line in lines
            ]

    def _check_quantity(self, quantity: int) -> None:
        if quantity > self.settings.max_quantity:
            raise QuantityTooLarge(quantity, self.settings.max_quantity)


def _existing(products: ProductRepository, sku: str) -> Product:
    product = products.get(sku)
    if product is None:
        raise UnknownProduct(sku)
    return product


@dataclass
class _Stock:
    """Stock changes inside one transaction, each logged as a movement by `actor`."""

    connection: sqlite3.Connection
    actor: str

    def existing(self, sku: str) -> Product:
        return _existing(ProductRepository(self.connection), sku)

    def take(self, product: Product, quantity: int) -> Product:
        if quantity > product.on_hand:
            raise InsufficientStock(product.sku, product.on_hand, quantity)
        return self.change(product, "shipment", -quantity)

    def change(self, product: Product, kind: MovementKind, change: int) -> Product:
        changed = product.model_copy(update={"on_hand": product.on_hand + change})
        ProductRepository(self.connection).set_on_hand(changed.sku, changed.on_hand)
        MovementRepository(self.connection).record(changed, kind, change, self.actor)
        return changed
