"""How the CLI ends on a user error or Ctrl-C: one or two lines on stderr, a documented exit code.

Exit codes shared by every subcommand (README, "Exit codes"): 2 a usage or input error (a bad
argument, file, field or value, or a folder that cannot be written), 130 interrupted. 1 is never
used for these: compare, ab and the nightly use it for REGRESSION.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from archbench.core.errors import ArchbenchError

EXIT_USER_ERROR = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a process stopped by Ctrl-C


class _Log(Protocol):
    @property
    def status(self) -> str: ...


def guarded(handler: Callable[[], int], command: str, on_interrupt: str) -> int:
    """Run a subcommand's handler; a user error becomes a message and exit 2, not a traceback."""
    try:
        return handler()
    except ArchbenchError as error:
        return _fail(command, str(error), EXIT_USER_ERROR)
    except OSError as error:
        # An output folder that cannot be written, a file that cannot be read: the user's to fix.
        where = f"{error.filename}: " if error.filename else ""
        return _fail(command, f"{where}{error.strerror or error}", EXIT_USER_ERROR)
    except KeyboardInterrupt:
        return _fail(command, f"interrupted. {on_interrupt}", EXIT_INTERRUPTED)


def _fail(command: str, message: str, code: int) -> int:
    print(f"archbench {command}: {message}", file=sys.stderr)
    return code


def stop_if_cancelled(logs: Sequence[_Log], expected: int | None = None) -> None:
    """inspect turns Ctrl-C into logs with status 'cancelled' and returns (or, interrupted before
    it wrote them, returns fewer logs than it was given tasks): stop here too, rather than start
    the next evaluation or compare half-finished runs."""
    missing = expected is not None and len(logs) < expected
    if missing or any(log.status == "cancelled" for log in logs):
        raise KeyboardInterrupt


def positive_int(text: str) -> int:
    """argparse type for counts such as --limit: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from error
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def writable_folder(folder: Path, option: str) -> Path:
    """`folder`, created if missing, once a file could be written in it; checked before any work
    starts, so that a run does not spend minutes and then fail to save what it did."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise ArchbenchError(
            f"{option} {folder}: cannot write there ({error.strerror or error}); "
            "pass a writable folder"
        ) from error
    return folder
