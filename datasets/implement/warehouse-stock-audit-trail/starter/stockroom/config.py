"""Runtime settings of the inventory service."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    database_path: Path
    # Largest quantity one receipt, shipment or order line may move; bigger ones are typos.
    max_quantity: int = 10_000
