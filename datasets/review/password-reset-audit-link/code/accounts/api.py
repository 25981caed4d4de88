"""HTTP routes of the reset flow (public: no session needed)."""

from __future__ import annotations

from fastapi import FastAPI, HTTPException, Request, Response
from pydantic import BaseModel, Field

from accounts.passwords import MAX_LENGTH, WeakPassword
from accounts.rate_limit import SlidingWindowLimiter
from accounts.reset import InvalidResetToken, PasswordResetService


class ResetRequest(BaseModel):
    email: str = Field(max_length=320)


class ResetCompletion(BaseModel):
    token: str = Field(min_length=20, max_length=100)
    new_password: str = Field(max_length=MAX_LENGTH)


def client_ip(request: Request) -> str:
    """The caller's address (uvicorn runs with --proxy-headers behind our load balancer)."""
    return request.client.host if request.client else "unknown"


def create_app(
    service: PasswordResetService, limiter: SlidingWindowLimiter | None = None
) -> FastAPI:
    app = FastAPI()
    requests_per_ip = limiter or SlidingWindowLimiter()

    @app.post("/password-reset", status_code=202)
    def request_reset(body: ResetRequest, request: Request) -> Response:
        ip = client_ip(request)
        if not requests_per_ip.allow(ip):
            raise HTTPException(429, "too many reset requests, try again later")
        service.request_reset(body.email, ip)
        return Response(status_code=202)

    @app.post("/password-reset/complete", status_code=204)
    def complete_reset(body: ResetCompletion, request: Request) -> Response:
        try:
            service.complete_reset(body.token, body.new_password, client_ip(request))
        except InvalidResetToken as exc:
            raise HTTPException(400, str(exc)) from exc
        except WeakPassword as exc:
            raise HTTPException(422, str(exc)) from exc
        return Response(status_code=204)

    return app
