"""Points earned on purchases: the order service calls this when an order is paid."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from loyalty.audit import AuditTrail
from loyalty.ledger import PointsLedger
from loyalty.models import Member

POINTS_PER_EURO = {"silver": 1, "gold": 2, "platinum": 3}


def points_for(amount_cents: int, tier: str) -> int:
    return (amount_cents // 100) * POINTS_PER_EURO.get(tier, 1)


class AccrualService:
    def __init__(self, session: Session) -> None:
        self._session = session
        self._ledger = PointsLedger(session, AuditTrail(session))

    def award_for_order(self, member_id: int, order_id: str, amount_cents: int) -> int:
        """Credit the points an order earns; returns them (0 if it was already credited)."""
        member = self._session.get(Member, member_id)
        if member is None:
            raise LookupError(f"no member {member_id}")
        points = points_for(amount_cents, member.tier)
        if points == 0:
            return 0
        try:
            self._ledger.credit(member_id, points, f"order:{order_id}", actor="order-service")
            self._session.commit()
        except IntegrityError:
            self._session.rollback()  # the order's points were credited before
            return 0
        return points
