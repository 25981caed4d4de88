"""#16 item 3: the report and seal are read so that nothing the answer leaves can hang or crash
grading: FIFOs, symlinks (to /dev/zero), huge files and undecodable bytes each get a problem."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from archbench.runner._hidden_tests import RESULT_SIZE_LIMIT, ResultFile, read_results
from archbench.runner._workspace import LocalWorkspace


def read_one(root: Path, name: str) -> ResultFile:
    return asyncio.run(read_results(LocalWorkspace(root), [name]))[name]


def test_a_regular_utf8_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "report.xml").write_text("<testsuites>é</testsuites>", encoding="utf-8")
    assert read_one(tmp_path, "report.xml") == ResultFile("<testsuites>é</testsuites>")


def test_a_missing_file_has_no_text_and_no_problem(tmp_path: Path) -> None:
    assert read_one(tmp_path, "report.xml") == ResultFile(None)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "report.xml")
    assert read_one(tmp_path, "report.xml").problem == "is not a regular file"


def test_a_symlink_to_dev_zero_is_refused(tmp_path: Path) -> None:
    (tmp_path / "report.xml").symlink_to("/dev/zero")
    problem = read_one(tmp_path, "report.xml").problem
    assert problem and problem.startswith("cannot be opened")


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    with (tmp_path / "report.xml").open("wb") as handle:
        handle.truncate(RESULT_SIZE_LIMIT + 1)
    problem = read_one(tmp_path, "report.xml").problem
    assert problem and f"over the {RESULT_SIZE_LIMIT}-byte limit" in problem


LONE_SURROGATE = "\ud800".encode("utf-8", "surrogatepass")


@pytest.mark.parametrize("data", [b"\xff\xfe", b"ok\x80", LONE_SURROGATE])
def test_undecodable_bytes_are_a_problem_not_an_exception(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "report.xml").write_bytes(data)
    problem = read_one(tmp_path, "report.xml").problem
    assert problem and problem.startswith("is not valid UTF-8")


def test_each_path_gets_its_own_entry(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("A")
    os.mkfifo(tmp_path / "b")
    results = asyncio.run(read_results(LocalWorkspace(tmp_path), ["a", "b", "c"]))
    assert results == {
        "a": ResultFile("A"),
        "b": ResultFile(None, "is not a regular file"),
        "c": ResultFile(None),
    }
