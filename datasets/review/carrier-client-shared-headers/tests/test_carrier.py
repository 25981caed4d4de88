import json

import httpx

from shipping.carrier import Address, CarrierClient

RECIPIENT = Address("Ada", "1 Main St", "1011AB", "Amsterdam", "NL")


class FakeCarrier:
    """Replays the stored response when it sees an Idempotency-Key again, like the real API."""

    def __init__(self) -> None:
        self.responses: dict[str, dict[str, str]] = {}
        self.created = 0

    def handle(self, request: httpx.Request) -> httpx.Response:
        key = request.headers.get("Idempotency-Key")
        if key is not None and key in self.responses:
            return httpx.Response(200, json=self.responses[key])
        self.created += 1
        body = json.loads(request.content)
        data = {"id": f"shp_{self.created}", "tracking_number": f"TRK{self.created}",
                "label_url": f"https://labels.test/{body.get('reference', '')}"}
        if key is not None:
            self.responses[key] = data
        return httpx.Response(201, json=data)


def make_client() -> tuple[CarrierClient, FakeCarrier]:
    carrier = FakeCarrier()
    http = httpx.Client(base_url="https://carrier.test", transport=httpx.MockTransport(carrier.handle))
    return CarrierClient(http, "ACC-1"), carrier


def test_label_is_created() -> None:
    client, _ = make_client()
    label = client.create_label("order-1", RECIPIENT, 500)
    assert label.tracking_number == "TRK1"
    assert label.label_url.endswith("order-1")


def test_each_order_gets_its_own_shipment() -> None:
    client, carrier = make_client()
    first = client.create_label("order-1", RECIPIENT, 500)
    second = client.create_label("order-2", RECIPIENT, 750)
    assert carrier.created == 2
    assert first.shipment_id != second.shipment_id
    assert second.label_url.endswith("order-2")


def test_clients_do_not_share_request_state() -> None:
    client_a, carrier_a = make_client()
    client_b, carrier_b = make_client()
    client_a.create_label("order-1", RECIPIENT, 500)
    client_b.schedule_pickup("2024-06-01", 3)
    client_a.schedule_pickup("2024-06-02", 1)
    assert (carrier_a.created, carrier_b.created) == (2, 1)
