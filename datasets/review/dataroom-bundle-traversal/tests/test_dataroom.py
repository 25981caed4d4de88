import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dataroom.access import Role, RoomAccess
from dataroom.api import create_app
from dataroom.audit import InMemoryAuditLog
from dataroom.bundles import BundleBuilder
from dataroom.storage import DocumentNotFound, DocumentStore, ForbiddenPath

NOW = datetime(2025, 6, 2, 14, 30, tzinfo=timezone.utc)


@pytest.fixture
def volume(tmp_path: Path) -> Path:
    (tmp_path / "secrets.env").write_text("DB_PASSWORD=hunter2")
    store = DocumentStore(tmp_path / "volume")
    store.save("atlas-deal", "teaser.pdf", b"atlas teaser")
    store.save("atlas-deal", "financials/2024-q3.xlsx", b"atlas q3 numbers")
    store.save("borealis-deal", "term-sheet.pdf", b"BOREALIS CONFIDENTIAL")
    return tmp_path / "volume"


@pytest.fixture
def access() -> RoomAccess:
    access = RoomAccess()
    access.grant("atlas-deal", "ann", Role.VIEWER)
    access.grant("borealis-deal", "bo", Role.VIEWER)
    return access


def client(volume: Path, access: RoomAccess, audit: InMemoryAuditLog) -> TestClient:
    return TestClient(create_app(DocumentStore(volume), access, audit, clock=lambda: NOW))


def bundle_entries(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_bundle_holds_the_selected_documents(volume: Path, access: RoomAccess) -> None:
    audit = InMemoryAuditLog()
    response = client(volume, access, audit).post(
        "/rooms/atlas-deal/bundles",
        json={"documents": ["financials/2024-q3.xlsx", "teaser.pdf", "teaser.pdf"]},
        headers={"X-User": "ann"},
    )
    assert response.status_code == 200
    assert bundle_entries(response.content) == {
        "financials/2024-q3.xlsx": b"atlas q3 numbers",
        "teaser.pdf": b"atlas teaser",
    }
    assert [(e.user, e.action, e.documents) for e in audit.events] == [
        ("ann", "bundle", ("financials/2024-q3.xlsx", "teaser.pdf"))
    ]


def test_missing_document_and_foreign_room_are_refused(volume: Path, access: RoomAccess) -> None:
    api = client(volume, access, InMemoryAuditLog())
    missing = api.post(
        "/rooms/atlas-deal/bundles", json={"documents": ["nope.pdf"]}, headers={"X-User": "ann"}
    )
    assert missing.status_code == 404
    foreign = api.post(
        "/rooms/borealis-deal/bundles",
        json={"documents": ["term-sheet.pdf"]},
        headers={"X-User": "ann"},
    )
    assert foreign.status_code == 403


def test_single_download_cannot_leave_the_room(volume: Path, access: RoomAccess) -> None:
    response = client(volume, access, InMemoryAuditLog()).get(
        "/rooms/atlas-deal/documents/..%2Fborealis-deal%2Fterm-sheet.pdf",
        headers={"X-User": "ann"},
    )
    assert response.status_code in (400, 404)
    assert b"BOREALIS" not in response.content


def test_bundle_cannot_reach_another_room(volume: Path, access: RoomAccess) -> None:
    response = client(volume, access, InMemoryAuditLog()).post(
        "/rooms/atlas-deal/bundles",
        json={"documents": ["teaser.pdf", "../borealis-deal/term-sheet.pdf"]},
        headers={"X-User": "ann"},
    )
    assert response.status_code in (400, 404), "bundle included another room's document"


@pytest.mark.parametrize("name", ["../../secrets.env", "ABSOLUTE"])
def test_bundle_cannot_reach_files_outside_the_volume(
    volume: Path, access: RoomAccess, name: str
) -> None:
    if name == "ABSOLUTE":
        name = str(volume.parent / "secrets.env")
    builder = BundleBuilder(DocumentStore(volume), access, InMemoryAuditLog(), clock=lambda: NOW)
    with pytest.raises((ForbiddenPath, DocumentNotFound)):
        builder.build("atlas-deal", "ann", [name])
