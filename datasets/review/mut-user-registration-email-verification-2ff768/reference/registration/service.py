from datetime import timedelta

from registration.domain import (
    EmailAlreadyRegistered,
    TokenAlreadyUsed,
    TokenExpired,
    UnknownToken,
    User,
    UserNotFound,
    VerificationToken,
)
from registration.ports import Clock, Mailer, TokenGenerator


class RegistrationService:
    """Registers users and verifies them by emailed token; state lives in memory."""

    def __init__(
        self,
        mailer: Mailer,
        clock: Clock,
        generate_token: TokenGenerator,
        token_ttl: timedelta,
    ) -> None:
        self._mailer = mailer
        self._clock = clock
        self._generate_token = generate_token
        self._token_ttl = token_ttl
        self._users: dict[int, User] = {}
        self._user_ids_by_email: dict[str, int] = {}
        self._tokens: dict[str, VerificationToken] = {}

    def register(self, email: str, display_name: str) -> User:
        if email in self._user_ids_by_email:
            raise EmailAlreadyRegistered(email)
        user = User(id=len(self._users) + 1, email=email, display_name=display_name)
        self._users[user.id] = user
        self._user_ids_by_email[email] = user.id
        self._issue_token(user)
        return user

    def verify(self, token: str) -> User:
        issued = self._tokens.get(token)
        if issued is None:
            raise UnknownToken()
        if issued.used:
            raise TokenAlreadyUsed()
        if issued.is_expired(self._clock()):
            raise TokenExpired(issued.expires_at)
        issued.used = True
        user = self._users[issued.user_id]
        user.verified = True
        return user

    def get_user(self, user_id: int) -> User:
        user = self._users.get(user_id)
        if user is None:
            raise UserNotFound(user_id)
        return user

    def _issue_token(self, user: User) -> None:
        token = self._generate_token()
        expires_at = self._clock() + self._token_ttl
        self._tokens[token] = VerificationToken(user_id=user.id, expires_at=expires_at)
        self._mailer.send_verification(user.email, token)
