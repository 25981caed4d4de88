from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from loyalty.accrual import AccrualService
from loyalty.db import create_tables, make_engine, session_factory
from loyalty.ledger import InsufficientPoints, PointsLedger
from loyalty.audit import AuditTrail
from loyalty.models import AuditEvent, Member, PointsTransaction, Reward, Voucher
from loyalty.redemption import OutOfStock, RedemptionService


def clock() -> datetime:
    return datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'loyalty.db'}")
    create_tables(engine)
    with session_factory(engine)() as session:
        session.add(Member(id=1, email="ada@example.test", tier="gold", points_balance=0))
        session.add_all(
            [
                Reward(id=10, sku="CINEMA-2", name="Two cinema tickets", cost_points=800, stock=3),
                Reward(id=11, sku="SPA-DAY", name="Spa day", cost_points=900, stock=0),
            ]
        )
        session.commit()
    with session_factory(engine)() as session:
        AccrualService(session).award_for_order(1, "o-1", 50_000)  # 1000 points
    yield engine
    engine.dispose()


def service(engine: Engine) -> tuple[Session, RedemptionService]:
    session = session_factory(engine)()
    codes = iter(["AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF", "GGGG-HHHH-JJJJ"])
    return session, RedemptionService(session, clock, codes=lambda: next(codes))


def balance(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return PointsLedger(session, AuditTrail(session)).balance(1)


def count(engine: Engine, model: type[object]) -> int:
    with session_factory(engine)() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_redeeming_issues_a_voucher_and_takes_points_and_stock(engine: Engine) -> None:
    session, redemption = service(engine)
    voucher = redemption.redeem(1, 10, actor="member:1")
    session.close()
    assert voucher.code == "AAAA-BBBB-CCCC"
    assert balance(engine) == 200
    with session_factory(engine)() as check:
        assert check.get_one(Reward, 10).stock == 2
        assert PointsLedger(check, AuditTrail(check)).recomputed_balance(1) == 200


def test_out_of_stock_reward_leaves_the_balance_untouched(engine: Engine) -> None:
    session, redemption = service(engine)
    with pytest.raises(OutOfStock):
        redemption.redeem(1, 11, actor="member:1")
    session.close()
    assert balance(engine) == 1000, "points were taken for a reward that was never issued"
    assert count(engine, PointsTransaction) == 1
    assert count(engine, Voucher) == 0


def test_insufficient_points_changes_nothing(engine: Engine) -> None:
    session, redemption = service(engine)
    redemption.redeem(1, 10, actor="member:1")
    with pytest.raises(InsufficientPoints):
        redemption.redeem(1, 10, actor="member:1")
    session.close()
    assert balance(engine) == 200
    with session_factory(engine)() as check:
        assert check.get_one(Reward, 10).stock == 2


def test_cancelling_gives_points_and_stock_back(engine: Engine) -> None:
    session, redemption = service(engine)
    voucher = redemption.redeem(1, 10, actor="member:1")
    redemption.cancel(voucher.code, actor="support:7")
    session.close()
    assert balance(engine) == 1000
    with session_factory(engine)() as check:
        assert check.get_one(Reward, 10).stock == 3
        actions = [e.action for e in check.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == [
        "points.credit", "points.debit", "voucher.issue", "points.credit"
    ]  # fmt: skip


def test_an_order_is_credited_once(engine: Engine) -> None:
    with session_factory(engine)() as session:
        assert AccrualService(session).award_for_order(1, "o-1", 50_000) == 0
        assert AccrualService(session).award_for_order(1, "o-2", 1_250) == 24
    assert balance(engine) == 1024
