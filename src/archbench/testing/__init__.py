"""Test doubles for the project's external services.

`MessagesAPIServer` speaks Anthropic's Messages API on 127.0.0.1 so the real `anthropic/`
provider path (inspect -> official SDK -> HTTP) can be tested offline, under faults and load.
"""

from archbench.testing._recording import Exchange, RecordedRequest, RequestLog, read_request_log
from archbench.testing._replies import (
    DEFAULT_REPLY,
    TRANSIENT_FAULTS,
    Fault,
    FaultKind,
    Reply,
    Response,
    Script,
    ToolCall,
    always,
    fail_first_attempts,
    reply_by_substring,
    with_fault_rate,
)
from archbench.testing._script_file import ScriptFile, ScriptFileError, load_script_file
from archbench.testing._server import MessagesAPIServer

__all__ = [
    "DEFAULT_REPLY",
    "TRANSIENT_FAULTS",
    "Exchange",
    "Fault",
    "FaultKind",
    "MessagesAPIServer",
    "RecordedRequest",
    "Reply",
    "RequestLog",
    "Response",
    "Script",
    "ScriptFile",
    "ScriptFileError",
    "ToolCall",
    "always",
    "fail_first_attempts",
    "load_script_file",
    "read_request_log",
    "reply_by_substring",
    "with_fault_rate",
]
