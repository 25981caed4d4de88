"""Row access for students, sections, enrollments and the waitlist.

Every method issues its statements on the shared `Database` and leaves transactions to the
caller (see `registrar.db`).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from registrar.db import Database
from registrar.models import (
    AlreadyEnrolled,
    AlreadyWaitlisted,
    Enrollment,
    Section,
    SectionFull,
    Student,
    UnknownSection,
    UnknownStudent,
    WaitlistEntry,
)


class StudentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, name: str, email: str) -> Student:
        cursor = self._db.execute(
            "INSERT INTO students (name, email) VALUES (?, ?)", (name, email.lower())
        )
        return Student(_row_id(cursor), name, email.lower(), active=True)

    def get(self, student_id: int) -> Student:
        row = self._db.fetch_one(
            "SELECT id, name, email, active FROM students WHERE id = ?", (student_id,)
        )
        if row is None:
            raise UnknownStudent(f"no student {student_id}")
        return Student(row["id"], row["name"], row["email"], bool(row["active"]))

    def deactivate(self, student_id: int) -> None:
        self._db.execute("UPDATE students SET active = 0 WHERE id = ?", (student_id,))


class SectionRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, course_code: str, term: str, label: str, capacity: int) -> Section:
        cursor = self._db.execute(
            "INSERT INTO sections (course_code, term, label, capacity) VALUES (?, ?, ?, ?)",
            (course_code, term, label, capacity),
        )
        return Section(_row_id(cursor), course_code, term, label, capacity, seats_taken=0)

    def get(self, section_id: int) -> Section:
        row = self._db.fetch_one(
            "SELECT id, course_code, term, label, capacity, seats_taken FROM sections WHERE id = ?",
            (section_id,),
        )
        if row is None:
            raise UnknownSection(f"no section {section_id}")
        return Section(
            row["id"], row["course_code"], row["term"], row["label"], row["capacity"],
            row["seats_taken"],
        )  # fmt: skip

    def take_seat(self, section_id: int) -> None:
        """Take one seat; the check and the increment are one statement, so two requests
        can never both take the last seat."""
        cursor = self._db.execute(
            "UPDATE sections SET seats_taken = seats_taken + 1 "
            "WHERE id = ? AND seats_taken < capacity",
            (section_id,),
        )
        if cursor.rowcount == 0:
            raise SectionFull(f"section {section_id} has no seats left")

    def release_seat(self, section_id: int) -> None:
        self._db.execute(
            "UPDATE sections SET seats_taken = seats_taken - 1 WHERE id = ? AND seats_taken > 0",
            (section_id,),
        )


class EnrollmentRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, student_id: int, section_id: int, at: datetime) -> Enrollment:
        try:
            cursor = self._db.execute(
                "INSERT INTO enrollments (student_id, section_id, enrolled_at) VALUES (?, ?, ?)",
                (student_id, section_id, at.isoformat()),
            )
        except sqlite3.IntegrityError as error:
            raise AlreadyEnrolled(
                f"student {student_id} is already enrolled in section {section_id}"
            ) from error
        return Enrollment(_row_id(cursor), student_id, section_id, at)

    def find(self, student_id: int, section_id: int) -> Enrollment | None:
        row = self._db.fetch_one(
            "SELECT id, enrolled_at FROM enrollments WHERE student_id = ? AND section_id = ?",
            (student_id, section_id),
        )
        if row is None:
            return None
        return Enrollment(
            row["id"], student_id, section_id, datetime.fromisoformat(row["enrolled_at"])
        )

    def delete(self, student_id: int, section_id: int) -> bool:
        cursor = self._db.execute(
            "DELETE FROM enrollments WHERE student_id = ? AND section_id = ?",
            (student_id, section_id),
        )
        return cursor.rowcount > 0

    def roster(self, section_id: int) -> list[Student]:
        rows = self._db.fetch_all(
            "SELECT s.id, s.name, s.email, s.active FROM enrollments e "
            "JOIN students s ON s.id = e.student_id "
            "WHERE e.section_id = ? ORDER BY s.name, s.id",
            (section_id,),
        )
        return [Student(r["id"], r["name"], r["email"], bool(r["active"])) for r in rows]

    def count(self, section_id: int) -> int:
        row = self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM enrollments WHERE section_id = ?", (section_id,)
        )
        return int(row["n"]) if row is not None else 0


class WaitlistRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, student_id: int, section_id: int, at: datetime) -> WaitlistEntry:
        try:
            cursor = self._db.execute(
                "INSERT INTO waitlist (student_id, section_id, joined_at) VALUES (?, ?, ?)",
                (student_id, section_id, at.isoformat()),
            )
        except sqlite3.IntegrityError as error:
            raise AlreadyWaitlisted(
                f"student {student_id} is already waiting for section {section_id}"
            ) from error
        return WaitlistEntry(_row_id(cursor), student_id, section_id, at)

    def remove(self, student_id: int, section_id: int) -> None:
        self._db.execute(
            "DELETE FROM waitlist WHERE student_id = ? AND section_id = ?",
            (student_id, section_id),
        )

    def pop_next(self, section_id: int) -> WaitlistEntry | None:
        """The longest-waiting entry for the section, removed from the list."""
        row = self._db.fetch_one(
            "SELECT id, student_id, joined_at FROM waitlist WHERE section_id = ? "
            "ORDER BY id LIMIT 1",
            (section_id,),
        )
        if row is None:
            return None
        self._db.execute("DELETE FROM waitlist WHERE id = ?", (row["id"],))
        return WaitlistEntry(
            row["id"], row["student_id"], section_id, datetime.fromisoformat(row["joined_at"])
        )

    def position(self, student_id: int, section_id: int) -> int | None:
        """1 for the next student to get a seat; None when the student is not waiting."""
        row = self._db.fetch_one(
            "SELECT id FROM waitlist WHERE student_id = ? AND section_id = ?",
            (student_id, section_id),
        )
        if row is None:
            return None
        ahead = self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM waitlist WHERE section_id = ? AND id < ?",
            (section_id, row["id"]),
        )
        return (int(ahead["n"]) if ahead is not None else 0) + 1

    def count(self, section_id: int) -> int:
        row = self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM waitlist WHERE section_id = ?", (section_id,)
        )
        return int(row["n"]) if row is not None else 0


def _row_id(cursor: sqlite3.Cursor) -> int:
    if cursor.lastrowid is None:
        raise RuntimeError("insert returned no row id")
    return cursor.lastrowid
