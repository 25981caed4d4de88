"""Sends user notifications over email, SMS and push.

The code lives in the modules re-exported here; this module keeps the public import path.
"""

from notify.errors import (
    NotificationError,
    TemplateError,
    TransientSendError,
    UnknownEventError,
)
from notify.service import Dispatcher

__all__ = [
    "Dispatcher",
    "NotificationError",
    "TemplateError",
    "TransientSendError",
    "UnknownEventError",
]
