"""Load the YAML price table (dollars per million tokens per model id)."""

from __future__ import annotations

from pathlib import Path

import yaml

from ._analysis import PriceTable
from ._errors import CompareInputError

DEFAULT_PRICES = Path(__file__).with_name("prices.yaml")


def load_prices(path: Path = DEFAULT_PRICES) -> PriceTable:
    """Read ``models: {id: {input: $, output: $}}``; errors name the file and the model."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise CompareInputError(f"price table {path}: {error}") from error
    models = document.get("models") if isinstance(document, dict) else None
    if not isinstance(models, dict):
        raise CompareInputError(f"price table {path}: expected a 'models' mapping")
    return {str(model): _price(path, str(model), entry) for model, entry in models.items()}


def _price(path: Path, model: str, entry: object) -> tuple[float, float]:
    problem = CompareInputError(
        f"price table {path}: model '{model}' needs numeric 'input' and 'output'"
    )
    if not isinstance(entry, dict):
        raise problem
    try:
        return float(entry["input"]), float(entry["output"])
    except (KeyError, TypeError, ValueError) as error:
        raise problem from error
