"""Client of the marketing platform's contacts API (Mailwave v3).

Batch calls are idempotent on the platform's side (contacts are keyed by email, and every batch
carries an `Idempotency-Key`), so they are retried on timeouts, 429 and 5xx answers.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from crmsync.retrying import RetryableError, with_retries
from crmsync.settings import SyncSettings

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


class MarketingApiError(Exception):
    """The platform refused a call for good (4xx other than 429)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class MarketingContact:
    email: str
    first_name: str
    last_name: str
    list_ids: tuple[str, ...]
    attributes: dict[str, str]


@dataclass(frozen=True)
class BatchResult:
    created: int
    updated: int
    rejected: dict[str, str]
    """email -> why the platform rejected it (bad address, on its suppression list...)."""


class MarketingClient:
    def __init__(
        self,
        settings: SyncSettings,
        client: httpx.Client,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._settings = settings
        self._client = client
        self._sleep = sleep

    def upsert_contacts(self, contacts: Sequence[MarketingContact]) -> BatchResult:
        body = {"contacts": [_contact_json(c) for c in contacts]}
        answer = self._batch("POST", "/contacts:batchUpsert", body)
        return BatchResult(
            created=int(answer.get("created", 0)),
            updated=int(answer.get("updated", 0)),
            rejected={r["email"]: r["reason"] for r in answer.get("rejected", [])},
        )

    def delete_contacts(self, emails: Sequence[str]) -> int:
        answer = self._batch("POST", "/contacts:batchDelete", {"emails": list(emails)})
        return int(answer.get("deleted", 0))

    def _batch(self, method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        options = self._request_options(method, path, body)
        return with_retries(
            lambda: self._send(options),
            context=options,
            attempts=self._settings.max_attempts,
            backoff_seconds=self._settings.backoff_seconds,
            sleep=self._sleep,
        )

    def _request_options(self, method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """Everything httpx needs for the call; built once so that every retry is identical."""
        return {
            "method": method,
            "url": self._settings.api_base.rstrip("/") + path,
            "headers": {
                "Authorization": f"Bearer {self._settings.api_token.reveal()}",
                "Idempotency-Key": str(uuid.uuid4()),
            },
            "json": body,
            "timeout": self._settings.timeout_seconds,
        }

    def _send(self, options: dict[str, Any]) -> dict[str, Any]:
        try:
            response = self._client.request(**options)
        except httpx.TransportError as exc:
            raise RetryableError(f"{type(exc).__name__} calling {options['url']}") from exc
        if response.status_code in RETRYABLE_STATUS:
            raise RetryableError(f"HTTP {response.status_code} from {options['url']}")
        if response.is_error:
            raise MarketingApiError(response.status_code, response.text[:200])
        answer: dict[str, Any] = response.json()
        return answer


def _contact_json(contact: MarketingContact) -> dict[str, Any]:
    return {
        "email": contact.email,
        "firstName": contact.first_name,
        "lastName": contact.last_name,
        "listIds": list(contact.list_ids),
        "attributes": contact.attributes,
    }
