import sqlite3

import pytest

from helpdesk.tickets import Ticket, TicketQueries


@pytest.fixture
def queries() -> TicketQueries:
    repo = TicketQueries(sqlite3.connect(":memory:"))
    repo.open_ticket(1, "Login broken", "high", "ada")
    repo.open_ticket(1, "Typo on invoice", "low", None)
    repo.open_ticket(1, "Export slow", "high", "alan")
    repo.open_ticket(2, "Other workspace secret", "high", "grace")
    return repo


def filter_or_reject(queries: TicketQueries, filters: dict[str, str]) -> list[Ticket]:
    """A hostile filter may be rejected with an error or match nothing; both are safe."""
    try:
        return queries.filter(1, filters)
    except (ValueError, LookupError, PermissionError):
        return []


def test_filters_by_known_fields(queries: TicketQueries) -> None:
    found = queries.filter(1, {"priority": "high"})
    assert [t.subject for t in found] == ["Login broken", "Export slow"]
    found = queries.filter(1, {"priority": "high", "assignee": "alan"})
    assert [t.subject for t in found] == ["Export slow"]


def test_no_filters_lists_workspace_tickets(queries: TicketQueries) -> None:
    assert [t.workspace_id for t in queries.filter(1, {})] == [1, 1, 1]


def test_filter_value_is_literal(queries: TicketQueries) -> None:
    assert queries.filter(1, {"status": "open' OR '1'='1"}) == []


def test_field_name_cannot_widen_the_query(queries: TicketQueries) -> None:
    found = filter_or_reject(queries, {"1=1 OR status": "open"})
    assert all(t.workspace_id == 1 for t in found), "tickets of another workspace were returned"


def test_field_name_cannot_read_other_columns(queries: TicketQueries) -> None:
    payload = "0 OR subject LIKE '%secret%' AND status"
    found = filter_or_reject(queries, {payload: "open"})
    assert [t.subject for t in found if t.workspace_id != 1] == []
