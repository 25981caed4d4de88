"""Address autocomplete for the checkout form, backed by the postal service's lookup API.

The checkout page asks our `/addresses?postcode=...` endpoint for the addresses at a postcode
as soon as the customer has typed one; the endpoint calls `AddressLookup.find` in its request
thread. When the lookup is unavailable the form falls back to typing the address by hand.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

UK_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")


class InvalidPostcode(ValueError):
    pass


class LookupUnavailable(Exception):
    """The lookup API could not answer; the form asks for the address by hand."""


@dataclass(frozen=True)
class Address:
    line1: str
    line2: str
    town: str
    postcode: str

    def label(self) -> str:
        return ", ".join(part for part in (self.line1, self.line2, self.town) if part)


def normalise(postcode: str) -> str:
    """`sw1a1aa` -> `SW1A 1AA`; raises InvalidPostcode for anything that is not a postcode."""
    match = UK_POSTCODE.match(postcode.strip().upper())
    if match is None:
        raise InvalidPostcode(postcode)
    return f"{match[1]} {match[2]}"


class AddressLookup:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        opener: urllib.request.OpenerDirector | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._api_key = api_key
        self._opener = opener or urllib.request.build_opener()

    def find(self, postcode: str) -> list[Address]:
        """The addresses at a postcode, in the order the postal service lists them."""
        code = normalise(postcode)
        query = urllib.parse.urlencode({"postcode": code})
        request = urllib.request.Request(
            f"{self._base_url}/v1/addresses?{query}",
            headers={"Accept": "application/json", "X-Api-Key": self._api_key},
        )
        try:
            with self._opener.open(request) as response:
                payload = json.load(response)
        except urllib.error.HTTPError as error:
            error.close()
            if error.code == 404:
                return []
            raise LookupUnavailable(f"address lookup answered {error.code}") from error
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise LookupUnavailable(f"address lookup failed: {error}") from error
        return [_address(item, code) for item in payload.get("addresses", [])]


def _address(item: dict[str, Any], postcode: str) -> Address:
    return Address(
        line1=str(item.get("line_1", "")),
        line2=str(item.get("line_2", "")),
        town=str(item.get("post_town", "")),
        postcode=postcode,
    )
