"""The tool grant and the model choice: what a frontmatter's `tools` and `model` fields give."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Tools archbench implements, in Claude Code's order of presentation.
WORKING_TOOLS = ("Read", "Write", "Edit", "Bash", "Glob", "Grep", "TodoWrite")
# Claude Code tools a benchmark cannot honestly offer (no network, no notebooks).
UNAVAILABLE_TOOLS = ("WebFetch", "WebSearch", "NotebookEdit")
KNOWN_TOOLS = WORKING_TOOLS + UNAVAILABLE_TOOLS
UNAVAILABLE_MESSAGE = "{tool} is not available in this benchmark; continue without it."

# Frontmatter `model` aliases and the model ids they stand for under `-T honor_model=true`.
MODEL_ALIASES: Mapping[str, str] = {
    "opus": "anthropic/claude-opus-4-5",
    "sonnet": "anthropic/claude-sonnet-4-5",
    "haiku": "anthropic/claude-haiku-4-5",
}
INHERIT_MODEL = "inherit"
DEFAULT_PROVIDER = "anthropic"

_TOOL_SPEC = re.compile(r"^\s*(?P<name>[A-Za-z_][\w-]*)\s*(?:\((?P<rule>.*)\))?\s*$")


@dataclass(frozen=True)
class ToolGrant:
    """What the frontmatter asked for and what the agent gets.

    `granted` are offered to the model (unavailable ones answer that they are unavailable);
    `refused` are tools archbench implements that the frontmatter did not list; `unknown` are
    listed names archbench does not know (MCP tools, `Task`, ...), recorded and not offered.
    """

    declared: tuple[str, ...]
    granted: tuple[str, ...]
    refused: tuple[str, ...]
    unknown: tuple[str, ...]
    rules: Mapping[str, str] = field(default_factory=dict)

    def as_metadata(self) -> dict[str, list[str] | dict[str, str]]:
        return {
            "declared": list(self.declared),
            "granted": list(self.granted),
            "refused": list(self.refused),
            "unknown": list(self.unknown),
            "rules": dict(self.rules),
        }


def resolve_tool_grant(declared: Sequence[str]) -> ToolGrant:
    """The tools an agent with this frontmatter `tools` list gets: all of them when none listed.

    Claude Code accepts permission rules such as `Bash(git:*)`; the tool is granted and the rule
    recorded, not enforced (the sandbox is the boundary here).
    """
    if not declared:
        return ToolGrant(declared=(), granted=KNOWN_TOOLS, refused=(), unknown=())
    names: list[str] = []
    rules: dict[str, str] = {}
    unknown: list[str] = []
    for spec in declared:
        name, rule = _parse_tool_spec(spec)
        if name not in KNOWN_TOOLS:
            unknown.append(spec.strip())
            continue
        names.append(name)
        if rule:
            rules[name] = rule
    granted = tuple(tool for tool in KNOWN_TOOLS if tool in names)
    refused = tuple(tool for tool in KNOWN_TOOLS if tool not in names)
    return ToolGrant(tuple(declared), granted, refused, tuple(unknown), rules)


def _parse_tool_spec(spec: str) -> tuple[str, str | None]:
    """A `tools` entry as (tool name, permission rule or None): `Bash(git:*)` -> Bash, git:*."""
    match = _TOOL_SPEC.match(spec)
    if match is None:
        return spec.strip(), None
    return match.group("name"), match.group("rule")


def resolve_model(
    frontmatter_model: str | None,
    honor_model: bool,
    aliases: Mapping[str, str] = MODEL_ALIASES,
) -> str | None:
    """The model id to run the agent with, or None when `--model` decides.

    Without `honor_model` the frontmatter is only recorded. With it, an alias maps to its
    configured id, `inherit` (or nothing) keeps `--model`, and a bare id gets the provider.
    """
    if not honor_model or not frontmatter_model or frontmatter_model == INHERIT_MODEL:
        return None
    if frontmatter_model in aliases:
        return aliases[frontmatter_model]
    if "/" in frontmatter_model:
        return frontmatter_model
    return f"{DEFAULT_PROVIDER}/{frontmatter_model}"


def parse_model_aliases(text: str) -> dict[str, str]:
    """`opus=anthropic/claude-opus-4-5,sonnet=...` over the default aliases; errors say which."""
    aliases = dict(MODEL_ALIASES)
    for item in filter(None, (part.strip() for part in text.split(","))):
        alias, sep, model = item.partition("=")
        if not sep or not alias.strip() or not model.strip():
            raise ValueError(f"model alias '{item}' is not of the form alias=provider/model")
        aliases[alias.strip()] = model.strip()
    return aliases
