"""The Messages API server: its lifecycle, routing, scripted answers and fault delivery.

HTTP framing is in `_http`.

Public entry point and CLI: `archbench.testing.messages_api`.
"""

from __future__ import annotations

import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from typing_extensions import override

from archbench.testing._http import FramedHandler, parse_json_object
from archbench.testing._recording import Exchange, RecordedRequest, RequestLog
from archbench.testing._replies import DEFAULT_REPLY, Fault, FaultKind, Reply, Script, always
from archbench.testing._wire import (
    ERROR_SHAPES,
    count_tokens_json,
    error_json,
    message_json,
    missing_required_fields,
    new_id,
    stream_events,
)

MESSAGES_PATH = "/v1/messages"
COUNT_TOKENS_PATH = "/v1/messages/count_tokens"
REQUIRED_MESSAGE_FIELDS = ("model", "max_tokens", "messages")
REQUIRED_COUNT_FIELDS = ("model", "messages")
# What a SLOW fault finally answers, if the client is still listening.
LATE_REPLY = Reply(text="This answer arrived after the client's timeout.")
SHUTDOWN_POLL_SECONDS = 0.05
MALFORMED_BODY = b'{"id": "msg_truncated", "type": "message", "content": [{"type": "te'


class MessagesAPIServer:
    """The server, started by `with` (or `start()`) on 127.0.0.1 and an OS-chosen port."""

    def __init__(
        self,
        script: Script | None = None,
        *,
        latency_seconds: float = 0.0,
        request_log_path: Path | None = None,
        api_key: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        """Configure the server.

        Args:
            script: chooses each request's answer (a `Reply` or an injected `Fault`);
                by default every request gets `DEFAULT_REPLY`.
            latency_seconds: fixed delay before every answer, as a model's thinking time.
            request_log_path: also append every exchange to this JSONL file (truncated first).
            api_key: if set, any other `x-api-key` gets a permanent 401, as a bad key would.
            host: interface to bind; keep the loopback default.
            port: 0 lets the OS choose a free port.
        """
        self.script = script or always(DEFAULT_REPLY)
        self.latency_seconds = latency_seconds
        self.api_key = api_key
        self.log = RequestLog(request_log_path)
        # Set by stop(); requests sleeping on it (latency, SLOW faults) wake up and are dropped.
        self.stopping = threading.Event()
        self._http = _HTTPServer((host, port), _MessagesHandler, self)
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """What `ANTHROPIC_BASE_URL` should be: the SDK appends `/v1/messages` itself."""
        host, port = self._http.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        # A short poll keeps stop() fast: shutdown waits for the loop's next poll.
        self._thread = threading.Thread(
            target=self._http.serve_forever,
            kwargs={"poll_interval": SHUTDOWN_POLL_SECONDS},
            name="messages-api",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving; requests still sleeping (latency, SLOW faults) are woken and dropped."""
        self.stopping.set()
        if self._thread is not None:
            self._http.shutdown()
            self._thread.join()
            self._thread = None
        self._http.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in arrival order (all paths)."""
        return self.log.requests()

    def exchanges(self) -> list[Exchange]:
        """Every answered request with its outcome, in answer order."""
        return self.log.exchanges()

    def message_requests(self) -> list[RecordedRequest]:
        """Requests to `POST /v1/messages` only (not token counting)."""
        return [request for request in self.requests() if request.path == MESSAGES_PATH]


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # inspect opens up to max_connections sockets at once; the default backlog of 5 would
    # make a burst of connects wait on SYN retries and distort the concurrency benchmark.
    request_queue_size = 256

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        app: MessagesAPIServer,
    ) -> None:
        super().__init__(address, handler)
        self.app = app

    @override
    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client hangs up (timeouts, pooled sockets closed); report the rest."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _MessagesHandler(FramedHandler):
    server: _HTTPServer

    def do_POST(self) -> None:
        try:
            self._handle_post()
        except ConnectionError:
            # The client gave up (its timeout, a cancelled attempt): nothing left to answer.
            self.close_connection = True

    def _handle_post(self) -> None:
        app = self.server.app
        path = self.path.split("?", 1)[0]
        raw_body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = parse_json_object(raw_body)
        request = app.log.admit(path, dict(self.headers.items()), body or {}, raw_body)
        if path not in (MESSAGES_PATH, COUNT_TOKENS_PATH):
            self._reject(request, 404, "not_found_error", f"no route for POST {path}")
        elif body is None:
            self._reject(request, 400, "invalid_request_error", "request body is not JSON")
        elif app.api_key is not None and self.headers.get("x-api-key") != app.api_key:
            self._send_fault(request, Fault(FaultKind.UNAUTHORIZED))
        elif path == COUNT_TOKENS_PATH:
            self._answer_count_tokens(request)
        else:
            self._answer_message(request)

    def _answer_count_tokens(self, request: RecordedRequest) -> None:
        missing = missing_required_fields(request, REQUIRED_COUNT_FIELDS)
        if missing:
            self._reject(request, 400, "invalid_request_error", f"{missing[0]}: Field required")
            return
        self.server.app.log.settle(request, "count_tokens")
        self._send_json(200, count_tokens_json(request))

    def _answer_message(self, request: RecordedRequest) -> None:
        app = self.server.app
        missing = missing_required_fields(request, REQUIRED_MESSAGE_FIELDS)
        if missing:
            self._reject(request, 400, "invalid_request_error", f"{missing[0]}: Field required")
            return
        try:
            response = app.script(request)
        except Exception as error:
            traceback.print_exc(file=sys.stderr)
            self._reject(request, 500, "api_error", f"the test script raised {error!r}")
            return
        if isinstance(response, Fault):
            self._send_fault(request, response)
            return
        app.log.settle(request, "reply")
        if app.stopping.wait(app.latency_seconds):
            return
        self._send_reply(request, response)

    def _send_reply(self, request: RecordedRequest, reply: Reply) -> None:
        message_id = new_id("msg")
        if not request.stream:
            self._send_json(200, message_json(reply, request, message_id))
            return
        self._start_stream()
        for name, data in stream_events(reply, request, message_id):
            self._send_event(name, data)
        self._end_stream()

    def _send_fault(self, request: RecordedRequest, fault: Fault) -> None:
        app = self.server.app
        app.log.settle(request, fault.kind.value)
        if fault.kind is FaultKind.DROPPED_CONNECTION:
            self._drop_connection()
        elif fault.kind is FaultKind.SLOW:
            if not app.stopping.wait(fault.delay_seconds):
                self._send_reply(request, LATE_REPLY)
        elif fault.kind is FaultKind.MALFORMED:
            self._send_malformed(request)
        else:
            self._send_error_shape(fault)

    def _send_error_shape(self, fault: Fault) -> None:
        shape = ERROR_SHAPES[fault.kind]
        extra_headers = {}
        if fault.kind is FaultKind.RATE_LIMITED:
            extra_headers["retry-after"] = f"{fault.retry_after_seconds:g}"
        body = error_json(shape.error_type, fault.message or shape.message, new_id("req"))
        self._send_json(shape.status, body, extra_headers)

    def _reject(self, request: RecordedRequest, status: int, error_type: str, message: str) -> None:
        self.server.app.log.settle(request, error_type)
        self._send_json(status, error_json(error_type, message, new_id("req")))

    def _send_malformed(self, request: RecordedRequest) -> None:
        """A 200 whose body breaks off mid-JSON, in the content type the client asked for."""
        if request.stream:
            self._start_stream()
            self._send_chunk(b"event: message_start\ndata: " + MALFORMED_BODY + b"\n\n")
            self._end_stream()
        else:
            self._send_bytes(200, "application/json", MALFORMED_BODY)
