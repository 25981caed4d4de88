"""Authentication for service-to-service calls on the internal admin API.

Callers send a shared key in the `X-Internal-Key` header. During a rotation both the new key and
the previous one are accepted, so callers can be redeployed one at a time.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, status


@dataclass(frozen=True)
class Keyring:
    current: str
    previous: str | None = None

    def accepted(self) -> tuple[str, ...]:
        return (self.current,) if self.previous is None else (self.current, self.previous)


class InvalidInternalKey(Exception):
    pass


class InternalKeyVerifier:
    def __init__(self, load_keyring: Callable[[], Keyring]) -> None:
        # Loaded on every call so a rotation in the secret store applies without a restart.
        self._load_keyring = load_keyring

    def verify(self, presented: str | None) -> None:
        if not presented:
            raise InvalidInternalKey("missing internal key")
        candidate = presented.encode()
        keys = self._load_keyring().accepted()
        # Check every accepted key, without short-circuiting, in constant time.
        matches = [hmac.compare_digest(candidate, key.encode()) for key in keys]
        if not any(matches):
            raise InvalidInternalKey("unknown internal key")


def create_app(verifier: InternalKeyVerifier) -> FastAPI:
    app = FastAPI()

    def internal_caller(x_internal_key: Annotated[str | None, Header()] = None) -> None:
        try:
            verifier.verify(x_internal_key)
        except InvalidInternalKey as exc:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=str(exc)) from exc

    @app.post("/internal/cache/flush", dependencies=[Depends(internal_caller)])
    def flush_cache() -> dict[str, str]:
        return {"status": "flushed"}

    return app
