"""Composition root of the fulfilment worker process."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass

from fulfilment.handler import JOB_NAME, FulfilOrder
from fulfilment.http import make_client
from fulfilment.jobs import JobRunner, RetryPolicy
from fulfilment.orders import OrderRepository
from fulfilment.payments import PaymentsClient
from fulfilment.warehouse import WarehouseClient


@dataclass(frozen=True)
class Settings:
    database_path: str
    payments_url: str
    payments_token: str
    wms_url: str
    wms_token: str
    max_attempts: int = 6

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database_path=os.environ["SHOP_DATABASE"],
            payments_url=os.environ["PAYMENTS_URL"],
            payments_token=os.environ["PAYMENTS_TOKEN"],
            wms_url=os.environ["WMS_URL"],
            wms_token=os.environ["WMS_TOKEN"],
            max_attempts=int(os.environ.get("FULFILMENT_MAX_ATTEMPTS", "6")),
        )


def build_runner(settings: Settings) -> JobRunner:
    orders = OrderRepository(sqlite3.connect(settings.database_path))
    handler = FulfilOrder(
        orders,
        PaymentsClient(make_client(settings.payments_url, settings.payments_token)),
        WarehouseClient(make_client(settings.wms_url, settings.wms_token)),
    )
    return JobRunner({JOB_NAME: handler}, RetryPolicy(max_attempts=settings.max_attempts))
