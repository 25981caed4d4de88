from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from payments.gateway import GatewayUnavailable, PaymentDeclined, PaymentGateway
from payments.idempotency import IdempotencyKeyReused, IdempotencyStore, StoredResponse

_REPLAY_HEADERS = {"Idempotent-Replayed": "true"}


class PaymentRequest(BaseModel):
    account_id: str = Field(min_length=1)
    amount_cents: int = Field(gt=0)


class PaymentResponse(BaseModel):
    charge_id: str
    account_id: str
    amount_cents: int


def _charge(gateway: PaymentGateway, payment: PaymentRequest) -> StoredResponse:
    """Charges once and returns the final outcome; an unreachable gateway is not final."""
    try:
        charge_id = gateway.charge(payment.account_id, payment.amount_cents)
    except PaymentDeclined as declined:
        return StoredResponse(status.HTTP_402_PAYMENT_REQUIRED, {"detail": declined.reason})
    except GatewayUnavailable as unavailable:
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE, "payment gateway unavailable"
        ) from unavailable
    payment_response = PaymentResponse(charge_id=charge_id, **payment.model_dump())
    return StoredResponse(status.HTTP_201_CREATED, payment_response.model_dump())


def create_app(gateway: PaymentGateway) -> FastAPI:
    app = FastAPI()
    store = IdempotencyStore()

    @app.post(
        "/payments", status_code=status.HTTP_201_CREATED, response_model=PaymentResponse
    )
    def create_payment(
        payment: PaymentRequest,
        idempotency_key: Annotated[str | None, Header()] = None,
    ) -> JSONResponse:
        if not idempotency_key:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, "Idempotency-Key header is required")
        payload = payment.model_dump()
        try:
            stored = store.find_response(idempotency_key, payload)
        except IdempotencyKeyReused as reused:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(reused)) from reused
        if stored is not None:
            return JSONResponse(stored.body, stored.status_code, headers=_REPLAY_HEADERS)
        outcome = _charge(gateway, payment)
        store.remember(idempotency_key, payload, outcome)
        return JSONResponse(outcome.body, outcome.status_code)

    return app
