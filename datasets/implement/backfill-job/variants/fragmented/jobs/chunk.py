"""The chunk value object."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Chunk:
    start: datetime
    end: datetime
