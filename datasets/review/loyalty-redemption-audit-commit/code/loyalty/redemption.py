"""Redeeming points for rewards, and cancelling a redemption."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from loyalty.audit import AuditTrail, utc_now
from loyalty.ledger import PointsLedger
from loyalty.models import Member, Reward, Voucher

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_voucher_code() -> str:
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(3))


class RedemptionError(Exception):
    pass


class RewardUnavailable(RedemptionError):
    pass


class OutOfStock(RedemptionError):
    pass


class RedemptionService:
    def __init__(
        self,
        session: Session,
        clock: Callable[[], datetime] = utc_now,
        codes: Callable[[], str] = new_voucher_code,
    ) -> None:
        self._session = session
        self._clock = clock
        self._codes = codes
        self._audit = AuditTrail(session, clock)
        self._ledger = PointsLedger(session, self._audit, clock)

    def redeem(self, member_id: int, reward_id: int, actor: str) -> Voucher:
        """Exchange a member's points for one unit of a reward.

        Raises InsufficientPoints, RewardUnavailable or OutOfStock and then changes nothing.
        """
        try:
            member = self._session.get(Member, member_id)
            reward = self._session.get(Reward, reward_id)
            if member is None or reward is None or not reward.active:
                raise RewardUnavailable(f"reward {reward_id} cannot be redeemed")
            code = self._codes()
            self._ledger.debit(member.id, reward.cost_points, f"voucher:{code}", actor)
            self._take_one(reward)
            voucher = Voucher(
                member_id=member.id, reward_id=reward.id, code=code, issued_at=self._clock()
            )
            self._session.add(voucher)
            self._audit.record(actor, "voucher.issue", f"member:{member.id}", code=code,
                               reward=reward.sku)  # fmt: skip
            self._session.commit()
        except Exception:
            self._session.rollback()
            raise
        return voucher

    def cancel(self, voucher_code: str, actor: str) -> None:
        """Cancel a voucher: the points go back to the member and the reward back into stock."""
        try:
            voucher = self._session.scalar(select(Voucher).where(Voucher.code == voucher_code))
            if voucher is None or voucher.cancelled_at is not None:
                raise RedemptionError(f"no active voucher {voucher_code}")
            reward = self._session.get_one(Reward, voucher.reward_id)
            voucher.cancelled_at = self._clock()
            self._session.execute(
                update(Reward).where(Reward.id == reward.id).values(stock=Reward.stock + 1)
            )
            self._ledger.credit(
                voucher.member_id, reward.cost_points, f"cancel:{voucher.code}", actor
            )
            self._session.commit()
        except Exception:
            self._session.rollback()
            raise

    def _take_one(self, reward: Reward) -> None:
        taken = self._session.scalar(
            update(Reward)
            .where(Reward.id == reward.id, Reward.stock > 0)
            .values(stock=Reward.stock - 1)
            .returning(Reward.id)
        )
        if taken is None:
            raise OutOfStock(f"reward {reward.sku} is out of stock")
