from dataclasses import dataclass
from datetime import datetime


@dataclass
class User:
    id: int
    email: str
    display_name: str
    verified: bool = False


@dataclass
class VerificationToken:
    user_id: int
    expires_at: datetime
    used: bool = False

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires_at


class EmailAlreadyRegistered(Exception):
    def __init__(self, email: str) -> None:
        super().__init__(f"email already registered: {email}")


class UnknownToken(Exception):
    def __init__(self) -> None:
        super().__init__("unknown verification token")


class TokenExpired(Exception):
    def __init__(self, expired_at: datetime) -> None:
        super().__init__(f"verification token expired at {expired_at.isoformat()}")


class TokenAlreadyUsed(Exception):
    def __init__(self) -> None:
        super().__init__("verification token already used")


class UserNotFound(Exception):
    def __init__(self, user_id: int) -> None:
        super().__init__(f"no user with id {user_id}")
