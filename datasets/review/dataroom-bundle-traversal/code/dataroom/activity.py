"""The sell side's activity report: how much attention each document got from each bidder."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from dataroom.audit import AuditEvent

READ_ACTIONS = frozenset({"download", "bundle"})


@dataclass(frozen=True)
class DocumentActivity:
    name: str
    reads: int
    readers: tuple[str, ...]
    last_read_at: datetime


def document_activity(events: Iterable[AuditEvent]) -> list[DocumentActivity]:
    """Reads per document (a bundle counts as one read of each document in it), most read first."""
    reads: Counter[str] = Counter()
    readers: defaultdict[str, set[str]] = defaultdict(set)
    last_read: dict[str, datetime] = {}
    for event in events:
        if event.action not in READ_ACTIONS:
            continue
        for name in event.documents:
            reads[name] += 1
            readers[name].add(event.user)
            if name not in last_read or event.at > last_read[name]:
                last_read[name] = event.at
    return sorted(
        (
            DocumentActivity(name, count, tuple(sorted(readers[name])), last_read[name])
            for name, count in reads.items()
        ),
        key=lambda activity: (-activity.reads, activity.name),
    )


def never_read(document_names: Iterable[str], events: Iterable[AuditEvent]) -> list[str]:
    """The documents nobody has opened yet, for the sell side's follow-up."""
    read = {activity.name for activity in document_activity(events)}
    return sorted(name for name in document_names if name not in read)
