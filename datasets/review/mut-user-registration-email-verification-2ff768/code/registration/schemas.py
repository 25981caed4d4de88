from typing import Annotated

from pydantic import AfterValidator, BaseModel, StringConstraints


def _normalise_email(raw: str) -> str:
    email = raw.strip().lower()
    local, at, domain = email.partition("@")
    # Deliberately simple rule (stated in the spec) instead of a full RFC 5322 parser.
    dot_inside_domain = "." in domain[1:-1]
    if not at or not local or "@" in domain or not dot_inside_domain:
        raise ValueError("not a valid email address")
    return email


Email = Annotated[str, AfterValidator(_normalise_email)]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


class RegistrationRequest(BaseModel):
    email: Email
    display_name: DisplayName


class VerificationRequest(BaseModel):
    token: str


class UserResponse(BaseModel):
    id: int
    email: str
    display_name: str
    verified: bool
