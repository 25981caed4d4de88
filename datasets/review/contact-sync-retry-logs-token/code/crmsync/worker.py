"""Entry points of the sync worker: the scheduler's task calls `configure_logging()` once at
start-up, then `run_once(...)` every five minutes.

Worker logs go to stdout as JSON lines and are shipped to the shared log platform, where every
engineer and the support team can search them.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping

import httpx

from crmsync.job import ContactSyncJob, CrmContacts, CursorStore, SyncReport
from crmsync.marketing_client import MarketingClient
from crmsync.settings import SyncSettings


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry)


def configure_logging() -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonLines())
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def run_once(
    crm: CrmContacts,
    cursors: CursorStore,
    list_for_segment: Mapping[str, str],
    settings: SyncSettings | None = None,
) -> SyncReport:
    settings = settings or SyncSettings.from_env()
    with httpx.Client() as http:
        client = MarketingClient(settings, http)
        job = ContactSyncJob(crm, cursors, client, list_for_segment, settings.batch_size)
        return job.run()
