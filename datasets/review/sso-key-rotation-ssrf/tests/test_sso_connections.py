import ipaddress
import json
import socket
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from sso.connections import InMemoryConnections, SsoConfigError
from sso.wiring import connection_service, key_rotation

ISSUER = "https://login.acme-corp.example"
NOW = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=7)
RSA_KEY = {"kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256", "n": "0vx7", "e": "AQAB"}
DNS = {
    "login.acme-corp.example": "93.184.216.34",
    "keys.acme-corp.example": "93.184.216.35",
    "jwks.internal.example": "10.0.7.21",
}


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    dns = dict(DNS)

    def getaddrinfo(host: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        try:
            address = str(ipaddress.ip_address(host))
        except ValueError:
            if host not in dns:
                raise socket.gaierror(socket.EAI_NONAME, "unknown host") from None
            address = dns[host]
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return dns


class IdentityProvider:
    """The tenant's IdP as the internet shows it, plus whatever our VPC would answer."""

    def __init__(self) -> None:
        self.jwks_uri = "https://keys.acme-corp.example/oauth2/v1/keys"
        self.keys = [RSA_KEY]
        self.requests: list[httpx.URL] = []

    def document(self) -> dict[str, Any]:
        return {
            "issuer": ISSUER,
            "authorization_endpoint": f"{ISSUER}/oauth2/v1/authorize",
            "token_endpoint": f"{ISSUER}/oauth2/v1/token",
            "jwks_uri": self.jwks_uri,
            "response_types_supported": ["code", "id_token"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request.url)
        if str(request.url) == f"{ISSUER}/.well-known/openid-configuration":
            return self._json(self.document())
        # The JWKS endpoint, or an internal service that happens to answer JSON.
        key = dict(RSA_KEY, kid="internal") if request.url.host not in DNS else None
        return self._json({"keys": [key] if key else self.keys})

    @staticmethod
    def _json(body: dict[str, Any]) -> httpx.Response:
        return httpx.Response(
            200, content=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )

    def internal_requests(self) -> list[str]:
        public = {"login.acme-corp.example", "keys.acme-corp.example"}
        return [str(url) for url in self.requests if url.host not in public]


@pytest.fixture
def idp() -> IdentityProvider:
    return IdentityProvider()


@pytest.fixture
def repository(idp: IdentityProvider) -> InMemoryConnections:
    repository = InMemoryConnections()
    transport = httpx.MockTransport(idp)
    connection_service(repository, transport=transport).configure("t1", ISSUER, "client-1", NOW)
    return repository


def rotate(repository: InMemoryConnections, idp: IdentityProvider) -> None:
    key_rotation(repository, transport=httpx.MockTransport(idp)).refresh_due(LATER)


def test_configure_stores_metadata_and_keys(repository: InMemoryConnections) -> None:
    connection = repository.get("t1")
    assert connection is not None
    assert connection.metadata.jwks_uri == "https://keys.acme-corp.example/oauth2/v1/keys"
    assert connection.keys.find("k1") is not None and connection.keys_fetched_at == NOW


def test_configure_refuses_an_internal_jwks_uri(idp: IdentityProvider) -> None:
    idp.jwks_uri = "https://jwks.internal.example/keys"
    with pytest.raises(SsoConfigError):
        connection_service(InMemoryConnections(), transport=httpx.MockTransport(idp)).configure(
            "t2", ISSUER, "client-2", NOW
        )
    assert idp.internal_requests() == []


def test_rotation_picks_up_new_keys(repository: InMemoryConnections, idp: IdentityProvider) -> None:
    idp.keys = [dict(RSA_KEY, kid="k2")]
    rotate(repository, idp)
    connection = repository.get("t1")
    assert connection is not None and connection.keys.find("k2") is not None
    assert connection.keys_fetched_at == LATER and connection.last_refresh_error is None


def test_rotation_skips_fresh_connections(
    repository: InMemoryConnections, idp: IdentityProvider
) -> None:
    before = len(idp.requests)
    key_rotation(repository, transport=httpx.MockTransport(idp)).refresh_due(NOW)
    assert len(idp.requests) == before


@pytest.mark.parametrize(
    "jwks_uri",
    [
        "https://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "https://jwks.internal.example/keys",
        "https://[::ffff:10.0.0.1]/keys",
    ],
)
def test_rotation_does_not_follow_a_jwks_uri_moved_inside_our_network(
    repository: InMemoryConnections, idp: IdentityProvider, jwks_uri: str
) -> None:
    idp.jwks_uri = jwks_uri  # the tenant edits its discovery document after set-up
    rotate(repository, idp)
    assert idp.internal_requests() == [], "key rotation requested an internal address"
    connection = repository.get("t1")
    assert connection is not None and connection.keys.find("k1") is not None
    assert connection.last_refresh_error is not None


def test_rotation_rechecks_where_the_issuer_resolves_now(
    repository: InMemoryConnections, idp: IdentityProvider, fake_dns: dict[str, str]
) -> None:
    fake_dns["login.acme-corp.example"] = "10.0.0.5"  # DNS repointed after set-up
    configured = len(idp.requests)
    rotate(repository, idp)
    assert idp.requests[configured:] == [], "key rotation connected to an internal address"
    connection = repository.get("t1")
    assert connection is not None and connection.last_refresh_error is not None
