"""Planning a run when a commit is pushed: which jobs run, in which order, with which secrets.

The API server plans the run (it needs the pipeline to show the run's page straight away) and
puts its jobs on the queue; runners pick them up and inject the secrets a job names.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from pipelines.loading import PIPELINE_PATH, parse_pipeline
from pipelines.model import Job, PipelineError

RunStatus = Literal["queued", "invalid"]


class RepositoryFiles(Protocol):
    def read_file(self, commit: str, path: str) -> str | None:
        """The file's text at `commit`, or None when it does not exist there."""
        ...


class JobQueue(Protocol):
    def enqueue(self, run_id: str, job: Job, after: tuple[str, ...]) -> None: ...


@dataclass(frozen=True)
class Push:
    project: str
    commit: str
    branch: str
    from_fork: bool


@dataclass(frozen=True)
class Run:
    id: str
    push: Push
    status: RunStatus
    jobs: tuple[str, ...] = ()
    error: str | None = None


class RunPlanner:
    def __init__(
        self,
        files: RepositoryFiles,
        queue: JobQueue,
        project_secrets: Callable[[str], Mapping[str, str]],
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
    ) -> None:
        self._files = files
        self._queue = queue
        self._project_secrets = project_secrets
        self._new_id = new_id

    def plan(self, push: Push) -> Run | None:
        """The run a push starts, or None when the commit has no pipeline for its branch."""
        text = self._files.read_file(push.commit, PIPELINE_PATH)
        if text is None:
            return None
        run_id = self._new_id()
        try:
            pipeline = parse_pipeline(text)
        except PipelineError as exc:
            return Run(run_id, push, "invalid", error=str(exc))
        if not pipeline.runs_on(push.branch):
            return None
        if push.from_fork and pipeline.secrets():
            return Run(run_id, push, "invalid", error="pull requests from forks get no secrets")
        missing = pipeline.secrets() - set(self._project_secrets(push.project))
        if missing:
            error = f"unknown secret(s): {', '.join(sorted(missing))}"
            return Run(run_id, push, "invalid", error=error)
        for job in pipeline.jobs:
            self._queue.enqueue(run_id, job, job.needs)
        return Run(run_id, push, "queued", tuple(job.name for job in pipeline.jobs))
