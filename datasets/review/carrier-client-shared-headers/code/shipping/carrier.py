"""Thin client for the carrier's REST API (labels and pickups)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx


class CarrierError(Exception):
    pass


@dataclass(frozen=True)
class Label:
    shipment_id: str
    tracking_number: str
    label_url: str


@dataclass(frozen=True)
class Address:
    name: str
    street: str
    postcode: str
    city: str
    country: str


class CarrierClient:
    def __init__(self, http: httpx.Client, account_number: str) -> None:
        self._http = http
        self._account_number = account_number

    def create_label(self, order_id: str, recipient: Address, weight_grams: int) -> Label:
        body = {
            "account": self._account_number,
            "reference": order_id,
            "recipient": recipient.__dict__,
            "parcel": {"weight_grams": weight_grams},
        }
        data = self._post("/v2/shipments", body)
        return Label(data["id"], data["tracking_number"], data["label_url"])

    def schedule_pickup(self, date_iso: str, parcels: int) -> str:
        data = self._post("/v2/pickups", {"account": self._account_number, "date": date_iso,
                                          "parcels": parcels})
        return str(data["id"])

    def _post(
        self, path: str, body: dict[str, Any], headers: dict[str, str] = {}
    ) -> dict[str, Any]:
        # The carrier replays the original response for a repeated key, so a retried
        # request after a network error cannot create a second shipment.
        headers.setdefault("Idempotency-Key", str(uuid.uuid4()))
        response = self._http.post(path, json=body, headers=headers)
        if response.is_error:
            raise CarrierError(f"POST {path} failed: {response.status_code} {response.text}")
        result: dict[str, Any] = response.json()
        return result
