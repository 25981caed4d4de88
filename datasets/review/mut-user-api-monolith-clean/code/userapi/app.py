"""User API: create_app(db_path) builds the FastAPI application.

The code lives in api, service, repository and validation; this module keeps the import path.
"""

from userapi.api import create_app

__all__ = ["create_app"]
