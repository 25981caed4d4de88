import pytest

from reconcile.statement import (
    OpenInvoice,
    StatementError,
    parse_amount,
    read_statement,
    reconcile,
)

STATEMENT = """booked_on,description,amount,reference
2025-04-02,ACME GMBH,"1,250.00",INV-20417 April retainer
2025-04-02,CARD FEES,-14.90,
2025-04-02,GLOBEX LTD,19.99,Payment INV-20422
2025-04-03,INITECH INV-20430,4.35,
2025-04-03,UNKNOWN SENDER,88.00,thanks
2025-04-03,HOOLI,500.00,INV-20433
"""

INVOICES = [
    OpenInvoice("INV-20417", "Acme GmbH", 125_000),
    OpenInvoice("INV-20422", "Globex Ltd", 1_999),
    OpenInvoice("INV-20430", "Initech", 435),
    OpenInvoice("INV-20433", "Hooli", 50_500),
]


def test_statement_is_parsed() -> None:
    lines = read_statement(STATEMENT.splitlines(keepends=True))
    assert [line.amount_cents for line in lines[:2]] == [125_000, -1_490]
    assert lines[0].reference == "INV-20417 April retainer"


@pytest.mark.parametrize(
    ("text", "cents"),
    [("0.29", 29), ("4.35", 435), ("19.99", 1_999), ("1,019.99", 101_999), ("12.5", 1_250),
     ("-0.57", -57), ("100", 10_000)],
)
def test_amounts_are_exact_to_the_cent(text: str, cents: int) -> None:
    assert parse_amount(text) == cents


def test_malformed_amounts_are_rejected() -> None:
    for text in ("12.345", "1e3", "abc", ""):
        with pytest.raises(StatementError):
            parse_amount(text)


def test_transfers_pay_the_invoices_they_name() -> None:
    result = reconcile(read_statement(STATEMENT.splitlines(keepends=True)), INVOICES)
    assert sorted(result.paid) == ["INV-20417", "INV-20422", "INV-20430"]
    assert [(line.description, inv.number) for line, inv in result.wrong_amount] == [
        ("HOOLI", "INV-20433")
    ]
    assert [line.description for line in result.unmatched] == ["UNKNOWN SENDER"]
