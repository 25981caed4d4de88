"""The domain types, re-exported from their own modules."""

from users.errors import DuplicateEmailError, UserNotFoundError
from users.model import User

__all__ = ["DuplicateEmailError", "User", "UserNotFoundError"]
