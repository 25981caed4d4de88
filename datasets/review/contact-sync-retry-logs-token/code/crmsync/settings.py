"""Settings of the CRM -> marketing platform contact sync, from the worker's environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from crmsync.secrets import Secret


@dataclass(frozen=True)
class SyncSettings:
    api_base: str
    api_token: Secret
    batch_size: int = 200
    max_attempts: int = 4
    backoff_seconds: float = 2.0
    timeout_seconds: float = 15.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> SyncSettings:
        batch_size = int(env.get("MARKETING_BATCH_SIZE", "200"))
        if not 1 <= batch_size <= 500:
            raise ValueError("MARKETING_BATCH_SIZE must be 1 to 500 (the API's limit)")
        return cls(
            api_base=env.get("MARKETING_API_BASE", "https://api.mailwave.example/v3"),
            api_token=Secret(env["MARKETING_API_TOKEN"]),
            batch_size=batch_size,
            max_attempts=int(env.get("MARKETING_MAX_ATTEMPTS", "4")),
            backoff_seconds=float(env.get("MARKETING_BACKOFF_SECONDS", "2.0")),
            timeout_seconds=float(env.get("MARKETING_TIMEOUT_SECONDS", "15.0")),
        )
