"""Domain errors. The API layer maps each one to an HTTP status; the service never sees HTTP."""


class HelpdeskError(Exception):
    """Base class for every error the service raises on purpose."""


class TicketNotFound(HelpdeskError):
    def __init__(self, ticket_id: int) -> None:
        super().__init__(f"ticket {ticket_id} not found")
        self.ticket_id = ticket_id


class InvalidTransition(HelpdeskError):
    def __init__(self, current: str, requested: str) -> None:
        super().__init__(f"cannot move a ticket from {current} to {requested}")
        self.current = current
        self.requested = requested


class TicketClosed(HelpdeskError):
    def __init__(self, ticket_id: int) -> None:
        super().__init__(f"ticket {ticket_id} is closed")
        self.ticket_id = ticket_id
