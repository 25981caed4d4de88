import logging
from datetime import date

import pytest

from payments.checkout import (
    Authorisation,
    CardDetails,
    CardRejected,
    CheckoutPayments,
    PaymentAttempt,
    ProcessorUnavailable,
    luhn_valid,
)

NUMBER = "4242424242424242"
CVC = "987"
CARD = CardDetails(NUMBER, 11, 2031, CVC, "Ada Lovelace")
TODAY = date(2025, 3, 14)


class FakeProcessor:
    def __init__(self, answer: Authorisation | None) -> None:
        self.answer = answer
        self.attempts: list[PaymentAttempt] = []

    def authorise(self, attempt: PaymentAttempt) -> Authorisation:
        self.attempts.append(attempt)
        if self.answer is None:
            raise ProcessorUnavailable("timeout")
        return self.answer


def payments(answer: Authorisation | None) -> CheckoutPayments:
    return CheckoutPayments(FakeProcessor(answer), lambda: TODAY, lambda: "att_1")


def everything_logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)


def test_approved_payment() -> None:
    result = payments(Authorisation(True, "A1B2")).pay("ord_9", 2599, "EUR", CARD)
    assert (result.status, result.authorisation_code) == ("authorised", "A1B2")


def test_processor_receives_the_card() -> None:
    service = payments(Authorisation(True, "A1B2"))
    service.pay("ord_9", 2599, "EUR", CARD)
    assert service._processor.attempts[0].card == CARD  # type: ignore[attr-defined]


def test_unavailable_processor_asks_for_a_retry() -> None:
    assert payments(None).pay("ord_9", 2599, "EUR", CARD).status == "retry"


def test_invalid_cards_are_rejected_before_the_processor() -> None:
    expired = CardDetails(NUMBER, 2, 2025, CVC, "Ada Lovelace")
    for card in (expired, CardDetails("4242424242424241", 11, 2031, CVC, "A")):
        with pytest.raises(CardRejected):
            payments(Authorisation(True)).pay("ord_9", 2599, "EUR", card)
    payments(Authorisation(True)).pay("ord_9", 2599, "EUR", CardDetails(NUMBER, 3, 2025, CVC, "A"))


def test_luhn() -> None:
    assert luhn_valid("4242424242424242") and luhn_valid("5555555555554444")
    assert not luhn_valid("4242424242424243") and not luhn_valid("4242-4242")


def test_a_decline_is_logged_without_card_data(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    result = payments(Authorisation(False, decline_code="do_not_honor")).pay(
        "ord_9", 2599, "EUR", CARD
    )
    assert (result.status, result.decline_code) == ("declined", "do_not_honor")
    declines = [r for r in caplog.records if "do_not_honor" in r.getMessage()]
    assert declines and all(r.levelno == logging.WARNING for r in declines)
    assert "att_1" in declines[0].getMessage()
    logged = everything_logged(caplog)
    assert NUMBER not in logged, "the full card number was written to the log"
    assert CVC not in logged, "the security code was written to the log"


def test_every_outcome_logs_no_card_data(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    for answer in (Authorisation(True, "A1B2"), None, Authorisation(False, decline_code="05")):
        payments(answer).pay("ord_9", 2599, "EUR", CARD)
    logged = everything_logged(caplog)
    assert NUMBER not in logged and CVC not in logged
    assert "4242" in logged  # the last four digits are fine, and useful
