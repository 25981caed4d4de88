"""A carrier's answers, reused for CACHE_TTL_SECONDS so repeat quotes cost no request."""

from collections.abc import Callable
from dataclasses import dataclass

from ..config import CACHE_TTL_SECONDS
from ..http import Response
from ..models import CarrierRate

CacheKey = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CarrierAnswer:
    """A carrier's parsed rates with the response they came in (its headers carry the fuel)."""

    response: Response
    rates: list[CarrierRate]


class AnswerCache:
    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._answers: dict[CacheKey, tuple[float, CarrierAnswer]] = {}

    def get(self, key: CacheKey) -> CarrierAnswer | None:
        """The answer stored under `key` if it is younger than the TTL."""
        stored = self._answers.get(key)
        if stored is None or self._clock() - stored[0] >= CACHE_TTL_SECONDS:
            return None
        return stored[1]

    def put(self, key: CacheKey, answer: CarrierAnswer) -> None:
        self._answers[key] = (self._clock(), answer)
