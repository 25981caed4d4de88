from collections.abc import Callable
from datetime import datetime
from typing import Protocol

Clock = Callable[[], datetime]
TokenGenerator = Callable[[], str]


class Mailer(Protocol):
    def send_verification(self, email: str, token: str) -> None: ...
