"""What a preview shows, read from a page's <head>: Open Graph tags, else Twitter cards, else
the <title> and the description meta tag."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import httpx

MAX_TITLE_CHARS = 200
MAX_DESCRIPTION_CHARS = 500


@dataclass(frozen=True)
class PageMeta:
    title: str | None
    description: str | None
    site_name: str | None
    image_url: str | None


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self._in_title = False
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            values = {name.lower(): value or "" for name, value in attrs}
            key = (values.get("property") or values.get("name") or "").lower()
            if key and "content" in values:
                self.meta.setdefault(key, values["content"])
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self.done = True

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)


def _clean(text: str | None, limit: int) -> str | None:
    if text is None:
        return None
    collapsed = " ".join(text.split())
    if not collapsed:
        return None
    return collapsed if len(collapsed) <= limit else collapsed[: limit - 1].rstrip() + "…"


def _first(meta: dict[str, str], *keys: str) -> str | None:
    return next((meta[key] for key in keys if meta.get(key, "").strip()), None)


def _image(raw: str | None, page_url: httpx.URL) -> str | None:
    """An absolute http(s) URL for the image; the chat client loads it through our image proxy."""
    if raw is None:
        return None
    try:
        image = page_url.join(raw.strip())
    except httpx.InvalidURL:
        return None
    return str(image) if image.scheme in ("http", "https") else None


def parse_meta(html: str, page_url: httpx.URL) -> PageMeta:
    parser = _HeadParser()
    for start in range(0, len(html), 8192):
        parser.feed(html[start : start + 8192])
        if parser.done:
            break
    meta = parser.meta
    title = _first(meta, "og:title", "twitter:title") or "".join(parser.title_parts)
    return PageMeta(
        title=_clean(title, MAX_TITLE_CHARS),
        description=_clean(
            _first(meta, "og:description", "twitter:description", "description"),
            MAX_DESCRIPTION_CHARS,
        ),
        site_name=_clean(_first(meta, "og:site_name"), MAX_TITLE_CHARS) or page_url.host,
        image_url=_image(_first(meta, "og:image", "twitter:image"), page_url),
    )
