from dataclasses import asdict
from typing import Annotated

from fastapi import FastAPI, HTTPException, Query, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from catalog.domain import DuplicateSku, Product, ProductNotFound, ProductRepository

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

    @app.post("/products", status_code=status.HTTP_201_CREATED, response_model=ProductOut)
    def create_product(product_in: ProductIn) -> ProductOut | JSONResponse:
        product = Product(**product_in.model_dump())
        try:
            repository.add(product)
        except DuplicateSku as duplicate:
            return JSONResponse({"message": str(duplicate)}, status.HTTP_409_CONFLICT)
        return ProductOut(**asdict(product))

    @app.get("/products/{sku}")
    def get_product(sku: str) -> ProductOut:
        try:
            return ProductOut(**asdict(repository.get(sku)))
        except ProductNotFound:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "not found") from None

    @app.get("/products")
    def list_products(limit: Annotated[int, Query(ge=1, le=50)] = 20) -> list[ProductOut]:
        return [ProductOut(**asdict(product)) for product in repository.list(limit)]

    return app
