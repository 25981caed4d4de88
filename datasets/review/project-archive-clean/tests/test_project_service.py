from datetime import datetime, timezone

import pytest

from projects.service import (
    Actor,
    Forbidden,
    Project,
    ProjectNotFound,
    ProjectService,
    Role,
)

NOW = datetime(2026, 5, 4, 9, 30, tzinfo=timezone.utc)
ACME_ADMIN = Actor("ada", "acme", Role.ADMIN)
ACME_MEMBER = Actor("alan", "acme", Role.MEMBER)
GLOBEX_ADMIN = Actor("grace", "globex", Role.ADMIN)


class InMemoryProjects:
    def __init__(self, *projects: Project) -> None:
        self.rows = {p.id: p for p in projects}

    def get(self, project_id: str) -> Project | None:
        return self.rows.get(project_id)

    def save(self, project: Project) -> None:
        self.rows[project.id] = project

    def list_for_org(self, org_id: str) -> list[Project]:
        return [p for p in self.rows.values() if p.org_id == org_id]


@pytest.fixture
def store() -> InMemoryProjects:
    return InMemoryProjects(Project("p1", "acme", "Website"), Project("p2", "globex", "Payroll"))


def test_admin_archives_own_project(store: InMemoryProjects) -> None:
    archived = ProjectService(store).archive(ACME_ADMIN, "p1", NOW)
    assert archived.archived_at == NOW
    assert store.rows["p1"].archived_at == NOW


def test_member_cannot_archive(store: InMemoryProjects) -> None:
    with pytest.raises(Forbidden):
        ProjectService(store).archive(ACME_MEMBER, "p1", NOW)
    assert store.rows["p1"].archived_at is None


def test_admin_cannot_archive_another_organisations_project(store: InMemoryProjects) -> None:
    try:
        ProjectService(store).archive(GLOBEX_ADMIN, "p1", NOW)
    except (Forbidden, ProjectNotFound, PermissionError):
        pass
    assert store.rows["p1"].archived_at is None, "an admin of another org archived the project"


def test_rename_is_scoped_to_the_organisation(store: InMemoryProjects) -> None:
    with pytest.raises(ProjectNotFound):
        ProjectService(store).rename(GLOBEX_ADMIN, "p1", "Hacked")
    assert ProjectService(store).rename(ACME_MEMBER, "p1", " Site ").name == "Site"
