"""The two entry points the request asks for: sign-up rules without HTTP, the stored hash format."""

import hashlib
import importlib
from typing import Any

import pytest


# The new modules are imported when a test calls them, not when this file is collected, so on
# code without a boundary each of its tests fails by name instead of stopping the whole run.
def clean_registration(payload: Any) -> Any:
    return importlib.import_module("userapi.validation").clean_registration(payload)


def hash_password(password: str) -> Any:
    return importlib.import_module("userapi.passwords").hash_password(password)


def verify_password(password: str, stored_hash: str) -> Any:
    return importlib.import_module("userapi.passwords").verify_password(password, stored_hash)


def test_validation_boundary_clean_registration_cleans_the_fields():
    payload = {
        "email": "  Ada@Example.COM ", "name": "  Ada Lovelace ", "password": " s3cret pass "
    }
    assert clean_registration(payload) == {
        "email": "ada@example.com",
        "name": "Ada Lovelace",
        "password": " s3cret pass ",
    }
    assert payload["email"] == "  Ada@Example.COM "


def test_validation_boundary_clean_registration_accepts_the_limits():
    cleaned = clean_registration({"email": "a@b.co", "name": "x" * 100, "password": "abcdefg1"})
    assert cleaned == {"email": "a@b.co", "name": "x" * 100, "password": "abcdefg1"}
    assert clean_registration({"email": "a@b.co", "name": " y ", "password": "1234567é"})[
        "name"
    ] == "y"


@pytest.mark.parametrize(
    "payload, detail",
    [
        ({"name": "Ada", "password": "s3cretpass"}, "a valid email is required"),
        ({"email": "ada@example", "name": "Ada", "password": "s3cretpass"},
         "a valid email is required"),
        ({"email": "a da@example.com", "name": "Ada", "password": "s3cretpass"},
         "a valid email is required"),
        ({"email": 7, "name": "Ada", "password": "s3cretpass"}, "a valid email is required"),
        ({"email": "ada@example.com", "name": "  ", "password": "s3cretpass"}, "name is required"),
        ({"email": "ada@example.com", "password": "s3cretpass"}, "name is required"),
        ({"email": "ada@example.com", "name": "x" * 101, "password": "s3cretpass"},
         "name must be at most 100 characters"),
        ({"email": "ada@example.com", "name": "Ada", "password": "short12"},
         "password must be at least 8 characters"),
        ({"email": "ada@example.com", "name": "Ada", "password": None},
         "password must be at least 8 characters"),
        ({"email": "ada@example.com", "name": "Ada", "password": "onlyletters"},
         "password must contain a letter and a digit"),
        ({"email": "ada@example.com", "name": "Ada", "password": "12345678"},
         "password must contain a letter and a digit"),
        ({"email": "bad", "name": "", "password": ""}, "a valid email is required"),
        ({"email": "ada@example.com", "name": "", "password": ""}, "name is required"),
    ],
)
def test_validation_boundary_clean_registration_raises_the_422_detail(payload, detail):
    with pytest.raises(ValueError) as rejected:
        clean_registration(payload)
    assert str(rejected.value) == detail


def test_passwords_boundary_hash_password_uses_the_stored_format():
    stored = hash_password("s3cretpass")
    salt_hex, digest_hex = stored.split("$")
    assert len(bytes.fromhex(salt_hex)) == 16
    expected = hashlib.pbkdf2_hmac("sha256", b"s3cretpass", bytes.fromhex(salt_hex), 10_000)
    assert digest_hex == expected.hex()
    assert hash_password("s3cretpass") != stored  # a fresh salt every time


def test_passwords_boundary_verify_password_accepts_hashes_already_in_the_database():
    salt = bytes(range(16))
    digest = hashlib.pbkdf2_hmac("sha256", "pässw0rd".encode(), salt, 10_000)
    stored = f"{salt.hex()}${digest.hex()}"
    assert verify_password("pässw0rd", stored) is True
    assert verify_password("passw0rd", stored) is False
    assert verify_password("pässw0rd ", stored) is False


def test_passwords_boundary_hash_and_verify_round_trip():
    stored = hash_password("an0ther pass")
    assert verify_password("an0ther pass", stored) is True
    assert verify_password("An0ther pass", stored) is False
    assert verify_password("", stored) is False
