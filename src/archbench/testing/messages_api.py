"""A local HTTP server speaking Anthropic's Messages API, for testing the real client path.

`inspect eval --model anthropic/<id>` goes through inspect's provider and the official
`anthropic` SDK. Pointing `ANTHROPIC_BASE_URL` at this server (any `ANTHROPIC_API_KEY`) runs that
path unmodified and offline, with scripted answers, injected faults and a log of every request:

    with MessagesAPIServer(script=reply_by_substring({"2+2": Reply(text="4")})) as server:
        client = anthropic.Anthropic(base_url=server.base_url, api_key="dummy")

As a process (`python -m archbench.testing.messages_api --port 0 --script FILE`) it prints
`ANTHROPIC_BASE_URL=http://127.0.0.1:<port>` on its first line, then serves until SIGINT/SIGTERM.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from archbench.testing._script_file import ScriptFile, ScriptFileError, load_script_file
from archbench.testing._server import MessagesAPIServer

__all__ = ["MessagesAPIServer", "main"]


def _parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m archbench.testing.messages_api",
        description="Serve Anthropic's Messages API locally with scripted answers and faults.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (printed)")
    parser.add_argument(
        "--script",
        type=Path,
        help="YAML/JSON answers and faults (format: archbench.testing._script_file)",
    )
    parser.add_argument("--latency", type=float, help="seconds before every answer")
    parser.add_argument("--request-log", type=Path, help="append every exchange to this JSONL")
    parser.add_argument("--api-key", help="answer 401 to any other x-api-key")
    return parser.parse_args(argv)


def _wait_for_termination() -> None:
    stop = threading.Event()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signal_number, lambda _signal, _frame: stop.set())
    stop.wait()


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parse_arguments(argv)
    try:
        script_file = load_script_file(arguments.script) if arguments.script else ScriptFile()
    except ScriptFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    latency = arguments.latency if arguments.latency is not None else script_file.latency_seconds
    server = MessagesAPIServer(
        script_file.to_script(),
        latency_seconds=latency,
        request_log_path=arguments.request_log,
        api_key=arguments.api_key,
        host=arguments.host,
        port=arguments.port,
    )
    with server:
        print(f"ANTHROPIC_BASE_URL={server.base_url}", flush=True)
        _wait_for_termination()
    return 0


if __name__ == "__main__":
    sys.exit(main())
