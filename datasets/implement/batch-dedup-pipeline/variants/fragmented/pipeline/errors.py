"""Errors of the dedup step."""


class UnsortedInputError(ValueError):
    """The export is not sorted by customer_id, so streaming dedup would be wrong."""


class InvalidRowError(ValueError):
    """A row failed validation; the message names the field."""
