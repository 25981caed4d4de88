"""HTTP API of the customer book. The API gateway authenticates callers and sets the tenant
header (`X-Tenant-Id`); each request works on its own database connection."""

import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from pydantic import BaseModel

from crm.models import Customer, NewCustomer, Segment
from crm.repository import DuplicateEmail
from crm.service import CustomerNotFound, CustomerService, InvalidCustomer

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

TenantId = Annotated[int, Header(alias="X-Tenant-Id")]


class CustomerOut(BaseModel):
    id: int
    name: str
    email: str
    segment: Segment
    lifetime_value_cents: int
    created_at: datetime

    @classmethod
    def of(cls, customer: Customer) -> "CustomerOut":
        return cls(
            id=customer.id,
            name=customer.name,
            email=customer.email,
            segment=customer.segment,
            lifetime_value_cents=customer.lifetime_value_cents,
            created_at=customer.created_at,
        )


class CustomerPage(BaseModel):
    items: list[CustomerOut]
    next_after_id: int | None


class CustomerIn(BaseModel):
    name: str
    email: str
    segment: Segment = Segment.LEAD


class SegmentIn(BaseModel):
    segment: Segment


def create_app(connect: Callable[[], sqlite3.Connection]) -> FastAPI:
    app = FastAPI(title="CRM")

    def get_service() -> Iterator[CustomerService]:
        connection = connect()
        try:
            yield CustomerService(connection)
        finally:
            connection.close()

    Service = Annotated[CustomerService, Depends(get_service)]

    @app.get("/customers")
    def list_customers(
        service: Service,
        tenant_id: TenantId,
        segment: Segment | None = None,
        after_id: int | None = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    ) -> CustomerPage:
        customers = service.list_customers(tenant_id, segment, after_id, limit)
        next_after_id = customers[-1].id if len(customers) == limit else None
        return CustomerPage(items=[CustomerOut.of(c) for c in customers], next_after_id=next_after_id)

    @app.get("/customers/{customer_id}")
    def get_customer(service: Service, tenant_id: TenantId, customer_id: int) -> CustomerOut:
        try:
            return CustomerOut.of(service.get_customer(tenant_id, customer_id))
        except CustomerNotFound as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from exc

    @app.post("/customers", status_code=201)
    def create_customer(service: Service, tenant_id: TenantId, body: CustomerIn) -> CustomerOut:
        try:
            created = service.create_customer(
                tenant_id, NewCustomer(body.name, body.email, body.segment)
            )
        except InvalidCustomer as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from exc
        except DuplicateEmail as exc:
            raise HTTPException(status_code=409, detail=f"{exc} is already a customer") from exc
        return CustomerOut.of(created)

    @app.put("/customers/{customer_id}/segment")
    def move_customer(
        service: Service, tenant_id: TenantId, customer_id: int, body: SegmentIn
    ) -> CustomerOut:
        try:
            return CustomerOut.of(service.move_to_segment(tenant_id, customer_id, body.segment))
        except CustomerNotFound as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from exc

    return app
