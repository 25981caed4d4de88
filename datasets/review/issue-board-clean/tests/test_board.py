import sqlite3

import pytest

from tracker.board import BoardQueries, Card


class CountingConnection:
    """Counts SELECT statements sent to SQLite on one connection."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.selects = 0
        connection.set_trace_callback(self._trace)

    def _trace(self, statement: str) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            self.selects += 1


@pytest.fixture
def connection() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    BoardQueries(connection)  # creates the schema
    connection.executemany("INSERT INTO users (id, name) VALUES (?, ?)", [(1, "Ada"), (2, "Alan")])
    for issue_id in range(1, 41):
        assignee = None if issue_id % 5 == 0 else 1 + issue_id % 2
        connection.execute(
            "INSERT INTO issues (id, project_id, title, status, assignee_id) VALUES (?, 1, ?, ?, ?)",
            (issue_id, f"Issue {issue_id}", "todo" if issue_id % 3 else "done", assignee),
        )
        if issue_id % 4 == 0:
            connection.executemany(
                "INSERT INTO issue_labels (issue_id, label) VALUES (?, ?)",
                [(issue_id, "bug"), (issue_id, "api")],
            )
    connection.execute(
        "INSERT INTO issues (id, project_id, title, status, assignee_id) "
        "VALUES (99, 2, 'Other project', 'todo', 1)"
    )
    connection.execute("INSERT INTO issue_labels (issue_id, label) VALUES (99, 'secret')")
    connection.commit()
    return connection


def test_cards_carry_assignee_and_sorted_labels(connection: sqlite3.Connection) -> None:
    cards = BoardQueries(connection).cards(1)
    assert len(cards) == 40
    assert cards[3] == Card(4, "Issue 4", "todo", "Ada", ("api", "bug"))
    assert cards[4] == Card(5, "Issue 5", "todo", None, ())
    assert cards[5] == Card(6, "Issue 6", "done", "Ada", ())
    assert all("secret" not in card.labels for card in cards)


def test_empty_project_has_no_cards(connection: sqlite3.Connection) -> None:
    assert BoardQueries(connection).cards(7) == []


def test_query_count_does_not_grow_with_the_board(connection: sqlite3.Connection) -> None:
    board = BoardQueries(connection)
    counter = CountingConnection(connection)
    board.cards(1)
    assert counter.selects <= 3, f"{counter.selects} queries to render a board of 40 cards"
