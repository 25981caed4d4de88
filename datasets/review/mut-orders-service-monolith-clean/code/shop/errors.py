"""Exceptions raised by the order service."""


class OrderError(Exception):
    """Base class for every order-service failure."""


class ValidationError(OrderError):
    """The caller sent data the service cannot accept."""


class OutOfStockError(OrderError):
    """A product does not have enough units to fill the order."""


class OrderNotFoundError(OrderError):
    """No order exists with the requested id."""
