from collections.abc import Iterable, Mapping, Sequence

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from catalog.domain import DuplicateSku, ProductNotFound


class ErrorDetail(BaseModel):
    field: str
    message: str


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail]


class ErrorEnvelope(BaseModel):
    error: ErrorBody


def _error_response(
    status_code: int,
    code: str,
    message: str,
    details: Iterable[ErrorDetail] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    envelope = ErrorEnvelope(error=ErrorBody(code=code, message=message, details=list(details)))
    return JSONResponse(envelope.model_dump(), status_code, headers=headers)


def _field_path(location: Sequence[str | int]) -> str:
    # The first element names the request part (body, query, path...), not the field.
    return ".".join(str(part) for part in location[1:])


async def _validation_failed(_: Request, error: RequestValidationError) -> JSONResponse:
    details = (
        ErrorDetail(field=_field_path(item["loc"]), message=item["msg"])
        for item in error.errors()
    )
    return _error_response(
        status.HTTP_422_UNPROCESSABLE_CONTENT,
        "validation_error",
        "Request validation failed",
        details,
    )


async def _product_not_found(_: Request, error: ProductNotFound) -> JSONResponse:
    return _error_response(status.HTTP_404_NOT_FOUND, "not_found", str(error))


async def _duplicate_sku(_: Request, error: DuplicateSku) -> JSONResponse:
    return _error_response(status.HTTP_409_CONFLICT, "conflict", str(error))


async def _http_error(_: Request, error: StarletteHTTPException) -> JSONResponse:
    # Keep the exception's headers, e.g. the Allow header of a 405.
    return _error_response(
        error.status_code, "http_error", str(error.detail), headers=error.headers
    )


async def _unexpected_error(_: Request, __: Exception) -> JSONResponse:
    # Never echo the exception: its text may hold internals such as SQL or credentials.
    return _error_response(
        status.HTTP_500_INTERNAL_SERVER_ERROR, "internal_error", "Internal server error"
    )


def register_error_handlers(app: FastAPI) -> None:
    # StarletteHTTPException also covers the 404/405 the router raises on its own.
    app.exception_handler(RequestValidationError)(_validation_failed)
    app.exception_handler(ProductNotFound)(_product_not_found)
    app.exception_handler(DuplicateSku)(_duplicate_sku)
    app.exception_handler(StarletteHTTPException)(_http_error)
    app.exception_handler(Exception)(_unexpected_error)
