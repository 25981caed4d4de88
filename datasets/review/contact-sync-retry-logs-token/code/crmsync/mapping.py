"""Which CRM contacts the marketing platform may have, and in what shape."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from crmsync.marketing_client import MarketingContact

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class CrmContact:
    id: int
    email: str
    first_name: str
    last_name: str
    marketing_consent: bool
    updated_at: datetime
    segments: frozenset[str] = frozenset()
    country: str | None = None
    deleted: bool = False
    attributes: Mapping[str, str] = field(default_factory=dict)


def normalise_email(email: str) -> str | None:
    cleaned = email.strip().lower()
    return cleaned if _EMAIL.match(cleaned) else None


def may_be_marketed_to(contact: CrmContact) -> bool:
    """Only contacts who opted in, and still exist, may be on the platform (GDPR art. 6)."""
    return contact.marketing_consent and not contact.deleted


def to_marketing(
    contact: CrmContact, list_for_segment: Mapping[str, str]
) -> MarketingContact | None:
    """The platform's view of a contact who may be marketed to, or None."""
    email = normalise_email(contact.email)
    if email is None or not may_be_marketed_to(contact):
        return None
    lists = tuple(sorted(list_for_segment[s] for s in contact.segments if s in list_for_segment))
    attributes = {"crm_id": str(contact.id), **dict(contact.attributes)}
    if contact.country:
        attributes["country"] = contact.country.upper()
    return MarketingContact(email, contact.first_name, contact.last_name, lists, attributes)
