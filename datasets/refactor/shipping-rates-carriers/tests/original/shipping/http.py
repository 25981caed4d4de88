"""The HTTP seam: the transport is injected so the service runs without a network."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol


class TransportError(Exception):
    """The request never got an HTTP answer (timeout, refused connection, DNS)."""


@dataclass(frozen=True)
class Response:
    status: int
    body: str
    headers: Mapping[str, str] = field(default_factory=dict)


class Transport(Protocol):
    def get(self, url: str, params: Mapping[str, str]) -> Response: ...
