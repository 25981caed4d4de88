"""Which channels can reach a user, in the order they should be tried."""

import re
from collections.abc import Collection, Mapping
from typing import Any

ADDRESS_FIELDS = {"email": "email", "sms": "phone", "push": "device_token"}
_PHONE_PATTERN = re.compile(r"^\+[0-9]{8,15}$")


def address_for(user: Mapping[str, Any], channel: str) -> Any:
    return user.get(ADDRESS_FIELDS[channel])


def reachable_channels(
    user: Mapping[str, Any], priority: str, senders: Collection[str]
) -> list[str]:
    """The channels a notification of `priority` is tried on, in order; `senders` names the
    channels that have a sender configured."""
    candidates = ["email"] if priority == "low" else _preferred_channels(user)
    return [
        channel
        for channel in candidates
        if channel in senders and _is_usable_address(channel, address_for(user, channel))
    ]


def _preferred_channels(user: Mapping[str, Any]) -> list[str]:
    preferences = user.get("preferences") or ["email"]
    known = [channel for channel in preferences if channel in ADDRESS_FIELDS]
    return list(dict.fromkeys(known))  # drop repeats, keep the user's order


def _is_usable_address(channel: str, address: Any) -> bool:
    # A malformed address counts as missing, so delivery falls back to the next channel.
    if not address:
        return False
    if channel == "email":
        return "@" in address and not address.startswith("@")
    if channel == "sms":
        return bool(_PHONE_PATTERN.match(address))
    return True
