from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    price_cents: int
    tags: list[str] = field(default_factory=list)


class ProductNotFound(Exception):
    def __init__(self, sku: str) -> None:
        super().__init__(f"no product with SKU {sku}")
        self.sku = sku


class DuplicateSku(Exception):
    def __init__(self, sku: str) -> None:
        super().__init__(f"a product with SKU {sku} already exists")
        self.sku = sku


class ProductRepository(Protocol):
    def add(self, product: Product) -> None:
        """Raises DuplicateSku if the SKU is taken."""
        ...

    def get(self, sku: str) -> Product:
        """Raises ProductNotFound if there is no such product."""
        ...

    def list(self, limit: int) -> list[Product]: ...


class InMemoryProductRepository:
    def __init__(self) -> None:
        self._products: dict[str, Product] = {}

    def add(self, product: Product) -> None:
        if product.sku in self._products:
            raise DuplicateSku(product.sku)
        self._products[product.sku] = product

    def get(self, sku: str) -> Product:
        try:
            return self._products[sku]
        except KeyError:
            raise ProductNotFound(sku) from None

    def list(self, limit: int) -> list[Product]:
        return sorted(self._products.values(), key=lambda product: product.sku)[:limit]
