"""A `.eval` zip's central directory and members, read without zipfile where it can be.

`compare` opens each log several times, and `zipfile.ZipFile` parses the whole directory on
every open (one ZipInfo object per member: ~20 ms at 10,000 samples); this reader searches the
directory's bytes for the member it wants and decompresses zstd members itself (stdlib zipfile
reads zstd only from Python 3.14). Archives it does not handle (zip64, data before the archive)
go to zipfile.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

_ZSTD = 93
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., file name length, extra length
_LOCAL_SIGNATURE = b"PK\x03\x04"
# Central directory entry: signature, flags, method, compressed and uncompressed sizes, name,
# extra and comment lengths, local header offset (APPNOTE 4.3.12; skipped fields as padding).
_CENTRAL = struct.Struct("<4s4xHH8xIIHHH8xI")
_CENTRAL_SIGNATURE = b"PK\x01\x02"
# End of central directory: signature, disk numbers, entry counts, size, offset, comment length.
_END = struct.Struct("<4s4H2IH")
_END_SIGNATURE = b"PK\x05\x06"
_MAX_COMMENT = 0xFFFF
_ZIP64_MARK = 0xFFFFFFFF
_UTF8 = 0x800  # general purpose flag bit 11: the name is UTF-8


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class LogZipError(ValueError):
    """The file is not a readable `.eval` zip."""


@dataclass(frozen=True, slots=True)
class Member:
    """Where one member's compressed bytes are, and how they are compressed."""

    header_offset: int
    compress_size: int
    compress_type: int


class LogZip:
    """An open `.eval` zip: its central directory, read once, and its members read on demand.

    A member is found by searching the directory's bytes for its name rather than by parsing
    every entry (as ``zipfile.ZipFile`` does, building a ZipInfo object per member): at 10,000
    samples a full parse took ~20 ms per open, a search well under one, and a comparison opens
    each log several times. Archives this reader does not handle itself (zip64, data before the
    archive) are parsed by zipfile.
    """

    def __init__(self, path: Path, raw: BinaryIO) -> None:
        self.path = path
        self._raw = raw
        self._directory, self._count = b"", 0
        self._members: dict[str, Member] | None = None
        end = _end_of_directory(raw, path)
        if end is None:
            self._members = _zipfile_directory(raw, path)
        else:
            self._count, size, offset = end
            raw.seek(offset)
            self._directory = raw.read(size)

    def member(self, name: str) -> Member | None:
        """Where the member ``name`` is; None when the zip has none."""
        if self._members is None and name.isascii():  # ASCII: the same bytes in either encoding
            try:
                return _search_directory(self._directory, name)
            except _NeedsZipfile:
                self._members = _zipfile_directory(self._raw, self.path)
        return self.members.get(name)

    @property
    def members(self) -> Mapping[str, Member]:
        """Every member by name (parses the whole directory once)."""
        if self._members is None:
            parsed = _parse_directory(self._directory, self._count, self.path)
            self._members = _zipfile_directory(self._raw, self.path) if parsed is None else parsed
        return self._members

    def stream(self, name: str) -> Readable:
        """One member's content as a decompressing stream; KeyError when there is none."""
        member = self.member(name)
        if member is None:
            raise KeyError(f"{self.path}: no member {name}")
        return _member_stream(member, self._raw, name)

    def json(self, name: str) -> Any:
        return json.loads(self.stream(name).read())


class _NeedsZipfile(Exception):
    """An entry this reader cannot place by itself (its sizes or offset are in zip64 fields)."""


@contextmanager
def open_log(path: Path) -> Iterator[LogZip]:
    """The zip at ``path`` with its directory read (raises LogZipError when it is not a zip)."""
    with path.open("rb") as raw:
        yield LogZip(path, raw)


def _search_directory(directory: bytes, name: str) -> Member | None:
    """The entry named ``name`` (ASCII): an occurrence of the name counts only where a
    directory entry's signature precedes it and the entry's name length is the name's."""
    encoded = name.encode("ascii")
    position = directory.find(encoded)
    while position >= 0:
        start = position - _CENTRAL.size
        if start >= 0 and directory.startswith(_CENTRAL_SIGNATURE, start):
            _, _, method, compress_size, file_size, name_length, _, _, header_offset = (
                _CENTRAL.unpack_from(directory, start)
            )
            if name_length == len(encoded):
                if _ZIP64_MARK in (compress_size, file_size, header_offset):
                    raise _NeedsZipfile(name)
                return Member(header_offset, compress_size, method)
        position = directory.find(encoded, position + 1)
    return None


def _end_of_directory(raw: BinaryIO, path: Path) -> tuple[int, int, int] | None:
    """(entries, size, offset) of the central directory; None when only zipfile can tell."""
    file_size = raw.seek(0, io.SEEK_END)
    tail_start = max(0, file_size - _END.size - _MAX_COMMENT)
    raw.seek(tail_start)
    tail = raw.read()
    position = tail.rfind(_END_SIGNATURE)
    if position < 0 or len(tail) - position < _END.size:
        raise LogZipError(f"{path}: not a zip file: no end of central directory")
    _, disk, _, _, count, size, offset, _ = _END.unpack_from(tail, position)
    zip64 = count == 0xFFFF or size == _ZIP64_MARK or offset == _ZIP64_MARK
    prefixed = tail_start + position - size != offset  # data before the archive
    return None if zip64 or prefixed or disk != 0 else (count, size, offset)


def _parse_directory(data: bytes, count: int, path: Path) -> dict[str, Member] | None:
    """The directory's entries; None when an entry needs zip64 (zipfile reads those)."""
    members: dict[str, Member] = {}
    position = 0
    for _ in range(count):
        (signature, flags, method, compress_size, file_size, name_length, extra_length,
         comment_length, header_offset) = _CENTRAL.unpack_from(data, position)  # fmt: skip
        if signature != _CENTRAL_SIGNATURE:
            raise LogZipError(f"{path}: bad central directory entry")
        if _ZIP64_MARK in (compress_size, file_size, header_offset):
            return None
        start = position + _CENTRAL.size
        name = data[start : start + name_length].decode("utf-8" if flags & _UTF8 else "cp437")
        members[name] = Member(header_offset, compress_size, method)
        position = start + name_length + extra_length + comment_length
    return members


def _zipfile_directory(raw: BinaryIO, path: Path) -> dict[str, Member]:
    raw.seek(0)
    try:
        infos = zipfile.ZipFile(raw).infolist()
    except zipfile.BadZipFile as error:
        raise LogZipError(f"{path}: not a zip file: {error}") from error
    return {i.filename: Member(i.header_offset, i.compress_size, i.compress_type) for i in infos}


def _member_stream(member: Member, raw: BinaryIO, name: str) -> Readable:
    """One member's content as a stream, decompressed here: zipfile cannot open zstd members
    before Python 3.14. The local header must name the member the directory pointed to."""
    raw.seek(member.header_offset)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(raw.read(_LOCAL_HEADER.size))
    local_name = raw.read(name_length)
    if signature != _LOCAL_SIGNATURE or (name.isascii() and local_name != name.encode()):
        raise LogZipError(f"{name}: bad local header")
    raw.seek(extra_length, 1)
    return _decompressing(member.compress_type, raw.read(member.compress_size), name)


def _decompressing(method: int, data: bytes, name: str) -> Readable:
    if method == zipfile.ZIP_STORED:
        return io.BytesIO(data)
    if method == zipfile.ZIP_DEFLATED:
        return io.BytesIO(zlib.decompress(data, -zlib.MAX_WBITS))
    if method == _ZSTD:
        import zstandard  # only logs that need it pay for the import

        # inspect may write several frames for one member (one per 200 MiB of input).
        return zstandard.ZstdDecompressor().stream_reader(data, read_across_frames=True)
    raise LogZipError(f"{name}: unsupported compression {method}")
