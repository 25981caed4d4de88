"""Tables of the loyalty programme."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (CheckConstraint("points_balance >= 0", name="balance_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    tier: Mapped[str] = mapped_column(String(16), default="silver")
    points_balance: Mapped[int] = mapped_column(default=0)


class Reward(Base):
    __tablename__ = "rewards"
    __table_args__ = (CheckConstraint("stock >= 0", name="stock_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    cost_points: Mapped[int]
    stock: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)


class PointsTransaction(Base):
    """One change of a member's balance; the balance is the sum of a member's deltas."""

    __tablename__ = "points_transactions"
    __table_args__ = (UniqueConstraint("member_id", "reference", name="one_entry_per_reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    delta: Mapped[int]
    reference: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]


class Voucher(Base):
    __tablename__ = "vouchers"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    reward_id: Mapped[int] = mapped_column(ForeignKey("rewards.id"))
    code: Mapped[str] = mapped_column(String(32), unique=True)
    issued_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None] = mapped_column(default=None)


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    subject: Mapped[str] = mapped_column(String(100))
    details: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime]
