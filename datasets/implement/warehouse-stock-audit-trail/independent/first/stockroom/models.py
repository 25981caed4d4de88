"""Request and response models of the HTTP API."""

from typing import Literal

from pydantic import BaseModel, Field

SKU_PATTERN = r"^[A-Z0-9][A-Z0-9-]{2,19}$"

MovementKind = Literal["receipt", "shipment", "count"]
# Who moved stock when the request did not say (the scanners send no X-Actor header yet).
UNATTRIBUTED = "unattributed"


class ProductCreate(BaseModel):
    sku: str = Field(pattern=SKU_PATTERN)
    name: str = Field(min_length=1, max_length=120)
    reorder_level: int = Field(default=0, ge=0)


class Product(BaseModel):
    sku: str
    name: str
    on_hand: int
    reorder_level: int


class QuantityChange(BaseModel):
    quantity: int = Field(gt=0)


class StockCount(BaseModel):
    counted: int = Field(ge=0)


class OrderLine(BaseModel):
    sku: str
    quantity: int = Field(gt=0)


class OrderShipment(BaseModel):
    lines: list[OrderLine] = Field(min_length=1)


class StockMovement(BaseModel):
    """One change of a product's on_hand, as stored in `stock_movements`."""

    id: int
    sku: str
    kind: MovementKind
    # Signed: +n received, -n shipped, counted minus the old on_hand for a count (may be 0).
    change: int
    on_hand_after: int
    actor: str
