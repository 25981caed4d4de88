from dataclasses import dataclass, replace


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str

    @property
    def email_domain(self) -> str:
        return self.email.rpartition("@")[2].lower()

    def with_name(self, name: str) -> "User":
        return replace(self, name=name)

    def with_email(self, email: str) -> "User":
        return replace(self, email=email)


class RepositoryError(Exception):
    """Base class for every error the user repository raises."""


class DuplicateEmailError(RepositoryError):
    def __init__(self, email: str) -> None:
        super().__init__(f"a user with email {email!r} already exists")
        self.email = email


class UserNotFoundError(RepositoryError):
    def __init__(self, user_id: int) -> None:
        super().__init__(f"no user with id {user_id}")
        self.user_id = user_id


class InvalidEmailError(RepositoryError):
    def __init__(self, email: str) -> None:
        super().__init__(f"{email!r} is not a valid email address")
        self.email = email
