"""Search-as-you-type suggestions for the storefront's search box.

Every storefront node keeps a local SQLite copy of the catalogue (about 400,000 products),
refreshed by the catalogue sync. The search box's endpoint calls `suggest` on every keystroke
once two characters are typed. Names that start with the typed text come first, then names with
a later word starting with it; within each group the most popular products come first.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass

MIN_QUERY_LENGTH = 2
MAX_SUGGESTIONS = 10

SCHEMA = """
CREATE TABLE IF NOT EXISTS products (
    id INTEGER PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    popularity INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE VIRTUAL TABLE IF NOT EXISTS product_words
    USING fts5(name, tokenize = 'unicode61 remove_diacritics 2');
"""


@dataclass(frozen=True)
class Suggestion:
    sku: str
    name: str


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name or query ("Crème" -> "creme")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _word_prefixes(term: str) -> str:
    """An FTS5 query matching names with a word starting with each typed word."""
    return " ".join('"' + word.replace('"', '""') + '"*' for word in term.split())


class ProductSuggestions:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self._connection.executescript(SCHEMA)

    def index(self, sku: str, name: str, popularity: int, active: bool = True) -> None:
        """Add or update a product (called by the catalogue sync)."""
        with self._connection:
            (product_id,) = self._connection.execute(
                "INSERT INTO products (sku, name, name_folded, popularity, active) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (sku) DO UPDATE SET name = excluded.name, "
                "name_folded = excluded.name_folded, popularity = excluded.popularity, "
                "active = excluded.active RETURNING id",
                (sku, name, fold(name), popularity, int(active)),
            ).fetchone()
            self._connection.execute("DELETE FROM product_words WHERE rowid = ?", (product_id,))
            self._connection.execute(
                "INSERT INTO product_words (rowid, name) VALUES (?, ?)", (product_id, name)
            )

    def suggest(self, text: str, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
        term = fold(text)
        if len(term) < MIN_QUERY_LENGTH:
            return []
        limit = max(1, min(limit, MAX_SUGGESTIONS))
        rows = self._connection.execute(
            "SELECT p.sku, p.name "
            "FROM product_words JOIN products AS p ON p.id = product_words.rowid "
            "WHERE product_words MATCH ? AND p.active = 1 "
            "ORDER BY substr(p.name_folded, 1, ?) = ? DESC, p.popularity DESC, p.name LIMIT ?",
            (_word_prefixes(term), len(term), term, limit),
        ).fetchall()
        return [Suggestion(sku, name) for sku, name in rows]

