"""Everything the ticketing code raises on purpose is a TicketError."""


class TicketError(Exception):
    """Base class of the ticketing errors."""


class NotFound(TicketError):
    """No event or hold with that id."""


class InvalidRequest(TicketError):
    """The request itself is malformed (no seats, a bad email...)."""


class SeatUnavailable(TicketError):
    """A requested seat does not exist or is held or sold."""


class HoldExpired(TicketError):
    """The hold ran out (or was released) before the purchase."""
