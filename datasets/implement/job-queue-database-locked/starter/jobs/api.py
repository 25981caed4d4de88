"""The HTTP API the web app uses to submit jobs and poll them."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel, Field

from jobs.db import connect
from jobs.models import JobNotFound
from jobs.queue import JobQueue


class JobRequest(BaseModel):
    kind: str = Field(min_length=1)
    payload: dict[str, Any] = Field(default_factory=dict)


def create_app(database: Path, busy_timeout: float = 5.0) -> FastAPI:
    app = FastAPI()

    def queue() -> Iterator[JobQueue]:
        connection: sqlite3.Connection = connect(database, busy_timeout)
        try:
            yield JobQueue(connection)
        finally:
            connection.close()

    Queue = Annotated[JobQueue, Depends(queue)]

    @app.post("/jobs", status_code=201)
    def submit(request: JobRequest, jobs: Queue) -> dict[str, int]:
        return {"id": jobs.enqueue(request.kind, request.payload)}

    @app.get("/jobs/{job_id}")
    def show(job_id: int, jobs: Queue) -> dict[str, Any]:
        try:
            job = jobs.get(job_id)
        except JobNotFound:
            raise HTTPException(404, "no such job") from None
        return {
            "id": job.id,
            "kind": job.kind,
            "status": job.status.value,
            "attempts": job.attempts,
            "last_error": job.last_error,
        }

    return app
