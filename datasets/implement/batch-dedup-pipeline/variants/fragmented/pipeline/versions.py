"""Choosing between two versions of a customer."""

from pipeline.models import Customer


def newer(current: Customer | None, candidate: Customer) -> Customer:
    # ">=" so that, on a tie, the row later in the input wins.
    if current is None or candidate.updated_at >= current.updated_at:
        return candidate
    return current
