from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pipeline.dedup import Customer, RejectedRow, UnsortedInputError, latest_customers


def row(
    customer_id: object, email: object, updated_at: object, **extra: object
) -> dict[str, object]:
    return {"customer_id": customer_id, "email": email, "updated_at": updated_at, **extra}


def run(rows: list[dict[str, object]]) -> tuple[list[Customer], list[RejectedRow]]:
    rejected: list[RejectedRow] = []
    customers = list(latest_customers(rows, rejected.append))
    return customers, rejected


class CountingRows:
    """An iterable that counts how many rows the pipeline has pulled."""

    def __init__(self, rows: list[dict[str, object]]) -> None:
        self.rows = rows
        self.pulled = 0

    def __iter__(self) -> Iterator[Mapping[str, object]]:
        for item in self.rows:
            self.pulled += 1
            yield item


def test_keeps_latest_version_regardless_of_row_order() -> None:
    customers, rejected = run([
        row("c1", "old@example.com", "2024-03-01T10:00:00+00:00"),
        row("c1", "newest@example.com", "2024-03-03T10:00:00+00:00"),
        row("c1", "middle@example.com", "2024-03-02T10:00:00+00:00"),
    ])
    assert rejected == []
    assert customers == [
        Customer("c1", "newest@example.com", datetime(2024, 3, 3, 10, tzinfo=UTC)),
    ]


def test_one_customer_per_id_in_input_order() -> None:
    customers, _ = run([
        row("a", "a1@x.io", "2024-01-01T00:00:00Z"),
        row("a", "a2@x.io", "2024-01-02T00:00:00Z"),
        row("b", "b1@x.io", "2024-01-01T00:00:00Z"),
        row("c", "c1@x.io", "2024-01-05T00:00:00Z"),
        row("c", "c0@x.io", "2024-01-04T00:00:00Z"),
    ])
    assert [(c.customer_id, c.email) for c in customers] == [
        ("a", "a2@x.io"), ("b", "b1@x.io"), ("c", "c1@x.io"),
    ]


def test_compares_instants_across_utc_offsets() -> None:
    customers, _ = run([
        row("c1", "utc@example.com", "2024-06-01T09:00:00Z"),
        row("c1", "paris@example.com", "2024-06-01T10:00:00+02:00"),
    ])
    assert customers[0].email == "utc@example.com"
    assert customers[0].updated_at == datetime(2024, 6, 1, 9, tzinfo=UTC)
    assert customers[0].updated_at.utcoffset() is not None


def test_tie_on_the_same_instant_goes_to_the_later_row() -> None:
    customers, _ = run([
        row("c1", "first@example.com", "2024-06-01T12:00:00+00:00"),
        row("c1", "second@example.com", "2024-06-01T14:00:00+02:00"),
    ])
    assert customers[0].email == "second@example.com"
    assert customers[0].updated_at == datetime(
        2024, 6, 1, 14, tzinfo=timezone(timedelta(hours=2))
    )


@pytest.mark.parametrize(
    ("bad_row", "field"),
    [
        (row("", "a@x.io", "2024-01-01T00:00:00Z"), "customer_id"),
        (row(17, "a@x.io", "2024-01-01T00:00:00Z"), "customer_id"),
        ({"email": "a@x.io", "updated_at": "2024-01-01T00:00:00Z"}, "customer_id"),
        (row("c1", "no-at-sign", "2024-01-01T00:00:00Z"), "email"),
        (row("c1", "two@@x.io", "2024-01-01T00:00:00Z"), "email"),
        (row("c1", "@x.io", "2024-01-01T00:00:00Z"), "email"),
        (row("c1", "a@", "2024-01-01T00:00:00Z"), "email"),
        (row("c1", None, "2024-01-01T00:00:00Z"), "email"),
        (row("c1", "a@x.io", "2024-01-01T00:00:00"), "updated_at"),
        (row("c1", "a@x.io", "yesterday"), "updated_at"),
        (row("c1", "a@x.io", 1704067200), "updated_at"),
        ({"customer_id": "c1", "email": "a@x.io"}, "updated_at"),
    ],
)
def test_invalid_rows_are_rejected_with_the_field_named(
    bad_row: dict[str, object], field: str
) -> None:
    good = row("c9", "ok@x.io", "2024-01-01T00:00:00Z")
    customers, rejected = run([bad_row, good])
    assert [c.customer_id for c in customers] == ["c9"]
    assert len(rejected) == 1
    assert rejected[0].row is bad_row
    assert field in rejected[0].reason


def test_rejected_rows_do_not_win_dedup_or_break_grouping() -> None:
    customers, rejected = run([
        row("a", "a1@x.io", "2024-01-01T00:00:00Z"),
        row("a", "broken", "2099-01-01T00:00:00Z"),
        row("0-invalid", "z@x.io", "not-a-date"),
        row("a", "a2@x.io", "2024-01-02T00:00:00Z"),
        row("b", "b@x.io", "2024-01-01T00:00:00Z"),
    ])
    assert [(c.customer_id, c.email) for c in customers] == [("a", "a2@x.io"), ("b", "b@x.io")]
    assert len(rejected) == 2


def test_extra_keys_are_ignored() -> None:
    customers, rejected = run([row("c1", "a@x.io", "2024-01-01T00:00:00Z", plan="pro")])
    assert rejected == []
    assert customers == [Customer("c1", "a@x.io", datetime(2024, 1, 1, tzinfo=UTC))]


def test_unsorted_input_raises_when_the_row_is_reached() -> None:
    rows = [
        row("k-001", "a@x.io", "2024-01-01T00:00:00Z"),
        row("k-003", "c@x.io", "2024-01-01T00:00:00Z"),
        row("k-002", "b@x.io", "2024-01-01T00:00:00Z"),
    ]
    output = latest_customers(rows, lambda rejected: None)
    assert next(output).customer_id == "k-001"
    with pytest.raises(UnsortedInputError) as info:
        next(output)
    assert isinstance(info.value, ValueError)
    assert "k-002" in str(info.value) and "k-003" in str(info.value)


def test_calling_does_not_read_input() -> None:
    source = CountingRows([row("a", "a@x.io", "2024-01-01T00:00:00Z")])
    latest_customers(source, lambda rejected: None)
    assert source.pulled == 0


def test_yields_each_customer_as_soon_as_the_next_one_starts() -> None:
    source = CountingRows([
        row("a", "a1@x.io", "2024-01-01T00:00:00Z"),
        row("a", "a2@x.io", "2024-01-02T00:00:00Z"),
        row("b", "b1@x.io", "2024-01-01T00:00:00Z"),
        row("b", "b2@x.io", "2024-01-03T00:00:00Z"),
        row("c", "c1@x.io", "2024-01-01T00:00:00Z"),
    ])
    output = latest_customers(source, lambda rejected: None)

    assert next(output).email == "a2@x.io"
    assert source.pulled == 3
    assert next(output).email == "b2@x.io"
    assert source.pulled == 5
    assert next(output).email == "c1@x.io"
    assert next(output, None) is None


def test_works_on_a_one_shot_iterator_and_empty_input() -> None:
    assert run([])[0] == []
    rows = iter([row("a", "a@x.io", "2024-01-01T00:00:00Z")])
    assert [c.customer_id for c in latest_customers(rows, lambda rejected: None)] == ["a"]
