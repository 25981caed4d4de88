"""The upload endpoint hands each upload to the ingest pool and answers 202 at once.

It never waits for room in the pool: a request thread parked on a full queue would only
move the backlog into the web server, so a full or closing pool answers 503 right away.
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
        except (PoolFull, PoolClosed) as refused:
            raise HTTPException(
                status.HTTP_503_SERVICE_UNAVAILABLE, "ingest is busy, retry later"
            ) from refused
        return {"status": "queued"}

    return app
