"""Where compare's log data comes from: local `.eval` zips read directly, anything else by inspect.

Local `.eval` files (every log archbench writes) go through ``_logzip``, which needs neither
inspect nor pydantic. Remote logs (``s3://...``) and the older `.json` format go through inspect's
readers, imported only then, and are turned into the same JSON shapes, so that one code path
builds the records from either.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import _logzip

# One sample summary as the log stores it (inspect's EvalSampleSummary in JSON form).
Summary = Mapping[str, Any]
# inspect lists a `.json` file as a log only when its name starts with a timestamp.
_JSON_LOG_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}[:-]\d{2}[:-]\d{2}")


@dataclass(frozen=True)
class LogHeader:
    """What compare reads from a log's header (inspect's EvalLog without the samples)."""

    task: str
    status: str
    created: str
    model: str
    metadata: Mapping[str, Any]
    # The model(s) bound to the `grader` role, if any: runs judged by different models (or one
    # judged and one not) are graded differently and so refused like any grader mismatch.
    judge_model: str | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LogHeader:
        spec = data["eval"]
        return cls(
            task=spec["task"],
            status=data.get("status") or _logzip.RUNNING,
            created=spec["created"],
            model=spec["model"],
            metadata=spec.get("metadata") or {},
            judge_model=_judge_model(spec.get("model_roles")),
        )


def _judge_model(roles: Mapping[str, Any] | None) -> str | None:
    grader = (roles or {}).get("grader")
    if grader is None:
        return None
    configs = grader if isinstance(grader, list) else [grader]
    return ", ".join(str(config["model"]) for config in configs)


def _is_local_eval(log_file: str) -> bool:
    return "://" not in log_file and log_file.endswith(".eval")


def read_header(log_file: str) -> LogHeader:
    """The header of one log. Raises OSError, ValueError or KeyError when it is unreadable."""
    if _is_local_eval(log_file):
        return LogHeader.from_json(_logzip.read_header(Path(log_file)))
    return inspect_header(log_file)


def inspect_header(log_file: str) -> LogHeader:
    """The header as inspect reads it (any log format, any filesystem inspect reaches)."""
    from inspect_ai.log import read_eval_log

    log = read_eval_log(log_file, header_only=True)
    return LogHeader.from_json({"status": log.status, "eval": log.eval.model_dump()})


def iter_summaries(log_file: str) -> Iterator[Summary]:
    """Every sample summary of one log (errored samples included), one at a time, in the order
    written: a re-run sample's row follows the row it replaces (``dedupe`` keeps the last)."""
    if _is_local_eval(log_file):
        return _logzip.iter_summaries(Path(log_file))
    return inspect_summaries(log_file)


def inspect_summaries(log_file: str) -> Iterator[Summary]:
    """The sample summaries as inspect reads them (validated and thinned), in JSON form."""
    from inspect_ai.log import read_eval_log_sample_summaries

    for summary in read_eval_log_sample_summaries(log_file):
        yield summary.model_dump()


def read_summaries(log_file: str) -> list[Summary]:
    """Every sample summary of one log, one per (sample id, epoch)."""
    return _logzip.dedupe(iter_summaries(log_file))


def list_log_files(log_dir: str | Path) -> list[str]:
    """Every log under ``log_dir``, newest file first, as inspect's ``list_eval_logs`` lists
    them: `.eval` files, and `.json` files named ``<timestamp>...``, at any depth."""
    if "://" in str(log_dir):
        return _list_remote(str(log_dir))
    files = [
        path
        for path in Path(log_dir).rglob("*")
        if path.suffix == ".eval" or (path.suffix == ".json" and _JSON_LOG_NAME.match(path.name))
    ]
    # Absolute like inspect's listing, so report paths do not depend on the working directory.
    stamped = [(p.stat().st_mtime, os.path.abspath(p)) for p in files if p.is_file()]
    return [name for _, name in sorted(stamped, key=lambda item: item[0], reverse=True)]


def _list_remote(log_dir: str) -> list[str]:
    from inspect_ai.log import list_eval_logs

    return [info.name for info in list_eval_logs(log_dir)]
