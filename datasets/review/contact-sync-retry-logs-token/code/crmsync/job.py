"""The contact sync job: pushes CRM changes to the marketing platform every five minutes.

Changed contacts are read in pages after a stored cursor; contacts who may be marketed to are
upserted, and those who withdrew consent or were deleted are removed from the platform. The
cursor only moves once a page is fully synced, so a crash repeats a page instead of losing it;
a call the platform refuses for good (a 4xx) stops the run there and pages on-call.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from crmsync.mapping import CrmContact, normalise_email, to_marketing
from crmsync.marketing_client import MarketingClient, MarketingContact

log = logging.getLogger("crmsync.job")


@dataclass(frozen=True, order=True)
class SyncCursor:
    updated_at: datetime
    contact_id: int


class CrmContacts(Protocol):
    def changed_after(self, cursor: SyncCursor | None, limit: int) -> list[CrmContact]:
        """Contacts ordered by (updated_at, id), strictly after `cursor`, at most `limit`."""
        ...


class CursorStore(Protocol):
    def load(self) -> SyncCursor | None: ...

    def save(self, cursor: SyncCursor) -> None: ...


@dataclass
class SyncReport:
    upserted: int = 0
    rejected: int = 0
    removed: int = 0
    pages: int = 0


class ContactSyncJob:
    def __init__(
        self,
        crm: CrmContacts,
        cursors: CursorStore,
        client: MarketingClient,
        list_for_segment: Mapping[str, str],
        page_size: int,
    ) -> None:
        self._crm = crm
        self._cursors = cursors
        self._client = client
        self._list_for_segment = list_for_segment
        self._page_size = page_size

    def run(self) -> SyncReport:
        report = SyncReport()
        cursor = self._cursors.load()
        while True:
            page = self._crm.changed_after(cursor, self._page_size)
            if not page:
                break
            self._sync_page(page, report)
            cursor = SyncCursor(page[-1].updated_at, page[-1].id)
            self._cursors.save(cursor)
            report.pages += 1
            if len(page) < self._page_size:
                break
        log.info(
            "contact sync: %d upserted, %d rejected, %d removed in %d page(s)",
            report.upserted, report.rejected, report.removed, report.pages,
        )  # fmt: skip
        return report

    def _sync_page(self, page: list[CrmContact], report: SyncReport) -> None:
        upserts: list[MarketingContact] = []
        removals: list[str] = []
        for contact in page:
            marketed = to_marketing(contact, self._list_for_segment)
            if marketed is not None:
                upserts.append(marketed)
            elif (email := normalise_email(contact.email)) is not None:
                removals.append(email)
        if upserts:
            result = self._client.upsert_contacts(upserts)
            report.upserted += result.created + result.updated
            report.rejected += len(result.rejected)
            if result.rejected:
                ids = sorted(c.attributes["crm_id"] for c in upserts if c.email in result.rejected)
                log.info("platform rejected CRM contacts %s", ", ".join(ids))
        if removals:
            report.removed += self._client.delete_contacts(removals)
