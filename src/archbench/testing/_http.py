"""HTTP/1.1 framing for the Messages API handler: JSON bodies, chunked server-sent events, and
a connection dropped without a status line. Routing and answers live in `_server`, the
content of bodies and events in `_wire`."""

from __future__ import annotations

import json
import socket
from http.server import BaseHTTPRequestHandler
from typing import Any

from typing_extensions import override

from archbench.testing._wire import new_id


class FramedHandler(BaseHTTPRequestHandler):
    """Writes whole responses; every one carries a fresh `request-id`, as the real API's do."""

    # HTTP/1.1 keeps connections alive, as the SDK's connection pool expects.
    protocol_version = "HTTP/1.1"

    @override
    def log_message(self, format: str, *args: Any) -> None:
        """Silence the per-request stderr line; the request log holds everything."""

    def _drop_connection(self) -> None:
        """Close the socket without a status line, as a crashed proxy would."""
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def _send_json(
        self, status: int, payload: dict[str, Any], extra_headers: dict[str, str] | None = None
    ) -> None:
        self._send_bytes(status, "application/json", json.dumps(payload).encode(), extra_headers)

    def _send_bytes(
        self,
        status: int,
        content_type: str,
        data: bytes,
        extra_headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("request-id", new_id("req"))
        for name, value in (extra_headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("request-id", new_id("req"))
        self.end_headers()

    def _send_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _send_event(self, name: str, data: dict[str, Any]) -> None:
        """One server-sent event, in a chunk of its own."""
        self._send_chunk(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())

    def _end_stream(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


def parse_json_object(raw_body: bytes) -> dict[str, Any] | None:
    """The request body as a JSON object; None when it is not JSON or not an object."""
    try:
        parsed = json.loads(raw_body or b"null")
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None
