"""Fenced blocks in Markdown as models write them: indented, in list items, nested, unclosed.

Three-backtick blocks often hold shorter examples written with the same fence (a docstring's
example): a fence with an info string inside a block opens a nested example, so the example is
never taken as a separate block. A longer fence follows CommonMark unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A fence may be indented, or follow a list item's marker on the same line ("1. ```python").
_FENCE = re.compile(
    r"^(?P<indent>[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?)(?P<fence>`{3,}|~{3,})(?P<info>.*)$"
)
# A heading separated from its fence by more blank lines than this is prose, not a file's name.
MAX_BLANK_LINES_ABOVE = 1


@dataclass(frozen=True)
class CodeBlock:
    """One fenced block: its info string, its text and the nearest line above its fence."""

    info: str
    text: str
    line_above: str

    @property
    def language(self) -> str:
        """The first word of the info string, lower-cased ("" for an unlabelled block)."""
        first = self.info.split(maxsplit=1)[0] if self.info.strip() else ""
        return "" if "=" in first else first.lower()


def iter_code_blocks(text: str) -> list[CodeBlock]:
    """Every fenced block in Markdown text, in order; an unclosed fence runs to the end."""
    blocks: list[CodeBlock] = []
    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines):
        opening = _opening_fence(lines[index])
        if not opening:
            index += 1
            continue
        indent, fence, info = opening
        end = _closing_fence_index(lines, index + 1, indent, fence)
        body = "\n".join(_dedent(line, len(indent)) for line in lines[index + 1 : end])
        blocks.append(CodeBlock(info.strip(), body, _line_above(lines, index)))
        index = end + 1
    return blocks


def _opening_fence(line: str) -> tuple[str, str, str] | None:
    match = _FENCE.match(line)
    if not match:
        return None
    fence, info = match.group("fence"), match.group("info")
    if fence[0] == "`" and "`" in info:  # CommonMark: a backtick fence's info has no backtick
        return None
    return match.group("indent"), fence, info


def _closing_fence_index(lines: list[str], start: int, indent: str, fence: str) -> int:
    """Where the block closes: the first bare fence at least as long, outside nested examples.

    A block opened with exactly three characters often holds shorter examples written with the
    same fence (a docstring's ```` ```python ```` example): a fence with an info string inside
    it opens a nested example that the next bare fence closes. A longer fence was chosen to hold
    inner fences, so inside one CommonMark's rule applies unchanged.
    """
    track_nesting = len(fence) == 3
    depth = 0
    for index in range(start, len(lines)):
        inner = _FENCE.match(lines[index])
        if not inner or inner.group("fence")[0] != fence[0]:
            continue
        is_bare = not inner.group("info").strip()
        if not is_bare:
            depth += track_nesting
        elif depth:
            depth -= 1
        elif len(inner.group("fence")) >= len(fence) and _may_close(inner.group("indent"), indent):
            return index
    return len(lines)


def _may_close(closing_indent: str, opening_indent: str) -> bool:
    # CommonMark allows a closing fence up to three spaces deeper than the block's indentation;
    # deeper than that it is content (an indented example inside a docstring).
    return len(closing_indent.expandtabs(4)) <= len(opening_indent.expandtabs(4)) + 3


def _dedent(line: str, width: int) -> str:
    """Remove up to `width` leading spaces: the indentation of a fence nested in a list item."""
    removable = len(line) - len(line.lstrip(" "))
    return line[min(width, removable) :]


def _line_above(lines: list[str], fence_index: int) -> str:
    """The nearest non-blank line above a fence, or "" when too many blank lines separate them."""
    for blanks, index in enumerate(range(fence_index - 1, -1, -1)):
        if blanks > MAX_BLANK_LINES_ABOVE:
            return ""
        if lines[index].strip():
            return lines[index]
    return ""
