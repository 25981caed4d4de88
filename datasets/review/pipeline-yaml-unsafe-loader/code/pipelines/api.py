"""HTTP routes of the pipeline editor: the web editor checks a pipeline file as the user types.

Any signed-in user may call them (the gateway authenticates and sets `X-User`); the text is
whatever the user typed, so nothing here may trust it.
"""

from __future__ import annotations

from fastapi import FastAPI, Header
from pydantic import BaseModel, Field

from pipelines.loading import MAX_PIPELINE_BYTES, parse_pipeline
from pipelines.model import PipelineError


class ValidateRequest(BaseModel):
    text: str = Field(max_length=MAX_PIPELINE_BYTES)
    branch: str = "main"


class JobSummary(BaseModel):
    name: str
    image: str
    needs: list[str]
    steps: int


class ValidateResponse(BaseModel):
    valid: bool
    error: str | None = None
    line: int | None = None
    runs_on_branch: bool | None = None
    jobs: list[JobSummary] = []
    secrets: list[str] = []


def create_app() -> FastAPI:
    app = FastAPI()

    @app.post("/api/pipelines/validate")
    def validate(request: ValidateRequest, x_user: str = Header()) -> ValidateResponse:
        del x_user  # required: only signed-in users reach the editor
        try:
            pipeline = parse_pipeline(request.text)
        except PipelineError as exc:
            return ValidateResponse(valid=False, error=str(exc), line=exc.line)
        jobs = [
            JobSummary(name=job.name, image=job.image, needs=list(job.needs), steps=len(job.steps))
            for job in pipeline.jobs
        ]
        return ValidateResponse(
            valid=True,
            runs_on_branch=pipeline.runs_on(request.branch),
            jobs=jobs,
            secrets=sorted(pipeline.secrets()),
        )

    return app
