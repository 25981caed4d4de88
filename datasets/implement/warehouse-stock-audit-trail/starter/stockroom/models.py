"""Request and response models of the HTTP API."""

from pydantic import BaseModel, Field

SKU_PATTERN = r"^[A-Z0-9][A-Z0-9-]{2,19}$"


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
