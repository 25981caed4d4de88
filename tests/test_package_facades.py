"""Packages talk through their facades (issue 22 item 5): no module of `src/archbench` imports a
private module (`_name`) of another package. Tests may reach into the package they test."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src"


def _package_of(path: Path) -> str:
    return ".".join(path.relative_to(SOURCE).parent.parts)


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def _private_owner(module: str) -> str | None:
    """The package whose private module `module` is, e.g. 'archbench.runner' for
    'archbench.runner._workspace'; None when no part of it is private."""
    parts = module.split(".")
    for index, part in enumerate(parts):
        if part.startswith("_") and index > 0:
            return ".".join(parts[:index])
    return None


def test_no_module_imports_another_package_s_private_module() -> None:
    offenders = []
    for path in sorted((SOURCE / "archbench").rglob("*.py")):
        here = _package_of(path)
        for line, module in _imported_modules(path):
            owner = _private_owner(module) if module.startswith("archbench.") else None
            if owner is not None and owner != here:
                offenders.append(f"{path.relative_to(SOURCE)}:{line} imports {module}")
    assert offenders == []


def test_the_scan_sees_a_cross_package_private_import() -> None:
    assert _private_owner("archbench.runner._workspace") == "archbench.runner"
    assert _private_owner("archbench.core.stats._power") == "archbench.core.stats"
    assert _private_owner("archbench.compare") is None
