"""What the lending rules refuse, with no HTTP in sight: the API maps each kind to a status."""


class LibraryError(Exception):
    """A request the library refuses; str(error) is the message shown to the client."""


class InvalidInput(LibraryError):
    """The request itself is malformed."""


class NotFound(LibraryError):
    """A member, book or loan that does not exist."""


class Conflict(LibraryError):
    """The request clashes with the current state (a duplicate, a limit, a returned loan)."""


class PaymentRequired(LibraryError):
    """The member owes too much to borrow."""
