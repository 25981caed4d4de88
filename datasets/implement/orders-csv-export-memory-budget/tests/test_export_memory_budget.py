"""The memory budget: Python's peak traced memory during the export stays under 1 MB, and does
not grow with the number of orders. The output must stay the same as before."""

import tracemalloc

from export_fixtures import DigestSink, expected_export, fill, new_database

from reports.export import export_orders_csv

BUDGET_BYTES = 1_000_000


def export_peak(orders: int, customers: int) -> tuple[int, int, DigestSink]:
    """(rows written, peak bytes traced during the export, what it wrote)."""
    connection = new_database()
    fill(connection, orders, customers)
    sink = DigestSink()
    tracemalloc.start()
    try:
        written = export_orders_csv(connection, sink)  # type: ignore[arg-type]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        connection.close()
    return written, peak, sink


def test_large_export_stays_under_budget_and_is_unchanged() -> None:
    expected = expected_export(40_000, 2_000)

    written, peak, sink = export_peak(40_000, 2_000)

    assert peak < BUDGET_BYTES, f"peak {peak} bytes"
    assert written == 40_000
    assert sink.characters == expected.characters
    assert sink.digest.hexdigest() == expected.digest.hexdigest()


def test_many_customers_stay_under_budget() -> None:
    expected = expected_export(2_000, 30_000)

    written, peak, sink = export_peak(2_000, 30_000)

    assert peak < BUDGET_BYTES, f"peak {peak} bytes"
    assert written == 2_000
    assert sink.digest.hexdigest() == expected.digest.hexdigest()


def test_memory_does_not_grow_with_the_number_of_orders() -> None:
    # Both sizes are above any batch that fits the budget, so batched reads are flat too.
    _, small_peak, _ = export_peak(8_000, 1_000)
    _, large_peak, _ = export_peak(24_000, 1_000)

    assert large_peak - small_peak < 100_000, (small_peak, large_peak)
