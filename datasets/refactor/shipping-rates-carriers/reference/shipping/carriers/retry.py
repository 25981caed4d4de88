"""The one retry policy every carrier call goes through."""

from collections.abc import Mapping

from ..config import MAX_ATTEMPTS
from ..errors import BadCarrierResponse, CarrierUnavailable
from ..http import Response, Transport, TransportError


def get_with_retries(
    transport: Transport, carrier: str, url: str, params: Mapping[str, str]
) -> Response:
    """GET with up to MAX_ATTEMPTS tries: a network error or a 5xx is retried, any other
    non-200 status is the carrier refusing the request and is not."""
    last_error = ""
    for _attempt in range(MAX_ATTEMPTS):
        try:
            response = transport.get(url, params)
        except TransportError as error:
            last_error = str(error)
            continue
        if response.status >= 500:
            last_error = f"HTTP {response.status}"
            continue
        if response.status != 200:
            raise BadCarrierResponse(f"{carrier}: HTTP {response.status}")
        return response
    raise CarrierUnavailable(f"{carrier}: gave up after {MAX_ATTEMPTS} attempts ({last_error})")
