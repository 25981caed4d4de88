"""HTTP routes: each turns a request into a service call and a refusal into a status code."""

from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, FastAPI, Request, Response
from fastapi.responses import JSONResponse

from . import errors, validation
from .catalog import CatalogService
from .db import connect, create_schema
from .lookups import Clock
from .reports import overdue_report
from .service import LoanService

JsonObject = Annotated[dict[str, Any], Body()]

STATUS_BY_ERROR: dict[type[errors.LibraryError], int] = {
    errors.InvalidInput: 422,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.PaymentRequired: 402,
}


def create_app(db_path: str | Path, clock: Clock | None = None) -> FastAPI:
    today = clock or date.today
    create_schema(db_path)
    app = FastAPI(title="Library loans")
    _add_error_handler(app)
    _add_catalog_routes(app, CatalogService(db_path, today))
    _add_loan_routes(app, LoanService(db_path, today))

    @app.get("/reports/overdue")
    def overdue() -> dict[str, Any]:
        with connect(db_path) as conn:
            return overdue_report(conn, today())

    return app


def _add_error_handler(app: FastAPI) -> None:
    @app.exception_handler(errors.LibraryError)
    async def render_error(request: Request, error: errors.LibraryError) -> JSONResponse:
        return JSONResponse(status_code=STATUS_BY_ERROR[type(error)], content={"detail": str(error)})


def _add_catalog_routes(app: FastAPI, catalog: CatalogService) -> None:
    @app.post("/members", status_code=201)
    def add_member(payload: JsonObject) -> dict[str, Any]:
        return catalog.add_member(payload)

    @app.get("/members/{member_id}")
    def get_member(member_id: int) -> dict[str, Any]:
        return catalog.member(member_id)

    @app.delete("/members/{member_id}", status_code=204)
    def remove_member(member_id: int) -> Response:
        catalog.remove_member(member_id)
        return Response(status_code=204)

    @app.post("/members/{member_id}/payments", status_code=201)
    def pay(member_id: int, payload: JsonObject) -> dict[str, Any]:
        return catalog.pay(member_id, payload)

    @app.post("/books", status_code=201)
    def add_book(payload: JsonObject) -> dict[str, Any]:
        return catalog.add_book(payload)

    @app.get("/books/{book_id}")
    def get_book(book_id: int) -> dict[str, Any]:
        return catalog.book(book_id)

    @app.patch("/books/{book_id}")
    def change_copies(book_id: int, payload: JsonObject) -> dict[str, Any]:
        return catalog.change_copies(book_id, payload)

    @app.get("/books")
    def search_books(author: str = "", available_only: bool = False) -> list[dict[str, Any]]:
        return catalog.search_books(author, available_only)


def _add_loan_routes(app: FastAPI, loans: LoanService) -> None:
    @app.post("/loans", status_code=201)
    def borrow(payload: JsonObject) -> dict[str, Any]:
        return loans.borrow(*validation.loan_request(payload))

    @app.post("/loans/{loan_id}/renew")
    def renew(loan_id: int) -> dict[str, Any]:
        return loans.renew(loan_id)

    @app.post("/loans/{loan_id}/return")
    def return_book(loan_id: int) -> dict[str, Any]:
        return loans.return_loan(loan_id)

    @app.get("/members/{member_id}/loans")
    def member_loans(member_id: int, status: str = "open") -> list[dict[str, Any]]:
        return loans.member_loans(member_id, status)
