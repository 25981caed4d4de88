"""Checks on request payloads; each raises InvalidInput with the message clients see."""

import re
from collections.abc import Mapping
from typing import Any

from userapi.errors import InvalidInput

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME_LENGTH = 100
MIN_PASSWORD_LENGTH = 8
MAX_PAGE_SIZE = 100
UPDATABLE_FIELDS = frozenset({"name", "email"})


def clean_registration(payload: Mapping[str, Any]) -> dict[str, str]:
    """The sign-up fields, cleaned, checked in the order the API reports them."""
    return {
        "email": clean_email(payload.get("email")),
        "name": clean_name(payload.get("name")),
        "password": check_password(payload.get("password")),
    }


def clean_email(email: object) -> str:
    if not isinstance(email, str) or not EMAIL_PATTERN.match(email.strip()):
        raise InvalidInput("a valid email is required")
    return email.strip().lower()


def clean_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput("name is required")
    if len(name.strip()) > MAX_NAME_LENGTH:
        raise InvalidInput(f"name must be at most {MAX_NAME_LENGTH} characters")
    return name.strip()


def check_password(password: object) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    has_digit = any(char.isdigit() for char in password)
    has_letter = any(char.isalpha() for char in password)
    if not (has_digit and has_letter):
        raise InvalidInput("password must contain a letter and a digit")
    return password


def clean_update(payload: Mapping[str, Any]) -> dict[str, str]:
    unknown = sorted(set(payload) - UPDATABLE_FIELDS)
    if unknown:
        raise InvalidInput(f"unknown field(s): {', '.join(unknown)}")
    if not payload:
        raise InvalidInput("nothing to update")
    changes = {}
    if "email" in payload:
        changes["email"] = clean_email(payload["email"])
    if "name" in payload:
        changes["name"] = clean_name(payload["name"])
    return changes


def check_login(payload: Mapping[str, Any]) -> tuple[str, str]:
    email, password = payload.get("email"), payload.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        raise InvalidInput("email and password are required")
    return email.strip().lower(), password


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise InvalidInput(f"limit must be between 1 and {MAX_PAGE_SIZE}")
    if offset < 0:
        raise InvalidInput("offset must not be negative")
