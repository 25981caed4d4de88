"""HTTP layer: routes call the service; domain errors become statuses in one place."""

from typing import Annotated

from fastapi import APIRouter, FastAPI, Header, Request, status
from fastapi.responses import JSONResponse

from stockroom.config import Settings
from stockroom.db import Database
from stockroom.errors import (
    DuplicateSku,
    InsufficientStock,
    InvalidManifest,
    InventoryError,
    QuantityTooLarge,
    UnknownProduct,
)
from stockroom.manifest import parse_manifest
from stockroom.models import (
    OrderShipment,
    Product,
    ProductCreate,
    QuantityChange,
    StockCount,
    StockMovement,
)
from stockroom.service import InventoryService

# Who made a stock change: the optional `X-Actor` header (missing or blank: "unattributed").
Actor = Annotated[str | None, Header(alias="X-Actor")]

STATUS_BY_ERROR: dict[type[InventoryError], int] = {
    UnknownProduct: status.HTTP_404_NOT_FOUND,
    DuplicateSku: status.HTTP_409_CONFLICT,
    InsufficientStock: status.HTTP_409_CONFLICT,
    QuantityTooLarge: 422,  # the status FastAPI gives any other invalid body
    InvalidManifest: 422,
}


def create_app(settings: Settings) -> FastAPI:
    database = Database(settings.database_path)
    database.initialise()
    service = InventoryService(database, settings)
    app = FastAPI(title="Stockroom inventory")
    app.add_exception_handler(InventoryError, _error_response)
    app.include_router(_product_routes(service))
    app.include_router(_order_routes(service))
    app.include_router(_manifest_routes(service))
    return app


async def _error_response(_: Request, error: Exception) -> JSONResponse:
    return JSONResponse(status_code=STATUS_BY_ERROR[type(error)], content={"detail": str(error)})


def _product_routes(service: InventoryService) -> APIRouter:
    router = APIRouter(prefix="/products")

    @router.post("", status_code=status.HTTP_201_CREATED)
    def create_product(data: ProductCreate) -> Product:
        return service.create_product(data)

    @router.get("")
    def list_products(needs_reorder: bool = False) -> list[Product]:
        return service.products(needs_reorder)

    @router.get("/{sku}")
    def get_product(sku: str) -> Product:
        return service.product(sku)

    @router.get("/{sku}/movements")
    def movements(sku: str) -> list[StockMovement]:
        return service.movements(sku)

    @router.post("/{sku}/receipts")
    def receive(sku: str, change: QuantityChange, actor: Actor = None) -> Product:
        return service.receive(sku, change.quantity, actor)

    @router.post("/{sku}/shipments")
    def ship(sku: str, change: QuantityChange, actor: Actor = None) -> Product:
        return service.ship(sku, change.quantity, actor)

    @router.put("/{sku}/count")
    def record_count(sku: str, count: StockCount, actor: Actor = None) -> Product:
        return service.record_count(sku, count.counted, actor)

    return router


def _order_routes(service: InventoryService) -> APIRouter:
    router = APIRouter(prefix="/orders")

    @router.post("/shipments")
    def ship_order(order: OrderShipment, actor: Actor = None) -> list[Product]:
        return service.ship_order(order.lines, actor)

    return router


def _manifest_routes(service: InventoryService) -> APIRouter:
    router = APIRouter(prefix="/receipts")

    @router.post("/manifest")
    async def receive_manifest(request: Request, actor: Actor = None) -> list[Product]:
        # The scanners post the supplier's CSV as-is (text/csv), not JSON.
        lines = parse_manifest((await request.body()).decode("utf-8"))
        return service.receive_manifest(lines, actor)

    return router
