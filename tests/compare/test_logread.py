"""The direct `.eval` reader gives compare what inspect's readers give, on logs inspect wrote.

Oracles: inspect's own readers (``inspect_header`` / ``inspect_summaries``) on the same file,
and the score function each synthetic log was written from.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import pytest
from inspect_ai.log import list_eval_logs

from archbench.compare import _logzip, _zipdir
from archbench.compare._errors import LogStatusError
from archbench.compare._logread import (
    LogHeader,
    inspect_header,
    inspect_summaries,
    list_log_files,
    read_header,
    read_summaries,
)
from archbench.compare._logs import _read_records, read_run, sample_record, select_logs
from archbench.compare._records import SampleRecord

from .logfactory import RunSpec, ScoreValue, write_run

IDS = [f"t{i}" for i in range(7)]
EPOCHS = 3
STATUSES: tuple[Literal["success", "cancelled", "error", "started"], ...] = (
    "success", "cancelled", "error", "started",
)  # fmt: skip


def mixed_scores(sample_id: str, epoch: int) -> Mapping[str, ScoreValue] | None:
    """Errors, NaN (scalar unscored) and None (dict unscored) on chosen sample-epochs."""
    index = int(sample_id[1:])
    if index == 2 and epoch == 2:
        return None
    return {
        "hidden_tests": {
            "spec_adherence": (index + epoch) / 10,
            "modularity": None if index == 4 else 0.5,
        },
        "bug_detection": None if (index, epoch) == (5, 1) else float(index % 2),
    }


def expected_record(sample_id: str, epoch: int) -> tuple[str, int, dict[str, float | None], bool]:
    values = mixed_scores(sample_id, epoch)
    if values is None:
        return sample_id, epoch, {}, True
    hidden = values["hidden_tests"]
    assert isinstance(hidden, dict)
    bug = values["bug_detection"]
    assert not isinstance(bug, dict)
    return sample_id, epoch, {**hidden, "bug_detection": bug}, False


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("logread")
    for status in STATUSES:
        spec = RunSpec("implement", "pba", "v1", status=status, realistic=True)
        write_run(root / f"{status}.eval", spec, IDS, EPOCHS, mixed_scores)
    return root


def _records(rows: Any) -> list[SampleRecord]:
    return [sample_record(row) for row in rows]


@pytest.mark.parametrize("status", STATUSES)
def test_direct_reader_matches_inspect(logs: Path, status: str) -> None:
    log_file = str(logs / f"{status}.eval")
    assert read_header(log_file) == inspect_header(log_file)
    assert read_header(log_file).status == status
    assert _records(read_summaries(log_file)) == _records(inspect_summaries(log_file))


def test_records_follow_the_scores_the_log_was_written_from(logs: Path) -> None:
    run = read_run(str(logs / "success.eval"))
    got = sorted((r.sample_id, r.epoch, dict(r.scores), r.errored) for r in run.records)
    want = sorted(expected_record(s, e) for s in IDS for e in range(1, EPOCHS + 1))
    assert got == want
    errored = [r for r in run.records if r.errored]
    assert [(r.sample_id, r.epoch) for r in errored] == [("t2", 2)]
    assert all(r.usage["anthropic/claude-sonnet-4-5"].total_tokens == 1200 for r in run.records)
    assert {r.total_time for r in run.records} == {2.0}


def test_a_tampered_sample_is_read_from_its_score_metadata(tmp_path: Path) -> None:
    spec = RunSpec("implement", "pba", "v1", realistic=True, tampered=frozenset({("t3", 2)}))
    run = read_run(str(write_run(tmp_path / "tampered.eval", spec, IDS, EPOCHS, mixed_scores)))
    assert [(r.sample_id, r.epoch) for r in run.records if r.tampered] == [("t3", 2)]


def test_compare_refuses_logs_that_did_not_succeed(logs: Path) -> None:
    for status in ("cancelled", "error", "started"):
        with pytest.raises(LogStatusError, match=status):
            read_run(str(logs / f"{status}.eval"))
    # Among a version's logs, the successful one is chosen whatever else is there.
    [chosen] = select_logs("pba@v1", logs)
    assert chosen.header.status == "success"


# --------------------------------------------------------------------------- a running log


def _journal_only(source: Path, target: Path, compression: int) -> Path:
    """``source`` as it looks while its eval runs: no header.json or summaries.json, the
    summaries spread over journal chunks 1..11 (so 10 and 11 sort after 9 only numerically),
    and sample t1 epoch 1 journalled twice, first as an error, then re-run and scored."""
    with zipfile.ZipFile(source) as zin:  # inspect's import patches zipfile with zstd
        rows = json.loads(zin.read(_logzip.SUMMARIES))
        start = zin.read(_logzip.START)
    first = next(r for r in rows if (r["id"], r["epoch"]) == ("t1", 1))
    superseded = {k: v for k, v in first.items() if k != "scores"} | {"error": "retried"}
    chunks = [[superseded], *(rows[i::10] for i in range(10))]
    with zipfile.ZipFile(target, "w", compression=compression) as zout:
        zout.writestr(_logzip.START, start)
        for index, chunk in enumerate(chunks, start=1):
            zout.writestr(f"{_logzip.JOURNAL_SUMMARIES}{index}.json", json.dumps(chunk))
    return target


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_running_log_reads_its_journal_like_inspect(
    logs: Path, tmp_path: Path, compression: int
) -> None:
    running = str(_journal_only(logs / "success.eval", tmp_path / "running.eval", compression))
    header = read_header(running)
    assert header.status == "started"
    assert header == inspect_header(running)
    rows = read_summaries(running)
    assert _records(rows) == _records(inspect_summaries(running))
    assert len(rows) == len(IDS) * EPOCHS
    rerun = next(r for r in _records(rows) if (r.sample_id, r.epoch) == ("t1", 1))
    assert not rerun.errored
    # compare's own streaming path keeps the same last rows (read_run refuses this log).
    assert list(_read_records(running)[0]) == _records(rows)
    with pytest.raises(LogStatusError, match="started"):
        read_run(running)


# --------------------------------------------------------------------------- parsing and listing


def test_json_array_survives_any_chunk_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [{"id": "é€𝄞", "v": math.nan, "n": [1, {"x": "]}"}]}, {"id": 2, "v": 0.5}]
    data = json.dumps(rows, ensure_ascii=False).encode()
    for chunk in (1, 2, 3, 7):
        monkeypatch.setattr(_logzip, "_CHUNK_BYTES", chunk)
        stream = io.BytesIO(data)
        parsed = list(_logzip._json_array(stream))
        assert parsed[0]["id"] == "é€𝄞" and math.isnan(parsed[0]["v"])
        assert parsed[0]["n"] == [1, {"x": "]}"}] and parsed[1] == rows[1]


def test_truncated_summaries_are_an_error() -> None:
    stream = io.BytesIO(b'[{"id": 1}, {"id": ')
    with pytest.raises(ValueError):
        list(_logzip._json_array(stream))


def test_listing_matches_inspect(log_dir: Path) -> None:
    ours = list_log_files(log_dir)
    theirs = [info.name.removeprefix("file://") for info in list_eval_logs(str(log_dir))]
    assert sorted(ours) == sorted(theirs) and len(ours) > 10
    mtimes = [Path(name).stat().st_mtime for name in ours]
    assert mtimes == sorted(mtimes, reverse=True)


def test_header_reads_the_grader_role() -> None:
    spec = {"task": "t", "created": "c", "model": "m", "metadata": None}
    roles = {"grader": [{"model": "a/x"}, {"model": "b/y"}]}
    assert LogHeader.from_json({"eval": {**spec, "model_roles": roles}}).judge_model == "a/x, b/y"
    assert LogHeader.from_json({"eval": spec}) == LogHeader("t", "started", "c", "m", {}, None)


# --------------------------------------------------------------------------- the zip directory

HEADER_JSON = {"status": "success", "eval": {"task": "t"}}
ROWS = [{"id": "a", "epoch": 1}, {"id": "b", "epoch": 1}]


def _small_log(path: Path, names: list[str], prefix: bytes = b"") -> Path:
    """A zip with header.json, summaries.json and ``names`` (whose content is their name),
    after ``prefix`` (data before the archive, as in a self-extracting zip)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, json.dumps(name))
        archive.writestr(_logzip.HEADER, json.dumps(HEADER_JSON))
        archive.writestr(_logzip.SUMMARIES, json.dumps(ROWS))
    path.write_bytes(prefix + buffer.getvalue())
    return path


def _read_back(path: Path) -> None:
    assert _logzip.read_header(path) == HEADER_JSON
    assert list(_logzip.iter_summaries(path)) == ROWS


def test_members_are_found_by_exact_name(tmp_path: Path) -> None:
    """A name that contains another member's name (or is contained in it) is not mistaken."""
    decoys = ["x" + _logzip.HEADER, _logzip.HEADER + ".bak", "samples/a_epoch_1.json",
              "samples/a_epoch_10.json", "notes/é.json"]  # fmt: skip
    path = _small_log(tmp_path / "decoys.eval", decoys)
    _read_back(path)
    with _zipdir.open_log(path) as log:
        assert log.json("samples/a_epoch_1.json") == "samples/a_epoch_1.json"
        assert log.json("notes/é.json") == "notes/é.json"  # non-ASCII: the parsed directory
        assert log.member("samples/a_epoch_2.json") is None
        assert set(log.members) == {*decoys, _logzip.HEADER, _logzip.SUMMARIES}


def test_archives_with_leading_data_or_zip64_are_read_by_zipfile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _read_back(_small_log(tmp_path / "prefixed.eval", ["samples/a_epoch_1.json"], b"#!x\n" * 9))
    # zipfile writes zip64 records past ZIP64_LIMIT: lowered, even a tiny log needs them.
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 8)
    zip64 = _small_log(tmp_path / "zip64.eval", ["samples/a_epoch_1.json"])
    monkeypatch.undo()
    _read_back(zip64)


def test_a_file_that_is_not_a_zip_is_named(tmp_path: Path) -> None:
    path = tmp_path / "broken.eval"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(_zipdir.LogZipError, match="not a zip file"):
        _logzip.read_header(path)
