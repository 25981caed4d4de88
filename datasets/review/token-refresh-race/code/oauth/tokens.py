"""Client-credentials access tokens for calling the partner API.

The partner's identity server rate-limits token requests to a handful per minute and revokes
the previous token whenever a new one is issued, so every request in the process must share
one cached token.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

REFRESH_MARGIN_SECONDS = 30.0


@dataclass(frozen=True)
class AccessToken:
    value: str
    expires_at: float

    def is_fresh(self, now: float) -> bool:
        return now < self.expires_at - REFRESH_MARGIN_SECONDS


TokenFetcher = Callable[[], Awaitable[tuple[str, float]]]
"""Requests a new token; returns (token, lifetime in seconds)."""


class TokenProvider:
    def __init__(self, fetch: TokenFetcher, clock: Callable[[], float] = time.monotonic) -> None:
        self._fetch = fetch
        self._clock = clock
        self._token: AccessToken | None = None

    async def get(self) -> str:
        token = self._token
        if token is None or not token.is_fresh(self._clock()):
            token = await self._refresh()
        return token.value

    def invalidate(self) -> None:
        """Forget the cached token, e.g. after the API answered 401."""
        self._token = None

    async def _refresh(self) -> AccessToken:
        value, lifetime = await self._fetch()
        token = AccessToken(value, self._clock() + lifetime)
        self._token = token
        return token
