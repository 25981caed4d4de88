"""Load the routing dataset: `datasets/routing/requests.yaml` and the distractor subagents in
`datasets/routing/agents/<name>.md` (Claude Code subagent files with a `version` field).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from archbench.core.dataset import content_hash
from archbench.core.errors import AgentFileError, DatasetError
from archbench.core.prompt import AgentPrompt, parse_agent_file
from archbench.core.routing import DIRECT_ROUTE, UNDER_TEST_ROUTE, RosterAgent
from archbench.io.paths import datasets_dir

ROUTING_FOLDER = "routing"
REQUESTS_FILE = "requests.yaml"
AGENTS_FOLDER = "agents"
# Errors name the dataset as their "task": the routing dataset is one file, not task folders.
DATASET_NAME = "routing"


class RoutingRequest(BaseModel):
    """One request to the main assistant and the route it should take."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    request: str = Field(min_length=1)
    route: str = Field(min_length=1)
    why: str = Field(min_length=1)


class _RequestsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    requests: list[RoutingRequest] = Field(min_length=1)


@dataclass(frozen=True)
class RoutingDataset:
    """The requests, the distractor roster, and one content hash over both."""

    requests: tuple[RoutingRequest, ...]
    distractors: tuple[RosterAgent, ...]
    version: str


def load_routing_dataset(root: Path | None = None) -> RoutingDataset:
    """Load and cross-check the routing dataset under `root` (default: the project's datasets)."""
    folder = (root or datasets_dir()) / ROUTING_FOLDER
    distractors = tuple(_load_distractor(path) for path in _agent_files(folder))
    if not distractors:
        raise DatasetError(DATASET_NAME, AGENTS_FOLDER, "no distractor agents")
    requests = _load_requests(folder / REQUESTS_FILE)
    _check_routes(requests, {agent.name for agent in distractors})
    return RoutingDataset(requests, distractors, _content_version(folder))


def roster_agent(prompt: AgentPrompt) -> RosterAgent:
    """A loaded prompt as a roster entry; distractors carry their version in the frontmatter."""
    version = prompt.version or _frontmatter_version(prompt)
    return RosterAgent(prompt.name, prompt.description, version, prompt.sha256, prompt.tools)


def _frontmatter_version(prompt: AgentPrompt) -> str | None:
    version = prompt.extra.get("version")
    return None if version is None else str(version)


def _agent_files(folder: Path) -> list[Path]:
    agents = folder / AGENTS_FOLDER
    return sorted(agents.glob("*.md")) if agents.is_dir() else []


def _load_distractor(path: Path) -> RosterAgent:
    relative = f"{AGENTS_FOLDER}/{path.name}"
    try:
        prompt = parse_agent_file(path.read_bytes(), source=relative, path=str(path))
    except AgentFileError as error:
        raise DatasetError(DATASET_NAME, relative, error.problem) from error
    agent = roster_agent(prompt)
    if agent.version is None:
        # The roster is part of a run's identity: an unversioned distractor cannot be tracked.
        raise DatasetError(DATASET_NAME, relative, "the frontmatter has no version", "version")
    if agent.name != path.stem:
        raise DatasetError(
            DATASET_NAME, relative, f"name '{agent.name}' differs from the file name", "name"
        )
    return agent


def _load_requests(path: Path) -> tuple[RoutingRequest, ...]:
    data = _read_yaml(path)
    try:
        parsed = _RequestsFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field_path = ".".join(str(part) for part in first["loc"])
        raise DatasetError(DATASET_NAME, REQUESTS_FILE, first["msg"], field_path) from error
    ids = [request.id for request in parsed.requests]
    repeated = sorted({request_id for request_id in ids if ids.count(request_id) > 1})
    if repeated:
        raise DatasetError(DATASET_NAME, REQUESTS_FILE, f"repeated ids: {', '.join(repeated)}")
    return tuple(parsed.requests)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DatasetError(DATASET_NAME, REQUESTS_FILE, "file is missing") from error
    except yaml.YAMLError as error:
        raise DatasetError(DATASET_NAME, REQUESTS_FILE, f"YAML syntax error: {error}") from error


def _check_routes(requests: tuple[RoutingRequest, ...], distractors: set[str]) -> None:
    known = {UNDER_TEST_ROUTE, DIRECT_ROUTE, *distractors}
    for request in requests:
        if request.route not in known:
            raise DatasetError(
                DATASET_NAME,
                REQUESTS_FILE,
                f"request '{request.id}': unknown route '{request.route}' "
                f"(known: {', '.join(sorted(known))})",
                "route",
            )


def _content_version(folder: Path) -> str:
    """Hash of the requests file and every distractor file: any edit to either changes it."""
    files = [folder / REQUESTS_FILE, *_agent_files(folder)]
    return content_hash((path.relative_to(folder).as_posix(), path.read_bytes()) for path in files)[
        :16
    ]
