"""Judge rubrics, inspect-side: the packaged YAML rubrics and judge-check's saved verdicts.

Rubric wording is part of every score's identity: `judge_versions()` (rubric and prompt hashes)
goes into each log's `graders` metadata, and a judge is `validated` only by a judge-check result
saved for the same judge model, rubric hash and prompt hash.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
import os
import re
from pathlib import Path

import yaml
from pydantic import ValidationError

from archbench.core.dataset import TaskRecord
from archbench.core.judge import (
    checklist_of,
    prompt_hash,
)
from archbench.core.judge_rubric import (
    Rubric,
    RubricError,
    rubric_hash,
)
from archbench.io.paths import project_root

RUBRIC_FOLDER = ("rubrics", "judge")
CHECKS_VARIABLE = "ARCHBENCH_JUDGE_CHECKS"
VALIDATED = "validated"
UNVALIDATED = "unvalidated"


@functools.cache
def judge_rubrics() -> dict[str, Rubric]:
    """The packaged rubrics (`archbench/rubrics/judge/*.yaml`), by dimension."""
    folder = importlib.resources.files("archbench").joinpath(*RUBRIC_FOLDER)
    rubrics: dict[str, Rubric] = {}
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".yaml"):
            rubric = parse_rubric(resource.read_text(encoding="utf-8"), resource.name)
            rubrics[rubric.dimension] = rubric
    if not rubrics:
        raise RubricError(f"no judge rubrics in archbench/{'/'.join(RUBRIC_FOLDER)}")
    return rubrics


def parse_rubric(text: str, source: str) -> Rubric:
    try:
        rubric = Rubric.model_validate(yaml.safe_load(text))
    except yaml.YAMLError as error:
        raise RubricError(f"judge rubric {source}: YAML syntax error: {error}") from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise RubricError(f"judge rubric {source}: {where}: {first['msg']}") from error
    if f"{rubric.dimension}.yaml" != source:
        raise RubricError(f"judge rubric {source}: dimension '{rubric.dimension}' != file name")
    return rubric


def rubrics_for(kind: str) -> tuple[Rubric, ...]:
    return tuple(r for r in judge_rubrics().values() if kind in r.applies_to)


def judge_keys(kind: str) -> tuple[str, ...]:
    """The score keys the judges add to a task kind's scores."""
    return tuple(rubric.score_key for rubric in rubrics_for(kind))


def judge_calls(record: TaskRecord) -> int:
    """Judge calls one answer to `record` costs: criteria x judges over its rubrics (no retries).

    A design question asks (key points + traps) x 3: 27 for 6 points and 3 traps.
    """
    return sum(
        len(rubric.criteria_for(checklist_of(record))) * rubric.judges
        for rubric in rubrics_for(record.kind)
    )


def judge_versions() -> dict[str, str]:
    """Rubric hashes and the prompt's hash, for the log's `graders` metadata."""
    hashes = {f"judge_{name}": rubric_hash(r) for name, r in sorted(judge_rubrics().items())}
    return {"judge_prompt": prompt_hash(), **hashes}


# --- validation status -------------------------------------------------------------------------


def checks_dir() -> Path:
    configured = os.environ.get(CHECKS_VARIABLE)
    return Path(configured) if configured else project_root() / ".archbench-cache" / "judge-check"


def check_file(judge_model: str, rubric: Rubric) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", judge_model)
    return checks_dir() / f"{slug}--{rubric.dimension}--{rubric_hash(rubric)}.json"


def validation_status(judge_model: str, rubric: Rubric) -> str:
    """`validated` only if judge-check passed this judge model with this rubric and prompt."""
    path = check_file(judge_model, rubric)
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return UNVALIDATED
    expected = {
        "judge_model": judge_model,
        "rubric_hash": rubric_hash(rubric),
        "prompt_hash": prompt_hash(),
        "passed": True,
    }
    matches = all(saved.get(key) == value for key, value in expected.items())
    return VALIDATED if matches else UNVALIDATED
