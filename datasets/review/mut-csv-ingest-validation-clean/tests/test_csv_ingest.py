from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from ingest.transactions import (
    IngestResult,
    MissingColumnsError,
    RowError,
    Transaction,
    ingest_transactions,
)

HEADER = "transaction_id,account_id,amount,currency,booked_at"


def csv_of(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


def error_locations(result: IngestResult) -> list[tuple[int, str]]:
    return [(error.row_number, error.field) for error in result.errors]


def test_valid_rows_become_typed_transactions() -> None:
    result = ingest_transactions(csv_of(
        "t1,ACC-1,12.50,EUR,2024-05-01T09:30:00+02:00",
        "t2,ACC-2,-3,USD,2024-05-01T10:00:00Z",
    ))
    assert result.errors == []
    assert result.records == [
        Transaction("t1", "ACC-1", Decimal("12.50"), "EUR",
                    datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))),
        Transaction("t2", "ACC-2", Decimal("-3"), "USD", datetime(2024, 5, 1, 10, tzinfo=UTC)),
    ]
    assert all(type(record.amount) is Decimal for record in result.records)
    assert all(record.booked_at.utcoffset() is not None for record in result.records)


def test_amount_is_exact_decimal_not_float() -> None:
    result = ingest_transactions(csv_of(
        "t1,A,0.10,EUR,2024-05-01T00:00:00Z", "t2,A,0.20,EUR,2024-05-01T00:00:00Z",
    ))
    assert sum(record.amount for record in result.records) == Decimal("0.30")


def test_columns_in_any_order_extra_columns_and_whitespace() -> None:
    header = "memo,booked_at,currency,amount,account_id,transaction_id"
    result = ingest_transactions(csv_of(
        'lunch, 2024-05-01T12:00:00Z , GBP ,  7.25 ," ACC, 9 ", t9 ',
        header=header,
    ))
    assert result.errors == []
    assert result.records == [
        Transaction("t9", "ACC, 9", Decimal("7.25"), "GBP", datetime(2024, 5, 1, 12, tzinfo=UTC)),
    ]


def test_bad_rows_are_reported_and_good_rows_still_ingested() -> None:
    result = ingest_transactions(csv_of(
        "t1,ACC-1,10.00,EUR,2024-05-01T00:00:00Z",
        "t2,ACC-1,ten,EUR,2024-05-01T00:00:00Z",
        "t3,ACC-1,5.00,EUR,2024-05-01T00:00:00Z",
        "t4,,5.00,EUR,2024-05-01T00:00:00Z",
    ))
    assert [record.transaction_id for record in result.records] == ["t1", "t3"]
    assert error_locations(result) == [(3, "amount"), (5, "account_id")]
    assert all(isinstance(error, RowError) and error.message for error in result.errors)


def test_every_invalid_field_is_reported_in_column_order() -> None:
    header = "booked_at,currency,amount,account_id,transaction_id"
    result = ingest_transactions(csv_of("yesterday,euro,1.999,,", header=header))
    assert result.records == []
    assert error_locations(result) == [
        (2, "transaction_id"),
        (2, "account_id"),
        (2, "amount"),
        (2, "currency"),
        (2, "booked_at"),
    ]


@pytest.mark.parametrize("amount", ["", "abc", "NaN", "Infinity", "-inf", "1.234", "1,000.00"])
def test_invalid_amounts(amount: str) -> None:
    result = ingest_transactions(csv_of(f't1,A,"{amount}",EUR,2024-05-01T00:00:00Z'))
    assert result.records == []
    assert error_locations(result) == [(2, "amount")]


@pytest.mark.parametrize("amount", ["0", "-0.01", "1000", "99.9", "12.50"])
def test_valid_amounts(amount: str) -> None:
    result = ingest_transactions(csv_of(f"t1,A,{amount},EUR,2024-05-01T00:00:00Z"))
    assert result.errors == []
    assert result.records[0].amount == Decimal(amount)


@pytest.mark.parametrize("currency", ["", "eur", "EURO", "EU", "E1R"])
def test_invalid_currencies(currency: str) -> None:
    result = ingest_transactions(csv_of(f"t1,A,1.00,{currency},2024-05-01T00:00:00Z"))
    assert error_locations(result) == [(2, "currency")]


@pytest.mark.parametrize("booked_at", ["", "2024-05-01T00:00:00", "2024-05-01", "01/05/2024"])
def test_invalid_or_naive_timestamps(booked_at: str) -> None:
    result = ingest_transactions(csv_of(f"t1,A,1.00,EUR,{booked_at}"))
    assert error_locations(result) == [(2, "booked_at")]


def test_duplicate_of_an_ingested_row_is_an_error_on_the_later_row() -> None:
    result = ingest_transactions(csv_of(
        "t1,A,1.00,EUR,2024-05-01T00:00:00Z",
        "t1,B,2.00,EUR,2024-05-01T00:00:00Z",
    ))
    assert [(r.transaction_id, r.account_id) for r in result.records] == [("t1", "A")]
    assert error_locations(result) == [(3, "transaction_id")]


def test_repeat_of_a_rejected_row_is_accepted() -> None:
    result = ingest_transactions(csv_of(
        "t1,A,oops,EUR,2024-05-01T00:00:00Z",
        "t1,A,1.00,EUR,2024-05-01T00:00:00Z",
    ))
    assert error_locations(result) == [(2, "amount")]
    assert [(r.transaction_id, r.amount) for r in result.records] == [("t1", Decimal("1.00"))]


def test_duplicate_and_other_errors_are_all_reported() -> None:
    result = ingest_transactions(csv_of(
        "t1,A,1.00,EUR,2024-05-01T00:00:00Z",
        "t1,A,1.00,usd,2024-05-01T00:00:00Z",
    ))
    assert error_locations(result) == [(3, "transaction_id"), (3, "currency")]


def test_short_row_treats_missing_cells_as_empty() -> None:
    result = ingest_transactions(csv_of("t1,A,1.00"))
    assert error_locations(result) == [(2, "currency"), (2, "booked_at")]


def test_missing_columns_reject_the_whole_file() -> None:
    with pytest.raises(MissingColumnsError) as info:
        ingest_transactions(csv_of("t1,1.00", header="transaction_id,amount,note"))
    assert isinstance(info.value, ValueError)
    assert info.value.missing == ["account_id", "currency", "booked_at"]


def test_empty_file_is_missing_every_column() -> None:
    with pytest.raises(MissingColumnsError) as info:
        ingest_transactions("")
    assert info.value.missing == [
        "transaction_id", "account_id", "amount", "currency", "booked_at",
    ]


def test_header_only_file_yields_nothing() -> None:
    result = ingest_transactions(HEADER + "\n")
    assert result.records == [] and result.errors == []
