"""Fixtures for the static-grader tests."""

from __future__ import annotations

import pytest

from archbench.core.dataset import TaskRecord

from .trees import code_records


@pytest.fixture(scope="session")
def records() -> dict[str, TaskRecord]:
    return {record.id: record for record in code_records()}
