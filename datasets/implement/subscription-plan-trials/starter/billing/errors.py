"""Domain errors; the API maps each one to an HTTP status."""


class BillingError(Exception):
    """Base class of the errors the billing service raises on purpose."""


class NotFound(BillingError):
    """A plan, customer, subscription or invoice that does not exist."""


class Conflict(BillingError):
    """The request contradicts the current state (duplicate code, paying twice, ...)."""


class PlanArchived(Conflict):
    """Archived plans keep their subscribers but take no new ones."""
