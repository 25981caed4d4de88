import ipaddress
from collections.abc import Callable

import httpx
import pytest

from unfurl.egress import BlockedDestination, EgressGuard
from unfurl.fetch import PageFetcher, PreviewError
from unfurl.service import build_service, links_in
from unfurl.settings import PreviewSettings

DNS = {
    "news.example.com": ["93.184.216.34"],
    "sho.rt": ["151.101.1.69"],
    "consul.internal.example": ["10.0.3.12"],
    "mixed.example.net": ["93.184.216.35", "127.0.0.1"],
}
STORY = (
    '<html><head><title>ignored</title><meta property="og:title" content="Rates rise">'
    '<meta property="og:image" content="/img/rates.png"></head><body>...</body></html>'
)
SECRETS = '<html><head><title>AccessKeyId AKIAEXAMPLE</title></head></html>'


def resolve(host: str, port: int) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        return DNS.get(host, [])


Handler = Callable[[httpx.Request], httpx.Response]


class Web:
    """The internet and our VPC as the bot would see them; every request is recorded."""

    def __init__(self, redirects: dict[str, str]) -> None:
        self.redirects = redirects
        self.requests: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        self.requests.append(url)
        if url in self.redirects:
            return httpx.Response(302, headers={"Location": self.redirects[url]})
        html = STORY if request.url.host in ("news.example.com", "sho.rt") else SECRETS
        return httpx.Response(200, text=html, headers={"Content-Type": "text/html; charset=utf-8"})

    def internal_requests(self) -> list[str]:
        hosts = {"news.example.com", "sho.rt"}
        return [u for u in self.requests if httpx.URL(u).host not in hosts]


def fetcher(web: Web) -> PageFetcher:
    settings = PreviewSettings()
    client = httpx.Client(transport=httpx.MockTransport(web), follow_redirects=False)
    return PageFetcher(client, EgressGuard(settings, resolve), settings)


def test_previews_a_page_after_a_redirect() -> None:
    web = Web({"https://sho.rt/x1": "https://news.example.com/story"})
    service = build_service(PreviewSettings(), resolve, httpx.MockTransport(web))
    [preview] = service.previews("look: https://sho.rt/x1.")
    assert preview.final_url == "https://news.example.com/story"
    assert preview.meta.title == "Rates rise"
    assert preview.meta.image_url == "https://news.example.com/img/rates.png"


def test_a_cached_preview_is_not_fetched_again() -> None:
    web = Web({})
    service = build_service(PreviewSettings(), resolve, httpx.MockTransport(web))
    service.previews("https://news.example.com/story")
    service.previews("again https://news.example.com/story")
    assert web.requests == ["https://news.example.com/story"]


def test_links_in_a_message() -> None:
    text = "see (https://a.example/x), https://a.example/x and http://b.example/y!"
    assert links_in(text, 3) == ["https://a.example/x", "http://b.example/y"]


@pytest.mark.parametrize(
    "link",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://consul.internal.example/v1/kv/",
        "https://mixed.example.net/",
        "http://news.example.com:8500/",
        "ftp://news.example.com/",
    ],
)
def test_a_link_to_an_internal_destination_is_not_fetched(link: str) -> None:
    web = Web({})
    with pytest.raises(BlockedDestination):
        fetcher(web).fetch(link)
    assert web.requests == []


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://consul.internal.example/v1/kv/?recurse",
        "http://[::ffff:127.0.0.1]/admin",
    ],
)
def test_a_redirect_to_an_internal_destination_is_not_followed(target: str) -> None:
    web = Web({"https://news.example.com/story": target})
    with pytest.raises(BlockedDestination):
        fetcher(web).fetch("https://news.example.com/story")
    assert web.internal_requests() == [], "the bot followed a redirect into our network"


def test_a_second_hop_into_the_network_is_not_followed_either() -> None:
    web = Web(
        {
            "https://sho.rt/abc": "https://news.example.com/moved",
            "https://news.example.com/moved": "http://10.0.3.12:80/v1/agent/self",
        }
    )
    with pytest.raises(BlockedDestination):
        fetcher(web).fetch("https://sho.rt/abc")
    assert web.internal_requests() == []


def test_no_preview_leaks_an_internal_page_into_the_channel() -> None:
    web = Web({"https://sho.rt/meta": "http://169.254.169.254/latest/meta-data/"})
    service = build_service(PreviewSettings(), resolve, httpx.MockTransport(web))
    assert service.previews("funny cat https://sho.rt/meta") == []
    assert web.internal_requests() == []


def test_too_many_redirects() -> None:
    loop = {f"https://sho.rt/{i}": f"https://sho.rt/{i + 1}" for i in range(10)}
    with pytest.raises(PreviewError):
        fetcher(Web(loop)).fetch("https://sho.rt/0")
