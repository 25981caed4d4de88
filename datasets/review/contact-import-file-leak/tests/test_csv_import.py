from pathlib import Path
from typing import IO, Any

import pytest

from contacts.csv_import import Contact, RowError, import_contacts, read_contacts


class ListRepository:
    def __init__(self) -> None:
        self.batches: list[list[Contact]] = []

    def add_many(self, contacts: list[Contact]) -> None:
        self.batches.append(list(contacts))


@pytest.fixture
def opened_files(monkeypatch: pytest.MonkeyPatch) -> list[IO[Any]]:
    """Record every file opened through Path.open so the test can check it was closed."""
    handles: list[IO[Any]] = []
    real_open = Path.open

    def tracking_open(self: Path, *args: Any, **kwargs: Any) -> IO[Any]:
        handle = real_open(self, *args, **kwargs)
        handles.append(handle)
        return handle

    monkeypatch.setattr(Path, "open", tracking_open)
    return handles


def write_csv(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_text("\n".join(("email,name,country", *rows)) + "\n", encoding="utf-8")
    return path


def test_imports_in_batches(tmp_path: Path, opened_files: list[IO[Any]]) -> None:
    path = write_csv(tmp_path, *(f"user{i}@Example.com,User {i},nl" for i in range(5)))
    repository = ListRepository()
    assert import_contacts(path, repository, batch_size=2) == 5
    assert [len(b) for b in repository.batches] == [2, 2, 1]
    assert repository.batches[0][0] == Contact("user0@example.com", "User 0", "NL")
    assert all(handle.closed for handle in opened_files)


def test_invalid_row_reports_line_and_closes_file(
    tmp_path: Path, opened_files: list[IO[Any]]
) -> None:
    path = write_csv(tmp_path, "a@example.com,Ann,DE", "not-an-email,Bob,FR", "c@example.com,Cy,IT")
    with pytest.raises(RowError) as error:
        import_contacts(path, ListRepository())
    assert error.value.line_number == 3
    assert opened_files and all(handle.closed for handle in opened_files), "file left open"


def test_abandoned_reader_closes_file(tmp_path: Path, opened_files: list[IO[Any]]) -> None:
    path = write_csv(tmp_path, "a@example.com,Ann,DE", "b@example.com,Bo,FR")
    reader = read_contacts(path)
    assert next(reader).email == "a@example.com"
    reader.close()
    assert all(handle.closed for handle in opened_files), "file left open"
