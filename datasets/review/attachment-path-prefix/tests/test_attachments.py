from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from attachments.api import create_app
from attachments.storage import AttachmentStore, ForbiddenPath


@pytest.fixture
def store(tmp_path: Path) -> AttachmentStore:
    store = AttachmentStore(tmp_path)
    store.save("bob", "notes/todo.txt", b"buy milk")
    store.save("bobby", "payslip.pdf", b"salary: 100k")
    return store


def test_owner_reads_own_attachment(store: AttachmentStore) -> None:
    assert store.read("bob", "notes/todo.txt") == b"buy milk"


def test_parent_directory_escape_is_rejected(store: AttachmentStore) -> None:
    with pytest.raises(ForbiddenPath):
        store.read("bob", "../../etc/passwd")


def test_sibling_directory_with_shared_prefix_is_rejected(store: AttachmentStore) -> None:
    with pytest.raises(ForbiddenPath):
        store.read("bob", "../bobby/payslip.pdf")


def test_cannot_write_into_sibling_directory(store: AttachmentStore, tmp_path: Path) -> None:
    with pytest.raises(ForbiddenPath):
        store.save("bob", "../bobby/payslip.pdf", b"overwritten")
    assert (tmp_path / "bobby" / "payslip.pdf").read_bytes() == b"salary: 100k"


def test_http_download_of_other_users_file_is_refused(tmp_path: Path) -> None:
    AttachmentStore(tmp_path).save("bobby", "payslip.pdf", b"salary: 100k")
    client = TestClient(create_app(tmp_path))
    response = client.get("/attachments/..%2Fbobby%2Fpayslip.pdf", headers={"x-user": "bob"})
    assert response.status_code in (403, 404)
    assert b"salary" not in response.content
