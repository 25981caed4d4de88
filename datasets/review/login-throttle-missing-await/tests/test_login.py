import asyncio
import warnings

import pytest

from accounts.login import (
    InvalidCredentials,
    LoginService,
    TooManyAttempts,
    UserRecord,
    hash_password,
)
from accounts.throttle import AttemptLimiter, InMemoryCounters

SALT = b"0123456789abcdef"
ADA = UserRecord("u1", "ada@example.com", SALT, hash_password("correct horse", SALT, 1_000), 1_000)


class Users:
    async def find_by_email(self, email: str) -> UserRecord | None:
        await asyncio.sleep(0)
        return ADA if email == ADA.email else None


class FakeClock:
    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now


def service(clock: FakeClock, limit: int = 3) -> LoginService:
    return LoginService(Users(), AttemptLimiter(InMemoryCounters(clock), limit, 60))


def attempt(login: LoginService, password: str, email: str = "ada@example.com") -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # an un-awaited coroutine must not abort
        return asyncio.run(login.login(email, password, "203.0.113.7"))


def test_correct_password_returns_a_session_token() -> None:
    token = attempt(service(FakeClock()), "correct horse", " Ada@Example.com ")
    assert len(token) >= 32


def test_wrong_password_and_unknown_email_are_rejected() -> None:
    login = service(FakeClock(), limit=10)
    with pytest.raises(InvalidCredentials):
        attempt(login, "wrong")
    with pytest.raises(InvalidCredentials):
        attempt(login, "correct horse", "nobody@example.com")


def test_attempts_beyond_the_limit_are_throttled() -> None:
    login = service(FakeClock(), limit=3)
    for _ in range(3):
        with pytest.raises(InvalidCredentials):
            attempt(login, "guess")
    with pytest.raises(TooManyAttempts):
        attempt(login, "correct horse")


def test_throttle_resets_in_the_next_window() -> None:
    clock = FakeClock()
    login = service(clock, limit=1)
    with pytest.raises(InvalidCredentials):
        attempt(login, "guess")
    with pytest.raises(TooManyAttempts):
        attempt(login, "guess")
    clock.now += 60
    assert attempt(login, "correct horse")
