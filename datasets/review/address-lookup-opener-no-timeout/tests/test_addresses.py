import email.message
import io
import json
import socket
import urllib.request
import urllib.response

import pytest

from checkout.addresses import AddressLookup, InvalidPostcode, LookupUnavailable, normalise

ADDRESSES = {
    "SW1A 1AA": [
        {"line_1": "Buckingham Palace", "line_2": "", "post_town": "London"},
    ],
    "EC1A 1BB": [
        {"line_1": "Flat 1", "line_2": "12 Long Lane", "post_town": "London"},
        {"line_1": "Flat 2", "line_2": "12 Long Lane", "post_town": "London"},
    ],
}


class FakePostalApi(urllib.request.BaseHandler):
    """Stands in for the network. `stalled` models an API that accepted the connection and
    never answers: a socket with a timeout gives up, one without waits forever."""

    def __init__(self, stalled: bool = False) -> None:
        self.stalled = stalled
        self.requests: list[urllib.request.Request] = []

    def https_open(self, request: urllib.request.Request) -> urllib.response.addinfourl:
        self.requests.append(request)
        if self.stalled:
            has_timeout = isinstance(request.timeout, (int, float))
            if not has_timeout and socket.getdefaulttimeout() is None:
                pytest.fail("the lookup API is not answering and nothing times out")
            raise TimeoutError("The read operation timed out")
        postcode = urllib.parse.parse_qs(urllib.parse.urlsplit(request.full_url).query)
        found = ADDRESSES.get(postcode["postcode"][0])
        body = json.dumps({"addresses": found or []}).encode()
        headers = email.message.Message()
        headers["Content-Type"] = "application/json"
        response = urllib.response.addinfourl(
            io.BytesIO(body), headers, request.full_url, 200 if found else 404
        )
        response.msg = "OK" if found else "Not Found"
        return response


def lookup(api: FakePostalApi) -> AddressLookup:
    opener = urllib.request.OpenerDirector()
    for handler in (api, urllib.request.HTTPErrorProcessor(),
                    urllib.request.HTTPDefaultErrorHandler()):  # fmt: skip
        opener.add_handler(handler)
    return AddressLookup("https://postal.test/", "key-123", opener)


def test_finds_the_addresses_at_a_postcode() -> None:
    api = FakePostalApi()
    found = lookup(api).find("ec1a1bb")
    assert [a.label() for a in found] == [
        "Flat 1, 12 Long Lane, London",
        "Flat 2, 12 Long Lane, London",
    ]
    assert {a.postcode for a in found} == {"EC1A 1BB"}
    assert api.requests[0].get_header("X-api-key") == "key-123"


def test_unknown_postcode_has_no_addresses() -> None:
    assert lookup(FakePostalApi()).find("N1 9GU") == []


def test_invalid_postcode_is_rejected_before_calling_the_api() -> None:
    api = FakePostalApi()
    with pytest.raises(InvalidPostcode):
        lookup(api).find("12345")
    assert api.requests == [] and normalise(" sw1a 1aa ") == "SW1A 1AA"


def test_a_silent_api_makes_the_form_fall_back_instead_of_hanging() -> None:
    with pytest.raises(LookupUnavailable):
        lookup(FakePostalApi(stalled=True)).find("SW1A 1AA")
