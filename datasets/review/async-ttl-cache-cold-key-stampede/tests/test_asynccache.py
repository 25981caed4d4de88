import asyncio

import pytest

from storefront.asynccache import ttl_cache


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class CatalogueService:
    """Answers after a few event-loop turns, like a network call; counts its calls."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.failures = 0

    async def product(self, sku: str, locale: str = "en") -> dict[str, str]:
        self.calls.append(sku)
        for _ in range(5):
            await asyncio.sleep(0)
        if self.failures:
            self.failures -= 1
            raise ConnectionError("catalogue unavailable")
        return {"sku": sku, "locale": locale, "title": f"Product {sku}"}


def cached(service: CatalogueService, clock: Clock, maxsize: int = 100):  # type: ignore[no-untyped-def]
    return ttl_cache(ttl=60.0, maxsize=maxsize, clock=clock)(service.product)


def test_concurrent_requests_for_a_cold_key_call_the_service_once() -> None:
    service = CatalogueService()
    product = cached(service, Clock())

    async def page() -> list[dict[str, str]]:
        return await asyncio.gather(*(product("SKU-1") for _ in range(20)))

    results = asyncio.run(page())
    assert all(r == {"sku": "SKU-1", "locale": "en", "title": "Product SKU-1"} for r in results)
    assert len(service.calls) == 1, f"{len(service.calls)} calls to the catalogue for one key"


def test_results_are_kept_for_the_ttl() -> None:
    service, clock = CatalogueService(), Clock()
    product = cached(service, clock)

    async def run() -> None:
        await product("SKU-1")
        clock.now += 59
        await product("SKU-1")
        assert service.calls == ["SKU-1"]
        clock.now += 2
        await product("SKU-1")

    asyncio.run(run())
    assert service.calls == ["SKU-1", "SKU-1"]
    assert product.cache_info().hits == 1


def test_least_recently_used_key_is_evicted() -> None:
    service = CatalogueService()
    product = cached(service, Clock(), maxsize=2)

    async def run() -> None:
        for sku in ["A", "B", "A", "C", "A", "B"]:
            await product(sku)

    asyncio.run(run())
    assert service.calls == ["A", "B", "C", "B"]


def test_failures_are_not_cached() -> None:
    service = CatalogueService()
    service.failures = 1
    product = cached(service, Clock())

    async def run() -> dict[str, str]:
        with pytest.raises(ConnectionError):
            await product("SKU-9")
        return await product("SKU-9")

    assert asyncio.run(run())["sku"] == "SKU-9"
    assert service.calls == ["SKU-9", "SKU-9"]


def test_arguments_are_part_of_the_key_and_invalidate_forgets_one() -> None:
    service = CatalogueService()
    product = cached(service, Clock())

    async def run() -> None:
        assert (await product("SKU-1", locale="de"))["locale"] == "de"
        assert (await product("SKU-1"))["locale"] == "en"
        await product("SKU-1", locale="de")
        product.invalidate("SKU-1", locale="de")
        await product("SKU-1", locale="de")

    asyncio.run(run())
    assert service.calls == ["SKU-1", "SKU-1", "SKU-1"]
