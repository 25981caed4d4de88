"""HTTP layer: routes translate requests to UserService calls and domain errors to statuses."""

from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Body, FastAPI, Request, Response
from fastapi.responses import JSONResponse

from userapi import errors
from userapi.repository import UserRepository
from userapi.service import UserService

JsonObject = Annotated[dict[str, Any], Body()]

STATUS_BY_ERROR: dict[type[errors.UserApiError], int] = {
    errors.InvalidInput: 422,
    errors.UserNotFound: 404,
    errors.EmailTaken: 409,
    errors.AlreadyDeactivated: 409,
    errors.InvalidCredentials: 401,
    errors.AccountDeactivated: 403,
    errors.AccountLocked: 423,
}


def _utc_now() -> datetime:
    return datetime.now(UTC)


def create_app(
    db_path: str | Path, clock: Callable[[], datetime] | None = None
) -> FastAPI:
    repository = UserRepository(db_path)
    repository.create_schema()
    service = UserService(repository, clock or _utc_now)
    app = FastAPI(title="User API")
    _add_error_handler(app)
    _add_routes(app, service)
    return app


def _add_error_handler(app: FastAPI) -> None:
    @app.exception_handler(errors.UserApiError)
    async def render_error(request: Request, error: errors.UserApiError) -> JSONResponse:
        status = STATUS_BY_ERROR[type(error)]
        return JSONResponse(status_code=status, content={"detail": str(error)})


def _add_routes(app: FastAPI, service: UserService) -> None:
    @app.post("/users", status_code=201)
    def create_user(payload: JsonObject) -> dict[str, Any]:
        return asdict(service.register(payload))

    @app.get("/users/{user_id}")
    def get_user(user_id: int) -> dict[str, Any]:
        return asdict(service.get(user_id))

    @app.get("/users")
    def list_users(
        active: bool | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        return [asdict(user) for user in service.list(active, limit, offset)]

    @app.patch("/users/{user_id}")
    def update_user(user_id: int, payload: JsonObject) -> dict[str, Any]:
        return asdict(service.update(user_id, payload))

    @app.post("/users/{user_id}/deactivate")
    def deactivate_user(user_id: int) -> dict[str, Any]:
        return asdict(service.deactivate(user_id))

    @app.delete("/users/{user_id}", status_code=204)
    def delete_user(user_id: int) -> Response:
        service.delete(user_id)
        return Response(status_code=204)

    @app.post("/login")
    def login(payload: JsonObject) -> dict[str, Any]:
        return service.login(payload)
