import ast
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from notifications.in_memory import InMemoryNotifier
from notifications.ports import Notification, NotificationError, Notifier
from notifications.service import ShippingNotificationService


class RecordingNotifier:
    """A third-party adapter the service has never heard of."""

    def __init__(self) -> None:
        self.sent: list[Notification] = []

    def send(self, notification: Notification) -> None:
        self.sent.append(notification)


class BrokenNotifier:
    def __init__(self, error: NotificationError) -> None:
        self.error = error

    def send(self, notification: Notification) -> None:
        raise self.error


def module_source(module: str) -> str:
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).read_text()


def imported_names(source: str) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
            names.update(alias.name for alias in node.names)
    return names


def test_order_shipped_sends_one_notification_and_returns_it() -> None:
    notifier = InMemoryNotifier()
    service = ShippingNotificationService(notifier)

    sent = service.order_shipped("A-1001", "ada@example.com", tracking_code="1Z999AA1")

    assert notifier.sent == [sent]
    assert sent.recipient == "ada@example.com"
    assert sent.subject == "Order A-1001 has shipped"
    assert "1Z999AA1" in sent.body


def test_body_without_tracking_code_says_details_will_follow() -> None:
    notifier = InMemoryNotifier()
    sent = ShippingNotificationService(notifier).order_shipped("A-7", "bo@example.com")
    assert "None" not in sent.body
    assert "follow" in sent.body.lower()
    assert notifier.sent == [sent]


def test_works_with_any_object_implementing_the_port() -> None:
    notifier = RecordingNotifier()
    ShippingNotificationService(notifier).order_shipped("B-2", "cy@example.com", "TRK")
    assert [n.subject for n in notifier.sent] == ["Order B-2 has shipped"]


@pytest.mark.parametrize(("order_id", "email"), [("", "ada@example.com"), ("A-1", "ada")])
def test_invalid_input_raises_and_sends_nothing(order_id: str, email: str) -> None:
    notifier = InMemoryNotifier()
    with pytest.raises(ValueError):
        ShippingNotificationService(notifier).order_shipped(order_id, email)
    assert notifier.sent == []


def test_notifier_errors_propagate_unchanged() -> None:
    error = NotificationError("smtp relay refused")
    service = ShippingNotificationService(BrokenNotifier(error))
    with pytest.raises(NotificationError) as info:
        service.order_shipped("A-1", "ada@example.com")
    assert info.value is error


def test_in_memory_adapter_satisfies_the_port_and_keeps_order() -> None:
    notifier = InMemoryNotifier()
    assert isinstance(notifier, Notifier)
    first = Notification("a@x.io", "s1", "b1")
    second = Notification("b@x.io", "s2", "b2")
    notifier.send(first)
    notifier.send(second)
    assert notifier.sent == [first, second]
    assert InMemoryNotifier().sent == []


def test_notifier_is_a_runtime_checkable_protocol() -> None:
    assert isinstance(RecordingNotifier(), Notifier)
    assert not isinstance(object(), Notifier)


def test_notification_is_immutable() -> None:
    notification = Notification("a@x.io", "subject", "body")
    with pytest.raises(AttributeError):
        notification.subject = "changed"  # type: ignore[misc]


def test_service_source_does_not_import_the_adapter() -> None:
    names = imported_names(module_source("notifications.service"))
    assert not any("in_memory" in name or "InMemoryNotifier" in name for name in names)


def test_importing_the_service_does_not_load_the_adapter() -> None:
    probe = (
        "import sys, notifications.service\n"
        "loaded = [m for m in sys.modules if m.startswith('notifications.')]\n"
        "assert 'notifications.in_memory' not in sys.modules, loaded\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=30,
        cwd=Path.cwd(),
    )
    assert completed.returncode == 0, completed.stderr
