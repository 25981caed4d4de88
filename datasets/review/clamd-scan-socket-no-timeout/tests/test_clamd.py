import io
import socket
import struct
from types import TracebackType

import pytest

from uploads.clamd import ClamdScanner, ScannerUnavailable, Verdict

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
NOT_GIVEN = object()


class FakeClamd:
    """clamd as seen through a socket. `reply=None` models a clamd that accepted the
    connection and stopped answering (overloaded, or stuck on a huge archive)."""

    def __init__(self, reply: bytes | None) -> None:
        self.reply = reply
        self.received = bytearray()
        self.addresses: list[tuple[str, int]] = []

    def connect(self, address: tuple[str, int], timeout: object = NOT_GIVEN) -> "FakeSocket":
        self.addresses.append(address)
        return FakeSocket(self, None if timeout is NOT_GIVEN else timeout)


class FakeSocket:
    def __init__(self, server: FakeClamd, timeout: object) -> None:
        self.server = server
        self.timeout = timeout
        self.replied = False

    def settimeout(self, timeout: float | None) -> None:
        self.timeout = timeout

    def sendall(self, data: bytes) -> None:
        self.server.received += data

    def recv(self, size: int) -> bytes:
        if self.server.reply is None:
            if self.timeout is None and socket.getdefaulttimeout() is None:
                pytest.fail("clamd stopped answering and recv() has no timeout: the upload hangs")
            raise TimeoutError("timed out")
        if self.replied:
            return b""
        self.replied = True
        return self.server.reply[:size]

    def close(self) -> None:
        pass

    def __enter__(self) -> "FakeSocket":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def scanner(clamd: FakeClamd) -> ClamdScanner:
    return ClamdScanner("clamd.internal", connect=clamd.connect)


def test_clean_file_is_streamed_with_instream_framing() -> None:
    clamd = FakeClamd(b"stream: OK\0")
    result = scanner(clamd).scan(io.BytesIO(b"hello world"))
    assert result.verdict is Verdict.CLEAN and result.signature is None
    assert clamd.addresses == [("clamd.internal", 3310)]
    assert bytes(clamd.received) == (
        b"zINSTREAM\0" + struct.pack(">I", 11) + b"hello world" + struct.pack(">I", 0)
    )


def test_infected_file_names_the_signature() -> None:
    clamd = FakeClamd(b"stream: Eicar-Test-Signature FOUND\0")
    result = scanner(clamd).scan(io.BytesIO(EICAR))
    assert (result.verdict, result.signature) == (Verdict.INFECTED, "Eicar-Test-Signature")


def test_clamd_error_is_not_a_verdict() -> None:
    clamd = FakeClamd(b"INSTREAM size limit exceeded. ERROR\0")
    with pytest.raises(ScannerUnavailable, match="size limit"):
        scanner(clamd).scan(io.BytesIO(b"x" * 10))


def test_unresponsive_clamd_refuses_the_upload_instead_of_hanging() -> None:
    with pytest.raises(ScannerUnavailable):
        scanner(FakeClamd(reply=None)).scan(io.BytesIO(b"quarterly report"))
