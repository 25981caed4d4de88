"""Back-office HTTP API."""

from datetime import date
from typing import Any

from fastapi import FastAPI, HTTPException
from fastapi.responses import PlainTextResponse

from sales.export import orders_csv
from sales.models import DaySummary
from sales.reports import SalesReports
from sales.repository import OrderRepository
from sales.stores import StoreDirectory, StoreNotFound


def summary_json(summary: DaySummary) -> dict[str, Any]:
    return {
        "day": summary.day.isoformat(),
        "orders": summary.orders,
        "gross_cents": summary.gross_cents,
        "refunded_cents": summary.refunded_cents,
        "net_cents": summary.net_cents,
    }


def create_app(orders: OrderRepository, stores: StoreDirectory) -> FastAPI:
    app = FastAPI()
    reports = SalesReports(orders, stores)

    @app.get("/stores/{store_id}/sales/{day}")
    def daily(store_id: str, day: date) -> dict[str, Any]:
        try:
            return summary_json(reports.daily_summary(store_id, day))
        except StoreNotFound:
            raise HTTPException(404, "no such store") from None

    @app.get("/stores/{store_id}/orders/{day}.csv", response_class=PlainTextResponse)
    def export(store_id: str, day: date) -> str:
        try:
            return orders_csv(orders, stores, store_id, day)
        except StoreNotFound:
            raise HTTPException(404, "no such store") from None

    return app
