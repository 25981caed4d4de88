"""Read what compare needs from a local `.eval` log straight from its zip, without inspect.

Why not inspect's readers: ``read_eval_log_sample_summaries`` validates every summary with
pydantic, and the validator re-thins every text (``thin_text`` -> ``textwrap.shorten``); with
``import inspect_ai.log`` (~1 s) that made reading 3.3 s of a 6.3 s comparison at 1,000 x 3
sample-epochs. inspect's dataframe API reads the same summaries through the same models and
then builds columns: ``samples_df`` took 2.5 s for one such log plus 1.6 s of import, and leaves
dict-valued scores as JSON strings. The summaries in the zip were thinned once when the log was
written, so their raw JSON is what inspect returns, minus the validation.

The layout read here (inspect-ai 0.3.285, ``log/_recorders/eval.py``): a finished log holds
``header.json`` and ``summaries.json``; a running or crashed one holds only
``_journal/start.json`` and one ``_journal/summaries/<n>.json`` per flush, in index order,
where a re-run sample's later row replaces its earlier one. Members are zstd-compressed
(stdlib zipfile reads zstd only from Python 3.14; inspect patches it in with zipfile_zstd at
import) or, in older logs, deflated.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ._zipdir import LogZipError, Readable, open_log

HEADER = "header.json"
SUMMARIES = "summaries.json"
START = "_journal/start.json"
JOURNAL_SUMMARIES = "_journal/summaries/"
SAMPLES = "samples/"
# Decoded per read: bounds the text held at once (a summary is ~5 KB, a log's summaries ~70 MB).
_CHUNK_BYTES = 1 << 22
_SEPARATORS = frozenset(" \t\r\n,[")
# The status of a log that has no header yet (inspect's EvalLog default).
RUNNING = "started"


def read_header(path: Path) -> dict[str, Any]:
    """The log header as JSON: ``status`` and ``eval`` (the EvalSpec), as inspect writes it.

    A log without ``header.json`` is still running (or crashed): its spec comes from the
    journal's start record and its status is ``started``.
    """
    with open_log(path) as log:
        if log.member(HEADER) is not None:
            header: dict[str, Any] = log.json(HEADER)
            return header
        if log.member(START) is not None:
            return {"status": RUNNING, **log.json(START)}
    raise LogZipError(f"{path}: neither {HEADER} nor {START} in the log")


def iter_summaries(path: Path) -> Iterator[dict[str, Any]]:
    """Every sample summary row as JSON, in the order written; a re-run sample's later row
    comes after the row it replaces (see ``dedupe``).

    Rows are parsed one at a time from the decompressing stream: a 10,000-sample log holds
    ~70 MB of summaries, which as one parsed list would cost ~250 MB of memory.
    """
    with open_log(path) as log:
        finished = log.member(SUMMARIES) is not None
        members = [SUMMARIES] if finished else _journal_summaries(log.members)
        for name in members:
            yield from _json_array(log.stream(name))


def dedupe(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """One row per (sample id, epoch), the last written winning (as inspect reads them)."""
    latest = {(str(row["id"]), row["epoch"]): row for row in rows}
    return list(latest.values())


def sample_member(sample_id: str, epoch: int) -> str:
    """Where inspect stores one sample-epoch in the zip."""
    return f"{SAMPLES}{sample_id}_epoch_{epoch}.json"


def _journal_summaries(names: Iterable[str]) -> list[str]:
    """The journal's summary members in flush order (numeric, not lexical: 10 after 9)."""
    members = [n for n in names if n.startswith(JOURNAL_SUMMARIES) and n.endswith(".json")]
    return sorted(set(members), key=lambda n: int(n.removeprefix(JOURNAL_SUMMARIES)[:-5]))


def _json_array(stream: Readable) -> Iterator[Any]:
    """The items of a JSON array, decoded one by one from a byte stream.

    The standard decoder (not a streaming parser such as ijson) because inspect writes NaN for
    unscored values, which only Python's json accepts. A failed decode at the end of the buffer
    means the item is incomplete: read more and decode it again.
    """
    decoder, text = json.JSONDecoder(), codecs.getincrementaldecoder("utf-8")()
    buffer, position, ended = "", 0, False
    while True:
        position = _skip_separators(buffer, position)
        if buffer.startswith("]", position):
            return
        if position < len(buffer):
            try:
                item, position = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError:
                if ended:
                    raise
            else:
                yield item
                continue
        elif ended:
            raise ValueError("JSON array ended early")
        chunk = stream.read(_CHUNK_BYTES)
        ended = not chunk
        buffer, position = buffer[position:] + text.decode(chunk, final=ended), 0


def _skip_separators(buffer: str, position: int) -> int:
    """Past whitespace, the opening bracket and commas: what lies between two items."""
    while position < len(buffer) and buffer[position] in _SEPARATORS:
        position += 1
    return position


