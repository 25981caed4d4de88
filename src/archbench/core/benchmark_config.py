"""`benchmark.yaml`: what `archbench nightly` runs, against which baseline, within which budget.

Parsed from text (no file access here); every error names the file and the field.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from archbench.core.agent_ref import is_control_agent, looks_like_path
from archbench.core.errors import ArchbenchError
from archbench.core.registry import JUDGE_PREFIX, KIND_NAMES, METRICS

DEFAULT_TASKS = KIND_NAMES
DEFAULT_DELTA_KEY = "default"

Positive = Annotated[float, Field(gt=0)]


class BenchmarkConfigError(ArchbenchError):
    """benchmark.yaml is not valid; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Budget(_Strict):
    """The most a run may spend: checked against an estimate before it starts, and against
    actual usage while it runs."""

    max_dollars: Positive | None = None
    max_tokens: Annotated[int, Field(gt=0)] | None = None

    @model_validator(mode="after")
    def _one_limit_at_least(self) -> Budget:
        if self.max_dollars is None and self.max_tokens is None:
            raise ValueError("set max_dollars, max_tokens or both")
        return self


class CostModel(_Strict):
    """How the pre-run estimate guesses what it cannot count: the answers' length."""

    output_tokens_per_sample: Annotated[int, Field(gt=0)] = 4000
    # Unset: counted per sample from the judge rubrics (criteria x judges; a design question
    # asks one criterion per key point and per trap). A number overrides the count.
    judge_calls_per_sample: Annotated[int, Field(ge=0)] | None = None
    judge_output_tokens: Annotated[int, Field(gt=0)] = 300


class BenchmarkConfig(_Strict):
    """One nightly benchmark: candidates compared with a baseline on a set of tasks."""

    baseline: str = Field(description="agent reference: name@version, name@git:REV, or a control")
    candidates: list[str] = Field(
        min_length=1, description="agent references; a bare name means its newest version"
    )
    tasks: list[str] = Field(default=list(DEFAULT_TASKS), min_length=1)
    model: str | None = Field(default=None, description="model under test, e.g. anthropic/...")
    grader_model: str | None = None
    model_base_url: str | None = Field(default=None, description="a gateway or proxy URL")
    epochs: Annotated[int, Field(ge=1)] = 1
    limit: Annotated[int, Field(ge=1)] | None = None
    deltas: dict[str, Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    alpha: Annotated[float, Field(gt=0, lt=1)] = 0.05
    # NOT ENOUGH EVIDENCE (no regression shown, a gated row undecided) fails the run (exit 4).
    fail_on_inconclusive: bool = False
    log_dir: str = "logs/nightly"
    reports_dir: str = "reports/nightly"
    budget: Budget
    max_connections: Annotated[int, Field(ge=1)] = 10
    retry_attempts: Annotated[int, Field(ge=0)] = 3
    # Per model call; inspect's default is unlimited, which lets a dead endpoint hang CI.
    max_retries: Annotated[int, Field(ge=0)] = 6
    cache_baseline: bool = True
    cost_model: CostModel = CostModel()

    @field_validator("baseline", "candidates", mode="before")
    @classmethod
    def _null_is_quoted(cls, value: object) -> object:
        """YAML reads a bare `null` as nothing; the null control agent must be quoted."""
        values = value if isinstance(value, list) else [value]
        if any(item is None for item in values):
            raise ValueError('empty agent reference (for the null control agent write "null")')
        for item in values:
            if isinstance(item, str) and looks_like_path(item):
                raise ValueError(
                    f"'{item}' is a path; the nightly needs an agent reference, name@version "
                    "(e.g. python-backend-architect@v2), so that compare can find its logs"
                )
        return value

    @field_validator("deltas")
    @classmethod
    def _known_metrics(cls, deltas: dict[str, float]) -> dict[str, float]:
        """A misspelt metric would silently keep the default margin."""
        for key in deltas:
            if key != DEFAULT_DELTA_KEY and key not in METRICS and not key.startswith(JUDGE_PREFIX):
                known = ", ".join([DEFAULT_DELTA_KEY, *METRICS, f"{JUDGE_PREFIX}*"])
                raise ValueError(f"unknown metric '{key}' (known: {known})")
        return deltas

    @model_validator(mode="after")
    def _model_for_prompt_agents(self) -> BenchmarkConfig:
        prompt_agents = [a for a in self.agents if not is_control_agent(a)]
        if prompt_agents and not self.model:
            raise ValueError(f"model: required to run {', '.join(prompt_agents)}")
        if self.baseline in self.candidates:
            raise ValueError(f"candidates: '{self.baseline}' is also the baseline")
        return self

    @property
    def agents(self) -> list[str]:
        """The baseline first, then each candidate."""
        return [self.baseline, *self.candidates]

    @property
    def default_delta(self) -> float | None:
        return self.deltas.get(DEFAULT_DELTA_KEY)

    @property
    def metric_deltas(self) -> dict[str, float]:
        return {metric: d for metric, d in self.deltas.items() if metric != DEFAULT_DELTA_KEY}

    def content_hash(self) -> str:
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()


def parse_benchmark_config(
    text: str, source: str, known_tasks: tuple[str, ...] = DEFAULT_TASKS
) -> BenchmarkConfig:
    """Validate benchmark YAML text; raises BenchmarkConfigError naming `source` and the field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise BenchmarkConfigError(f"{source}: YAML syntax error: {error}") from error
    if not isinstance(data, dict):
        raise BenchmarkConfigError(
            f"{source}: expected a mapping of fields, got {type(data).__name__}"
        )
    try:
        config = BenchmarkConfig.model_validate(data)
    except ValidationError as error:
        raise BenchmarkConfigError(f"{source}: {_describe(error)}") from error
    unknown = [task for task in config.tasks if task not in known_tasks]
    if unknown:
        known = ", ".join(known_tasks)
        raise BenchmarkConfigError(f"{source}: tasks: unknown {unknown} (known: {known})")
    return config


def _describe(error: ValidationError) -> str:
    """Every problem as 'field.path: message', one per line after the first."""
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(top level)"
        message = str(item["msg"]).removeprefix("Value error, ")
        problems.append(f"{where}: {message}")
    return "\n  ".join(problems)
