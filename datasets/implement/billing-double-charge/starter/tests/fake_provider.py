"""A fake payment provider behind an httpx.MockTransport, behaving as docs/provider-api.md says.

`script` holds what happens to the next requests, one entry per request reaching the provider:
"ok" processes it, a status such as "503" answers it without processing, "timeout" processes
it and then the caller's read times out (so the charge exists but the client never sees the
answer), "connect-error" fails before the provider sees anything. Once the script is used up every
request is processed normally.
"""

import json
from dataclasses import dataclass, field

import httpx


@dataclass
class FakeProvider:
    script: list[str] = field(default_factory=list)
    declined_customers: set[str] = field(default_factory=set)
    charges: list[dict[str, object]] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)
    _stored: dict[str, tuple[dict[str, object], httpx.Response]] = field(default_factory=dict)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self.handle), base_url="https://pay.test")

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.script.pop(0) if self.script else "ok"
        if step == "connect-error":
            raise httpx.ConnectError("connection refused", request=request)
        if step.isdigit():
            return httpx.Response(int(step), json={"error": {"code": "overloaded"}})
        response = self._process(request)
        if step == "timeout":
            raise httpx.ReadTimeout("read timed out", request=request)
        return response

    def _process(self, request: httpx.Request) -> httpx.Response:
        assert request.method == "POST" and request.url.path == "/v1/charges"
        body = json.loads(request.content)
        key = request.headers.get("Idempotency-Key")
        if key is not None and key in self._stored:
            stored_body, stored_response = self._stored[key]
            if stored_body != body:
                return httpx.Response(409, json={"error": {"code": "idempotency_key_reused"}})
            return httpx.Response(stored_response.status_code, content=stored_response.content)
        response = self._charge(body)
        if key is not None:
            self._stored[key] = (body, response)
        return response

    def _charge(self, body: dict[str, object]) -> httpx.Response:
        if body["customer"] in self.declined_customers:
            return httpx.Response(402, json={"error": {"code": "card_declined", "message": "no"}})
        charge = {
            "id": f"ch_{len(self.charges) + 1}",
            "customer": body["customer"],
            "amount_cents": body["amount_cents"],
        }
        self.charges.append(charge)
        return httpx.Response(201, json=charge)
