"""The `fulfil-order` job: enqueued by the shop once an order's payment is authorised."""

from __future__ import annotations

import logging

from fulfilment.errors import PermanentError
from fulfilment.jobs import Payload
from fulfilment.orders import OrderRepository, OrderStatus
from fulfilment.payments import PaymentsClient
from fulfilment.warehouse import WarehouseClient

log = logging.getLogger(__name__)

JOB_NAME = "fulfil-order"


class FulfilOrder:
    """Capture the payment, hand the order to the warehouse and record the shipment."""

    def __init__(
        self,
        orders: OrderRepository,
        payments: PaymentsClient,
        warehouse: WarehouseClient,
    ) -> None:
        self._orders = orders
        self._payments = payments
        self._warehouse = warehouse

    def __call__(self, payload: Payload) -> None:
        order = self._orders.get(str(payload["order_id"]))
        if order.status is not OrderStatus.PAID:
            log.info("order %s is %s, nothing to fulfil", order.id, order.status.value)
            return
        try:
            self._payments.capture(order.payment_id, order.amount_cents)
            shipment = self._warehouse.create_shipment(
                order.id, order.lines, order.address, idempotency_key=f"shipment-{order.id}"
            )
        except PermanentError as error:
            self._orders.mark_failed(order.id, str(error))
            raise
        self._orders.mark_shipped(order.id, shipment.id, shipment.tracking_number)
        log.info("order %s shipped as %s", order.id, shipment.id)
