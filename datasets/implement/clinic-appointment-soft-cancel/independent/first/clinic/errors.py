"""Domain errors; the API layer maps each one to an HTTP status."""


class BookingError(Exception):
    """Base class of every error the booking service raises on purpose."""


class NotFound(BookingError):
    """The practitioner or appointment does not exist."""


class SlotUnavailable(BookingError):
    """The practitioner already has an appointment overlapping the requested time."""


class OutsideOpeningHours(BookingError):
    """The requested time is not fully inside the clinic's opening hours."""


class AppointmentCancelled(BookingError):
    """The appointment was cancelled; a cancellation is final, so it can't be changed."""
