"""archbench: a regression benchmark for agent prompts, built on inspect-ai.

The vocabulary: an `AgentPrompt` (one version of a subagent file) answers `TaskRecord`s (dataset
entries); the answer's files and findings are graded; two runs are compared.

The exported names are imported on first use (PEP 562): importing any ``archbench.*`` module runs
this file first, and building the dataset's pydantic models costs ~0.2 s that `archbench
compare` and `archbench --help` never need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archbench.core.dataset import TaskRecord
    from archbench.core.errors import AgentFileError, ArchbenchError, DatasetError
    from archbench.core.prompt import AgentPrompt

__version__ = "0.1.0"

# Exported name -> the module that defines it.
_EXPORTS = {
    "AgentFileError": "archbench.core.errors",
    "AgentPrompt": "archbench.core.prompt",
    "ArchbenchError": "archbench.core.errors",
    "DatasetError": "archbench.core.errors",
    "TaskRecord": "archbench.core.dataset",
}

__all__ = [
    "AgentFileError",
    "AgentPrompt",
    "ArchbenchError",
    "DatasetError",
    "TaskRecord",
    "__version__",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'archbench' has no attribute '{name}'")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value  # later look-ups skip this function
    return value
