"""The exceptions archbench raises for bad input: each names the file, field or sample at fault."""

from __future__ import annotations


class ArchbenchError(Exception):
    """Base class for every error archbench raises on purpose."""


class AgentFileError(ArchbenchError):
    """An agent prompt file is malformed, or an agent reference names nothing that exists."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class DatasetError(ArchbenchError):
    """A dataset task is malformed: names the task, the file and the field."""

    def __init__(self, task: str, file: str, problem: str, field: str | None = None) -> None:
        self.task = task
        self.file = file
        self.field = field
        self.problem = problem
        where = f"{file} (field '{field}')" if field else file
        super().__init__(f"task '{task}': {where}: {problem}")
