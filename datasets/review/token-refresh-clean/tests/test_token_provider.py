import asyncio

from oauth.tokens import TokenProvider


class FakeIdentityServer:
    """Issues numbered tokens; each request takes a few event-loop turns, like real I/O."""

    def __init__(self) -> None:
        self.issued = 0

    async def fetch(self) -> tuple[str, float]:
        for _ in range(3):
            await asyncio.sleep(0)
        self.issued += 1
        return f"token-{self.issued}", 3600.0


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_token_is_cached_between_calls() -> None:
    server, clock = FakeIdentityServer(), FakeClock()
    provider = TokenProvider(server.fetch, clock)

    async def scenario() -> list[str]:
        return [await provider.get(), await provider.get()]

    assert asyncio.run(scenario()) == ["token-1", "token-1"]
    assert server.issued == 1


def test_expired_token_is_refreshed() -> None:
    server, clock = FakeIdentityServer(), FakeClock()
    provider = TokenProvider(server.fetch, clock)
    assert asyncio.run(provider.get()) == "token-1"
    clock.now += 3600
    assert asyncio.run(provider.get()) == "token-2"


def test_concurrent_callers_share_one_refresh() -> None:
    server, clock = FakeIdentityServer(), FakeClock()
    provider = TokenProvider(server.fetch, clock)

    async def scenario() -> list[str]:
        return list(await asyncio.gather(*(provider.get() for _ in range(5))))

    tokens = asyncio.run(scenario())
    assert server.issued == 1, f"{server.issued} token requests for one expiry"
    assert tokens == ["token-1"] * 5
