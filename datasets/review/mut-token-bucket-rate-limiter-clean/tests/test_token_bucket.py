import pytest
from fastapi.testclient import TestClient
from ratelimit.api import create_app
from ratelimit.bucket import TokenBucket


class FakeClock:
    def __init__(self, now: float = 100.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def drain(bucket: TokenBucket) -> int:
    taken = 0
    while bucket.try_acquire():
        taken += 1
    return taken


def test_bucket_starts_full_and_allows_a_burst_of_capacity() -> None:
    bucket = TokenBucket(capacity=3, refill_rate=1, clock=FakeClock())
    assert [bucket.try_acquire() for _ in range(4)] == [True, True, True, False]


def test_tokens_refill_continuously_including_fractions() -> None:
    clock = FakeClock()
    bucket = TokenBucket(capacity=4, refill_rate=2, clock=clock)
    drain(bucket)
    clock.advance(0.25)  # half a token
    assert bucket.try_acquire() is False
    clock.advance(0.25)
    assert bucket.try_acquire() is True
    assert bucket.try_acquire() is False


def test_refill_never_exceeds_capacity() -> None:
    clock = FakeClock()
    bucket = TokenBucket(capacity=2, refill_rate=10, clock=clock)
    bucket.try_acquire()
    clock.advance(3600)
    assert drain(bucket) == 2


def test_failed_acquire_takes_nothing() -> None:
    clock = FakeClock()
    bucket = TokenBucket(capacity=5, refill_rate=1, clock=clock)
    assert bucket.try_acquire(3) is True
    assert bucket.try_acquire(3) is False  # only 2 left: must not consume them
    assert bucket.try_acquire(2) is True
    assert bucket.try_acquire(0.5) is False


def test_wait_time_reports_seconds_until_tokens_without_taking_them() -> None:
    clock = FakeClock()
    bucket = TokenBucket(capacity=4, refill_rate=2, clock=clock)
    assert bucket.wait_time(4) == 0.0
    drain(bucket)
    assert bucket.wait_time() == pytest.approx(0.5)
    clock.advance(0.5)
    assert bucket.wait_time(3) == pytest.approx(1.0)
    assert bucket.wait_time(1) == 0.0
    assert bucket.try_acquire(1) is True


@pytest.mark.parametrize("bad_n", [0, -1, 5])
def test_impossible_requests_raise(bad_n: float) -> None:
    bucket = TokenBucket(capacity=4, refill_rate=1, clock=FakeClock())
    with pytest.raises(ValueError):
        bucket.try_acquire(bad_n)
    with pytest.raises(ValueError):
        bucket.wait_time(bad_n)


@pytest.mark.parametrize(("capacity", "rate"), [(0, 1), (-1, 1), (5, 0), (5, -2)])
def test_invalid_configuration_raises(capacity: float, rate: float) -> None:
    with pytest.raises(ValueError):
        TokenBucket(capacity=capacity, refill_rate=rate, clock=FakeClock())


def test_ping_is_served_until_the_bucket_is_empty() -> None:
    client = TestClient(create_app(capacity=2, refill_rate=1, clock=FakeClock()))
    headers = {"X-API-Key": "client-a"}
    for _ in range(2):
        response = client.get("/ping", headers=headers)
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}

    limited = client.get("/ping", headers=headers)
    assert limited.status_code == 429
    assert limited.json() == {"detail": "rate limit exceeded"}
    assert limited.headers["Retry-After"] == "1"


def test_retry_after_is_the_wait_rounded_up_to_whole_seconds() -> None:
    clock = FakeClock()
    client = TestClient(create_app(capacity=2, refill_rate=0.5, clock=clock))
    headers = {"X-API-Key": "client-a"}
    client.get("/ping", headers=headers)
    client.get("/ping", headers=headers)

    assert client.get("/ping", headers=headers).headers["Retry-After"] == "2"
    clock.advance(0.5)  # 1.5 s still to wait
    assert client.get("/ping", headers=headers).headers["Retry-After"] == "2"
    clock.advance(1.0)  # 0.5 s still to wait
    assert client.get("/ping", headers=headers).headers["Retry-After"] == "1"
    clock.advance(0.5)
    assert client.get("/ping", headers=headers).status_code == 200


def test_each_api_key_has_its_own_bucket() -> None:
    client = TestClient(create_app(capacity=1, refill_rate=1, clock=FakeClock()))
    assert client.get("/ping", headers={"X-API-Key": "a"}).status_code == 200
    assert client.get("/ping", headers={"X-API-Key": "a"}).status_code == 429
    assert client.get("/ping", headers={"X-API-Key": "b"}).status_code == 200


def test_missing_api_key_is_rejected_with_401() -> None:
    client = TestClient(create_app(capacity=1, refill_rate=1, clock=FakeClock()))
    response = client.get("/ping")
    assert response.status_code == 401
    assert response.json() == {"detail": "missing API key"}


def test_apps_do_not_share_buckets() -> None:
    clock = FakeClock()
    first = TestClient(create_app(capacity=1, refill_rate=1, clock=clock))
    second = TestClient(create_app(capacity=1, refill_rate=1, clock=clock))
    assert first.get("/ping", headers={"X-API-Key": "a"}).status_code == 200
    assert second.get("/ping", headers={"X-API-Key": "a"}).status_code == 200
