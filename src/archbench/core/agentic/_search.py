"""`Glob` and `Grep` as Claude Code reads them, over the work directory's relative paths."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal

from archbench.core.agentic._tool_rules import AgenticError, truncate_output

GrepMode = Literal["files_with_matches", "content", "count"]


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """A glob as Claude Code's Glob reads it: `**` crosses folders, `*` does not, `{a,b}` picks."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if pattern.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        out.append(_glob_char(pattern, index))
        index += _glob_char_width(pattern, index) if char in "{[" else 1
    return re.compile("".join(out) + r"\Z")


def _glob_char(pattern: str, index: int) -> str:
    char = pattern[index]
    if char == "*":
        return "[^/]*"
    if char == "?":
        return "[^/]"
    if char == "{" and "}" in pattern[index:]:
        options = pattern[index + 1 : pattern.index("}", index)].split(",")
        return "(?:" + "|".join(glob_to_regex(option).pattern[:-2] for option in options) + ")"
    if char == "[" and "]" in pattern[index + 1 :]:
        body = pattern[index + 1 : pattern.index("]", index + 1)]
        return "[" + ("^" + body[1:] if body.startswith("!") else body) + "]"
    return re.escape(char)


def _glob_char_width(pattern: str, index: int) -> int:
    closing = "}" if pattern[index] == "{" else "]"
    end = pattern.find(closing, index + 1)
    return end - index + 1 if end != -1 else 1


def glob_paths(paths: Iterable[str], pattern: str) -> list[str]:
    """The relative paths matching `pattern`, sorted; a pattern without `/` matches anywhere."""
    anywhere = "/" not in pattern and not pattern.startswith("**")
    regex = glob_to_regex(f"**/{pattern}" if anywhere else pattern)
    return sorted(path for path in paths if regex.match(path))


def grep_files(
    files: Mapping[str, str],
    pattern: str,
    glob: str | None = None,
    output_mode: GrepMode = "files_with_matches",
) -> str:
    """Claude Code's Grep over file texts: matching files, matching lines, or counts."""
    regex = _compile_pattern(pattern)
    selected = glob_paths(files, glob) if glob else sorted(files)
    results: list[str] = []
    for path in selected:
        hits = [
            (n, line) for n, line in enumerate(files[path].split("\n"), 1) if regex.search(line)
        ]
        if hits:
            results.extend(_report_hits(path, hits, output_mode))
    return truncate_output("\n".join(results)) if results else "No matches found"


def _compile_pattern(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise AgenticError(f"invalid regular expression {pattern!r}: {error}") from error


def _report_hits(path: str, hits: list[tuple[int, str]], output_mode: GrepMode) -> list[str]:
    """One file's result lines: each matching line, its count, or just its path."""
    if output_mode == "content":
        return [f"{path}:{number}:{line}" for number, line in hits]
    if output_mode == "count":
        return [f"{path}:{len(hits)}"]
    return [path]
