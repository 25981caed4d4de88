"""Read inspect logs into comparison records, and resolve ``name@version`` to log files.

The log contract (written by the eval tasks): ``log.eval.task`` is the task name,
``log.eval.metadata`` holds ``agent``, ``agent_version``, ``agent_sha256``, ``agent_path``,
``dataset_version`` and ``graders``; each sample's ``scores`` map a scorer to a number or to a
dict of metric -> number. None or NaN is unscored; a sample with ``error`` set is an error.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from archbench.core.agent_ref import AgentRef, AgentRefError
from archbench.core.agent_ref import parse_agent_ref as parse_core_agent_ref
from archbench.core.registry import specs_from_log
from archbench.core.run_metadata import RunMetadata

from ._errors import CompareInputError, LogStatusError
from ._logread import LogHeader, Summary, iter_summaries, list_log_files, read_header
from ._records import SampleRecord, TaskRun, TokenUsage, VersionRuns

LOG_SUFFIXES = (".eval", ".json")
# inspect's letter grades (CORRECT, INCORRECT, PARTIAL, NOANSWER) as numbers.
_LETTER_VALUES = {"C": 1.0, "I": 0.0, "P": 0.5, "N": 0.0}
# (log file, header) of every log in a directory.
Headers = list[tuple[str, LogHeader]]
# A local folder, or a URL of any filesystem inspect writes logs to (s3://bucket/logs).
LogDir = str | Path


@dataclass(frozen=True)
class SelectedLog:
    """A log chosen for the comparison, with the header already read to choose it."""

    log_file: str
    header: LogHeader


def parse_agent_ref(text: str) -> AgentRef:
    """Parse ``name@version``; ``reference`` and ``null`` need no version. A comparison needs
    the version, because that is what tells two runs of one agent apart in the logs."""
    try:
        ref = parse_core_agent_ref(text)
    except AgentRefError:
        ref = None
    if ref is None or ref.is_file or (ref.version is None and not ref.is_control):
        raise CompareInputError(
            f"'{text}' is neither a log file nor an agent reference of the form name@version"
        )
    return ref


def is_log_path(text: str) -> bool:
    return text.endswith(LOG_SUFFIXES) or Path(text).is_file()


# --------------------------------------------------------------------------- selecting logs


def _read_header(log_file: str) -> LogHeader:
    try:
        return read_header(log_file)
    except (OSError, ValueError, KeyError) as error:
        raise CompareInputError(f"{log_file}: cannot read the log: {error}") from error


def _headers(log_dir: LogDir) -> Headers:
    # A URL (s3://..., any fsspec filesystem inspect reads) is listed as it is.
    if "://" not in str(log_dir) and not Path(log_dir).is_dir():
        raise CompareInputError(f"log directory {log_dir} does not exist")
    return [(name, _read_header(name)) for name in list_log_files(log_dir)]


def list_logs(log_dir: LogDir) -> list[SelectedLog]:
    """Every log in ``log_dir`` with its header."""
    return [SelectedLog(name, log) for name, log in _headers(log_dir)]


def _created(log: LogHeader) -> datetime:
    return datetime.fromisoformat(log.created)


def _known_versions(headers: Iterable[tuple[str, LogHeader]]) -> list[str]:
    refs = {
        str(AgentRef(str(m.get("agent")), m.get("agent_version")))
        for _, log in headers
        if (m := log.metadata)
    }
    return sorted(refs)


def select_logs(
    reference: str, log_dir: LogDir, headers: Headers | None = None
) -> list[SelectedLog]:
    """Per task, the latest successful log of ``reference`` (a ``name@version`` or a file).

    Raises:
        CompareInputError: no log matches (the message lists the versions that exist).
        LogStatusError: a task has matching logs but none finished with status ``success``,
            or a log file given by path did not succeed.
    """
    if is_log_path(reference):
        if not Path(reference).is_file():
            raise CompareInputError(f"log file {reference} does not exist")
        return [SelectedLog(reference, _read_header(reference))]
    ref = parse_agent_ref(reference)
    headers = _headers(log_dir) if headers is None else headers
    by_task: dict[str, list[SelectedLog]] = defaultdict(list)
    for name, log in headers:
        if ref.matches(log.metadata):
            by_task[log.task].append(SelectedLog(name, log))
    if not by_task:
        known = ", ".join(_known_versions(headers)) or "none"
        raise CompareInputError(f"no logs for '{ref}' in {log_dir} (versions found: {known})")
    return [_latest_success(runs) for _, runs in sorted(by_task.items())]


def _latest_success(runs: list[SelectedLog]) -> SelectedLog:
    newest_first = sorted(runs, key=lambda run: _created(run.header), reverse=True)
    for run in newest_first:
        if run.header.status == "success":
            return run
    newest = newest_first[0]
    raise LogStatusError(newest.log_file, newest.header.status)


# --------------------------------------------------------------------------- reading a run


def score_to_float(value: Any) -> float | None:
    """A score value as a float; None when unscored (None, NaN, or not a number)."""
    if type(value) is float:  # the common case first: this runs once per metric and sample
        return None if math.isnan(value) else value
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float):
        return None if math.isnan(value) else float(value)
    if isinstance(value, str):
        return _LETTER_VALUES.get(value.strip().upper())
    return None


def flatten_scores(scores: Mapping[str, Any] | None) -> dict[str, float | None]:
    """Scorer -> score becomes metric -> value: a dict value contributes one metric per key,
    a scalar value is the metric named after its scorer. A score is an inspect ``Score`` or
    its JSON form (a dict with ``value``), as in a log's sample summaries."""
    metrics: dict[str, float | None] = {}
    for scorer_name, score in (scores or {}).items():
        # dict before the Mapping ABC (checked in order): an ABC check costs a microsecond.
        value = score.get("value") if isinstance(score, dict | Mapping) else score.value
        if isinstance(value, dict):
            for key, item in value.items():
                metrics[key] = score_to_float(item)
        else:
            metrics[scorer_name] = score_to_float(value)
    return metrics


def is_tampered(summary: Summary) -> bool:
    """A score of the sample says its test report was tampered with (`tampered` metadata)."""
    return any(
        (score.get("metadata") or {}).get("tampered") is True
        for score in (summary.get("scores") or {}).values()
        if isinstance(score, Mapping)
    )


def _usage(model_usage: Mapping[str, Mapping[str, Any]]) -> dict[str, TokenUsage]:
    return {
        model: TokenUsage(u.get("input_tokens", 0), u.get("output_tokens", 0),
                          u.get("total_tokens", 0))
        for model, u in model_usage.items()
    }  # fmt: skip


def sample_record(summary: Summary) -> SampleRecord:
    """The comparison's view of one sample-epoch, from its summary in the log."""
    errored = summary.get("error") is not None
    return SampleRecord(
        sample_id=str(summary["id"]),
        epoch=int(summary["epoch"]),
        scores={} if errored else flatten_scores(summary.get("scores")),
        errored=errored,
        tampered=is_tampered(summary),
        usage=_usage(summary.get("model_usage") or {}),
        total_time=summary.get("total_time"),
        working_time=summary.get("working_time"),
        tier=(summary.get("metadata") or {}).get("tier"),
    )


def read_run(log_file: str, header: LogHeader | None = None) -> TaskRun:
    """Read one log's sample summaries; refuse the log unless its status is ``success``.

    Sample summaries hold everything compared (scores, usage, times, error) without the
    transcripts, which makes them an order of magnitude faster to load than the full samples.
    """
    log = header or _read_header(log_file)
    if log.status != "success":
        raise LogStatusError(log_file, log.status)
    try:
        records, unvalidated = _read_records(log_file)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CompareInputError(f"{log_file}: cannot read the samples: {error}") from error
    run = RunMetadata.from_log(log.metadata, log_file)
    specs, primary = specs_from_log(run.metrics)
    return TaskRun(
        task=log.task,
        log_file=log_file,
        status=log.status,
        created=log.created,
        model=log.model,
        agent=run.agent,
        agent_version=run.agent_version,
        agent_sha256=run.agent_sha256,
        agent_path=run.agent_path,
        dataset_version=run.dataset_version,
        graders={
            **run.graders,
            **({"judge_model": log.judge_model} if log.judge_model is not None else {}),
        },
        records=records,
        unvalidated_judges=unvalidated,
        metric_specs=specs,
        primary=primary,
    )


def _read_records(log_file: str) -> tuple[tuple[SampleRecord, ...], frozenset[str]]:
    """The records of one log and its unvalidated judge keys, built while the summaries stream
    in (the summaries themselves are not kept). A sample-epoch's last row wins, as in inspect."""
    latest: dict[tuple[str, int], tuple[SampleRecord, frozenset[str]]] = {}
    for summary in iter_summaries(log_file):
        record = sample_record(summary)
        latest[(record.sample_id, record.epoch)] = (record, unvalidated_judges([summary]))
    records = tuple(record for record, _ in latest.values())
    return records, frozenset().union(*(keys for _, keys in latest.values() if keys))


_NONE: frozenset[str] = frozenset()


def unvalidated_judges(summaries: Iterable[Summary]) -> frozenset[str]:
    """Score keys a model judge gave without a passing judge-check (`judge_unvalidated`)."""
    keys: set[str] = set()
    for summary in summaries:
        for score in (summary.get("scores") or {}).values():
            flagged = (score.get("metadata") or {}).get("judge_unvalidated")
            if flagged:  # rare: most rows pay only for the look-up
                keys.update(key for key in str(flagged).split(",") if key)
    return frozenset(keys) if keys else _NONE


def load_versions(references: Sequence[str], log_dir: LogDir) -> list[VersionRuns]:
    """Load several sides, reading the directory's headers once and only if a reference is not
    a file path (a header read parses the whole zip directory: ~25 ms per log)."""
    needs_index = any(not is_log_path(reference) for reference in references)
    headers = _headers(log_dir) if needs_index else None
    return [load_version(reference, log_dir, headers) for reference in references]


def load_version(reference: str, log_dir: LogDir, headers: Headers | None = None) -> VersionRuns:
    """Select and read every task log of one side of the comparison."""
    runs: dict[str, TaskRun] = {}
    for selected in select_logs(reference, log_dir, headers):
        run = read_run(selected.log_file, selected.header)
        runs[run.task] = run
    return VersionRuns(reference=reference, runs=runs)
