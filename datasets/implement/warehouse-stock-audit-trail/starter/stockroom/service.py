"""Inventory use cases; each one is a single unit of work, so its checks and writes agree."""

from stockroom.config import Settings
from stockroom.db import Database
from stockroom.errors import InsufficientStock, QuantityTooLarge, UnknownProduct
from stockroom.manifest import ManifestLine
from stockroom.models import OrderLine, Product, ProductCreate
from stockroom.repository import ProductRepository


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

    def receive(self, sku: str, quantity: int) -> Product:
        self._check_quantity(quantity)
        with self.database.unit_of_work() as connection:
            products = ProductRepository(connection)
            return _set_on_hand(products, _existing(products, sku), quantity)

    def ship(self, sku: str, quantity: int) -> Product:
        self._check_quantity(quantity)
        with self.database.unit_of_work() as connection:
            products = ProductRepository(connection)
            return _take(products, _existing(products, sku), quantity)

    def record_count(self, sku: str, counted: int) -> Product:
        """A stock count overrides the books: on_hand becomes what was counted."""
        with self.database.unit_of_work() as connection:
            products = ProductRepository(connection)
            product = _existing(products, sku)
            return _set_on_hand(products, product, counted - product.on_hand)

    def ship_order(self, lines: list[OrderLine]) -> list[Product]:
        """Ships every line or none: one short line rolls the whole order back."""
        for line in lines:
            self._check_quantity(line.quantity)
        with self.database.unit_of_work() as connection:
            products = ProductRepository(connection)
            return [_take(products, _existing(products, line.sku), line.quantity) for line in lines]

    def receive_manifest(self, lines: list[ManifestLine]) -> list[Product]:
        """Receives every manifest line or none; a SKU may appear on several lines."""
        for line in lines:
            self._check_quantity(line.quantity)
        with self.database.unit_of_work() as connection:
            products = ProductRepository(connection)
            return [
                _set_on_hand(products, _existing(products, line.sku), line.quantity)
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


def _take(products: ProductRepository, product: Product, quantity: int) -> Product:
    if quantity > product.on_hand:
        raise InsufficientStock(product.sku, product.on_hand, quantity)
    return _set_on_hand(products, product, -quantity)


def _set_on_hand(products: ProductRepository, product: Product, change: int) -> Product:
    on_hand = product.on_hand + change
    products.set_on_hand(product.sku, on_hand)
    return product.model_copy(update={"on_hand": on_hand})
