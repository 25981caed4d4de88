from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from audit.api import create_app
from audit.models import AuditEvent, Base

ORG = {"x-organisation-id": "7"}
TOTAL_EVENTS = 1200


@pytest.fixture
def client() -> TestClient:
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    Base.metadata.create_all(engine)
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    with Session(engine) as session:
        session.add_all(
            AuditEvent(organisation_id=7, actor=f"user{i % 5}", action="login",
                       occurred_at=start + timedelta(minutes=i))
            for i in range(TOTAL_EVENTS)
        )
        session.add(AuditEvent(organisation_id=8, actor="other", action="login", occurred_at=start))
        session.commit()
    return TestClient(create_app(sessionmaker(engine)))


def test_explicit_page_size_is_honoured(client: TestClient) -> None:
    page = client.get("/audit-events", params={"limit": 10}, headers=ORG).json()
    assert [e["id"] for e in page["items"]] == list(range(1200, 1190, -1))
    assert page["next_before_id"] == 1191


def test_pages_chain_without_gaps(client: TestClient) -> None:
    first = client.get("/audit-events", params={"limit": 5}, headers=ORG).json()
    second = client.get("/audit-events", headers=ORG,
                        params={"limit": 5, "before_id": first["next_before_id"]}).json()
    assert [e["id"] for e in second["items"]] == [1195, 1194, 1193, 1192, 1191]


def test_request_without_limit_returns_a_bounded_page(client: TestClient) -> None:
    response = client.get("/audit-events", headers=ORG)
    assert response.status_code == 200
    page = response.json()
    assert 0 < len(page["items"]) <= 500
    assert page["next_before_id"] is not None


def test_huge_limit_is_rejected_or_capped(client: TestClient) -> None:
    response = client.get("/audit-events", params={"limit": 1_000_000}, headers=ORG)
    assert response.status_code == 422 or len(response.json()["items"]) <= 500
