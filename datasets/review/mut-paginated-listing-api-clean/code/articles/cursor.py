import base64
import binascii
import json
from datetime import datetime

from articles.store import SortKey


class InvalidCursor(ValueError):
    def __init__(self, cursor: str) -> None:
        super().__init__(f"cannot decode cursor {cursor!r}")


def encode_cursor(key: SortKey) -> str:
    published_at, article_id = key
    payload = json.dumps({"published_at": published_at.isoformat(), "id": article_id})
    return base64.urlsafe_b64encode(payload.encode()).decode()


def decode_cursor(cursor: str) -> SortKey:
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return datetime.fromisoformat(payload["published_at"]), int(payload["id"])
    except (binascii.Error, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise InvalidCursor(cursor) from error
