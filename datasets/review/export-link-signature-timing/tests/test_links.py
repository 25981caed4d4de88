from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from exports.links import FinishedExport, InvalidLink, LinkExpired, LinkSigner, create_app

SECRET = b"k" * 32
NOW = 1_750_000_000.0


class ComparisonSpy(str):
    """A presented signature that records whether it was compared with plain == or !=."""

    compared = False

    def __eq__(self, other: object) -> bool:
        type(self).compared = True
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        type(self).compared = True
        return str.__ne__(self, other)

    __hash__ = str.__hash__


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


def parts(link: str) -> tuple[str, int, str]:
    split = urlsplit(link)
    query = parse_qs(split.query)
    return split.path.split("/")[2], int(query["expires"][0]), query["signature"][0]


def test_a_fresh_link_downloads_the_export() -> None:
    signer = LinkSigner(SECRET, clock=Clock())
    exports = {"exp_7": FinishedExport("exp_7", "orders.csv", b"id,total\n1,9.99\n")}
    link = signer.link("https://app.test", "exp_7")
    split = urlsplit(link)
    response = TestClient(create_app(signer, exports)).get(f"{split.path}?{split.query}")
    assert response.status_code == 200
    assert response.content == b"id,total\n1,9.99\n"


def test_expired_tampered_and_foreign_links_are_refused() -> None:
    clock = Clock()
    signer = LinkSigner(SECRET, clock=clock)
    export_id, expires, signature = parts(signer.link("https://app.test", "exp_7"))
    with pytest.raises(InvalidLink):
        signer.verify(export_id, expires + 3600, signature)
    with pytest.raises(InvalidLink):
        signer.verify("exp_8", expires, signature)
    with pytest.raises(InvalidLink):
        signer.verify(export_id, expires, signature[:-1] + ("0" if signature[-1] != "0" else "1"))
    clock.now = expires + 1
    with pytest.raises(LinkExpired):
        signer.verify(export_id, expires, signature)


@pytest.mark.parametrize("valid", [True, False])
def test_signatures_are_compared_in_constant_time(valid: bool) -> None:
    signer = LinkSigner(SECRET, clock=Clock())
    export_id, expires, signature = parts(signer.link("https://app.test", "exp_7"))
    presented = ComparisonSpy(signature if valid else "0" * len(signature))
    ComparisonSpy.compared = False
    try:
        signer.verify(export_id, expires, presented)
    except InvalidLink:
        assert not valid
    assert not ComparisonSpy.compared, "signature compared with ==, leaking its prefix by timing"
