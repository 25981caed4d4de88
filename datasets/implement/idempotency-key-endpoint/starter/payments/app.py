from fastapi import FastAPI, HTTPException, status
from pydantic import BaseModel, Field

from payments.gateway import GatewayUnavailable, PaymentDeclined, PaymentGateway


class PaymentRequest(BaseModel):
    account_id: str = Field(min_length=1)
    amount_cents: int = Field(gt=0)


class PaymentResponse(BaseModel):
    charge_id: str
    account_id: str
    amount_cents: int


def create_app(gateway: PaymentGateway) -> FastAPI:
    app = FastAPI()

    @app.post("/payments", status_code=status.HTTP_201_CREATED)
    def create_payment(payment: PaymentRequest) -> PaymentResponse:
        try:
            charge_id = gateway.charge(payment.account_id, payment.amount_cents)
        except PaymentDeclined as declined:
            raise HTTPException(status.HTTP_402_PAYMENT_REQUIRED, declined.reason) from declined
        except GatewayUnavailable as unavailable:
            raise HTTPException(
                status.HTTP_503_SERVICE_UNAVAILABLE, "payment gateway unavailable"
            ) from unavailable
        return PaymentResponse(
            charge_id=charge_id, account_id=payment.account_id, amount_cents=payment.amount_cents
        )

    return app
