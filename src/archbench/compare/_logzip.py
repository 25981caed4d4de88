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
import io
import json
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Protocol

HEADER = "header.json"
SUMMARIES = "summaries.json"
START = "_journal/start.json"
JOURNAL_SUMMARIES = "_journal/summaries/"
_ZSTD = 93
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., file name length, extra length
_LOCAL_SIGNATURE = b"PK\x03\x04"
# Decoded per read: bounds the text held at once (a summary is ~5 KB, a log's summaries ~70 MB).
_CHUNK_BYTES = 1 << 22
_SEPARATORS = frozenset(" \t\r\n,[")
# The status of a log that has no header yet (inspect's EvalLog default).
RUNNING = "started"


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class LogZipError(ValueError):
    """The file is not a readable `.eval` zip."""


def read_header(path: Path) -> dict[str, Any]:
    """The log header as JSON: ``status`` and ``eval`` (the EvalSpec), as inspect writes it.

    A log without ``header.json`` is still running (or crashed): its spec comes from the
    journal's start record and its status is ``started``.
    """
    with _open(path) as (archive, raw):
        names = set(archive.namelist())
        if HEADER in names:
            header: dict[str, Any] = _member_json(archive, raw, HEADER)
            return header
        if START in names:
            return {"status": RUNNING, **_member_json(archive, raw, START)}
    raise LogZipError(f"{path}: neither {HEADER} nor {START} in the log")


def iter_summaries(path: Path) -> Iterator[dict[str, Any]]:
    """Every sample summary row as JSON, in the order written; a re-run sample's later row
    comes after the row it replaces (see ``dedupe``).

    Rows are parsed one at a time from the decompressing stream: a 10,000-sample log holds
    ~70 MB of summaries, which as one parsed list would cost ~250 MB of memory.
    """
    with _open(path) as (archive, raw):
        names = archive.namelist()
        members = [SUMMARIES] if SUMMARIES in names else _journal_summaries(names)
        for name in members:
            yield from _json_array(_member_stream(archive.getinfo(name), raw))


def dedupe(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """One row per (sample id, epoch), the last written winning (as inspect reads them)."""
    latest = {(str(row["id"]), row["epoch"]): row for row in rows}
    return list(latest.values())


def _journal_summaries(names: Iterable[str]) -> list[str]:
    """The journal's summary members in flush order (numeric, not lexical: 10 after 9)."""
    members = [n for n in names if n.startswith(JOURNAL_SUMMARIES) and n.endswith(".json")]
    return sorted(set(members), key=lambda n: int(n.removeprefix(JOURNAL_SUMMARIES)[:-5]))


@contextmanager
def _open(path: Path) -> Iterator[tuple[zipfile.ZipFile, BinaryIO]]:
    """The zip's directory and its raw file (members are read from the raw file)."""
    with path.open("rb") as raw:
        try:
            archive = zipfile.ZipFile(raw)
        except zipfile.BadZipFile as error:
            raise LogZipError(f"{path}: not a zip file: {error}") from error
        yield archive, raw


def _member_json(archive: zipfile.ZipFile, raw: BinaryIO, name: str) -> Any:
    return json.loads(_member_stream(archive.getinfo(name), raw).read())


def _json_array(stream: _Readable) -> Iterator[Any]:
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


def _member_stream(info: zipfile.ZipInfo, raw: BinaryIO) -> _Readable:
    """One member's content as a stream, decompressed here: zipfile cannot open zstd members
    before Python 3.14."""
    raw.seek(info.header_offset)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(raw.read(_LOCAL_HEADER.size))
    if signature != _LOCAL_SIGNATURE:
        raise LogZipError(f"{info.filename}: bad local header")
    raw.seek(name_length + extra_length, 1)
    return _decompressing(info, raw.read(info.compress_size))


def _decompressing(info: zipfile.ZipInfo, data: bytes) -> _Readable:
    if info.compress_type == zipfile.ZIP_STORED:
        return io.BytesIO(data)
    if info.compress_type == zipfile.ZIP_DEFLATED:
        return io.BytesIO(zlib.decompress(data, -zlib.MAX_WBITS))
    if info.compress_type == _ZSTD:
        import zstandard  # only logs that need it pay for the import

        # inspect may write several frames for one member (one per 200 MiB of input).
        return zstandard.ZstdDecompressor().stream_reader(data, read_across_frames=True)
    raise LogZipError(f"{info.filename}: unsupported compression {info.compress_type}")
