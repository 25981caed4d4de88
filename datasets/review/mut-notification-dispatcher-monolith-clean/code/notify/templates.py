"""Notification templates and their rendering per channel."""

import string
from collections.abc import Mapping
from dataclasses import dataclass

from notify.errors import TemplateError, UnknownEventError

SMS_LIMIT = 160
_ELLIPSIS = "..."


@dataclass(frozen=True)
class Template:
    priority: str  # "critical", "normal" or "low"
    subject: str
    body: str
    sms: str | None = None


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


TEMPLATES = {
    "order_shipped": Template(
        priority="normal",
        subject="Your order {order_id} has shipped",
        body="Hi {name}, your order {order_id} is on its way. Track it at {tracking_url}.",
        sms="Order {order_id} shipped: {tracking_url}",
    ),
    "password_reset": Template(
        priority="critical",
        subject="Reset your password",
        body="Hi {name}, use code {code} to reset your password. It expires in 15 minutes.",
        sms="Your password reset code is {code}",
    ),
    "weekly_digest": Template(
        priority="low",
        subject="Your week at a glance",
        body="Hi {name}, here is what happened this week:\n{summary}",
    ),
}


def get_template(event: str) -> Template:
    try:
        return TEMPLATES[event]
    except KeyError:
        raise UnknownEventError(f"unknown event {event!r}") from None


def render(event: str, template: Template, values: Mapping[str, object], channel: str) -> Message:
    if channel == "sms":
        text = template.sms or template.body
        _require_fields(event, [text], values)
        return Message("", _truncate_sms(text.format(**values)))
    _require_fields(event, [template.subject, template.body], values)
    return Message(template.subject.format(**values), template.body.format(**values))


def _require_fields(event: str, texts: list[str], values: Mapping[str, object]) -> None:
    needed = {
        field for text in texts for _, field, _, _ in string.Formatter().parse(text) if field
    }
    missing = sorted(needed - set(values))
    if missing:
        raise TemplateError(f"event {event} needs {', '.join(missing)}")


def _truncate_sms(body: str) -> str:
    if len(body) <= SMS_LIMIT:
        return body
    return body[: SMS_LIMIT - len(_ELLIPSIS)] + _ELLIPSIS
