"""Transaction id validation."""

from ingest.text_fields import parse_required_text


def parse_new_id(value: str, ingested_ids: set[str]) -> str:
    transaction_id = parse_required_text(value)
    if transaction_id in ingested_ids:
        raise ValueError(f"duplicate of an earlier row's transaction_id {transaction_id!r}")
    return transaction_id
