import ipaddress
import socket
from typing import Any

import httpx
import pytest

from calendars.feeds import FeedFetcher, FeedRejected, Subscription, normalise_feed_url

CALENDAR = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
# What the resolver answers: public names, and names an attacker points at internal hosts.
DNS = {
    "holidays.example.com": "93.184.216.34",
    "localhost": "127.0.0.1",
    "feeds.attacker.example": "10.20.0.5",
    "metadata.google.internal": "169.254.169.254",
    "intranet.corp.example": "fd00::7",
}


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    def getaddrinfo(host: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        try:
            address = str(ipaddress.ip_address(host))
        except ValueError:
            if host not in DNS:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
            address = DNS[host]
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port or 0))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


class Server:
    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, text=CALENDAR, headers={"ETag": '"v1"'})


@pytest.fixture
def server() -> Server:
    return Server()


@pytest.fixture
def fetcher(server: Server) -> FeedFetcher:
    return FeedFetcher(httpx.Client(transport=httpx.MockTransport(server)))


def test_fetches_a_public_feed_and_uses_its_etag(fetcher: FeedFetcher, server: Server) -> None:
    first = fetcher.subscribe(1, "webcal://holidays.example.com/fr.ics")
    assert first.calendar == CALENDAR and first.subscription.etag == '"v1"'
    assert str(server.requests[0].url) == "https://holidays.example.com/fr.ics"
    assert fetcher.refresh(first.subscription).calendar is None


def test_rejects_other_schemes_and_credentials() -> None:
    for url in ("file:///etc/passwd", "ftp://holidays.example.com/a.ics", "https://u:p@x.com/"):
        with pytest.raises(FeedRejected):
            normalise_feed_url(url)


def test_rejects_a_non_calendar_body() -> None:
    page = httpx.MockTransport(lambda request: httpx.Response(200, text="<html>"))
    with pytest.raises(FeedRejected):
        FeedFetcher(httpx.Client(transport=page)).subscribe(1, "https://holidays.example.com/x")


def test_redirects_are_not_followed(server: Server) -> None:
    def moved(request: httpx.Request) -> httpx.Response:
        server.requests.append(request)
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/"})

    with pytest.raises(FeedRejected):
        FeedFetcher(httpx.Client(transport=httpx.MockTransport(moved))).subscribe(
            1, "https://holidays.example.com/x"
        )
    assert [r.url.host for r in server.requests] == ["holidays.example.com"]


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:8080/", "http://[::1]/"]
)
def test_rejects_internal_ip_addresses(fetcher: FeedFetcher, server: Server, url: str) -> None:
    with pytest.raises(FeedRejected):
        fetcher.subscribe(1, url)
    assert server.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:9200/_cat/indices",
        "https://feeds.attacker.example/team.ics",
        "http://metadata.google.internal/computeMetadata/v1/",
        "webcal://intranet.corp.example/rooms.ics",
    ],
)
def test_rejects_names_that_resolve_to_internal_addresses(
    fetcher: FeedFetcher, server: Server, url: str
) -> None:
    with pytest.raises(FeedRejected):
        fetcher.subscribe(1, url)
    assert server.requests == [], f"the fetcher sent a request to {url}"


def test_a_stored_subscription_is_checked_too(fetcher: FeedFetcher, server: Server) -> None:
    with pytest.raises(FeedRejected):
        fetcher.refresh(Subscription(7, "https://feeds.attacker.example/team.ics"))
    assert server.requests == []
