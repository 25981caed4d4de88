"""Errors of `archbench compare`; each maps to one exit code of the command."""

from __future__ import annotations

from archbench.core.errors import ArchbenchError


class CompareInputError(ArchbenchError):
    """Bad input: unknown version, no logs, or runs that must not be compared (exit 2)."""

    exit_code = 2


class RunMismatchError(CompareInputError):
    """The two versions ran on different datasets or graders (exit 2 unless allowed)."""

    def __init__(self, differences: list[str]) -> None:
        self.differences = differences
        listing = "\n  ".join(differences)
        super().__init__(
            f"the runs are not comparable:\n  {listing}\n"
            "re-run both versions on the same dataset and graders, or pass --allow-mismatch "
            "to compare the common samples anyway"
        )


class LogStatusError(ArchbenchError):
    """A selected log did not finish successfully (exit 3)."""

    exit_code = 3

    def __init__(self, log_file: str, status: str) -> None:
        self.log_file = log_file
        self.status = status
        super().__init__(f"{log_file}: log status is '{status}', not 'success'")
