from dataclasses import dataclass


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str


class DuplicateEmailError(Exception):
    def __init__(self, email: str) -> None:
        super().__init__(f"a user with email {email!r} already exists")
        self.email = email


class UserNotFoundError(Exception):
    def __init__(self, user_id: int) -> None:
        super().__init__(f"no user with id {user_id}")
        self.user_id = user_id
