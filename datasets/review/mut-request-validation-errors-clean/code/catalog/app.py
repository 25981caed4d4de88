from dataclasses import asdict
from typing import Annotated

from fastapi import FastAPI, Query, status
from pydantic import BaseModel, Field

from catalog.domain import Product, ProductRepository
from catalog.errors import register_error_handlers

Tag = Annotated[str, Field(min_length=1, max_length=20)]


class ProductIn(BaseModel):
    sku: str = Field(pattern=r"^[A-Z0-9-]{3,20}$")
    name: str = Field(min_length=1, max_length=100)
    price_cents: int = Field(gt=0)
    tags: list[Tag] = Field(default_factory=list, max_length=5)


class ProductOut(BaseModel):
    sku: str
    name: str
    price_cents: int
    tags: list[str]


def create_app(repository: ProductRepository) -> FastAPI:
    app = FastAPI()
    register_error_handlers(app)

    @app.post("/products", status_code=status.HTTP_201_CREATED)
    def create_product(product_in: ProductIn) -> ProductOut:
        product = Product(**product_in.model_dump())
        repository.add(product)
        return ProductOut(**asdict(product))

    @app.get("/products/{sku}")
    def get_product(sku: str) -> ProductOut:
        return ProductOut(**asdict(repository.get(sku)))

    @app.get("/products")
    def list_products(limit: Annotated[int, Query(ge=1, le=50)] = 20) -> list[ProductOut]:
        return [ProductOut(**asdict(product)) for product in repository.list(limit)]

    return app
