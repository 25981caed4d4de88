from datetime import datetime, timezone

import pytest

from audit.batch import AuditBatch, AuditEntry, audited_request

AT = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


class RecordingSink:
    def __init__(self) -> None:
        self.writes: list[tuple[str, list[AuditEntry]]] = []

    def __call__(self, tenant_id: str, entries: list[AuditEntry]) -> None:
        self.writes.append((tenant_id, entries))


def test_request_entries_are_flushed_once() -> None:
    sink = RecordingSink()
    with audited_request("acme", "u1", sink) as batch:
        batch.record("invoice.create", "inv-1")
        batch.record("invoice.send", "inv-1")
    assert [(t, [e.action for e in es]) for t, es in sink.writes] == [
        ("acme", ["invoice.create", "invoice.send"])
    ]


def test_concurrent_batches_do_not_share_entries() -> None:
    sink = RecordingSink()
    first = AuditBatch("acme", "u1", clock=lambda: AT)
    second = AuditBatch("globex", "u2", clock=lambda: AT)
    first.record("user.delete", "u9")
    second.record("report.export", "r1")
    assert first.flush(sink) == 1
    assert second.flush(sink) == 1
    assert sink.writes == [
        ("acme", [AuditEntry("acme", "u1", "user.delete", "u9", AT)]),
        ("globex", [AuditEntry("globex", "u2", "report.export", "r1", AT)]),
    ]


def test_failed_request_entries_do_not_leak_into_next_request() -> None:
    sink = RecordingSink()
    with pytest.raises(RuntimeError):
        with audited_request("acme", "u1", sink) as batch:
            batch.record("payout.approve", "p-7")
            raise RuntimeError("handler failed")
    with audited_request("globex", "u2", sink) as batch:
        batch.record("login", "u2")
    assert len(sink.writes) == 1
    tenant, entries = sink.writes[0]
    assert tenant == "globex"
    assert [(e.tenant_id, e.action) for e in entries] == [("globex", "login")]


def test_caller_supplied_entries_are_kept() -> None:
    earlier = AuditEntry("acme", "u1", "import.start", "job-1", AT)
    batch = AuditBatch("acme", "u1", [earlier], clock=lambda: AT)
    batch.record("import.finish", "job-1")
    sink = RecordingSink()
    assert batch.flush(sink) == 2
