from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from invoicing.api import create_app
from invoicing.repository import InvoiceRepository

ALICE = {"Authorization": "Bearer token-alice"}
MALLORY = {"Authorization": "Bearer token-mallory"}


@pytest.fixture
def repository() -> InvoiceRepository:
    repo = InvoiceRepository()
    repo.add("alice", "ACME Ltd", Decimal("1200.00"))
    return repo


@pytest.fixture
def client(repository: InvoiceRepository) -> TestClient:
    tokens = {"token-alice": "alice", "token-mallory": "mallory"}
    return TestClient(create_app(repository, tokens))


def test_owner_can_mark_invoice_paid(client: TestClient) -> None:
    response = client.post("/invoices/1/status", json={"status": "paid"}, headers=ALICE)
    assert response.status_code == 200
    assert response.json()["status"] == "paid"


def test_other_user_cannot_read_invoice(client: TestClient) -> None:
    assert client.get("/invoices/1", headers=MALLORY).status_code == 404


def test_other_user_cannot_change_invoice_status(
    client: TestClient, repository: InvoiceRepository
) -> None:
    response = client.post("/invoices/1/status", json={"status": "void"}, headers=MALLORY)
    assert response.status_code in (403, 404)
    invoice = repository.get(1)
    assert invoice is not None and invoice.status == "draft"


def test_unauthenticated_request_is_rejected(client: TestClient) -> None:
    response = client.post("/invoices/1/status", json={"status": "paid"})
    assert response.status_code in (401, 422)
