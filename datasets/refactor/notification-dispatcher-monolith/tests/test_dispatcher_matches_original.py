"""Differential tests: the refactored dispatcher behaves exactly like the original monolith.

`original_dispatcher.py` beside this file is a byte copy of the code before the refactor,
loaded by file path under a private module name so it cannot be confused with the answer's
`notify` package. Each scenario drives an original and an answer `Dispatcher` in lockstep,
each with its own scripted senders, a shared fake clock and its own sleep log, and compares
every call's result or exception, what the senders were given, the backoff sleeps, and that
no input was changed. Scenarios come from a seeded generator.
"""

import copy
import importlib.util
import random
from datetime import UTC, datetime
from pathlib import Path

import notify.dispatcher as answer


def _load_original():
    path = Path(__file__).with_name("original_dispatcher.py")
    spec = importlib.util.spec_from_file_location("_archbench_original_dispatcher", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ORIGINAL = _load_original()
SCENARIOS = 120
CHANNELS = ("email", "sms", "push")
START = datetime(2026, 5, 4, 6, 30, tzinfo=UTC).timestamp()
USER_IDS = ["u1", "u2", "u3"]
# (usable addresses, addresses the dispatcher treats as missing)
EMAILS = (["ada@example.com", "x@y", "a@"], ["@example.com", "ada", "", None])
PHONES = (["+4915112345678", "+12345678", "+123456789012345"],
          ["+1234567", "+1234567890123456", "4915112345678", "+49 151", "", None])
TOKENS = (["tok-123"], ["", None])
CLOCK_STEPS = [0, 0, 1, 1, 59, 60, 600, 1799, 3599, 3600, 3601, 7200, 30_000]


def outcome(function, *args):
    """What a call did: its result, or the type (by name: the original defines its own
    exception classes) and message of what it raised."""
    try:
        return ("returned", function(*args))
    except Exception as error:  # any exception is behaviour to compare, not a test failure
        return ("raised", type(error).__name__, str(error))


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


class ScriptedSender:
    """Records each delivery and fails as scripted: "transient" raises the module's own
    TransientSendError, "permanent" a ValueError; None (or an empty script) succeeds."""

    def __init__(self, module, script):
        self.module = module
        self.script = list(script)
        self.calls = []

    def __call__(self, address, subject, body):
        self.calls.append((address, subject, body))
        step = self.script.pop(0) if self.script else None
        if step is not None:
            kind, message = step
            raise (self.module.TransientSendError if kind == "transient" else ValueError)(message)


def random_script(rng):
    steps = [None, None, ("transient", "timeout"), ("transient", "busy"),
             ("permanent", "bad address"), ("permanent", "")]
    return [rng.choice(steps) for _ in range(rng.randint(0, 6))]


def random_settings(rng):
    """Constructor keywords besides clock and sleep: often none, so the defaults are used."""
    settings = {}
    for name, values in (("max_per_hour", [1, 2, 5]), ("max_attempts", [1, 2, 3, 4]),
                         ("base_delay", [0.5, 1.0, 2.0])):
        if rng.random() < 0.3:
            settings[name] = rng.choice(values)
    return settings


class Twins:
    """An original and an answer Dispatcher, configured alike and driven in lockstep."""

    def __init__(self, scripts, settings, now=START):
        """`scripts` maps each configured channel to its sender's script."""
        self.clock = Clock(now)
        self.sides = {}
        for module in (ORIGINAL, answer):
            senders = {c: ScriptedSender(module, script) for c, script in scripts.items()}
            sleeps = []
            dispatcher = module.Dispatcher(senders, clock=self.clock, sleep=sleeps.append,
                                         **settings)
            self.sides[module] = (dispatcher, senders, sleeps)
        self.calls = [("Dispatcher", scripts, settings)]

    @classmethod
    def generated(cls, rng):
        configured = [c for c in CHANNELS if rng.random() < 0.85] or ["email"]
        scripts = {channel: random_script(rng) for channel in configured}
        return cls(scripts, random_settings(rng), START + rng.randint(0, 86_400))

    def call(self, method, *args):
        """Call `method` on both dispatchers; assert the same outcome and side effects, and
        that the answer left its arguments as they were."""
        self.calls.append((method, self.clock.now, args))
        untouched = copy.deepcopy(args)
        original, refactored = (self.sides[m][0] for m in (ORIGINAL, answer))
        expected = outcome(getattr(original, method), *copy.deepcopy(args))
        actual = outcome(getattr(refactored, method), *args)
        assert actual == expected, self.calls
        assert self.effects(answer) == self.effects(ORIGINAL), self.calls
        assert args == untouched, f"{method} changed its arguments"
        return expected

    def effects(self, module):
        _, senders, sleeps = self.sides[module]
        return {channel: sender.calls for channel, sender in senders.items()}, sleeps


def random_user(rng):
    user = {"id": rng.choice(USER_IDS) if rng.random() > 0.02 else rng.choice(["", None])}
    for key, (usable, unusable) in (("email", EMAILS), ("phone", PHONES),
                                    ("device_token", TOKENS)):
        if rng.random() < 0.9:
            user[key] = rng.choice(usable if rng.random() < 0.75 else unusable)
    if rng.random() < 0.7:
        user["name"] = rng.choice(["Ada", "Dr. A", ""])
    if rng.random() < 0.8:
        length = rng.randint(0, 4)
        chosen = [rng.choice([*CHANNELS, *CHANNELS, "fax"]) for _ in range(length)]
        user["preferences"] = chosen if rng.random() < 0.85 else rng.choice([None, []])
    if rng.random() < 0.2:
        user["muted_events"] = rng.choice([None, [], ["order_shipped"], ["password_reset"],
                                           ["weekly_digest", "order_shipped"]])
    if rng.random() < 0.3:
        user["quiet_hours"] = (rng.randint(0, 24), rng.randint(0, 24))
        if rng.random() < 0.6:
            user["utc_offset_hours"] = rng.choice([-5, 0, 2, 5.5, 14])
    return user


def random_data(rng, event):
    # "Order A-17 shipped: https://t/" is 30 characters: 130 more make an SMS of exactly 160.
    url_length = rng.choice([10, 10, 129, 130, 131, 200])
    data = {"order_shipped": {"order_id": "A-17", "tracking_url": "https://t/" + "x" * url_length},
            "password_reset": {"code": rng.choice(["991", "7"])},
            "weekly_digest": {"summary": "3 new orders"}}.get(event, {})
    if data and rng.random() < 0.05:
        del data[rng.choice(sorted(data))]  # a template field left out
    if rng.random() < 0.15:
        data["name"] = "Grace"
    return data


def random_event(rng):
    return rng.choice(["order_shipped", "order_shipped", "password_reset", "weekly_digest",
                       "birthday" if rng.random() < 0.1 else "order_shipped"])


def random_call(twins, rng):
    roll = rng.random()
    event = random_event(rng)
    if roll < 0.6:
        return twins.call("dispatch", random_user(rng), event, random_data(rng, event))
    if roll < 0.75:
        users = [random_user(rng) for _ in range(rng.randint(0, 4))]
        return twins.call("broadcast", users, event, random_data(rng, event))
    if roll < 0.9:
        channel = rng.choice([*CHANNELS, "sms", "pigeon"])
        data = {"name": "Ada", **random_data(rng, event)} if rng.random() < 0.7 else {}
        return twins.call("render_preview", event, data, channel)
    return twins.call("sent_in_last_hour", rng.choice(USER_IDS))


def test_generated_scenarios_match_the_original():
    rng = random.Random(1803)
    kinds = []
    for _ in range(SCENARIOS):
        twins = Twins.generated(rng)
        for _ in range(rng.randint(3, 12)):
            twins.clock.now += rng.choice(CLOCK_STEPS)
            kinds.append(random_call(twins, rng)[0])
    # The generator must reach results and errors both, or the comparison proves little.
    assert kinds.count("returned") > len(kinds) // 2
    assert kinds.count("raised") > len(kinds) // 50


def test_quiet_hours_around_every_boundary_match_the_original():
    twins = Twins({"email": []}, {})
    midnight = datetime(2026, 5, 4, tzinfo=UTC).timestamp()
    for start, end in ((22, 7), (9, 17), (5, 5), (0, 24), (0, 0), (23, 0), (24, 3)):
        for hour in (start - 1, start, end - 1, end):
            user = {"id": f"q{start}-{end}-{hour}", "email": "ada@example.com",
                    "quiet_hours": (start, end), "utc_offset_hours": 2}
            for second in (-1, 0, 1):
                twins.clock.now = midnight + ((hour - 2) % 24) * 3600 + second + 86_400
                twins.call("dispatch", user, "weekly_digest", {"summary": "s"})


def test_rate_limit_window_edges_match_the_original():
    # With the default limit: five sends, then the sixth inside and just past the hour.
    for step in (3599, 3600, 3601):
        twins = Twins({"email": [], "push": []}, {})
        user = {"id": "u1", "email": "ada@example.com", "device_token": "tok"}
        for _ in range(6):
            twins.call("dispatch", user, "order_shipped", {"order_id": "1", "tracking_url": "u"})
            twins.call("sent_in_last_hour", "u1")
        twins.clock.now += step
        twins.call("dispatch", user, "order_shipped", {"order_id": "1", "tracking_url": "u"})
        twins.call("sent_in_last_hour", "u1")


def test_default_retry_settings_match_the_original():
    # Defaults only: max_per_hour=5, max_attempts=3, base_delay=1.0 must keep their values.
    rng = random.Random(3)
    twins = Twins({"email": [("transient", "timeout")] * 5, "push": []}, {})
    user = {"id": "u1", "email": "ada@example.com", "device_token": "tok",
            "preferences": ["email", "push"]}
    for _ in range(8):
        twins.clock.now += rng.choice([1, 60])
        twins.call("dispatch", user, "order_shipped", {"order_id": "1", "tracking_url": "u"})


def test_broadcast_to_nobody_still_checks_the_event():
    twins = Twins({"email": []}, {})
    twins.call("broadcast", [], "birthday", {})
    twins.call("broadcast", [], "weekly_digest", {})
