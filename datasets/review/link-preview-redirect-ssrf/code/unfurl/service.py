"""Link previews for chat messages: called by the message pipeline after a message is posted.

Previews are cached per link, so a link pasted in many channels is fetched once an hour. A link
that cannot be previewed (blocked, not HTML, timed out) simply gets no preview; that outcome is
cached too, so a dead link is not fetched again for every message that repeats it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import httpx

from unfurl.cache import TtlCache
from unfurl.egress import BlockedDestination, EgressGuard, Resolver, system_resolver
from unfurl.fetch import PageFetcher, PreviewError
from unfurl.html_meta import PageMeta, parse_meta
from unfurl.settings import PreviewSettings

log = logging.getLogger(__name__)

# Links as the message renderer detects them: http(s), up to whitespace or a closing bracket.
_LINK = re.compile(r"https?://[^\s<>()\[\]]+", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?'\""


@dataclass(frozen=True)
class LinkPreview:
    link: str
    final_url: str
    meta: PageMeta


def links_in(text: str, limit: int) -> list[str]:
    """The distinct links of a message, in order, at most `limit` of them."""
    found: list[str] = []
    for match in _LINK.finditer(text):
        link = match.group(0).rstrip(_TRAILING_PUNCTUATION)
        if link not in found:
            found.append(link)
        if len(found) == limit:
            break
    return found


class PreviewService:
    def __init__(
        self,
        fetcher: PageFetcher,
        settings: PreviewSettings,
        cache: TtlCache[str, LinkPreview | None] | None = None,
    ) -> None:
        self._fetcher = fetcher
        self._settings = settings
        self._cache = cache or TtlCache(settings.cache_ttl_seconds, settings.max_cached_links)

    def previews(self, message_text: str) -> list[LinkPreview]:
        links = links_in(message_text, self._settings.max_links_per_message)
        found = (self._preview(link) for link in links)
        return [preview for preview in found if preview is not None]

    def _preview(self, link: str) -> LinkPreview | None:
        hit, cached = self._cache.lookup(link)
        if hit:
            return cached
        preview = self._make(link)
        self._cache.store(link, preview)
        return preview

    def _make(self, link: str) -> LinkPreview | None:
        try:
            page = self._fetcher.fetch(link)
        except (BlockedDestination, PreviewError, httpx.HTTPError) as exc:
            log.info("no preview for %s: %s", link, exc)
            return None
        return LinkPreview(link, str(page.url), parse_meta(page.html, page.url))


def build_service(
    settings: PreviewSettings,
    resolve: Resolver = system_resolver,
    transport: httpx.BaseTransport | None = None,
) -> PreviewService:
    client = httpx.Client(
        transport=transport,
        timeout=settings.timeout_seconds,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
    )
    fetcher = PageFetcher(client, EgressGuard(settings, resolve), settings)
    return PreviewService(fetcher, settings)
