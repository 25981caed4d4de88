"""The refactored API against the original monolith (original_app.py, a byte copy of the
starter), driven by seeded random requests: same status codes, same JSON bodies, and the same
rows in users.db (all but the salted password hashes, which differ by design)."""

import importlib.util
import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient
from userapi.app import create_app


def _load_original() -> ModuleType:
    # A private module name, so the copy never collides with the answer's `userapi` package.
    path = Path(__file__).with_name("original_app.py")
    spec = importlib.util.spec_from_file_location("_original_userapi_monolith", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


original = _load_original()

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
EMAILS = ["ada@example.com", " Ada@Example.COM ", "bob@example.org", "cy@mail.co", "dee@x.io"]
BAD_EMAILS = ["not-an-email", "a@b", "a b@c.de", "", None, 5, "@x.io"]
NAMES = ["Ada", "  Bob Builder ", "x" * 100, "Cy"]
BAD_NAMES = ["", "   ", "x" * 101, None, 3]
PASSWORDS = ["s3cretpass", "an0therpass", "12345abc"]
BAD_PASSWORDS = ["short1", "onlyletters", "12345678", "", None]
STEPS = [
    timedelta(0), timedelta(seconds=1), timedelta(minutes=5), timedelta(minutes=14, seconds=59)
]


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def pick(rng: random.Random, good: list[Any], bad: list[Any], bad_rate: float = 0.12) -> Any:
    return rng.choice(bad if rng.random() < bad_rate else good)


def random_payload(rng: random.Random, fields: dict[str, Any]) -> Any:
    payload = {key: value for key, value in fields.items() if rng.random() > 0.04}
    if rng.random() < 0.03:
        return rng.choice([[], "text", 1])
    return payload


def registration(rng: random.Random) -> tuple[str, str, Any]:
    fields = {
        "email": pick(rng, EMAILS, BAD_EMAILS),
        "name": pick(rng, NAMES, BAD_NAMES),
        "password": pick(rng, PASSWORDS, BAD_PASSWORDS),
    }
    return "POST", "/users", {"json": random_payload(rng, fields)}


def login(rng: random.Random) -> tuple[str, str, Any]:
    fields = {"email": pick(rng, EMAILS, BAD_EMAILS), "password": pick(rng, PASSWORDS, ["x", 1])}
    return "POST", "/login", {"json": random_payload(rng, fields)}


def listing(rng: random.Random) -> tuple[str, str, Any]:
    params: dict[str, Any] = {}
    if rng.random() < 0.4:
        params["active"] = rng.choice(["true", "false", "1", "0", "maybe"])
    if rng.random() < 0.4:
        params["limit"] = rng.choice([0, 1, 2, 3, 50, 100, 101, -5, "x"])
    if rng.random() < 0.4:
        params["offset"] = rng.choice([0, 1, 2, 5, -1, "y"])
    return "GET", "/users", {"params": params}


def update(rng: random.Random, user_id: Any) -> tuple[str, str, Any]:
    fields: dict[str, Any] = {}
    for key, good, bad in (("email", EMAILS, BAD_EMAILS), ("name", NAMES, BAD_NAMES)):
        if rng.random() < 0.5:
            fields[key] = pick(rng, good, bad)
    if rng.random() < 0.08:
        fields[rng.choice(["role", "password", "active"])] = "x"
    return "PATCH", f"/users/{user_id}", {"json": fields}


def random_request(rng: random.Random) -> tuple[str, str, Any]:
    user_id = rng.choice([1, 2, 3, 4, 5, 6, 999, 0, -1, "abc"])
    kind = rng.choices(
        ["register", "login", "list", "get", "update", "deactivate", "delete"],
        weights=[5, 6, 2, 2, 3, 1, 1],
    )[0]
    if kind == "register":
        return registration(rng)
    if kind == "login":
        return login(rng)
    if kind == "list":
        return listing(rng)
    if kind == "update":
        return update(rng, user_id)
    paths = {"get": ("GET", ""), "deactivate": ("POST", "/deactivate"), "delete": ("DELETE", "")}
    method, suffix = paths[kind]
    return method, f"/users/{user_id}{suffix}", {}


def response_view(response: Any) -> tuple[Any, ...]:
    is_json = response.headers.get("content-type", "").startswith("application/json")
    return response.status_code, response.json() if is_json else response.content


def stored_rows(db_path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "SELECT id, email, name, active, failed_logins, locked_until, created_at, "
            "last_login_at FROM users ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def run_both(rng: random.Random, ours: Path, theirs: Path, steps: int) -> None:
    clock = FakeClock()
    # As context managers the clients keep one event-loop thread each instead of one per request.
    with (
        TestClient(create_app(ours, clock=clock)) as answer_client,
        TestClient(original.create_app(str(theirs), clock=clock)) as original_client,
    ):
        for step in range(steps):
            clock.now += rng.choice(STEPS)
            method, url, options = random_request(rng)
            got = response_view(answer_client.request(method, url, **options))
            want = response_view(original_client.request(method, url, **options))
            context = f"step {step}: {method} {url} {options}"
            assert got == want, context
            assert stored_rows(ours) == stored_rows(theirs), context


@pytest.mark.parametrize("seed", [8, 31337])
def test_random_requests_behave_like_the_original(tmp_path, seed):
    run_both(random.Random(seed), tmp_path / "ours.db", tmp_path / "theirs.db", steps=80)


def test_databases_written_by_the_original_keep_working(tmp_path):
    legacy = tmp_path / "legacy.db"
    clock = FakeClock()
    writer = TestClient(original.create_app(str(legacy), clock=clock))
    for email, name, password in zip(EMAILS[::2], NAMES, PASSWORDS, strict=False):
        payload = {"email": email, "name": name, "password": password}
        assert writer.post("/users", json=payload).status_code == 201
    writer.post("/users/2/deactivate")
    for _ in range(3):
        writer.post("/login", json={"email": EMAILS[0], "password": "wrong"})
    copy = tmp_path / "copy.db"
    copy.write_bytes(legacy.read_bytes())
    run_both(random.Random(4), legacy, copy, steps=80)


def seed_users(db_path: Path, count: int) -> None:
    """Rows as the original stores them, written directly: hashing would make the test slow."""
    conn = sqlite3.connect(db_path)
    try:
        conn.executemany(
            "INSERT INTO users (email, name, password_hash, active, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (f"user{i}@example.com", f"User {i}", "00$00", int(i % 3 != 0), START.isoformat())
                for i in range(count)
            ],
        )
        conn.commit()
    finally:
        conn.close()


def test_listing_a_large_table_behaves_like_the_original(tmp_path):
    clock = FakeClock()
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    answer_client = TestClient(create_app(ours, clock=clock))
    original_client = TestClient(original.create_app(str(theirs), clock=clock))
    seed_users(ours, 120)
    seed_users(theirs, 120)
    queries: list[dict[str, Any]] = [
        {}, {"limit": 1}, {"limit": 2, "offset": 119}, {"limit": 100}, {"limit": 101},
        {"offset": 60}, {"offset": 120}, {"offset": 500}, {"active": "true"},
        {"active": "false", "limit": 100}, {"active": "false", "offset": 30},
        {"active": "true", "limit": 0}, {"limit": -1}, {"offset": -1, "limit": 0},
    ]
    for params in queries:
        got = response_view(answer_client.get("/users", params=params))
        assert got == response_view(original_client.get("/users", params=params)), params


def test_lockout_cycles_behave_like_the_original(tmp_path):
    clock = FakeClock()
    ours, theirs = tmp_path / "ours.db", tmp_path / "theirs.db"
    clients = [
        TestClient(create_app(ours, clock=clock)),
        TestClient(original.create_app(str(theirs), clock=clock)),
    ]
    good = {"email": "ada@example.com", "password": "s3cretpass"}
    bad = {"email": "ada@example.com", "password": "wrongpass1"}
    script = [("register", 0)] + [("bad", 0)] * 3 + [("good", 60), ("good", 839), ("good", 1)]
    script += [("bad", 0)] * 2 + [("good", 0)] + [("bad", 0)] * 4 + [("good", 900)]
    script += [("bad", 1000)] * 3 + [("bad", 899), ("bad", 1), ("bad", 0), ("bad", 0)]
    for step, (action, wait_seconds) in enumerate(script):
        clock.now += timedelta(seconds=wait_seconds)
        if action == "register":
            responses = [c.post("/users", json={**good, "name": "Ada"}) for c in clients]
        else:
            responses = [c.post("/login", json=good if action == "good" else bad) for c in clients]
        got, want = (response_view(response) for response in responses)
        assert got == want, f"step {step}: {action}"
        assert stored_rows(ours) == stored_rows(theirs), f"step {step}: {action}"
