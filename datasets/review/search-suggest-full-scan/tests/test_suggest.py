import sqlite3

import pytest

from storefront.suggest import ProductSuggestions, Suggestion


class RowCounter:
    """Counts the rows SQLite returns for SELECT statements run on the connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.rows = 0
        connection.row_factory = self._row

    def _row(self, cursor: sqlite3.Cursor, row: tuple[object, ...]) -> tuple[object, ...]:
        self.rows += 1
        return row


@pytest.fixture
def connection() -> sqlite3.Connection:
    return sqlite3.connect(":memory:")


@pytest.fixture
def catalogue(connection: sqlite3.Connection) -> ProductSuggestions:
    catalogue = ProductSuggestions(connection)
    for sku, name, popularity in [
        ("TS-1", "T-Shirt navy", 900),
        ("SH-1", "Shorts khaki", 300),
        ("SH-2", "Shoe rack", 700),
        ("BS-1", "Bath sheet", 800),
        ("CB-1", "Crème brûlée set", 50),
        ("OLD-1", "Shower curtain", 999),
    ]:
        catalogue.index(sku, name, popularity)
    catalogue.index("OLD-1", "Shower curtain", 999, active=False)
    return catalogue


def test_names_starting_with_the_text_come_first(catalogue: ProductSuggestions) -> None:
    assert [s.sku for s in catalogue.suggest("sh")] == ["SH-2", "SH-1", "TS-1", "BS-1"]
    assert catalogue.suggest("SH", limit=2) == [
        Suggestion("SH-2", "Shoe rack"), Suggestion("SH-1", "Shorts khaki")
    ]


def test_accents_case_and_short_queries(catalogue: ProductSuggestions) -> None:
    assert [s.sku for s in catalogue.suggest("CREME bru")] == ["CB-1"]
    assert catalogue.suggest("s") == []
    assert catalogue.suggest('"') == []


def test_a_keystroke_reads_only_the_suggestions_it_returns(
    catalogue: ProductSuggestions, connection: sqlite3.Connection
) -> None:
    for n in range(3_000):
        catalogue.index(f"GEN-{n}", f"Shirt model {n}", n % 97)
    counter = RowCounter(connection)
    suggestions = catalogue.suggest("sh")
    assert len(suggestions) == 10 and suggestions[0].sku == "SH-2"
    assert counter.rows <= 50, f"{counter.rows} rows read from the catalogue for one keystroke"
