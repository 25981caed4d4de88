"""HTTP client for the payment provider's charges API (see docs/provider-api.md)."""

import httpx

from billing.models import Charge, PaymentDeclined, ProviderUnavailable

CHARGES_PATH = "/v1/charges"


class ProviderClient:
    """Creates charges, retrying what the provider documents as transient.

    `http` is an httpx.Client whose base_url points at the provider (the wiring sets the
    API key and a 10 s timeout on it).
    """

    def __init__(self, http: httpx.Client, max_attempts: int = 3) -> None:
        self._http = http
        self._max_attempts = max_attempts

    def create_charge(self, customer_id: str, amount_cents: int, description: str) -> Charge:
        body = {"customer": customer_id, "amount_cents": amount_cents, "description": description}
        for attempt in range(1, self._max_attempts + 1):
            response = self._post_or_none(body)
            if response is not None and response.status_code < 500:
                return self._charge_from(response)
            if attempt == self._max_attempts:
                break
        raise ProviderUnavailable(
            f"no answer from the provider after {self._max_attempts} attempts"
        )

    def _post_or_none(self, body: dict[str, object]) -> httpx.Response | None:
        """One attempt; None when the network failed (timeouts included), so we retry."""
        try:
            return self._http.post(CHARGES_PATH, json=body)
        except httpx.TransportError:
            return None

    @staticmethod
    def _charge_from(response: httpx.Response) -> Charge:
        payload = response.json()
        if response.status_code == 402:
            raise PaymentDeclined(payload["error"]["code"])
        response.raise_for_status()
        return Charge(
            id=payload["id"], customer_id=payload["customer"], amount_cents=payload["amount_cents"]
        )
