from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from catalog.app import create_app
from catalog.domain import DuplicateSku, InMemoryProductRepository, Product, ProductNotFound

Json = dict[str, Any]
LAMP = {"sku": "LAMP-01", "name": "Desk lamp", "price_cents": 2599, "tags": ["home", "light"]}


class BrokenRepository:
    """Fails the way a misbehaving database driver would, with secrets in the message."""

    def add(self, product: Product) -> None:
        raise RuntimeError("connection to postgres://admin:hunter2@db failed")

    def get(self, sku: str) -> Product:
        raise RuntimeError("connection to postgres://admin:hunter2@db failed")

    def list(self, limit: int) -> list[Product]:
        raise RuntimeError("connection to postgres://admin:hunter2@db failed")


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(InMemoryProductRepository())) as test_client:
        yield test_client


def assert_envelope(body: Json, code: str) -> Json:
    assert set(body) == {"error"}
    error: Json = body["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code
    assert isinstance(error["message"], str)
    assert error["message"].strip()
    assert isinstance(error["details"], list)
    for detail in error["details"]:
        assert set(detail) == {"field", "message"}
        assert isinstance(detail["field"], str)
        assert isinstance(detail["message"], str)
        assert detail["message"]
    return error


def detail_fields(error: Json) -> list[str]:
    return sorted(detail["field"] for detail in error["details"])


def test_successful_responses_are_unchanged(client: TestClient) -> None:
    created = client.post("/products", json=LAMP)
    fetched = client.get("/products/LAMP-01")
    listed = client.get("/products", params={"limit": 5})

    assert (created.status_code, created.json()) == (201, LAMP)
    assert (fetched.status_code, fetched.json()) == (200, LAMP)
    assert (listed.status_code, listed.json()) == (200, [LAMP])


# The starter's validation limits are existing behaviour: the envelope must not move them.
VALUES_AT_THE_LIMITS = {
    "one-character name": {"name": "A"},
    "100-character name": {"name": "N" * 100},
    "price of one cent": {"price_cents": 1},
    "1- and 20-character tags": {"tags": ["a", "t" * 20]},
    "five tags": {"tags": ["a", "b", "c", "d", "e"]},
}
VALUES_PAST_THE_LIMITS = {
    "101-character name": ({"name": "N" * 101}, "name"),
    "21-character tag": ({"tags": ["ok", "t" * 21]}, "tags.1"),
    "six tags": ({"tags": ["a", "b", "c", "d", "e", "f"]}, "tags"),
}


@pytest.mark.parametrize("changes", VALUES_AT_THE_LIMITS.values(), ids=VALUES_AT_THE_LIMITS)
def test_values_at_the_validation_limits_are_accepted(client: TestClient, changes: Json) -> None:
    product = {**LAMP, **changes}

    response = client.post("/products", json=product)

    assert (response.status_code, response.json()) == (201, product)


@pytest.mark.parametrize(
    ("changes", "field"), VALUES_PAST_THE_LIMITS.values(), ids=VALUES_PAST_THE_LIMITS
)
def test_values_past_the_validation_limits_are_rejected(
    client: TestClient, changes: Json, field: str
) -> None:
    response = client.post("/products", json={**LAMP, **changes})

    assert response.status_code == 422
    error = assert_envelope(response.json(), "validation_error")
    assert detail_fields(error) == [field]


def test_listing_without_a_limit_returns_the_first_twenty(client: TestClient) -> None:
    skus = [f"ITEM-{number:02d}" for number in range(21)]
    for sku in skus:
        client.post("/products", json={**LAMP, "sku": sku})

    listed = client.get("/products")

    assert listed.status_code == 200
    assert [product["sku"] for product in listed.json()] == skus[:20]


def test_missing_field_is_a_validation_error(client: TestClient) -> None:
    payload = {key: value for key, value in LAMP.items() if key != "name"}

    response = client.post("/products", json=payload)

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/json")
    error = assert_envelope(response.json(), "validation_error")
    assert detail_fields(error) == ["name"]


def test_one_detail_per_validation_error(client: TestClient) -> None:
    response = client.post("/products", json={**LAMP, "sku": "x", "price_cents": 0})

    assert response.status_code == 422
    error = assert_envelope(response.json(), "validation_error")
    assert detail_fields(error) == ["price_cents", "sku"]


def test_list_item_errors_include_the_index(client: TestClient) -> None:
    response = client.post("/products", json={**LAMP, "tags": ["ok", "", "fine"]})

    assert response.status_code == 422
    error = assert_envelope(response.json(), "validation_error")
    assert detail_fields(error) == ["tags.1"]


@pytest.mark.parametrize("limit", ["0", "51", "many"])
def test_query_validation_errors_use_the_envelope(client: TestClient, limit: str) -> None:
    response = client.get("/products", params={"limit": limit})

    assert response.status_code == 422
    error = assert_envelope(response.json(), "validation_error")
    assert detail_fields(error) == ["limit"]


def test_unknown_product_is_not_found(client: TestClient) -> None:
    response = client.get("/products/NOPE-404")

    assert response.status_code == 404
    error = assert_envelope(response.json(), "not_found")
    assert "NOPE-404" in error["message"]
    assert error["details"] == []


def test_duplicate_sku_is_conflict(client: TestClient) -> None:
    client.post("/products", json=LAMP)

    response = client.post("/products", json={**LAMP, "name": "Another lamp"})

    assert response.status_code == 409
    error = assert_envelope(response.json(), "conflict")
    assert "LAMP-01" in error["message"]
    assert error["details"] == []
    assert client.get("/products/LAMP-01").json()["name"] == "Desk lamp"


def test_unknown_path_is_http_error(client: TestClient) -> None:
    response = client.get("/no-such-endpoint")

    assert response.status_code == 404
    error = assert_envelope(response.json(), "http_error")
    assert error["details"] == []


def test_wrong_method_is_http_error(client: TestClient) -> None:
    response = client.delete("/products")

    assert response.status_code == 405
    assert_envelope(response.json(), "http_error")


@pytest.mark.parametrize(
    ("method", "path", "payload"),
    [("get", "/products/LAMP-01", None), ("post", "/products", LAMP), ("get", "/products", None)],
)
def test_unexpected_errors_are_hidden_behind_internal_error(
    method: str, path: str, payload: Json | None
) -> None:
    with TestClient(create_app(BrokenRepository()), raise_server_exceptions=False) as client:
        response = client.request(method, path, json=payload)

    assert response.status_code == 500
    error = assert_envelope(response.json(), "internal_error")
    assert error["message"] == "Internal server error"
    assert error["details"] == []
    assert "hunter2" not in response.text
    assert "postgres" not in response.text


class ScriptedRepository(InMemoryProductRepository):
    """Raises the domain errors directly, proving the mapping does not depend on the route."""

    def list(self, limit: int) -> list[Product]:
        if limit == 13:
            raise ProductNotFound("UNLUCKY-13")
        if limit == 7:
            raise DuplicateSku("LUCKY-7")
        return super().list(limit)


def test_domain_errors_map_wherever_they_are_raised() -> None:
    with TestClient(create_app(ScriptedRepository())) as client:
        not_found = client.get("/products", params={"limit": 13})
        conflict = client.get("/products", params={"limit": 7})

    assert not_found.status_code == 404
    assert "UNLUCKY-13" in assert_envelope(not_found.json(), "not_found")["message"]
    assert conflict.status_code == 409
    assert "LUCKY-7" in assert_envelope(conflict.json(), "conflict")["message"]
