"""The static-grading rubric: thresholds and weights, parsed from YAML text (no file I/O here).

Every check turns a measured excess into a penalty in [0, 1]; a score is 1 minus the weighted
sum of its checks' penalties, clamped at 0. The rubric's hash is taken over the parsed values,
so editing a comment in the YAML keeps runs comparable while changing any number does not.
"""

from __future__ import annotations

import hashlib
import json

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from archbench.core.errors import ArchbenchError


class RubricError(ArchbenchError):
    """The rubric text is not valid YAML or misses a field; the message names the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ThresholdCheck(_Strict):
    """A per-item metric: items above a limit count.

    Against a reference the limit is `slack` times the reference's worst item, but never below
    `floor`; graded on its own, the limit is `threshold`. An item's severity is its excess over
    the limit divided by `span` times the limit, capped at 1; the check's penalty is the sum of
    severities, capped at 1.
    """

    threshold: float = Field(gt=0)
    floor: float = Field(gt=0)
    slack: float = Field(ge=1)
    span: float = Field(gt=0)
    weight: float = Field(ge=0)


class CountCheck(_Strict):
    """A count of bad things beyond the reference: `free` are tolerated, `saturation` is 1."""

    free: int = Field(ge=0)
    saturation: float = Field(gt=0)
    weight: float = Field(ge=0)


class TinyModuleCheck(CountCheck):
    max_definitions: int = Field(ge=1)
    max_statements: int = Field(ge=1)


class SizeCheck(_Strict):
    """Statements written relative to the reference: `tolerance` above it is free."""

    tolerance: float = Field(ge=0)
    span: float = Field(gt=0)
    weight: float = Field(ge=0)


class DeadCodeCheck(CountCheck):
    min_confidence: int = Field(ge=0, le=100)
    kinds: list[str] = Field(min_length=1)


class LintCheck(CountCheck):
    rules: list[str] = Field(min_length=1)


class DuplicationCheck(CountCheck):
    window: int = Field(ge=2)
    min_nodes: int = Field(ge=1)


class ModularityRubric(_Strict):
    function_statements: ThresholdCheck
    complexity: ThresholdCheck
    parameters: ThresholdCheck
    module_statements: ThresholdCheck
    import_cycles: CountCheck
    layer_violations: CountCheck
    tiny_modules: TinyModuleCheck
    pass_through_functions: CountCheck


class MinimalityRubric(_Strict):
    statements: SizeCheck
    dead_code: DeadCodeCheck
    lint: LintCheck
    duplication: DuplicationCheck
    gold_plating: CountCheck


class StaticRubric(_Strict):
    version: int
    modularity: ModularityRubric
    minimality: MinimalityRubric

    def content_hash(self) -> str:
        """sha256 over the canonical JSON of the values (key order and comments ignored)."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()


def parse_rubric(text: str, source: str = "rubric") -> StaticRubric:
    """Validate rubric YAML text; raises RubricError naming `source` and the bad field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise RubricError(f"{source}: YAML syntax error: {error}") from error
    try:
        return StaticRubric.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RubricError(f"{source}: {where}: {first['msg']}") from error
