"""What names an agent under test: `name`, `name@version`, `name@git:REV`, a prompt file, or a
control agent. One grammar, parsed and formatted here and nowhere else (issue 22 item 2).

Control agents are built in and carry no version: `reference` answers with the gold solution,
`null` answers nothing. Pure: no I/O; resolving a reference to a file is `archbench.io.agents`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from archbench.core.errors import ArchbenchError

REFERENCE_AGENT = "reference"
NULL_AGENT = "null"
# In the order the demo and the docs present them: gold answers first, then no answer.
CONTROL_AGENTS: tuple[str, ...] = (REFERENCE_AGENT, NULL_AGENT)
GIT_PREFIX = "git:"
PROMPT_SUFFIX = ".md"


class AgentRefError(ArchbenchError):
    """A reference that names no agent, e.g. `@v2` or `pba@`."""


@dataclass(frozen=True)
class AgentRef:
    """A parsed agent reference. `path` is set for a prompt file named by its path; `name` is
    then the file's stem. A control agent's `version` is always None."""

    name: str
    version: str | None = None
    path: str | None = None

    @property
    def is_control(self) -> bool:
        return self.path is None and self.name in CONTROL_AGENTS

    @property
    def is_file(self) -> bool:
        return self.path is not None

    @property
    def git_revision(self) -> str | None:
        """REV of `name@git:REV` (the newest version at that git revision), else None."""
        if self.version is None or not self.version.startswith(GIT_PREFIX):
            return None
        return self.version.removeprefix(GIT_PREFIX)

    def with_version(self, version: str) -> AgentRef:
        return AgentRef(self.name, version, self.path)

    def matches(self, metadata: Mapping[str, Any]) -> bool:
        """True when a log's metadata (`agent`, `agent_version`) belongs to this agent version."""
        agent = metadata.get("agent")
        if self.is_control:
            named = agent == self.name or (self.name == NULL_AGENT and agent is None)
            return named and metadata.get("agent_version") is None
        return agent == self.name and metadata.get("agent_version") == self.version

    def __str__(self) -> str:
        if self.path is not None:
            return self.path
        return self.name if self.version is None else f"{self.name}@{self.version}"


def parse_agent_ref(text: str) -> AgentRef:
    """Parse a reference; a control's version, if one is written, is dropped (it has none)."""
    if looks_like_path(text):
        stem = text.replace("\\", "/").rsplit("/", 1)[-1].removesuffix(PROMPT_SUFFIX)
        return AgentRef(stem, None, text)
    name, at, version = text.partition("@")
    if not name or (at and not version):
        raise AgentRefError(
            f"'{text}' is not an agent reference: expected name, name@version, name@git:REV or "
            f"a path to a {PROMPT_SUFFIX} prompt file"
        )
    if name in CONTROL_AGENTS:
        return AgentRef(name)
    return AgentRef(name, version or None)


def looks_like_path(text: str) -> bool:
    """A prompt file named by its path; `name@git:origin/main` is a git reference, not a path."""
    if text.partition("@")[2].startswith(GIT_PREFIX):
        return False
    return text.endswith(PROMPT_SUFFIX) or "/" in text or "\\" in text


def is_control_agent(text: str) -> bool:
    """True for `reference` and `null` (also written with a version, which they ignore)."""
    return not looks_like_path(text) and text.partition("@")[0] in CONTROL_AGENTS
