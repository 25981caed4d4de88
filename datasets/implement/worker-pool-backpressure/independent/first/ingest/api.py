"""The upload endpoint hands each upload to the ingest pool and answers 202 at once.

It never waits for room in the pool: when the pool is full or shutting down it answers 503
straight away, so a burst of uploads can't park request threads.
"""

from fastapi import FastAPI, HTTPException, status
from pydantic import BaseModel

from ingest.pool import PoolClosed, PoolFull, WorkerPool


class Upload(BaseModel):
    name: str
    content: str


def create_app(pool: WorkerPool[Upload, object]) -> FastAPI:
    app = FastAPI()

    @app.post("/uploads", status_code=status.HTTP_202_ACCEPTED)
    def accept_upload(upload: Upload) -> dict[str, str]:
        try:
            pool.submit(upload, timeout=0)
        except PoolFull:
            raise HTTPException(
                status.HTTP_503_SERVICE_UNAVAILABLE, "the ingest queue is full, retry later"
            ) from None
        except PoolClosed:
            raise HTTPException(
                status.HTTP_503_SERVICE_UNAVAILABLE, "the ingest service is shutting down"
            ) from None
        return {"status": "queued"}

    return app
