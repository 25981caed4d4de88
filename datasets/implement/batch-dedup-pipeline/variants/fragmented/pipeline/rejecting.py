"""Reporting a rejected row."""

from collections.abc import Callable, Mapping

from pipeline.models import RejectedRow


def reject(
    on_reject: Callable[[RejectedRow], None], row: Mapping[str, object], error: Exception
) -> None:
    on_reject(RejectedRow(row=row, reason=str(error)))
