from dataclasses import asdict
from datetime import timedelta

from fastapi import FastAPI, HTTPException, status

from registration.domain import (
    EmailAlreadyRegistered,
    TokenAlreadyUsed,
    TokenExpired,
    UnknownToken,
    User,
    UserNotFound,
)
from registration.ports import Clock, Mailer, TokenGenerator
from registration.schemas import RegistrationRequest, UserResponse, VerificationRequest
from registration.service import RegistrationService

_VERIFICATION_ERROR_STATUS: dict[type[Exception], int] = {
    UnknownToken: status.HTTP_400_BAD_REQUEST,
    TokenExpired: status.HTTP_410_GONE,
    TokenAlreadyUsed: status.HTTP_409_CONFLICT,
}


def _to_response(user: User) -> UserResponse:
    return UserResponse(**asdict(user))


def create_app(
    *,
    mailer: Mailer,
    clock: Clock,
    generate_token: TokenGenerator,
    token_ttl: timedelta = timedelta(hours=24),
) -> FastAPI:
    service = RegistrationService(mailer, clock, generate_token, token_ttl)
    app = FastAPI()

    @app.post("/users", status_code=status.HTTP_201_CREATED)
    def register(body: RegistrationRequest) -> UserResponse:
        try:
            user = service.register(body.email, body.display_name)
        except EmailAlreadyRegistered as error:
            raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
        return _to_response(user)

    @app.post("/users/verify")
    def verify(body: VerificationRequest) -> UserResponse:
        try:
            user = service.verify(body.token)
        except (UnknownToken, TokenExpired, TokenAlreadyUsed) as error:
            raise HTTPException(_VERIFICATION_ERROR_STATUS[type(error)], str(error)) from error
        return _to_response(user)

    @app.get("/users/{user_id}")
    def get_user(user_id: int) -> UserResponse:
        try:
            return _to_response(service.get_user(user_id))
        except UserNotFound as error:
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error

    return app
