"""The errors callers catch: every one of them is a ShippingError."""


class ShippingError(Exception):
    """Base class of everything this package raises on purpose."""


class InvalidShipment(ShippingError):
    """The request describes a parcel we cannot quote."""


class CarrierUnavailable(ShippingError):
    """A carrier (or every carrier) could not be reached."""


class BadCarrierResponse(ShippingError):
    """A carrier answered with something we cannot read."""
