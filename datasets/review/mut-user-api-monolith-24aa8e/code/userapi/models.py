from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class User:
    """The public view of a user, as returned by the API."""

    id: int
    email: str
    name: str
    active: bool
    created_at: str
    last_login_at: str | None


@dataclass(frozen=True)
class Credentials:
    """What a login attempt needs to know about an account."""

    user_id: int
    password_hash: str
    active: bool
    failed_logins: int
    locked_until: str | None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < datetime.fromisoformat(self.locked_until)
