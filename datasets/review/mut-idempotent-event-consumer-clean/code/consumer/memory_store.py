"""In-memory adapter for the processed-event port (tests, single-process use)."""


class InMemoryProcessedEventStore:
    def __init__(self) -> None:
        self._processed_ids: set[str] = set()

    def was_processed(self, event_id: str) -> bool:
        return event_id in self._processed_ids

    def mark_processed(self, event_id: str) -> None:
        self._processed_ids.add(event_id)
