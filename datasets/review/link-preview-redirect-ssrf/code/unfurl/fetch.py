"""Fetching the page behind a link, for its preview: redirects followed, size and time capped."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from unfurl.egress import EgressGuard
from unfurl.settings import PreviewSettings

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class PreviewError(Exception):
    """No preview can be made for this link (not HTML, too many redirects, HTTP error...)."""


@dataclass(frozen=True)
class FetchedPage:
    url: httpx.URL
    """Where the page was finally found, after redirects: relative links resolve against it."""
    html: str


class PageFetcher:
    def __init__(self, client: httpx.Client, guard: EgressGuard, settings: PreviewSettings) -> None:
        self._client = client
        self._guard = guard
        self._settings = settings

    def fetch(self, link: str) -> FetchedPage:
        try:
            url = httpx.URL(link)
        except httpx.InvalidURL as exc:
            raise PreviewError(f"not a URL: {link!r}") from exc
        self._guard.check(url)
        for _ in range(self._settings.max_redirects + 1):
            request = self._client.build_request(
                "GET", url, headers={"Accept": "text/html,application/xhtml+xml"}
            )
            response = self._client.send(request, stream=True)
            try:
                if response.is_redirect:
                    url = _redirect_target(url, response.headers["Location"])
                    continue
                return FetchedPage(url, self._read_html(response))
            finally:
                response.close()
        raise PreviewError(f"more than {self._settings.max_redirects} redirects")

    def _read_html(self, response: httpx.Response) -> str:
        if response.status_code != 200:
            raise PreviewError(f"HTTP {response.status_code}")
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in _HTML_TYPES:
            raise PreviewError(f"not an HTML page ({content_type or 'no content type'})")
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) >= self._settings.max_body_bytes:
                break  # the <head> is all a preview needs
        return body[: self._settings.max_body_bytes].decode(
            response.encoding or "utf-8", errors="replace"
        )


def _redirect_target(url: httpx.URL, location: str) -> httpx.URL:
    try:
        return url.join(location)
    except httpx.InvalidURL as exc:
        raise PreviewError(f"unusable redirect to {location!r}") from exc
