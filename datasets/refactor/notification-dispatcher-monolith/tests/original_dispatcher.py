"""Sends user notifications over email, SMS and push."""
import re
import string
import time


class NotificationError(Exception):
    pass


class UnknownEventError(NotificationError):
    pass


class TemplateError(NotificationError):
    pass


class TransientSendError(Exception):
    """Raised by a sender when trying again later may succeed."""


TEMPLATES = {
    "order_shipped": {
        "priority": "normal",
        "subject": "Your order {order_id} has shipped",
        "body": "Hi {name}, your order {order_id} is on its way. Track it at {tracking_url}.",
        "sms": "Order {order_id} shipped: {tracking_url}",
    },
    "password_reset": {
        "priority": "critical",
        "subject": "Reset your password",
        "body": "Hi {name}, use code {code} to reset your password. It expires in 15 minutes.",
        "sms": "Your password reset code is {code}",
    },
    "weekly_digest": {
        "priority": "low",
        "subject": "Your week at a glance",
        "body": "Hi {name}, here is what happened this week:\n{summary}",
    },
}

ADDRESS_FIELDS = {"email": "email", "sms": "phone", "push": "device_token"}
PHONE_RE = re.compile(r"^\+[0-9]{8,15}$")
SMS_LIMIT = 160
RATE_WINDOW_SECONDS = 3600


class Dispatcher:
    def __init__(self, senders, clock=time.time, sleep=time.sleep, max_per_hour=5,
                 max_attempts=3, base_delay=1.0):
        self.senders = senders
        self.clock = clock
        self.sleep = sleep
        self.max_per_hour = max_per_hour
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.sent_at = {}

    def render_preview(self, event, data, channel):
        if event not in TEMPLATES:
            raise UnknownEventError("unknown event %r" % event)
        if channel not in ADDRESS_FIELDS:
            raise NotificationError("unknown channel %r" % channel)
        template = TEMPLATES[event]
        formatter = string.Formatter()
        if channel == "sms":
            text = template.get("sms", template["body"])
            needed = [f for _, f, _, _ in formatter.parse(text) if f]
            missing = sorted(set(needed) - set(data))
            if missing:
                raise TemplateError(
                    "event %s needs %s" % (event, ", ".join(missing))
                )
            body = text.format(**data)
            if len(body) > SMS_LIMIT:
                body = body[: SMS_LIMIT - 3] + "..."
            return {"subject": "", "body": body}
        else:
            needed = [f for _, f, _, _ in formatter.parse(template["subject"]) if f]
            needed += [f for _, f, _, _ in formatter.parse(template["body"]) if f]
            missing = sorted(set(needed) - set(data))
            if missing:
                raise TemplateError(
                    "event %s needs %s" % (event, ", ".join(missing))
                )
            return {
                "subject": template["subject"].format(**data),
                "body": template["body"].format(**data),
            }

    def dispatch(self, user, event, data):
        if not user.get("id"):
            raise NotificationError("user needs an id")
        if event not in TEMPLATES:
            raise UnknownEventError("unknown event %r" % event)
        template = TEMPLATES[event]
        priority = template["priority"]
        values = dict(data)
        values.setdefault("name", user.get("name", "there"))
        # render every channel up front so a bad template fails before anything is sent
        formatter = string.Formatter()
        messages = {}
        for channel in ADDRESS_FIELDS:
            if channel == "sms":
                text = template.get("sms", template["body"])
                needed = [f for _, f, _, _ in formatter.parse(text) if f]
                missing = sorted(set(needed) - set(values))
                if missing:
                    raise TemplateError(
                        "event %s needs %s" % (event, ", ".join(missing))
                    )
                body = text.format(**values)
                if len(body) > SMS_LIMIT:
                    body = body[: SMS_LIMIT - 3] + "..."
                messages[channel] = ("", body)
            else:
                needed = [f for _, f, _, _ in formatter.parse(template["subject"]) if f]
                needed += [f for _, f, _, _ in formatter.parse(template["body"]) if f]
                missing = sorted(set(needed) - set(values))
                if missing:
                    raise TemplateError(
                        "event %s needs %s" % (event, ", ".join(missing))
                    )
                messages[channel] = (
                    template["subject"].format(**values),
                    template["body"].format(**values),
                )
        now = self.clock()
        user_id = user["id"]
        if priority != "critical":
            # users can mute any event except critical ones
            if event in (user.get("muted_events") or []):
                return [
                    {
                        "channel": None,
                        "status": "skipped",
                        "attempts": 0,
                        "error": "muted by user",
                    }
                ]
            # quiet hours, in the user's local time
            quiet = user.get("quiet_hours")
            if quiet is not None:
                offset = user.get("utc_offset_hours", 0)
                hour = int((now / 3600 + offset) % 24)
                start, end = quiet
                if start > end:
                    in_quiet = hour >= start or hour < end
                else:
                    in_quiet = start <= hour < end
                if in_quiet:
                    return [{"channel": None, "status": "deferred", "attempts": 0, "error": None}]
            # rate limit: successful non-critical notifications in the last hour
            recent = [t for t in self.sent_at.get(user_id, []) if t > now - RATE_WINDOW_SECONDS]
            self.sent_at[user_id] = recent
            if len(recent) >= self.max_per_hour:
                return [
                    {"channel": None, "status": "rate_limited", "attempts": 0, "error": None}
                ]
        # choose channels
        if priority == "low":
            candidates = ["email"]
        else:
            candidates = []
            for channel in user.get("preferences") or ["email"]:
                if channel not in ADDRESS_FIELDS:
                    continue
                if channel not in candidates:
                    candidates.append(channel)
        eligible = []
        for channel in candidates:
            if channel not in self.senders:
                continue
            address = user.get(ADDRESS_FIELDS[channel])
            if not address:
                continue
            # malformed addresses are treated as missing so we fall back to the next channel
            if channel == "email" and ("@" not in address or address.startswith("@")):
                continue
            if channel == "sms" and not PHONE_RE.match(address):
                continue
            eligible.append(channel)
        if not eligible:
            return [
                {
                    "channel": None,
                    "status": "skipped",
                    "attempts": 0,
                    "error": "no reachable channel",
                }
            ]
        results = []
        delivered = False
        for channel in eligible:
            sender = self.senders[channel]
            address = user[ADDRESS_FIELDS[channel]]
            subject, body = messages[channel]
            attempts = 0
            error = None
            status = "failed"
            while attempts < self.max_attempts:
                attempts += 1
                try:
                    sender(address, subject, body)
                    status = "sent"
                    error = None
                    break
                except TransientSendError as e:
                    error = "transient: %s" % e
                    if attempts < self.max_attempts:
                        self.sleep(self.base_delay * 2 ** (attempts - 1))
                except Exception as e:
                    error = "permanent: %s" % e
                    break
            results.append(
                {"channel": channel, "status": status, "attempts": attempts, "error": error}
            )
            if status == "sent":
                delivered = True
                if priority != "critical":
                    break
        if delivered and priority != "critical":
            self.sent_at.setdefault(user_id, []).append(now)
        return results

    def sent_in_last_hour(self, user_id):
        now = self.clock()
        count = 0
        for t in self.sent_at.get(user_id, []):
            if t > now - RATE_WINDOW_SECONDS:
                count += 1
        return count

    def broadcast(self, users, event, data):
        if event not in TEMPLATES:
            raise UnknownEventError("unknown event %r" % event)
        summary = {"sent": 0, "failed": 0, "skipped": 0, "rate_limited": 0, "deferred": 0}
        results = {}
        for user in users:
            user_results = self.dispatch(user, event, data)
            results[user["id"]] = user_results
            if any(r["status"] == "sent" for r in user_results):
                summary["sent"] += 1
            elif user_results[-1]["status"] == "failed":
                summary["failed"] += 1
            elif user_results[-1]["status"] == "skipped":
                summary["skipped"] += 1
            elif user_results[-1]["status"] == "rate_limited":
                summary["rate_limited"] += 1
            elif user_results[-1]["status"] == "deferred":
                summary["deferred"] += 1
        return {"results": results, "summary": summary}
