"""The upload endpoint hands each upload to the ingest pool and answers 202 at once."""

from fastapi import FastAPI, status
from pydantic import BaseModel

from ingest.pool import WorkerPool


class Upload(BaseModel):
    name: str
    content: str


def create_app(pool: WorkerPool[Upload, object]) -> FastAPI:
    app = FastAPI()

    @app.post("/uploads", status_code=status.HTTP_202_ACCEPTED)
    def accept_upload(upload: Upload) -> dict[str, str]:
        pool.submit(upload)
        return {"status": "queued"}

    return app
