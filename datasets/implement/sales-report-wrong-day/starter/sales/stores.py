"""The stores we report on. Loaded from the admin database at start-up."""

from zoneinfo import ZoneInfo

from sales.models import Store


class StoreNotFound(KeyError):
    pass


class StoreDirectory:
    def __init__(self, stores: list[Store] | None = None) -> None:
        self._stores = {store.id: store for store in stores or []}

    def add(self, store: Store) -> None:
        ZoneInfo(store.timezone)  # fail at registration, not in the middle of a report
        self._stores[store.id] = store

    def get(self, store_id: str) -> Store:
        try:
            return self._stores[store_id]
        except KeyError:
            raise StoreNotFound(store_id) from None

    def zone(self, store_id: str) -> ZoneInfo:
        return ZoneInfo(self.get(store_id).timezone)
