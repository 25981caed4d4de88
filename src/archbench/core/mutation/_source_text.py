"""Source text addressed the way the AST addresses it (UTF-8 byte offsets), and edits on it.

Edits are applied to the original bytes, never to `ast.unparse` output, so formatting and
comments survive and a diff of the mutant against the clean file shows only the bug.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence

from archbench.core.mutation._model import MutationError, Proposal, TextEdit

# How each operator token is found in the text between two operands (comments masked out).
_TOKEN_PATTERNS: dict[str, bytes] = {
    "<": rb"<(?![<=])",
    "<=": rb"<=",
    ">": rb"(?<!-)>(?![>=])",
    ">=": rb">=",
    "==": rb"==",
    "!=": rb"!=",
    "is": rb"\bis\b(?!\s+not\b)",
    "is not": rb"\bis\s+not\b",
    "in": rb"(?<!not )\bin\b",
    "not in": rb"\bnot\s+in\b",
    "and": rb"\band\b",
    "or": rb"\bor\b",
    "+": rb"\+",
    "-": rb"-",
}


class SourceText:
    """Source text with conversions between AST positions and UTF-8 byte offsets.

    AST column offsets count UTF-8 bytes, so all edits are made on the encoded text.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8")
        self.line_starts = [0]
        for match in re.finditer(rb"\n", self.data):
            self.line_starts.append(match.end())

    def offset(self, lineno: int, col: int) -> int:
        return self.line_starts[lineno - 1] + col

    def start(self, node: ast.AST) -> int:
        return self.offset(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end(self, node: ast.AST) -> int:
        return self.offset(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    def segment(self, node: ast.AST) -> str:
        return self.data[self.start(node) : self.end(node)].decode("utf-8")

    def line_of(self, offset: int) -> int:
        """1-based line number holding byte `offset`."""
        low, high = 0, len(self.line_starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.line_starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1

    def find_token(self, start: int, end: int, token: str) -> tuple[int, int] | None:
        """The byte span of operator `token` between two operands, ignoring comments."""
        gap = re.sub(rb"#[^\n]*", lambda m: b" " * len(m.group()), self.data[start:end])
        found = re.search(_TOKEN_PATTERNS[token], gap)
        return (start + found.start(), start + found.end()) if found else None

    def whole_lines(self, first: ast.stmt, last: ast.stmt) -> tuple[int, int] | None:
        """The byte span of the full lines a run of statements occupies, with the comment
        block right above it; None when code shares those lines (`x = 1; y = 2`)."""
        start, end = self.start(first), self.end(last)
        line_start = self.line_starts[first.lineno - 1]
        if self.data[line_start:start].strip():
            return None
        line_end = self.data.find(b"\n", end)
        line_end = len(self.data) if line_end < 0 else line_end + 1
        if self.data[end:line_end].split(b"#", 1)[0].strip():
            return None
        return self._with_leading_comments(line_start, first.lineno), line_end

    def _with_leading_comments(self, line_start: int, lineno: int) -> int:
        # A comment that explains a deleted check would give the bug away: it goes too.
        while lineno > 1:
            previous = self.line_starts[lineno - 2]
            if not self.data[previous:line_start].strip().startswith(b"#"):
                break
            line_start, lineno = previous, lineno - 1
        return line_start


def apply_edits(source: SourceText, edits: Sequence[TextEdit]) -> str:
    """The source with every edit applied; edits must not overlap."""
    ordered = sorted(edits, key=lambda edit: edit.start)
    pieces: list[bytes] = []
    cursor = 0
    for edit in ordered:
        if edit.start < cursor or edit.end > len(source.data) or edit.end < edit.start:
            raise MutationError(f"edit {edit} overlaps another or is out of range")
        pieces += [source.data[cursor : edit.start], edit.replacement.encode("utf-8")]
        cursor = edit.end
    pieces.append(source.data[cursor:])
    return b"".join(pieces).decode("utf-8")


def mutated_lines(source: SourceText, proposal: Proposal) -> tuple[int, int]:
    """The inclusive line span of the bug in the mutated file.

    Deleted lines leave nothing to point at: the span is the line before the gap and the line
    that now takes its place.
    """
    edits = sorted(proposal.edits, key=lambda edit: edit.start)
    first_line = source.line_of(edits[0].start)
    if proposal.removes_lines:
        return max(1, first_line - 1), first_line
    # Newlines between the first edit's start and the last edit's end, once edits are applied.
    kept = source.data[edits[0].start : edits[-1].end].count(b"\n") - sum(
        source.data[edit.start : edit.end].count(b"\n") for edit in edits
    )
    added = sum(edit.replacement.count("\n") for edit in edits)
    return first_line, first_line + kept + added
