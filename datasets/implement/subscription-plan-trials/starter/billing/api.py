"""HTTP layer: routes call the services; domain errors become statuses in one place."""

from fastapi import APIRouter, FastAPI, Request, status
from fastapi.responses import JSONResponse

from billing.catalogue import CatalogueService
from billing.config import Settings
from billing.db import Database
from billing.errors import BillingError, Conflict, NotFound
from billing.invoicing import InvoicingService
from billing.models import (
    BillingRunRequest,
    BillingRunResult,
    Customer,
    CustomerCreate,
    Invoice,
    InvoiceStatus,
    Plan,
    PlanCreate,
    Subscription,
    SubscriptionCreate,
)
from billing.subscriptions import SubscriptionService


def create_app(settings: Settings) -> FastAPI:
    database = Database(settings.database_path)
    database.initialise()
    app = FastAPI(title="Subscription billing")
    app.add_exception_handler(BillingError, _error_response)
    app.include_router(_catalogue_routes(CatalogueService(database)))
    app.include_router(_subscription_routes(SubscriptionService(database)))
    app.include_router(_invoice_routes(InvoicingService(database, settings)))
    return app


async def _error_response(_: Request, error: Exception) -> JSONResponse:
    # Subclasses (PlanArchived is a Conflict) share their base class's status.
    status_code = (
        status.HTTP_404_NOT_FOUND if isinstance(error, NotFound) else status.HTTP_409_CONFLICT
    )
    assert isinstance(error, NotFound | Conflict)
    return JSONResponse(status_code=status_code, content={"detail": str(error)})


def _catalogue_routes(catalogue: CatalogueService) -> APIRouter:
    router = APIRouter()

    @router.post("/plans", status_code=status.HTTP_201_CREATED)
    def create_plan(data: PlanCreate) -> Plan:
        return catalogue.create_plan(data)

    @router.get("/plans")
    def list_plans() -> list[Plan]:
        return catalogue.plans()

    @router.get("/plans/{code}")
    def get_plan(code: str) -> Plan:
        return catalogue.plan(code)

    @router.post("/plans/{code}/archive")
    def archive_plan(code: str) -> Plan:
        return catalogue.archive_plan(code)

    @router.post("/customers", status_code=status.HTTP_201_CREATED)
    def create_customer(data: CustomerCreate) -> Customer:
        return catalogue.create_customer(data)

    @router.get("/customers/{customer_id}")
    def get_customer(customer_id: int) -> Customer:
        return catalogue.customer(customer_id)

    return router


def _subscription_routes(subscriptions: SubscriptionService) -> APIRouter:
    router = APIRouter()

    @router.post("/subscriptions", status_code=status.HTTP_201_CREATED)
    def subscribe(request: SubscriptionCreate) -> Subscription:
        return subscriptions.subscribe(request)

    @router.get("/subscriptions/{subscription_id}")
    def get_subscription(subscription_id: int) -> Subscription:
        return subscriptions.subscription(subscription_id)

    @router.post("/subscriptions/{subscription_id}/cancel")
    def cancel(subscription_id: int) -> Subscription:
        return subscriptions.cancel(subscription_id)

    @router.get("/customers/{customer_id}/subscriptions")
    def customer_subscriptions(customer_id: int) -> list[Subscription]:
        return subscriptions.customer_subscriptions(customer_id)

    return router


def _invoice_routes(invoicing: InvoicingService) -> APIRouter:
    router = APIRouter()

    @router.post("/billing-runs")
    def run_billing(request: BillingRunRequest) -> BillingRunResult:
        return invoicing.run(request.as_of)

    @router.get("/invoices/{invoice_id}")
    def get_invoice(invoice_id: int) -> Invoice:
        return invoicing.invoice(invoice_id)

    @router.post("/invoices/{invoice_id}/pay")
    def pay(invoice_id: int) -> Invoice:
        return invoicing.pay(invoice_id)

    @router.get("/customers/{customer_id}/invoices")
    def customer_invoices(customer_id: int, status: InvoiceStatus | None = None) -> list[Invoice]:
        return invoicing.customer_invoices(customer_id, status)

    return router
