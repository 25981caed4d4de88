from typing import Protocol


class PaymentDeclined(Exception):
    """The provider refused the charge; retrying the same charge will not help."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class GatewayUnavailable(Exception):
    """The provider could not be reached; nothing was charged and a retry may succeed."""


class PaymentGateway(Protocol):
    def charge(self, account_id: str, amount_cents: int) -> str:
        """Charges the account and returns the provider's charge id."""
        ...
