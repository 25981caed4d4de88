"""Invoice HTTP API. Users authenticate with a bearer token issued by the identity service."""

from decimal import Decimal
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel

from invoicing.repository import Invoice, InvoiceRepository


class InvoiceIn(BaseModel):
    customer: str
    amount: Decimal


class StatusChange(BaseModel):
    status: Literal["sent", "paid", "void"]


def create_app(repository: InvoiceRepository, tokens: dict[str, str]) -> FastAPI:
    app = FastAPI()

    def current_user(authorization: Annotated[str, Header()]) -> str:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or token not in tokens:
            raise HTTPException(status_code=401, detail="invalid credentials")
        return tokens[token]

    User = Annotated[str, Depends(current_user)]

    def owned_invoice(invoice_id: int, user: str) -> Invoice:
        invoice = repository.get(invoice_id)
        if invoice is None or invoice.owner_id != user:
            raise HTTPException(status_code=404, detail="invoice not found")
        return invoice

    @app.post("/invoices", status_code=201)
    def create_invoice(body: InvoiceIn, user: User) -> Invoice:
        return repository.add(user, body.customer, body.amount)

    @app.get("/invoices")
    def list_invoices(user: User) -> list[Invoice]:
        return repository.list_for_owner(user)

    @app.get("/invoices/{invoice_id}")
    def get_invoice(invoice_id: int, user: User) -> Invoice:
        return owned_invoice(invoice_id, user)

    @app.post("/invoices/{invoice_id}/status")
    def change_status(invoice_id: int, body: StatusChange, user: User) -> Invoice:
        if repository.get(invoice_id) is None:
            raise HTTPException(status_code=404, detail="invoice not found")
        return repository.set_status(invoice_id, body.status)

    return app
