"""How an answer packaged its files, in words: the explanation's first line and ambiguities."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import PurePosixPath

from archbench.core.answer_files import CANONICAL, ExtractedFiles


def describe_answer_format(extracted: ExtractedFiles) -> str:
    """One line saying how the answer packaged its files, or why it delivered none."""
    if not extracted.files:
        return f"the answer delivered no files: {_why_no_files(extracted)}"
    count = len(extracted.files)
    fallbacks = {p: s for p, s in sorted(extracted.sources.items()) if s != CANONICAL}
    line = f"answer format: {plural(count, 'file')}"
    if fallbacks:
        found = ", ".join(f"{path} ({source})" for path, source in fallbacks.items())
        line += f", {len(fallbacks)} found outside the canonical `path=` fence: {found}"
    else:
        line += " in canonical `path=` fences"
    if extracted.unassigned_blocks:
        line += f"; {_had_no_path(extracted.unassigned_blocks)}"
    return line


def _why_no_files(extracted: ExtractedFiles) -> str:
    if extracted.blank_answer:
        return "the answer is empty"
    reasons = []
    if extracted.rejected:
        reasons.append(f"{plural(len(extracted.rejected), 'file path')} rejected")
    if extracted.unassigned_blocks:
        reasons.append(_had_no_path(extracted.unassigned_blocks))
    if not extracted.code_blocks:
        reasons.append("it is prose only, with no code block")
    return "; ".join(reasons) or f"its {plural(extracted.code_blocks, 'block')} are output or data"


def _had_no_path(count: int) -> str:
    return f"{plural(count, 'code block')} had no path"


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def ambiguity_notes(extracted: ExtractedFiles, known_paths: Iterable[str] = ()) -> list[str]:
    """Ambiguities worth naming: a path delivered twice, and files shadowing the stdlib.

    `known_paths` are the task's own files (interface, starter, reference): a module there is
    the task's business, not a shadowing accident.
    """
    notes = []
    for path, count in sorted(extracted.deliveries.items()):
        if count > 1:
            how = "with different content" if path in extracted.conflicting else "identically"
            notes.append(f"{path} was delivered {count} times {how}; the last block is kept")
    known = set(known_paths)
    for path in sorted(extracted.files):
        module = shadowed_stdlib_module(path)
        if module and path not in known:
            notes.append(f"{path} shadows the standard-library module '{module}'")
    return notes


def shadowed_stdlib_module(path: str) -> str | None:
    """The standard-library module a top-level file or package would hide, if any.

    Only the work directory's root is on the graded `sys.path`, so `json.py` or
    `typing/__init__.py` there replaces the real module for every import, tests included.
    """
    parts = PurePosixPath(path).parts
    if len(parts) == 1 and parts[0].endswith(".py"):
        name = parts[0][: -len(".py")]
    elif len(parts) == 2 and parts[1] == "__init__.py":
        name = parts[0]
    else:
        return None
    return name if name in sys.stdlib_module_names else None
