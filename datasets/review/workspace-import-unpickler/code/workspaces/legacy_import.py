"""Import of workspaces saved by the legacy desktop client (``.wsp`` files).

Analysts upload their old ``.wsp`` files in the web app's import dialog. The desktop client wrote
``b"WSP2"`` followed by a zlib-compressed pickle (protocol 3 or later) of a dict::

    {"name": str, "saved_at": datetime, "queries": [wsp.model.Query, ...],
     "charts": [wsp.model.Chart, ...], "settings": dict}

Its classes no longer exist, so the unpickler maps them onto the small classes below, and it
only resolves the globals such a file can contain: containers, dates and decimals.
"""

from __future__ import annotations

import io
import pickle
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

MAGIC = b"WSP2"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


class WorkspaceImportError(ValueError):
    """The upload is not a workspace the desktop client could have written (HTTP 422)."""


class LegacyQuery:
    """State of a pickled ``wsp.model.Query``: ``title``, ``sql``, ``parameters``."""

    title: str
    sql: str
    parameters: dict[str, Any]


class LegacyChart:
    """State of a pickled ``wsp.model.Chart``: ``title``, ``kind``, ``query_index``."""

    title: str
    kind: str
    query_index: int


_LEGACY_CLASSES: dict[tuple[str, str], type] = {
    ("wsp.model", "Query"): LegacyQuery,
    ("wsp.model", "Chart"): LegacyChart,
}
# Modules whose globals a workspace pickle refers to: containers, dates, amounts.
_STANDARD_MODULES = frozenset({"builtins", "collections", "datetime", "decimal"})


class _WorkspaceUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        legacy = _LEGACY_CLASSES.get((module, name))
        if legacy is not None:
            return legacy
        if module in _STANDARD_MODULES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"workspace refers to a forbidden global {module}.{name}")


@dataclass(frozen=True)
class Query:
    title: str
    sql: str
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Chart:
    title: str
    kind: str
    query: int


@dataclass(frozen=True)
class ImportedWorkspace:
    name: str
    saved_at: datetime
    queries: list[Query]
    charts: list[Chart]
    settings: dict[str, Any]


def import_workspace(upload: bytes) -> ImportedWorkspace:
    if len(upload) > MAX_UPLOAD_BYTES:
        raise WorkspaceImportError(f"workspace files are limited to {MAX_UPLOAD_BYTES} bytes")
    if not upload.startswith(MAGIC):
        raise WorkspaceImportError("not a desktop workspace file")
    raw = _unpack(upload[len(MAGIC) :])
    try:
        state = _WorkspaceUnpickler(io.BytesIO(raw)).load()
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError) as exc:
        raise WorkspaceImportError(f"workspace file is corrupt: {exc}") from exc
    return _convert(state)


def _unpack(compressed: bytes) -> bytes:
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(compressed, MAX_UNPACKED_BYTES)
    except zlib.error as exc:
        raise WorkspaceImportError("workspace file is corrupt") from exc
    if inflater.unconsumed_tail:
        raise WorkspaceImportError(f"workspace unpacks to more than {MAX_UNPACKED_BYTES} bytes")
    return raw


def _convert(state: object) -> ImportedWorkspace:
    if not isinstance(state, dict):
        raise WorkspaceImportError("workspace file does not hold a workspace")
    try:
        queries = [_query(q) for q in state["queries"]]
        charts = [_chart(c, len(queries)) for c in state["charts"]]
        name, saved_at, settings = state["name"], state["saved_at"], state.get("settings", {})
    except (KeyError, AttributeError, TypeError) as exc:
        raise WorkspaceImportError(f"workspace file is incomplete: {exc}") from exc
    if not isinstance(name, str) or not isinstance(saved_at, datetime):
        raise WorkspaceImportError("workspace name or save time is missing")
    if not isinstance(settings, dict):
        raise WorkspaceImportError("workspace settings are not a mapping")
    return ImportedWorkspace(name, saved_at, queries, charts, settings)


def _query(legacy: object) -> Query:
    if not isinstance(legacy, LegacyQuery):
        raise WorkspaceImportError("a query of the workspace is not a query")
    return Query(str(legacy.title), str(legacy.sql), dict(getattr(legacy, "parameters", {})))


def _chart(legacy: object, query_count: int) -> Chart:
    if not isinstance(legacy, LegacyChart):
        raise WorkspaceImportError("a chart of the workspace is not a chart")
    if not 0 <= legacy.query_index < query_count:
        raise WorkspaceImportError(f"chart {legacy.title!r} refers to a missing query")
    return Chart(str(legacy.title), str(legacy.kind), legacy.query_index)
