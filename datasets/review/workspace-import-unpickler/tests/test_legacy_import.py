import pickle
import sys
import types
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from workspaces.legacy_import import (
    MAGIC,
    Chart,
    ImportedWorkspace,
    Query,
    WorkspaceImportError,
    import_workspace,
)

CANARY = "_wsp_canary"


def legacy_module() -> types.ModuleType:
    """The desktop client's `wsp.model`, as far as its pickles show it."""
    module = types.ModuleType("wsp.model")

    class Query:
        def __init__(self, title: str, sql: str, parameters: dict[str, object]) -> None:
            self.title, self.sql, self.parameters = title, sql, parameters

    class Chart:
        def __init__(self, title: str, kind: str, query_index: int) -> None:
            self.title, self.kind, self.query_index = title, kind, query_index

    for cls in (Query, Chart):
        cls.__module__ = "wsp.model"
        cls.__qualname__ = cls.__name__
        setattr(module, cls.__name__, cls)
    return module


@pytest.fixture
def wsp() -> Iterator[types.ModuleType]:
    module = legacy_module()
    package = types.ModuleType("wsp")
    package.model = module  # type: ignore[attr-defined]
    sys.modules.update({"wsp": package, "wsp.model": module})
    yield module
    for name in ("wsp", "wsp.model"):
        sys.modules.pop(name, None)


@pytest.fixture
def canary() -> Iterator[types.ModuleType]:
    module = types.ModuleType(CANARY)
    module.tripped = False  # type: ignore[attr-defined]
    sys.modules[CANARY] = module
    yield module
    sys.modules.pop(CANARY, None)


def wsp_file(state: object) -> bytes:
    return MAGIC + zlib.compress(pickle.dumps(state, protocol=3))


class RunsCode:
    """What a hostile upload holds: unpickling it executes Python."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (f"__import__({CANARY!r}).tripped = True",))


class EvaluatesCode:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (eval, (f"setattr(__import__({CANARY!r}), 'tripped', True)",))


def sample_state(wsp: types.ModuleType) -> dict[str, object]:
    return {
        "name": "Q3 revenue",
        "saved_at": datetime(2023, 9, 30, 17, 5, tzinfo=UTC),
        "queries": [wsp.Query("By region", "select region, sum(x) from s", {"min": Decimal(1)})],
        "charts": [wsp.Chart("Regions", "bar", 0)],
        "settings": {"tags": {"finance", "q3"}},
    }


def test_imports_a_desktop_workspace(wsp: types.ModuleType) -> None:
    imported = import_workspace(wsp_file(sample_state(wsp)))
    assert imported == ImportedWorkspace(
        "Q3 revenue",
        datetime(2023, 9, 30, 17, 5, tzinfo=UTC),
        [Query("By region", "select region, sum(x) from s", {"min": Decimal(1)})],
        [Chart("Regions", "bar", 0)],
        {"tags": {"finance", "q3"}},
    )


def test_rejects_a_file_without_the_magic() -> None:
    with pytest.raises(WorkspaceImportError):
        import_workspace(zlib.compress(pickle.dumps({})))


def test_rejects_a_global_from_another_module(wsp: types.ModuleType) -> None:
    state = sample_state(wsp)
    state["settings"] = {"path": types.SimpleNamespace(a=1)}
    with pytest.raises(WorkspaceImportError):
        import_workspace(wsp_file(state))


def test_rejects_a_chart_pointing_at_a_missing_query(wsp: types.ModuleType) -> None:
    state = sample_state(wsp)
    state["charts"] = [wsp.Chart("Orphan", "line", 3)]
    with pytest.raises(WorkspaceImportError):
        import_workspace(wsp_file(state))


@pytest.mark.parametrize("payload", [RunsCode, EvaluatesCode])
def test_a_hostile_workspace_runs_no_code(
    wsp: types.ModuleType, canary: types.ModuleType, payload: type
) -> None:
    state = sample_state(wsp)
    state["settings"] = {"theme": payload()}
    with pytest.raises(WorkspaceImportError):
        import_workspace(wsp_file(state))
    assert not canary.tripped, "unpickling the upload executed code"
