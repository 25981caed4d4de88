"""Differential tests: the refactored service answers every request like the original.

`original/library/` beside this file is a byte copy of the package before the refactor. It is
loaded by file path as a private package (its modules import each other relatively), so it can
never be confused with the answer's `library` package. A seeded generator drives both apps,
each on its own database with the same clock, through the same requests: valid, invalid and
unknown ids. Status codes, JSON bodies and the database rows must agree.
"""

import importlib
import importlib.util
import random
import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from library.api import create_app

ORIGINAL_NAME = "_archbench_original_library"
SCENARIOS = 3
STEPS = 60
TABLES = ("members", "books", "loans", "payments")


def _load_original_api():
    folder = Path(__file__).with_name("original") / "library"
    spec = importlib.util.spec_from_file_location(
        ORIGINAL_NAME, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules[ORIGINAL_NAME] = package
    spec.loader.exec_module(package)
    return importlib.import_module(f"{ORIGINAL_NAME}.api")


ORIGINAL = _load_original_api()

NAMES = ["Ada", " Bo ", "", "   ", None, 7]
EMAILS = ["ada@example.org", "ADA@example.org ", "bo@example.org", "cy@lib.net", "no-at",
          "a@b", "", None]
KINDS = ["adult", "adult", "child", "Adult", None]
ISBNS = ["9780134685991", "978-0-13-468599-1", "0131103628", "013110362X", "12345", "",
         None, "0-262-51087-1"]
TITLES = ["SICP", "  K&R ", "Dune", "", None]
AUTHORS = ["Abelson", " Kernighan ", "herbert", "", 3]
COPIES = [1, 1, 2, 3, 0, -1, True, "2", 1.0]
AMOUNTS = ["1.00", "0.25", "5", "2.5", "0.001", "0", "-1", "abc", "NaN", "1e1", 1, None,
           " 0.50", "10.00", "4.75"]
STATUSES = ["open", "returned", "all", "closed"]


class Pair:
    """The answer's app and the original's, on separate databases, sharing one clock."""

    def __init__(self, folder: Path) -> None:
        self.today = date(2026, 3, 2)
        folder.mkdir()
        self.answer_db, self.original_db = folder / "answer.db", folder / "original.db"
        self.answer = TestClient(create_app(self.answer_db, clock=lambda: self.today))
        self.original = TestClient(ORIGINAL.create_app(self.original_db, clock=lambda: self.today))
        self.statuses: list[int] = []

    def call(self, method: str, url: str, **kwargs):
        expected = self.original.request(method, url, **kwargs)
        actual = self.answer.request(method, url, **kwargs)
        request = (self.today, method, url, kwargs)
        assert actual.status_code == expected.status_code, (request, actual.text, expected.text)
        assert actual.text == expected.text, request
        self.statuses.append(expected.status_code)
        return expected

    def rows(self, db_path: Path) -> dict[str, list[tuple]]:
        conn = sqlite3.connect(db_path)
        try:
            return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}
        finally:
            conn.close()


def some_id(rng: random.Random, upper: int) -> int:
    return rng.choice([rng.randint(1, max(upper, 1)), rng.randint(1, max(upper, 1)), 0, 99])


def step(pair: Pair, rng: random.Random) -> None:
    roll = rng.random()
    if roll < 0.10:
        payload = {"name": rng.choice(NAMES), "email": rng.choice(EMAILS) or f"m{rng.randint(1, 9)}@x.io"}
        if rng.random() < 0.8:
            payload["kind"] = rng.choice(KINDS)
        pair.call("POST", "/members", json=payload)
    elif roll < 0.18:
        payload = {"isbn": rng.choice(ISBNS), "title": rng.choice(TITLES)}
        if rng.random() < 0.6:
            payload["author"] = rng.choice(AUTHORS)
        if rng.random() < 0.6:
            payload["copies"] = rng.choice(COPIES)
        pair.call("POST", "/books", json=payload)
    elif roll < 0.42:
        ids = {"member_id": some_id(rng, 6), "book_id": some_id(rng, 6)}
        if rng.random() < 0.05:
            ids["book_id"] = rng.choice(["1", True, None, 1.0])
        pair.call("POST", "/loans", json=ids)
    elif roll < 0.48:
        pair.call("POST", f"/loans/{some_id(rng, 12)}/renew")
    elif roll < 0.60:
        pair.call("POST", f"/loans/{some_id(rng, 12)}/return")
    elif roll < 0.70:
        pair.today += timedelta(days=rng.choice([0, 1, 2, 3, 7, 14, 15, 21, 22, 23, 30, 45]))
    elif roll < 0.76:
        member_id = some_id(rng, 6)
        balance = pair.call("GET", f"/members/{member_id}").json().get("balance")
        amount = balance if balance and rng.random() < 0.5 else rng.choice(AMOUNTS)
        pair.call("POST", f"/members/{member_id}/payments", json={"amount": amount})
    elif roll < 0.82:
        pair.call("GET", f"/members/{some_id(rng, 6)}/loans",
                  params={"status": rng.choice(STATUSES)})
    elif roll < 0.86:
        pair.call("GET", f"/books/{some_id(rng, 6)}")
    elif roll < 0.89:
        pair.call("PATCH", f"/books/{some_id(rng, 6)}", json={"copies": rng.choice(COPIES)})
    elif roll < 0.92:
        params = {"author": rng.choice(["", "abel", "KERN", "zz", " her"])}
        if rng.random() < 0.5:
            params["available_only"] = rng.choice(["true", "false"])
        pair.call("GET", "/books", params=params)
    elif roll < 0.94:
        pair.call("DELETE", f"/members/{some_id(rng, 6)}")
    else:
        pair.call("GET", "/reports/overdue")


def seed_catalogue(pair: Pair) -> None:
    """A few members and books up front, so most requests reach the lending rules."""
    for number, kind in enumerate(["adult", "child", "adult", "child"], start=1):
        pair.call("POST", "/members", json={"name": f"M{number}", "email": f"m{number}@lib.org",
                                            "kind": kind})
    for number, copies in enumerate([1, 2, 1, 3], start=1):
        pair.call("POST", "/books", json={"isbn": f"{number:013d}", "title": f"Book {number}",
                                          "author": "Abelson", "copies": copies})


def test_generated_request_sequences_match_the_original(tmp_path):
    rng = random.Random(19_02)
    statuses: set[int] = set()
    for scenario in range(SCENARIOS):
        pair = Pair(tmp_path / f"s{scenario}")
        seed_catalogue(pair)
        for _ in range(STEPS):
            step(pair, rng)
        pair.call("GET", "/reports/overdue")
        assert pair.rows(pair.answer_db) == pair.rows(pair.original_db), scenario
        statuses.update(pair.statuses)
    # The generator must reach every kind of answer, or the comparison proves little.
    assert {200, 201, 204, 404, 409, 422} <= statuses


def test_fines_around_the_grace_period_and_the_cap_match_the_original(tmp_path):
    statuses: set[int] = set()
    for kind in ("adult", "child"):
        pair = Pair(tmp_path / kind)
        for number, days in enumerate((1, 2, 40, 41), start=1):
            pair.today = date(2026, 3, 2)
            pair.call("POST", "/members", json={"name": "A", "email": f"a{number}@lib.org",
                                                "kind": kind})
            pair.call("POST", "/books", json={"isbn": f"{number:010d}", "title": "K&R"})
            loan = pair.call("POST", "/loans", json={"member_id": number, "book_id": number})
            pair.today = date.fromisoformat(loan.json()["due_on"]) + timedelta(days=days)
            pair.call("GET", f"/members/{number}/loans")
            pair.call("GET", "/reports/overdue")
            pair.call("POST", f"/loans/{loan.json()['id']}/return")
            pair.call("GET", f"/members/{number}")
            # A big enough fine blocks the next loan (402) until it is paid down.
            pair.call("POST", "/loans", json={"member_id": number, "book_id": number})
            pair.call("POST", f"/members/{number}/payments", json={"amount": "1.00"})
            pair.call("POST", "/loans", json={"member_id": number, "book_id": number})
        assert pair.rows(pair.answer_db) == pair.rows(pair.original_db), kind
        statuses.update(pair.statuses)
    assert 402 in statuses
