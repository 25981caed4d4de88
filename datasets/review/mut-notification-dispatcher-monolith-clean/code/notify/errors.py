class NotificationError(Exception):
    """A notification that cannot be dispatched as requested."""


class UnknownEventError(NotificationError):
    pass


class TemplateError(NotificationError):
    pass


class TransientSendError(Exception):
    """Raised by a sender when trying again later may succeed."""
