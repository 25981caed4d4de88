from typing import Any

from sqlalchemy import Engine, create_engine, event


def _enable_sqlite_foreign_keys(dbapi_connection: Any, _connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        # SQLite ignores FOREIGN KEY clauses unless each connection opts in.
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine
