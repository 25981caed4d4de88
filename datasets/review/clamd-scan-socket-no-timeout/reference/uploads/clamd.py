"""Virus scanning of uploads with clamd, before they reach the document store.

The upload endpoint streams each file to the clamd sidecar with the INSTREAM command and only
stores it when clamd answers OK. An infected file is refused with 422; when clamd cannot give a
verdict the upload is refused with 503 and the user is asked to try again.

INSTREAM: send `zINSTREAM\\0`, then the data in chunks, each preceded by its length as a 4-byte
big-endian integer, then a zero length. clamd answers `stream: OK`, `stream: <signature> FOUND`
or `<reason> ERROR`, terminated by a NUL byte.
"""

from __future__ import annotations

import enum
import socket
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

DEFAULT_PORT = 3310
CHUNK_BYTES = 64 * 1024
MAX_REPLY_BYTES = 4096
TIMEOUT_SECONDS = 30.0

Connect = Callable[..., socket.socket]


class ScannerUnavailable(Exception):
    """clamd could not give a verdict; the upload is refused with 503."""


class Verdict(enum.Enum):
    CLEAN = "clean"
    INFECTED = "infected"


@dataclass(frozen=True)
class ScanResult:
    verdict: Verdict
    signature: str | None = None


class ClamdScanner:
    def __init__(
        self,
        host: str,
        port: int = DEFAULT_PORT,
        *,
        connect: Connect = socket.create_connection,
    ) -> None:
        self._address = (host, port)
        self._connect = connect

    def scan(self, stream: BinaryIO) -> ScanResult:
        """Scan everything left in `stream`."""
        try:
            with self._connect(self._address, timeout=TIMEOUT_SECONDS) as connection:
                connection.sendall(b"zINSTREAM\0")
                while chunk := stream.read(CHUNK_BYTES):
                    connection.sendall(struct.pack(">I", len(chunk)) + chunk)
                connection.sendall(struct.pack(">I", 0))
                reply = _read_reply(connection)
        except OSError as error:
            raise ScannerUnavailable(f"clamd at {self._address[0]}: {error}") from error
        return _parse(reply)


def _read_reply(connection: socket.socket) -> str:
    data = bytearray()
    while not data.endswith(b"\0"):
        chunk = connection.recv(MAX_REPLY_BYTES)
        if not chunk:
            break
        data += chunk
        if len(data) > MAX_REPLY_BYTES:
            raise ScannerUnavailable("clamd sent an oversized reply")
    return data.rstrip(b"\0").decode("utf-8", "replace").strip()


def _parse(reply: str) -> ScanResult:
    if reply == "stream: OK":
        return ScanResult(Verdict.CLEAN)
    if reply.startswith("stream: ") and reply.endswith(" FOUND"):
        signature = reply.removeprefix("stream: ").removesuffix(" FOUND")
        return ScanResult(Verdict.INFECTED, signature)
    raise ScannerUnavailable(f"clamd could not scan the file: {reply or 'no reply'}")
