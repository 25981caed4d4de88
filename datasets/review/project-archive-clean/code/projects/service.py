"""Project lifecycle operations for the multi-tenant workspace product.

Every user belongs to exactly one organisation; organisation admins manage its projects.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Protocol


class Role(Enum):
    MEMBER = "member"
    ADMIN = "admin"


@dataclass(frozen=True)
class Actor:
    user_id: str
    org_id: str
    role: Role


@dataclass(frozen=True)
class Project:
    id: str
    org_id: str
    name: str
    archived_at: datetime | None = None


class ProjectNotFound(LookupError):
    pass


class Forbidden(Exception):
    pass


class ProjectStore(Protocol):
    def get(self, project_id: str) -> Project | None: ...

    def save(self, project: Project) -> None: ...

    def list_for_org(self, org_id: str) -> list[Project]: ...


class ProjectService:
    def __init__(self, store: ProjectStore) -> None:
        self._store = store

    def list_projects(self, actor: Actor) -> list[Project]:
        return self._store.list_for_org(actor.org_id)

    def get_project(self, actor: Actor, project_id: str) -> Project:
        project = self._store.get(project_id)
        if project is None or project.org_id != actor.org_id:
            raise ProjectNotFound(project_id)
        return project

    def archive(self, actor: Actor, project_id: str, now: datetime) -> Project:
        if actor.role is not Role.ADMIN:
            raise Forbidden(f"{actor.user_id} may not archive projects")
        project = self.get_project(actor, project_id)
        if project.archived_at is not None:
            return project
        archived = replace(project, archived_at=now)
        self._store.save(archived)
        return archived

    def rename(self, actor: Actor, project_id: str, name: str) -> Project:
        project = self.get_project(actor, project_id)
        renamed = replace(project, name=name.strip())
        self._store.save(renamed)
        return renamed
