"""The answer key, kept out of every log: solvers and scorers hold a small handle, not records.

inspect writes the arguments of every registered solver and scorer into the log (header, plan
and score events). A scorer that closed over the task records therefore put the whole dataset,
hidden tests and gold answers included, into every `.eval` file. The task builders deposit the
records here and pass a handle such as `review@3f2a...` (kind and dataset version); graders look
the records up by that handle when they run. A handle not deposited in this process (a regrade,
or a task built elsewhere) is loaded from the dataset on disk, and refused if that dataset is no
longer the version the handle names.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import cast, get_args

from archbench.core.dataset import TaskKind, TaskRecord, dataset_version
from archbench.core.errors import ArchbenchError
from archbench.io.datasets import load_kind

_TASK_RECORDS: dict[str, Mapping[str, TaskRecord]] = {}
_ROUTES: dict[str, Mapping[str, str]] = {}


def deposit_records(kind: TaskKind, records: Mapping[str, TaskRecord]) -> str:
    """Keep `records` for graders and controls; the handle names their kind and version."""
    handle = f"{kind}@{dataset_version(records.values())}"
    _TASK_RECORDS[handle] = MappingProxyType(dict(records))
    return handle


def task_records(handle: str) -> Mapping[str, TaskRecord]:
    """The records a handle names, from this process's deposit or the dataset on disk."""
    if handle not in _TASK_RECORDS:
        _load_from_disk(handle)
    return _TASK_RECORDS[handle]


def _load_from_disk(handle: str) -> None:
    kind = _task_kind(handle.partition("@")[0])
    loaded = {record.id: record for record in load_kind(kind).records}
    found = deposit_records(kind, loaded)
    if found != handle:
        raise ArchbenchError(
            f"answer key '{handle}': the '{kind}' dataset on disk is now version "
            f"{found.partition('@')[2]}, so these samples cannot be graded against it"
        )


def _task_kind(name: str) -> TaskKind:
    if name in get_args(TaskKind):
        return cast(TaskKind, name)
    raise ArchbenchError(f"answer key: unknown task kind '{name}'")


def deposit_routes(version: str, routes: Mapping[str, str]) -> str:
    """Keep the routing task's expected routes (request id -> agent) for its grader."""
    handle = f"routing@{version}"
    _ROUTES[handle] = MappingProxyType(dict(routes))
    return handle


def expected_routes(handle: str) -> Mapping[str, str]:
    try:
        return _ROUTES[handle]
    except KeyError:
        raise ArchbenchError(
            f"answer key '{handle}': the routing task was not built in this process"
        ) from None
