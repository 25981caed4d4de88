"""Judge rubrics, pure part: the YAML's model, per-item criteria and the rubric's hash.

A rubric's criteria are fixed (`criteria`) or asked once per item of the task's checklist
(`per_item`: one criterion per key point, one per trap): instance n of template `t` is the
criterion `t-n`, and `t` is its family, the unit judge-check measures a judge on.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from archbench.core.errors import ArchbenchError

# The lists of a task that per-item criteria are asked about: a design task's key points, traps.
ChecklistSource = Literal["key_points", "traps"]
Checklist = Mapping[str, tuple[str, ...]]
ITEM_PLACEHOLDER = "{item}"
_INSTANCE_SUFFIX = re.compile(r"-[0-9]+$")


class RubricError(ArchbenchError, ValueError):
    """A judge rubric is malformed: names the rubric and the problem."""


class Criterion(BaseModel):
    """One binary question the judge answers about an answer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    question: str = Field(min_length=1)
    guidance: str = Field(min_length=1)


class CriterionTemplate(BaseModel):
    """A criterion asked once per item of a checklist; `{item}` in the question is the item."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*[a-z]$")
    each: ChecklistSource
    label: str = Field(min_length=1)  # the items' plural name in explanations: "key points"
    question: str = Field(min_length=1)
    guidance: str = Field(min_length=1)

    @field_validator("question")
    @classmethod
    def _names_the_item(cls, question: str) -> str:
        if ITEM_PLACEHOLDER not in question:
            raise ValueError(f"a per-item question must contain {ITEM_PLACEHOLDER}")
        return question

    def instance(self, number: int, item: str) -> Criterion:
        # str.replace, not str.format: an item may hold braces of its own.
        question = self.question.replace(ITEM_PLACEHOLDER, item.strip())
        return Criterion(id=f"{self.id}-{number}", question=question, guidance=self.guidance)


def criterion_family(criterion_id: str) -> str:
    """The template a per-item criterion comes from (`design-trap-2` -> `design-trap`), else
    the criterion itself: fixed criterion ids never end in `-<number>` (the rubric checks)."""
    return _INSTANCE_SUFFIX.sub("", criterion_id)


class Rubric(BaseModel):
    """A grading dimension: its score key, the kinds of task it applies to, its criteria."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    dimension: str = Field(pattern=r"^[a-z_]+$")
    version: int = Field(ge=1)
    score_key: str = Field(pattern=r"^judge_[a-z_]+$")
    applies_to: list[Literal["implement", "refactor", "design"]] = Field(min_length=1)
    description: str = Field(min_length=1)
    # Verdicts asked per criterion; the majority of them decides (odd, so no tie without failures).
    judges: int = Field(ge=1, le=9)
    criteria: list[Criterion] = Field(default_factory=list)
    per_item: list[CriterionTemplate] = Field(default_factory=list)

    @field_validator("judges")
    @classmethod
    def _judges_is_odd(cls, judges: int) -> int:
        if judges % 2 == 0:
            raise ValueError(f"judges must be odd so that a majority always exists, got {judges}")
        return judges

    @model_validator(mode="after")
    def _families_are_distinct(self) -> Rubric:
        if not self.criteria and not self.per_item:
            raise ValueError("a rubric needs criteria, per_item criteria, or both")
        numbered = [c.id for c in self.criteria if criterion_family(c.id) != c.id]
        if numbered:
            raise ValueError(f"fixed criterion ids must not end in -<number>: {numbered}")
        counts = Counter(self.families)
        duplicates = sorted(family for family, count in counts.items() if count > 1)
        if duplicates:
            raise ValueError(f"duplicate criterion ids: {duplicates}")
        return self

    @property
    def families(self) -> tuple[str, ...]:
        """Fixed criterion ids, then template ids: what judge-check measures one by one."""
        return (*(c.id for c in self.criteria), *(t.id for t in self.per_item))

    def family_label(self, family: str) -> str:
        labels = {template.id: template.label for template in self.per_item}
        return labels.get(family, "criteria")

    def criteria_for(self, checklist: Checklist) -> tuple[Criterion, ...]:
        """The criteria one answer is judged on: the fixed ones, then one per checklist item."""
        per_item = (
            template.instance(number, item)
            for template in self.per_item
            for number, item in enumerate(checklist.get(template.each, ()), start=1)
        )
        criteria = (*self.criteria, *per_item)
        if not criteria:
            raise RubricError(f"rubric '{self.dimension}': the checklist gives no criterion")
        return criteria


def rubric_hash(rubric: Rubric) -> str:
    """A short sha256 of the rubric's content: any wording change makes runs incomparable."""
    canonical = json.dumps(rubric.model_dump(mode="json"), sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]
