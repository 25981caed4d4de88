"""Validation of a loaded pipeline document into a `Pipeline`.

    trigger: {branches: ["main", "release/*"]}
    env: {PYTHONUNBUFFERED: "1"}
    jobs:
      test:
        image: python:3.12
        steps: ["pip install -e .", {name: unit tests, run: pytest -q}]
      publish:
        image: python:3.12
        needs: [test]
        env: {PYPI_TOKEN: !secret PYPI_TOKEN}
        steps: ["python -m build", "twine upload dist/*"]
"""

from __future__ import annotations

import re
from graphlib import CycleError, TopologicalSorter
from typing import Any

from pipelines.images import check_image
from pipelines.model import EnvValue, Job, Pipeline, PipelineError, Step
from pipelines.yaml_dialect import SecretRef

JOB_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,127}$")
MAX_JOBS = 50
MAX_STEPS = 100
MAX_TIMEOUT_MINUTES = 360
_TOP_LEVEL_KEYS = {"trigger", "env", "jobs"}
_JOB_KEYS = {"image", "steps", "needs", "env", "timeout_minutes"}


def build_pipeline(document: object) -> Pipeline:
    if not isinstance(document, dict):
        raise PipelineError("a pipeline file is a mapping with a 'jobs' key")
    _no_unknown_keys(document, _TOP_LEVEL_KEYS, "the pipeline")
    shared_env = _env(document.get("env", {}), "env")
    jobs = document.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        raise PipelineError("'jobs' must map job names to jobs")
    if len(jobs) > MAX_JOBS:
        raise PipelineError(f"a pipeline has at most {MAX_JOBS} jobs")
    built = {name: _job(name, spec, shared_env) for name, spec in jobs.items()}
    return Pipeline(_in_order(built), _branches(document.get("trigger", {})))


def _no_unknown_keys(mapping: dict[Any, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(str(key) for key in mapping if key not in allowed)
    if unknown:
        raise PipelineError(f"unknown key(s) in {where}: {', '.join(unknown)}")


def _job(name: object, spec: object, shared_env: dict[str, EnvValue]) -> Job:
    if not isinstance(name, str) or not JOB_NAME.match(name):
        raise PipelineError(f"invalid job name {name!r}")
    if not isinstance(spec, dict):
        raise PipelineError(f"job {name} must be a mapping")
    _no_unknown_keys(spec, _JOB_KEYS, f"job {name}")
    image = spec.get("image")
    if not isinstance(image, str) or not image.strip():
        raise PipelineError(f"job {name} needs an 'image'")
    check_image(image.strip(), name)
    needs = spec.get("needs", [])
    if not isinstance(needs, list) or not all(isinstance(n, str) for n in needs):
        raise PipelineError(f"'needs' of job {name} must be a list of job names")
    timeout = spec.get("timeout_minutes", 60)
    if isinstance(timeout, bool) or not isinstance(timeout, int):
        raise PipelineError(f"'timeout_minutes' of job {name} must be a whole number")
    if not 1 <= timeout <= MAX_TIMEOUT_MINUTES:
        raise PipelineError(f"'timeout_minutes' of job {name} must be 1 to {MAX_TIMEOUT_MINUTES}")
    env = {**shared_env, **_env(spec.get("env", {}), f"env of job {name}")}
    return Job(name, image.strip(), _steps(name, spec.get("steps")), tuple(needs), env, timeout)


def _steps(job: str, steps: object) -> tuple[Step, ...]:
    if not isinstance(steps, list) or not steps:
        raise PipelineError(f"job {job} needs a list of 'steps'")
    if len(steps) > MAX_STEPS:
        raise PipelineError(f"job {job} has more than {MAX_STEPS} steps")
    built = []
    for number, step in enumerate(steps, start=1):
        if isinstance(step, str):
            step = {"run": step}
        if not isinstance(step, dict) or not isinstance(step.get("run"), str):
            raise PipelineError(f"step {number} of job {job} must be a command or have 'run'")
        _no_unknown_keys(step, {"name", "run"}, f"step {number} of job {job}")
        built.append(Step(str(step.get("name", f"step {number}")), step["run"]))
    return tuple(built)


def _env(env: object, where: str) -> dict[str, EnvValue]:
    if not isinstance(env, dict):
        raise PipelineError(f"{where} must be a mapping")
    checked: dict[str, EnvValue] = {}
    for key, value in env.items():
        if not isinstance(key, str) or not ENV_NAME.match(key):
            raise PipelineError(f"invalid variable name {key!r} in {where}")
        if isinstance(value, bool) or not isinstance(value, str | int | float | SecretRef):
            raise PipelineError(f"{where}: {key} must be a string, a number or a !secret")
        checked[key] = value if isinstance(value, SecretRef) else str(value)
    return checked


def _in_order(jobs: dict[str, Job]) -> tuple[Job, ...]:
    for job in jobs.values():
        for needed in job.needs:
            if needed not in jobs:
                raise PipelineError(f"job {job.name} needs unknown job {needed!r}")
    try:
        order = TopologicalSorter({n: j.needs for n, j in jobs.items()}).static_order()
        return tuple(jobs[name] for name in order)
    except CycleError as exc:
        raise PipelineError(f"jobs need each other in a cycle: {' -> '.join(exc.args[1])}") from exc


def _branches(trigger: object) -> tuple[str, ...]:
    if not isinstance(trigger, dict):
        raise PipelineError("'trigger' must be a mapping")
    _no_unknown_keys(trigger, {"branches"}, "'trigger'")
    branches = trigger.get("branches", ["main"])
    if not isinstance(branches, list) or not branches or not all(
        isinstance(b, str) and b for b in branches
    ):
        raise PipelineError("'trigger.branches' must be a list of branch patterns")
    return tuple(branches)
