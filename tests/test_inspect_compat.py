"""The private inspect-ai names archbench uses, checked where they are gathered (issue 22 item 4).

An inspect upgrade that moves or reshapes one of them fails here, by name, instead of deep in
a run. The last test keeps them gathered: no other module may import a private inspect module.
"""

from __future__ import annotations

import ast
import contextvars
import inspect
from pathlib import Path

from inspect_ai.log import Transcript
from inspect_ai.util import SandboxEnvironment

from archbench import inspect_compat

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SOURCE_FOLDERS = ("src", "evals", "benchmarks", "tests")
COMPAT_MODULE = PROJECT_ROOT / "src/archbench/inspect_compat.py"


def test_init_transcript_takes_the_transcript_to_record_into() -> None:
    parameters = list(inspect.signature(inspect_compat.init_transcript).parameters.values())
    assert len(parameters) == 1
    inspect_compat.init_transcript(Transcript())  # this test's own context; nothing else sees it


def test_the_local_sandbox_is_a_sandbox_with_exec_read_and_write() -> None:
    local = inspect_compat.LocalSandboxEnvironment
    assert issubclass(local, SandboxEnvironment)
    for method in ("exec", "read_file", "write_file", "sample_init", "sample_cleanup"):
        assert inspect.iscoroutinefunction(getattr(local, method)), method


def test_the_sandbox_registry_finds_a_sandbox_type_by_name() -> None:
    found = inspect_compat.registry_find_sandboxenv("local")
    assert found is inspect_compat.LocalSandboxEnvironment


def test_the_active_model_is_a_context_variable() -> None:
    assert isinstance(inspect_compat.active_model_context_var, contextvars.ContextVar)


def test_the_compose_parser_reads_a_compose_file(tmp_path: Path) -> None:
    compose = tmp_path / "compose.yaml"
    compose.write_text("services:\n  default:\n    image: python:3.11\n")
    assert "default" in inspect_compat.parse_compose_yaml(str(compose)).services


def _private_inspect_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        names = (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
        )
        found += [
            f"{path.relative_to(PROJECT_ROOT)}:{node.lineno} {name}"
            for name in names
            if name.startswith("inspect_ai") and any(p.startswith("_") for p in name.split("."))
        ]
    return found


def test_no_module_but_the_compat_module_imports_a_private_inspect_module() -> None:
    offenders = [
        hit
        for folder in SOURCE_FOLDERS
        for path in sorted((PROJECT_ROOT / folder).rglob("*.py"))
        if path != COMPAT_MODULE
        for hit in _private_inspect_imports(path)
    ]
    assert offenders == []
    assert _private_inspect_imports(COMPAT_MODULE), "the scan must see the compat module's imports"
