from dataclasses import dataclass, field

import pytest

from profiles.cache import CachedProfileRepository
from profiles.ports import Profile

TTL = 30.0
ANN = Profile(user_id=1, display_name="Ann", bio="Likes caches")
BOB = Profile(user_id=2, display_name="Bob")


class StorageDown(Exception):
    pass


@dataclass
class CountingRepository:
    """In-memory repository that counts reads and can be told to fail writes."""

    profiles: dict[int, Profile] = field(default_factory=dict)
    reads: list[int] = field(default_factory=list)
    fail_writes: bool = False

    def get(self, user_id: int) -> Profile | None:
        self.reads.append(user_id)
        return self.profiles.get(user_id)

    def save(self, profile: Profile) -> None:
        if self.fail_writes:
            raise StorageDown("write failed")
        self.profiles[profile.user_id] = profile

    def delete(self, user_id: int) -> None:
        if self.fail_writes:
            raise StorageDown("delete failed")
        self.profiles.pop(user_id, None)


@dataclass
class FakeClock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def inner() -> CountingRepository:
    return CountingRepository(profiles={ANN.user_id: ANN, BOB.user_id: BOB})


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def cache(inner: CountingRepository, clock: FakeClock) -> CachedProfileRepository:
    return CachedProfileRepository(inner, ttl_seconds=TTL, clock=clock)


def test_repeated_reads_within_ttl_hit_inner_once(
    cache: CachedProfileRepository, inner: CountingRepository, clock: FakeClock
) -> None:
    assert cache.get(1) == ANN
    clock.now += TTL - 0.001

    assert cache.get(1) == ANN
    assert inner.reads == [1]


def test_each_user_is_cached_separately(
    cache: CachedProfileRepository, inner: CountingRepository
) -> None:
    assert (cache.get(1), cache.get(2), cache.get(1), cache.get(2)) == (ANN, BOB, ANN, BOB)

    assert sorted(inner.reads) == [1, 2]


def test_entry_expires_exactly_at_ttl_and_rereads(
    cache: CachedProfileRepository, inner: CountingRepository, clock: FakeClock
) -> None:
    cache.get(1)
    renamed = Profile(1, "Ann Smith")
    inner.profiles[1] = renamed  # changed behind the cache's back
    clock.now += TTL

    assert cache.get(1) == renamed
    assert inner.reads == [1, 1]


def test_ttl_restarts_when_entry_is_reread(
    cache: CachedProfileRepository, inner: CountingRepository, clock: FakeClock
) -> None:
    cache.get(1)
    clock.now += TTL + 5
    cache.get(1)
    clock.now += TTL - 1

    cache.get(1)

    assert inner.reads == [1, 1]


def test_missing_profile_is_cached_as_none(
    cache: CachedProfileRepository, inner: CountingRepository, clock: FakeClock
) -> None:
    assert cache.get(99) is None
    clock.now += 10
    assert cache.get(99) is None

    assert inner.reads == [99]


def test_save_writes_through_and_next_get_sees_it(
    cache: CachedProfileRepository, inner: CountingRepository
) -> None:
    cache.get(1)
    updated = Profile(1, "Ann", bio="Now likes TTLs")

    cache.save(updated)

    assert inner.profiles[1] == updated
    assert cache.get(1) == updated
    assert inner.reads == [1, 1]


def test_save_replaces_a_cached_not_found(
    cache: CachedProfileRepository, inner: CountingRepository
) -> None:
    assert cache.get(3) is None
    carol = Profile(3, "Carol")

    cache.save(carol)

    assert cache.get(3) == carol


def test_save_leaves_other_users_cached(
    cache: CachedProfileRepository, inner: CountingRepository
) -> None:
    cache.get(1)
    cache.get(2)

    cache.save(Profile(1, "Ann v2"))
    cache.get(2)

    assert inner.reads.count(2) == 1


def test_delete_writes_through_and_next_get_finds_nothing(
    cache: CachedProfileRepository, inner: CountingRepository
) -> None:
    assert cache.get(2) == BOB

    cache.delete(2)

    assert 2 not in inner.profiles
    assert cache.get(2) is None
    assert inner.reads == [2, 2]


def test_invalidate_forces_a_reread(
    cache: CachedProfileRepository, inner: CountingRepository
) -> None:
    cache.get(1)
    changed_elsewhere = Profile(1, "Ann (edited by admin service)")
    inner.profiles[1] = changed_elsewhere

    cache.invalidate(1)

    assert cache.get(1) == changed_elsewhere
    assert inner.reads == [1, 1]


def test_invalidating_an_uncached_user_is_a_no_op(
    cache: CachedProfileRepository, inner: CountingRepository
) -> None:
    cache.invalidate(42)
    cache.get(1)
    cache.invalidate(42)

    assert cache.get(1) == ANN
    assert inner.reads == [1]


@pytest.mark.parametrize("write", ["save", "delete"])
def test_failed_writes_propagate(
    cache: CachedProfileRepository, inner: CountingRepository, write: str
) -> None:
    inner.fail_writes = True

    with pytest.raises(StorageDown):
        if write == "save":
            cache.save(Profile(1, "Never stored"))
        else:
            cache.delete(1)

    assert cache.get(1) == ANN


@pytest.mark.parametrize("ttl_seconds", [0, -1.5])
def test_non_positive_ttl_is_rejected(
    inner: CountingRepository, clock: FakeClock, ttl_seconds: float
) -> None:
    with pytest.raises(ValueError):
        CachedProfileRepository(inner, ttl_seconds=ttl_seconds, clock=clock)


def test_fractional_ttl_is_honoured(inner: CountingRepository, clock: FakeClock) -> None:
    cache = CachedProfileRepository(inner, ttl_seconds=0.5, clock=clock)
    cache.get(1)
    clock.now += 0.375  # binary fractions keep the float arithmetic exact
    cache.get(1)
    clock.now += 0.125

    cache.get(1)

    assert inner.reads == [1, 1]
