"""How the CLI ends on a user error: one or two lines on stderr and a documented exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable

from archbench.core.errors import ArchbenchError

EXIT_USER_ERROR = 2


def guarded(handler: Callable[[], int], command: str) -> int:
    """Run a subcommand's handler; a user error becomes a message and exit 2, not a traceback."""
    try:
        return handler()
    except ArchbenchError as error:
        print(f"archbench {command}: error: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
