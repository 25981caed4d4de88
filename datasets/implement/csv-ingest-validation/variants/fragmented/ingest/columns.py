"""Header validation."""

from collections.abc import Sequence

from ingest.errors import MissingColumnsError

REQUIRED_COLUMNS = ("transaction_id", "account_id", "amount", "currency", "booked_at")


def require_columns(header: Sequence[str]) -> None:
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise MissingColumnsError(missing)
