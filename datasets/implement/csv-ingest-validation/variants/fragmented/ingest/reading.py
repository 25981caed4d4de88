"""Opening the CSV text."""

from __future__ import annotations

import csv
import io


def open_reader(csv_text: str) -> csv.DictReader[str]:
    return csv.DictReader(io.StringIO(csv_text))
