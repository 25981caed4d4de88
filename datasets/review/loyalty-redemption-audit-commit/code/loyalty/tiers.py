"""The nightly tier review: a member's tier follows the points earned over the last year."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from loyalty.audit import AuditTrail, utc_now
from loyalty.models import Member, PointsTransaction

# Points earned in the last 365 days needed for each tier, highest first.
THRESHOLDS = (("platinum", 20_000), ("gold", 5_000), ("silver", 0))
REVIEW_WINDOW = timedelta(days=365)


def tier_for(points_earned: int) -> str:
    return next(tier for tier, needed in THRESHOLDS if points_earned >= needed)


class TierReview:
    def __init__(self, session: Session, clock: Callable[[], datetime] = utc_now) -> None:
        self._session = session
        self._clock = clock
        self._audit = AuditTrail(session, clock)

    def earned_since(self, since: datetime) -> dict[int, int]:
        """Points each member earned from orders since `since` (redemptions do not count)."""
        rows = self._session.execute(
            select(PointsTransaction.member_id, func.sum(PointsTransaction.delta))
            .where(
                PointsTransaction.created_at >= since,
                PointsTransaction.reference.startswith("order:"),
            )
            .group_by(PointsTransaction.member_id)
        )
        return {member_id: int(total) for member_id, total in rows}

    def run(self) -> dict[int, tuple[str, str]]:
        """Move every member to the tier their last year earns; returns the changes made."""
        earned = self.earned_since(self._clock() - REVIEW_WINDOW)
        changes: dict[int, tuple[str, str]] = {}
        for member in self._session.scalars(select(Member).order_by(Member.id)):
            tier = tier_for(earned.get(member.id, 0))
            if tier != member.tier:
                changes[member.id] = (member.tier, tier)
                member.tier = tier
        for member_id, (old, new) in changes.items():
            self._audit.record("tier-review", "member.tier", f"member:{member_id}", old=old,
                               new=new)  # fmt: skip
        self._session.commit()
        return changes
