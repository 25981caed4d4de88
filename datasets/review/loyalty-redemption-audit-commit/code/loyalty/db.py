"""Engine and sessions. Services get one session per request and commit it themselves."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from loyalty.models import Base


def make_engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True)


def create_tables(engine: Engine) -> None:
    Base.metadata.create_all(engine)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
