"""archbench: a regression benchmark for agent prompts, built on inspect-ai.

The vocabulary: an `AgentPrompt` (one version of a subagent file) answers `TaskRecord`s (dataset
entries); the answer's files and findings are graded; two runs are compared.
"""

from archbench.core.dataset import TaskRecord
from archbench.core.errors import AgentFileError, ArchbenchError, DatasetError
from archbench.core.prompt import AgentPrompt

__version__ = "0.1.0"

__all__ = [
    "AgentFileError",
    "AgentPrompt",
    "ArchbenchError",
    "DatasetError",
    "TaskRecord",
    "__version__",
]
