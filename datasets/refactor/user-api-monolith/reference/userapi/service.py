"""User use cases and the login lockout policy, independent of HTTP."""

from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from userapi import validation
from userapi.errors import (
    AccountDeactivated,
    AccountLocked,
    AlreadyDeactivated,
    InvalidCredentials,
)
from userapi.models import Credentials, User
from userapi.passwords import hash_password, verify_password
from userapi.repository import UserRepository

MAX_FAILED_LOGINS = 3
LOCKOUT = timedelta(minutes=15)


class UserService:
    def __init__(self, repository: UserRepository, clock: Callable[[], datetime]) -> None:
        self._repository = repository
        self._clock = clock

    def register(self, payload: Mapping[str, Any]) -> User:
        fields = validation.clean_registration(payload)
        created_at = self._clock().isoformat()
        password_hash = hash_password(fields["password"])
        return self._repository.add(fields["email"], fields["name"], password_hash, created_at)

    def get(self, user_id: int) -> User:
        return self._repository.get(user_id)

    def list(self, active: bool | None, limit: int, offset: int) -> list[User]:
        validation.check_page(limit, offset)
        return self._repository.list(active, limit, offset)

    def update(self, user_id: int, payload: Mapping[str, Any]) -> User:
        self._repository.update(user_id, validation.clean_update(payload))
        return self._repository.get(user_id)

    def deactivate(self, user_id: int) -> User:
        if not self._repository.get(user_id).active:
            raise AlreadyDeactivated(user_id)
        self._repository.deactivate(user_id)
        return self._repository.get(user_id)

    def delete(self, user_id: int) -> None:
        self._repository.delete(user_id)

    def login(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        email, password = validation.check_login(payload)
        now = self._clock()
        account = self._repository.find_credentials(email)
        if account is None:
            raise InvalidCredentials()
        if account.is_locked(now):
            raise AccountLocked(str(account.locked_until))
        if not account.active:
            raise AccountDeactivated()
        if not verify_password(password, account.password_hash):
            self._record_failed_login(account, now)
            raise InvalidCredentials()
        self._repository.record_login(account.user_id, now.isoformat())
        return {"user_id": account.user_id, "last_login_at": now.isoformat()}

    def _record_failed_login(self, account: Credentials, now: datetime) -> None:
        failures = account.failed_logins + 1
        if failures >= MAX_FAILED_LOGINS:
            # Locking restarts the count, so the next lockout needs three fresh failures.
            self._repository.set_login_failures(account.user_id, 0, (now + LOCKOUT).isoformat())
        else:
            self._repository.set_login_failures(account.user_id, failures, account.locked_until)
