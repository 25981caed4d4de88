"""Client for the warehouse management system (WMS) shipments API."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from fulfilment.http import send
from fulfilment.orders import Address, OrderLine


@dataclass(frozen=True)
class Shipment:
    id: str
    order_reference: str
    status: str
    tracking_number: str | None


class WarehouseClient:
    """`POST /shipments` puts a pick-and-pack job on the warehouse floor.

    The WMS deduplicates requests that carry an `Idempotency-Key` for 24 hours: a key it has
    seen returns the shipment the first request created.
    """

    def __init__(self, http: httpx.Client) -> None:
        self._http = http

    def create_shipment(
        self,
        order_reference: str,
        lines: Sequence[OrderLine],
        address: Address,
        *,
        idempotency_key: str | None = None,
    ) -> Shipment:
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        response = send(
            self._http,
            "POST",
            "/shipments",
            json={
                "reference": order_reference,
                "lines": [{"sku": line.sku, "qty": line.quantity} for line in lines],
                "ship_to": {
                    "name": address.name,
                    "street": [part for part in (address.line1, address.line2) if part],
                    "city": address.city,
                    "postcode": address.postcode,
                    "country": address.country,
                },
            },
            headers=headers,
        )
        return _shipment(response.json())

    def get_shipment(self, shipment_id: str) -> Shipment:
        return _shipment(send(self._http, "GET", f"/shipments/{shipment_id}").json())

    def cancel_shipment(self, shipment_id: str) -> None:
        send(self._http, "POST", f"/shipments/{shipment_id}/cancel")


def _shipment(body: dict[str, Any]) -> Shipment:
    return Shipment(body["id"], body["reference"], body["status"], body.get("tracking"))
