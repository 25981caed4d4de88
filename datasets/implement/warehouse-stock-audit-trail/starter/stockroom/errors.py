"""Domain errors; the API maps each one to an HTTP status."""


class InventoryError(Exception):
    """Base class of the errors the inventory service raises on purpose."""


class UnknownProduct(InventoryError):
    def __init__(self, sku: str) -> None:
        super().__init__(f"no product with SKU {sku}")
        self.sku = sku


class DuplicateSku(InventoryError):
    def __init__(self, sku: str) -> None:
        super().__init__(f"SKU {sku} already exists")
        self.sku = sku


class InsufficientStock(InventoryError):
    def __init__(self, sku: str, on_hand: int, requested: int) -> None:
        super().__init__(f"SKU {sku} has {on_hand} on hand, {requested} requested")
        self.sku = sku


class QuantityTooLarge(InventoryError):
    def __init__(self, quantity: int, limit: int) -> None:
        super().__init__(f"quantity {quantity} is over the limit of {limit}")


class InvalidManifest(InventoryError):
    def __init__(self, line_number: int, problem: str) -> None:
        super().__init__(f"manifest line {line_number}: {problem}")
        self.line_number = line_number
