"""Domain errors; the HTTP layer maps each one to a status code."""


class UserApiError(Exception):
    """Base class; the message is what clients see as `detail`."""


class InvalidInput(UserApiError, ValueError):
    """A payload the rules reject; also a ValueError for callers outside the API."""


class UserNotFound(UserApiError):
    def __init__(self, user_id: int) -> None:
        super().__init__(f"user {user_id} not found")


class EmailTaken(UserApiError):
    def __init__(self) -> None:
        super().__init__("email already registered")


class AlreadyDeactivated(UserApiError):
    def __init__(self, user_id: int) -> None:
        super().__init__(f"user {user_id} is already deactivated")


class InvalidCredentials(UserApiError):
    def __init__(self) -> None:
        # One message for unknown email and wrong password, so accounts cannot be probed.
        super().__init__("invalid email or password")


class AccountLocked(UserApiError):
    def __init__(self, locked_until: str) -> None:
        super().__init__(f"account locked until {locked_until}")


class AccountDeactivated(UserApiError):
    def __init__(self) -> None:
        super().__init__("account is deactivated")
