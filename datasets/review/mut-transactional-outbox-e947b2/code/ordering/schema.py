from sqlalchemy import JSON, Boolean, Column, Engine, Integer, MetaData, Numeric, String, Table

metadata = MetaData()

orders = Table(
    "orders",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("customer_email", String, nullable=False),
    Column("amount", Numeric(12, 2), nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_type", String, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("published", Boolean, nullable=False, default=False, index=True),
)


def create_schema(engine: Engine) -> None:
    metadata.create_all(engine)
