"""Dispatcher: picks channels for a user and event, applies the sending policies, delivers."""

import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from notify.channels import ADDRESS_FIELDS, address_for, reachable_channels
from notify.delivery import RetryPolicy, Sender, channel_result, deliver
from notify.errors import NotificationError
from notify.policies import HourlyRateLimiter, in_quiet_hours
from notify.templates import Message, get_template, render

Result = dict[str, object]
OUTCOMES = ("sent", "failed", "skipped", "rate_limited", "deferred")


class Dispatcher:
    def __init__(
        self,
        senders: Mapping[str, Sender],
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
        max_per_hour: int = 5,
        max_attempts: int = 3,
        base_delay: float = 1.0,
    ) -> None:
        self._senders = senders
        self._clock = clock
        self._retry = RetryPolicy(max_attempts, base_delay, sleep)
        self._rate_limiter = HourlyRateLimiter(max_per_hour)

    def render_preview(
        self, event: str, data: Mapping[str, object], channel: str
    ) -> dict[str, str]:
        template = get_template(event)
        if channel not in ADDRESS_FIELDS:
            raise NotificationError(f"unknown channel {channel!r}")
        message = render(event, template, data, channel)
        return {"subject": message.subject, "body": message.body}

    def dispatch(
        self, user: Mapping[str, Any], event: str, data: Mapping[str, object]
    ) -> list[Result]:
        if not user.get("id"):
            raise NotificationError("user needs an id")
        template = get_template(event)
        values = {"name": user.get("name", "there"), **data}
        # Render every channel up front so a bad template fails before anything is sent.
        messages = {channel: render(event, template, values, channel) for channel in ADDRESS_FIELDS}
        now = self._clock()
        is_critical = template.priority == "critical"
        if not is_critical:
            blocked = self._blocking_outcome(user, event, now)
            if blocked is not None:
                return [blocked]
        channels = reachable_channels(user, template.priority, self._senders)
        if not channels:
            return [channel_result(None, "skipped", error="no reachable channel")]
        results = self._deliver(user, channels, messages, stop_at_first_success=not is_critical)
        if not is_critical and _was_sent(results):
            self._rate_limiter.record(user["id"], now)
        return results

    def sent_in_last_hour(self, user_id: str) -> int:
        return self._rate_limiter.count(user_id, self._clock())

    def broadcast(
        self, users: Iterable[Mapping[str, Any]], event: str, data: Mapping[str, object]
    ) -> dict[str, Any]:
        get_template(event)  # fail on an unknown event before anyone is notified
        summary = dict.fromkeys(OUTCOMES, 0)
        results: dict[str, list[Result]] = {}
        for user in users:
            user_results = self.dispatch(user, event, data)
            results[user["id"]] = user_results
            summary[_overall_outcome(user_results)] += 1
        return {"results": results, "summary": summary}

    def _blocking_outcome(
        self, user: Mapping[str, Any], event: str, now: float
    ) -> Result | None:
        if event in (user.get("muted_events") or []):
            return channel_result(None, "skipped", error="muted by user")
        if in_quiet_hours(user, now):
            return channel_result(None, "deferred")
        if self._rate_limiter.is_exhausted(user["id"], now):
            return channel_result(None, "rate_limited")
        return None

    def _deliver(
        self,
        user: Mapping[str, Any],
        channels: list[str],
        messages: Mapping[str, Message],
        stop_at_first_success: bool,
    ) -> list[Result]:
        results = []
        for channel in channels:
            address = address_for(user, channel)
            result = deliver(
                channel, self._senders[channel], address, messages[channel], self._retry
            )
            results.append(result)
            if stop_at_first_success and result["status"] == "sent":
                break
        return results


def _was_sent(results: list[Result]) -> bool:
    return any(result["status"] == "sent" for result in results)


def _overall_outcome(results: list[Result]) -> str:
    return "sent" if _was_sent(results) else str(results[-1]["status"])
