import pytest
from fastapi.testclient import TestClient

from internal.auth import InternalKeyVerifier, InvalidInternalKey, Keyring, create_app

CURRENT = "k2_8f1c0a7d2b9e4c36a5d0e1f2a3b4c5d6"
PREVIOUS = "k1_0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"


class EqualityTrap(str):
    """A presented key that records any plain == / != comparison made against it."""

    compared_with_eq = False

    def __eq__(self, other: object) -> bool:
        type(self).compared_with_eq = True
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        type(self).compared_with_eq = True
        return str.__ne__(self, other)

    __hash__ = str.__hash__


def verifier() -> InternalKeyVerifier:
    return InternalKeyVerifier(lambda: Keyring(CURRENT, PREVIOUS))


def client() -> TestClient:
    return TestClient(create_app(verifier()))


def test_current_and_previous_keys_are_accepted() -> None:
    for key in (CURRENT, PREVIOUS):
        response = client().post("/internal/cache/flush", headers={"X-Internal-Key": key})
        assert response.status_code == 200


def test_wrong_or_missing_key_is_rejected() -> None:
    assert client().post("/internal/cache/flush").status_code == 401
    bad = client().post("/internal/cache/flush", headers={"X-Internal-Key": CURRENT[:-1] + "x"})
    assert bad.status_code == 401


def test_rotation_drops_the_old_key() -> None:
    rotated = InternalKeyVerifier(lambda: Keyring(CURRENT))
    with pytest.raises(InvalidInternalKey):
        rotated.verify(PREVIOUS)


@pytest.mark.parametrize("key", [CURRENT, PREVIOUS, "k2_guess"])
def test_key_comparison_is_constant_time(key: str) -> None:
    EqualityTrap.compared_with_eq = False
    try:
        verifier().verify(EqualityTrap(key))
    except InvalidInternalKey:
        pass
    assert not EqualityTrap.compared_with_eq, "internal key compared with ==, leaking timing"
