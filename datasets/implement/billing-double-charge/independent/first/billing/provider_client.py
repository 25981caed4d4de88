"""HTTP client for the payment provider's charges API (see docs/provider-api.md)."""

import hashlib
import uuid

import httpx

from billing.models import Charge, PaymentDeclined, ProviderUnavailable

CHARGES_PATH = "/v1/charges"
IDEMPOTENCY_HEADER = "Idempotency-Key"
_MAX_KEY_LENGTH = 255


class ProviderClient:
    """Creates charges, retrying what the provider documents as transient.

    `http` is an httpx.Client whose base_url points at the provider (the wiring sets the
    API key and a 10 s timeout on it).

    Every charge request carries an Idempotency-Key, the same one on every retry, so that a
    request that timed out on our side but was processed by the provider is not charged a
    second time: the retry gets the stored answer of the first request instead.
    """

    def __init__(self, http: httpx.Client, max_attempts: int = 3) -> None:
        self._http = http
        self._max_attempts = max_attempts

    def create_charge(
        self,
        customer_id: str,
        amount_cents: int,
        description: str,
        idempotency_key: str | None = None,
    ) -> Charge:
        """Creates one charge.

        `idempotency_key` identifies the operation (one order payment, one subscription
        month): any call with the same key and parameters yields the same charge. Without it a
        fresh key is used for this call, which still makes our own retries safe.
        """
        body = {"customer": customer_id, "amount_cents": amount_cents, "description": description}
        headers = {IDEMPOTENCY_HEADER: _header_key(idempotency_key or f"charge-{uuid.uuid4()}")}
        for attempt in range(1, self._max_attempts + 1):
            response = self._post_or_none(body, headers)
            if response is not None and response.status_code < 500:
                return self._charge_from(response)
            if attempt == self._max_attempts:
                break
        raise ProviderUnavailable(
            f"no answer from the provider after {self._max_attempts} attempts"
        )

    def _post_or_none(
        self, body: dict[str, object], headers: dict[str, str]
    ) -> httpx.Response | None:
        """One attempt; None when the network failed (timeouts included), so we retry."""
        try:
            return self._http.post(CHARGES_PATH, json=body, headers=headers)
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


def _header_key(key: str) -> str:
    """The provider accepts keys of 1 to 255 characters; longer ones are hashed (stably)."""
    if 1 <= len(key) <= _MAX_KEY_LENGTH:
        return key
    return "sha256-" + hashlib.sha256(key.encode()).hexdigest()
