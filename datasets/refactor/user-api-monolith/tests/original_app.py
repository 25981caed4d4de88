"""User API: create_app(db_path) builds the FastAPI application."""
import hashlib
import hmac
import os
import re
import sqlite3
from datetime import datetime, timedelta, timezone
from typing import Any

from fastapi import Body, FastAPI, HTTPException, Response

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_FAILED_LOGINS = 3
LOCKOUT_MINUTES = 15


def create_app(db_path, clock=None):
    if clock is None:
        clock = lambda: datetime.now(timezone.utc)  # noqa: E731
    app = FastAPI(title="User API")

    conn = sqlite3.connect(db_path)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS users ("
        "id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE, "
        "name TEXT NOT NULL, password_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, "
        "failed_logins INTEGER NOT NULL DEFAULT 0, locked_until TEXT, "
        "created_at TEXT NOT NULL, last_login_at TEXT)"
    )
    conn.commit()
    conn.close()

    @app.post("/users", status_code=201)
    def create_user(payload: dict[str, Any] = Body(...)):
        email = payload.get("email")
        name = payload.get("name")
        password = payload.get("password")
        if not isinstance(email, str) or not EMAIL_RE.match(email.strip()):
            raise HTTPException(status_code=422, detail="a valid email is required")
        email = email.strip().lower()
        if not isinstance(name, str) or not name.strip():
            raise HTTPException(status_code=422, detail="name is required")
        name = name.strip()
        if len(name) > 100:
            raise HTTPException(status_code=422, detail="name must be at most 100 characters")
        if not isinstance(password, str) or len(password) < 8:
            raise HTTPException(status_code=422, detail="password must be at least 8 characters")
        if not any(c.isdigit() for c in password) or not any(c.isalpha() for c in password):
            raise HTTPException(
                status_code=422, detail="password must contain a letter and a digit"
            )
        salt = os.urandom(16)
        digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 10_000)
        password_hash = salt.hex() + "$" + digest.hex()
        created_at = clock().isoformat()
        conn = sqlite3.connect(db_path)
        try:
            existing = conn.execute("SELECT id FROM users WHERE email = ?", (email,)).fetchone()
            if existing is not None:
                raise HTTPException(status_code=409, detail="email already registered")
            cur = conn.execute(
                "INSERT INTO users (email, name, password_hash, created_at) VALUES (?, ?, ?, ?)",
                (email, name, password_hash, created_at),
            )
            conn.commit()
            user_id = cur.lastrowid
        finally:
            conn.close()
        return {
            "id": user_id,
            "email": email,
            "name": name,
            "active": True,
            "created_at": created_at,
            "last_login_at": None,
        }

    @app.get("/users/{user_id}")
    def get_user(user_id: int):
        conn = sqlite3.connect(db_path)
        try:
            row = conn.execute(
                "SELECT id, email, name, active, created_at, last_login_at FROM users "
                "WHERE id = ?",
                (user_id,),
            ).fetchone()
        finally:
            conn.close()
        if row is None:
            raise HTTPException(status_code=404, detail="user %d not found" % user_id)
        return {
            "id": row[0],
            "email": row[1],
            "name": row[2],
            "active": bool(row[3]),
            "created_at": row[4],
            "last_login_at": row[5],
        }

    @app.get("/users")
    def list_users(active: bool | None = None, limit: int = 50, offset: int = 0):
        if limit < 1 or limit > 100:
            raise HTTPException(status_code=422, detail="limit must be between 1 and 100")
        if offset < 0:
            raise HTTPException(status_code=422, detail="offset must not be negative")
        conn = sqlite3.connect(db_path)
        try:
            if active is None:
                rows = conn.execute(
                    "SELECT id, email, name, active, created_at, last_login_at FROM users "
                    "ORDER BY id LIMIT ? OFFSET ?",
                    (limit, offset),
                ).fetchall()
            else:
                rows = conn.execute(
                    "SELECT id, email, name, active, created_at, last_login_at FROM users "
                    "WHERE active = ? ORDER BY id LIMIT ? OFFSET ?",
                    (1 if active else 0, limit, offset),
                ).fetchall()
        finally:
            conn.close()
        result = []
        for row in rows:
            result.append(
                {
                    "id": row[0],
                    "email": row[1],
                    "name": row[2],
                    "active": bool(row[3]),
                    "created_at": row[4],
                    "last_login_at": row[5],
                }
            )
        return result

    @app.patch("/users/{user_id}")
    def update_user(user_id: int, payload: dict[str, Any] = Body(...)):
        unknown = sorted(set(payload) - {"name", "email"})
        if unknown:
            raise HTTPException(
                status_code=422, detail="unknown field(s): %s" % ", ".join(unknown)
            )
        if not payload:
            raise HTTPException(status_code=422, detail="nothing to update")
        updates = {}
        if "email" in payload:
            email = payload["email"]
            if not isinstance(email, str) or not EMAIL_RE.match(email.strip()):
                raise HTTPException(status_code=422, detail="a valid email is required")
            updates["email"] = email.strip().lower()
        if "name" in payload:
            name = payload["name"]
            if not isinstance(name, str) or not name.strip():
                raise HTTPException(status_code=422, detail="name is required")
            if len(name.strip()) > 100:
                raise HTTPException(
                    status_code=422, detail="name must be at most 100 characters"
                )
            updates["name"] = name.strip()
        conn = sqlite3.connect(db_path)
        try:
            row = conn.execute("SELECT id FROM users WHERE id = ?", (user_id,)).fetchone()
            if row is None:
                raise HTTPException(status_code=404, detail="user %d not found" % user_id)
            if "email" in updates:
                other = conn.execute(
                    "SELECT id FROM users WHERE email = ? AND id != ?",
                    (updates["email"], user_id),
                ).fetchone()
                if other is not None:
                    raise HTTPException(status_code=409, detail="email already registered")
            for column, value in updates.items():
                conn.execute(
                    "UPDATE users SET %s = ? WHERE id = ?" % column, (value, user_id)
                )
            conn.commit()
            row = conn.execute(
                "SELECT id, email, name, active, created_at, last_login_at FROM users "
                "WHERE id = ?",
                (user_id,),
            ).fetchone()
        finally:
            conn.close()
        return {
            "id": row[0],
            "email": row[1],
            "name": row[2],
            "active": bool(row[3]),
            "created_at": row[4],
            "last_login_at": row[5],
        }

    @app.post("/users/{user_id}/deactivate")
    def deactivate_user(user_id: int):
        conn = sqlite3.connect(db_path)
        try:
            row = conn.execute("SELECT active FROM users WHERE id = ?", (user_id,)).fetchone()
            if row is None:
                raise HTTPException(status_code=404, detail="user %d not found" % user_id)
            if not row[0]:
                raise HTTPException(
                    status_code=409, detail="user %d is already deactivated" % user_id
                )
            conn.execute("UPDATE users SET active = 0 WHERE id = ?", (user_id,))
            conn.commit()
            row = conn.execute(
                "SELECT id, email, name, active, created_at, last_login_at FROM users "
                "WHERE id = ?",
                (user_id,),
            ).fetchone()
        finally:
            conn.close()
        return {
            "id": row[0],
            "email": row[1],
            "name": row[2],
            "active": bool(row[3]),
            "created_at": row[4],
            "last_login_at": row[5],
        }

    @app.delete("/users/{user_id}", status_code=204)
    def delete_user(user_id: int):
        conn = sqlite3.connect(db_path)
        try:
            cur = conn.execute("DELETE FROM users WHERE id = ?", (user_id,))
            conn.commit()
        finally:
            conn.close()
        if cur.rowcount == 0:
            raise HTTPException(status_code=404, detail="user %d not found" % user_id)
        return Response(status_code=204)

    @app.post("/login")
    def login(payload: dict[str, Any] = Body(...)):
        email = payload.get("email")
        password = payload.get("password")
        if not isinstance(email, str) or not isinstance(password, str):
            raise HTTPException(status_code=422, detail="email and password are required")
        email = email.strip().lower()
        now = clock()
        conn = sqlite3.connect(db_path)
        try:
            row = conn.execute(
                "SELECT id, password_hash, active, failed_logins, locked_until FROM users "
                "WHERE email = ?",
                (email,),
            ).fetchone()
            if row is None:
                raise HTTPException(status_code=401, detail="invalid email or password")
            user_id, password_hash, active, failed_logins, locked_until = row
            if locked_until is not None and now < datetime.fromisoformat(locked_until):
                raise HTTPException(
                    status_code=423, detail="account locked until %s" % locked_until
                )
            if not active:
                raise HTTPException(status_code=403, detail="account is deactivated")
            salt_hex, digest_hex = password_hash.split("$")
            digest = hashlib.pbkdf2_hmac(
                "sha256", password.encode(), bytes.fromhex(salt_hex), 10_000
            )
            if not hmac.compare_digest(digest.hex(), digest_hex):
                failed_logins += 1
                if failed_logins >= MAX_FAILED_LOGINS:
                    locked = (now + timedelta(minutes=LOCKOUT_MINUTES)).isoformat()
                    conn.execute(
                        "UPDATE users SET failed_logins = 0, locked_until = ? WHERE id = ?",
                        (locked, user_id),
                    )
                else:
                    conn.execute(
                        "UPDATE users SET failed_logins = ? WHERE id = ?",
                        (failed_logins, user_id),
                    )
                conn.commit()
                raise HTTPException(status_code=401, detail="invalid email or password")
            conn.execute(
                "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? "
                "WHERE id = ?",
                (now.isoformat(), user_id),
            )
            conn.commit()
        finally:
            conn.close()
        return {"user_id": user_id, "last_login_at": now.isoformat()}

    return app

