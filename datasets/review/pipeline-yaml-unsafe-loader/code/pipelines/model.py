"""What a pipeline file describes, once validated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from pipelines.yaml_dialect import SecretRef

EnvValue = str | SecretRef


class PipelineError(ValueError):
    """The pipeline file is invalid; shown to the user on the run's page, with its line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class Step:
    name: str
    run: str


@dataclass(frozen=True)
class Job:
    name: str
    image: str
    steps: tuple[Step, ...]
    needs: tuple[str, ...] = ()
    env: Mapping[str, EnvValue] = field(default_factory=dict)
    timeout_minutes: int = 60


@dataclass(frozen=True)
class Pipeline:
    jobs: tuple[Job, ...]
    """In an order where every job comes after the jobs it needs."""
    branches: tuple[str, ...] = ("main",)
    """Branch patterns (fnmatch) whose pushes start a run."""

    def runs_on(self, branch: str) -> bool:
        return any(fnmatchcase(branch, pattern) for pattern in self.branches)

    def secrets(self) -> set[str]:
        """The names of the project secrets the jobs refer to."""
        return {v.name for job in self.jobs for v in job.env.values() if isinstance(v, SecretRef)}
