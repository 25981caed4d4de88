"""Members' points balances and the ledger of every change to them.

Ledger methods work inside the caller's session and transaction: the service that calls them
commits, or rolls back, the whole operation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from loyalty.audit import AuditTrail, utc_now
from loyalty.models import Member, PointsTransaction


class InsufficientPoints(Exception):
    pass


class PointsLedger:
    def __init__(
        self, session: Session, audit: AuditTrail, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self._session = session
        self._audit = audit
        self._clock = clock

    def credit(self, member_id: int, points: int, reference: str, actor: str) -> None:
        if points <= 0:
            raise ValueError("a credit must be positive")
        self._session.execute(
            update(Member)
            .where(Member.id == member_id)
            .values(points_balance=Member.points_balance + points)
        )
        self._entry(member_id, points, reference)
        self._audit.record(actor, "points.credit", f"member:{member_id}", points=points,
                           reference=reference)  # fmt: skip

    def debit(self, member_id: int, points: int, reference: str, actor: str) -> None:
        """Take points from a member; raises InsufficientPoints if the balance is too low."""
        if points <= 0:
            raise ValueError("a debit must be positive")
        debited = self._session.scalar(
            update(Member)
            .where(Member.id == member_id, Member.points_balance >= points)
            .values(points_balance=Member.points_balance - points)
            .returning(Member.id)
        )
        if debited is None:
            raise InsufficientPoints(f"member {member_id} has fewer than {points} points")
        self._entry(member_id, -points, reference)
        self._audit.record(actor, "points.debit", f"member:{member_id}", points=points,
                           reference=reference)  # fmt: skip

    def balance(self, member_id: int) -> int:
        balance = self._session.scalar(select(Member.points_balance).where(Member.id == member_id))
        if balance is None:
            raise LookupError(f"no member {member_id}")
        return balance

    def history(self, member_id: int) -> list[PointsTransaction]:
        return list(
            self._session.scalars(
                select(PointsTransaction)
                .where(PointsTransaction.member_id == member_id)
                .order_by(PointsTransaction.id)
            )
        )

    def recomputed_balance(self, member_id: int) -> int:
        """The balance as the sum of the ledger, for the nightly consistency check."""
        total = self._session.scalar(
            select(func.coalesce(func.sum(PointsTransaction.delta), 0)).where(
                PointsTransaction.member_id == member_id
            )
        )
        return int(total or 0)

    def _entry(self, member_id: int, delta: int, reference: str) -> None:
        self._session.add(
            PointsTransaction(
                member_id=member_id, delta=delta, reference=reference, created_at=self._clock()
            )
        )
