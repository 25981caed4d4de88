"""Engine and session set-up."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from enrolment.config import Settings
from enrolment.models import Base


def make_engine(settings: Settings) -> Engine:
    # Sync endpoints run in FastAPI's thread pool, so a pooled SQLite connection crosses threads.
    return create_engine(
        settings.database_url, echo=settings.echo_sql, connect_args={"check_same_thread": False}
    )


def init_db(engine: Engine) -> None:
    Base.metadata.create_all(engine)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
