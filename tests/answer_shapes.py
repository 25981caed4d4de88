"""The ways models package a file in an answer, rendered from (path, content) pairs.

One `Shape` per packaging that issue 23 asks the extractor to accept; `render` builds a whole
answer from a set of files in that shape. Used by the table-driven extraction tests and by the
check that every implement task's reference solution extracts identically in every shape.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

Render = Callable[[str, str, str], str]  # (path, content, blank line or "") -> one file's text


@dataclass(frozen=True)
class Shape:
    name: str
    source: str  # how archbench.core.answer reports a file found this way
    render_file: Render


def _fence(content: str, char: str = "`", minimum: int = 3) -> str:
    longest = current = 0
    for letter in content:
        current = current + 1 if letter == char else 0
        longest = max(longest, current)
    return char * max(minimum, longest + 1)


def _language(path: str) -> str:
    return "python" if path.endswith(".py") else "text"


def _body(content: str) -> str:
    return content.rstrip("\n")


def _canonical(path: str, content: str, gap: str) -> str:
    fence = _fence(content)
    return f"{fence}{_language(path)} path={path}\n{_body(content)}\n{fence}"


def _path_only_info(path: str, content: str, gap: str) -> str:
    fence = _fence(content)
    return f"{fence}{path}\n{_body(content)}\n{fence}"


def _comment(prefix: str) -> Render:
    def render(path: str, content: str, gap: str) -> str:
        fence = _fence(content)
        return f"{fence}{_language(path)}\n{prefix}{path}\n{_body(content)}\n{fence}"

    return render


def _heading(template: str) -> Render:
    def render(path: str, content: str, gap: str) -> str:
        fence = _fence(content)
        above = template.format(path=path)
        return f"{above}\n{gap}{fence}{_language(path)}\n{_body(content)}\n{fence}"

    return render


def _in_list_item(path: str, content: str, gap: str) -> str:
    fence = _fence(content)
    inner = [f"{fence}{_language(path)} path={path}", *_body(content).split("\n"), fence]
    indented = "\n".join(f"   {line}" if line else "" for line in inner)
    return f"1. Update `{path}`:\n\n{indented}"


def _heading_in_list_item(path: str, content: str, gap: str) -> str:
    fence = _fence(content)
    inner = [f"{fence}{_language(path)}", *_body(content).split("\n"), fence]
    indented = "\n".join(f"   {line}" if line else "" for line in inner)
    return f"- **{path}**\n{gap}{indented}"


def _long_fence(char: str) -> Render:
    def render(path: str, content: str, gap: str) -> str:
        fence = _fence(content, char, minimum=4)
        return f"{fence}{_language(path)} path={path}\n{_body(content)}\n{fence}"

    return render


def _with_gaps(name: str, source: str, render_file: Render) -> list[Shape]:
    """The shape with the path line directly above the fence, and with one blank line between."""
    return [
        Shape(name, source, render_file),
        Shape(f"{name}+blank", source, lambda p, c, _gap: render_file(p, c, "\n")),
    ]


SHAPES: list[Shape] = [
    Shape("canonical", "canonical", _canonical),
    Shape("path-only-info", "info-path", _path_only_info),
    Shape("comment-path", "comment", _comment("# path: ")),
    Shape("comment", "comment", _comment("# ")),
    *_with_gaps("heading", "heading", _heading("### {path}")),
    *_with_gaps("heading-backticks", "heading", _heading("### `{path}`")),
    *_with_gaps("bold", "heading", _heading("**{path}**")),
    *_with_gaps("file-label", "heading", _heading("File: {path}")),
    *_with_gaps("bold-file-label", "heading", _heading("**File:** `{path}`")),
    *_with_gaps("bold-in-list", "heading", _heading_in_list_item),
    Shape("in-list-item", "canonical", _in_list_item),
    Shape("four-backticks", "canonical", _long_fence("`")),
    Shape("tildes", "canonical", _long_fence("~")),
]


def render(shape: Shape, files: Mapping[str, str]) -> str:
    """A whole answer delivering `files` in `shape`, with prose between the files."""
    parts = [shape.render_file(path, text, "") for path, text in sorted(files.items())]
    return "I made these changes.\n\n" + "\n\nNext file.\n\n".join(parts) + "\n\nDone.\n"
