"""Parse Claude Code subagent files: YAML frontmatter plus a Markdown body.

Subagent files in the wild are not always valid YAML: the usual `description:` line holds
`Context: ...` after literal `\\n` escapes, which a YAML parser rejects ("mapping values are not
allowed here"). Claude Code reads such files, so we must too: when strict YAML fails we fall back
to reading top-level `key: value` lines, and only report a YAML error when that fails as well.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import yaml

from archbench.core.errors import AgentFileError

_BOM = "\ufeff"
_FRONTMATTER_FENCE = "---"
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?:\s(.*)|)$")
_KNOWN_KEYS = frozenset({"name", "description", "tools", "model", "color"})


@dataclass(frozen=True)
class AgentPrompt:
    """One version of an agent prompt, immutable once loaded."""

    name: str
    version: str | None
    description: str
    tools: tuple[str, ...]
    model: str | None
    body: str
    sha256: str
    color: str | None = None
    path: str | None = None
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def reference(self) -> str:
        """The `name@version` form used in logs and reports."""
        return f"{self.name}@{self.version}" if self.version else self.name


def parse_agent_file(
    data: bytes, source: str, version: str | None = None, path: str | None = None
) -> AgentPrompt:
    """Parse the bytes of a subagent file; `source` names the file in error messages."""
    text = _decode(data, source)
    frontmatter_text, body = _split_frontmatter(text, source)
    fields = _parse_frontmatter(frontmatter_text, source)
    if not body.strip():
        raise AgentFileError(source, "the prompt body after the frontmatter is empty")
    return AgentPrompt(
        name=_required_string(fields, "name", source),
        version=version,
        description=_unescape_newlines(_required_string(fields, "description", source)),
        tools=_parse_tools(fields.get("tools"), source),
        model=_optional_string(fields, "model", source),
        color=_optional_string(fields, "color", source),
        body=body,
        sha256=hashlib.sha256(data).hexdigest(),
        path=path,
        extra=MappingProxyType({k: v for k, v in fields.items() if k not in _KNOWN_KEYS}),
    )


def _decode(data: bytes, source: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise AgentFileError(source, f"not UTF-8 text ({error})") from error
    # Windows line endings and a BOM are common in hand-edited files; neither is content.
    return text.removeprefix(_BOM).replace("\r\n", "\n")


def _split_frontmatter(text: str, source: str) -> tuple[str, str]:
    lines = text.split("\n")
    if not lines or lines[0].strip() != _FRONTMATTER_FENCE:
        raise AgentFileError(source, "no YAML frontmatter: the file must start with a '---' line")
    for index in range(1, len(lines)):
        if lines[index].strip() == _FRONTMATTER_FENCE:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :])
    raise AgentFileError(source, "the frontmatter is not closed by a second '---' line")


def _parse_frontmatter(text: str, source: str) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as strict_error:
        return _parse_lenient(text, source, strict_error)
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise AgentFileError(source, "the frontmatter must be a mapping of keys to values")
    return {str(key): value for key, value in loaded.items()}


def _parse_lenient(text: str, source: str, strict_error: yaml.YAMLError) -> dict[str, Any]:
    """Read `key: value` lines the way Claude Code does when strict YAML fails."""
    fields: dict[str, Any] = {}
    current: str | None = None
    for line_number, line in enumerate(text.split("\n"), start=2):
        match = _TOP_LEVEL_KEY.match(line)
        if match:
            current = match.group(1)
            fields[current] = _lenient_value(match.group(2) or "", source, line_number)
        elif current is not None and line.strip():
            fields[current] = f"{fields[current]}\n{line.strip()}"
        elif line.strip():
            raise AgentFileError(source, f"YAML syntax error: {_describe(strict_error)}")
    return fields


def _lenient_value(raw: str, source: str, line_number: int) -> Any:
    value = raw.strip()
    if not value:
        return ""
    if value[0] in "[{\"'":
        # Quoted and flow values must still be valid YAML on their own.
        try:
            return yaml.safe_load(value)
        except yaml.YAMLError as error:
            raise AgentFileError(
                source, f"YAML syntax error on line {line_number}: {_describe(error)}"
            ) from error
    return value


def _describe(error: yaml.YAMLError) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    # +2: one for 1-based lines, one for the opening '---' line of the file.
    return f"{problem} (line {mark.line + 2})" if mark is not None else problem


def _required_string(fields: Mapping[str, Any], key: str, source: str) -> str:
    value = fields.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise AgentFileError(source, f"the frontmatter has no '{key}'")
    if not isinstance(value, str):
        raise AgentFileError(source, f"'{key}' must be a string, got {type(value).__name__}")
    return value.strip()


def _optional_string(fields: Mapping[str, Any], key: str, source: str) -> str | None:
    value = fields.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str | int | float):
        raise AgentFileError(source, f"'{key}' must be a string, got {type(value).__name__}")
    return str(value).strip()


def _parse_tools(value: Any, source: str) -> tuple[str, ...]:
    """Tools are a YAML list or a comma-separated string; absent means none declared."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        return tuple(tool.strip() for tool in value.split(",") if tool.strip())
    if isinstance(value, list) and all(isinstance(tool, str) for tool in value):
        return tuple(tool.strip() for tool in value)
    raise AgentFileError(source, "'tools' must be a list of names or a comma-separated string")


def _unescape_newlines(description: str) -> str:
    # Claude Code's generator writes descriptions on one line with literal "\n" escapes.
    return description.replace("\\n", "\n")
