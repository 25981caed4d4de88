"""Subscriptions to external iCalendar feeds: public holidays, a client's shared calendar...

Any member can paste a feed URL into the "Subscribe to calendar" dialog; the scheduler then
refreshes every subscription every 15 minutes from our servers, and the parsed events are shown
next to the team's own. Feeds must never reach our internal network or the cloud metadata
service, so a destination that is not a public internet address is refused, and redirects are
not followed (a feed that moved is subscribed to again at its new address).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, replace
from datetime import datetime

import httpx

MAX_FEED_BYTES = 2 * 1024 * 1024
FETCH_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
_SCHEMES = {"https": "https", "http": "http", "webcal": "https", "webcals": "https"}


class FeedRejected(ValueError):
    """The URL cannot be subscribed to, or the feed cannot be used (shown to the member)."""


@dataclass(frozen=True)
class Subscription:
    id: int
    url: str
    etag: str | None = None
    last_refreshed: datetime | None = None


@dataclass(frozen=True)
class Refresh:
    subscription: Subscription
    calendar: str | None
    """The feed's iCalendar text, or None when it has not changed since the last refresh."""


def normalise_feed_url(raw: str) -> httpx.URL:
    """`webcal://` is what calendar apps put on "subscribe" links: it means HTTPS."""
    try:
        url = httpx.URL(raw.strip())
    except httpx.InvalidURL as exc:
        raise FeedRejected(f"not a URL: {raw!r}") from exc
    scheme = _SCHEMES.get(url.scheme)
    if scheme is None or not url.host:
        raise FeedRejected("feed URLs start with https://, http:// or webcal://")
    if url.userinfo:
        raise FeedRejected("feed URLs cannot carry a user name or password")
    return url.copy_with(scheme=scheme)


def check_destination(url: httpx.URL) -> None:
    """Refuse any destination that is not a public internet address."""
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        resolved = socket.getaddrinfo(url.host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FeedRejected(f"{url.host} does not resolve") from exc
    for *_, sockaddr in resolved:
        if not ipaddress.ip_address(sockaddr[0]).is_global:
            raise FeedRejected(f"{url.host} is not a public address")


class FeedFetcher:
    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def subscribe(self, subscription_id: int, raw_url: str) -> Refresh:
        """Validate a URL pasted by a member by fetching it once."""
        url = normalise_feed_url(raw_url)
        return self.refresh(Subscription(subscription_id, str(url)))

    def refresh(self, subscription: Subscription, now: datetime | None = None) -> Refresh:
        url = normalise_feed_url(subscription.url)
        check_destination(url)
        headers = {"Accept": "text/calendar"}
        if subscription.etag:
            headers["If-None-Match"] = subscription.etag
        request = self._client.build_request("GET", url, headers=headers, timeout=FETCH_TIMEOUT)
        response = self._client.send(request, stream=True, follow_redirects=False)
        try:
            refreshed = replace(subscription, last_refreshed=now or datetime.now().astimezone())
            if response.status_code == 304:
                return Refresh(refreshed, None)
            if response.status_code != 200:
                raise FeedRejected(f"the feed answered HTTP {response.status_code}")
            text = _read_calendar(response)
            return Refresh(replace(refreshed, etag=response.headers.get("ETag")), text)
        finally:
            response.close()


def _read_calendar(response: httpx.Response) -> str:
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > MAX_FEED_BYTES:
            raise FeedRejected(f"the feed is larger than {MAX_FEED_BYTES} bytes")
    text = body.decode(response.encoding or "utf-8", errors="replace")
    if not text.lstrip().startswith("BEGIN:VCALENDAR"):
        raise FeedRejected("the URL does not serve an iCalendar feed")
    return text
