from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Post:
    id: int
    author_id: int
    body: str
    created_at: datetime


class PostNotFound(LookupError):
    pass
