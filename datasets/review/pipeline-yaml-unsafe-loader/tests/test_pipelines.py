import contextlib
import sys
import types
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from pipelines.api import create_app
from pipelines.loading import parse_pipeline
from pipelines.model import Job, PipelineError
from pipelines.runs import Push, RunPlanner
from pipelines.yaml_dialect import SecretRef

PIPELINE = """\
trigger: {branches: [main, "release/*"]}
env: {PYTHONUNBUFFERED: "1"}
jobs:
  publish:
    image: python:3.12
    needs: [test]
    env: {PYPI_TOKEN: !secret PYPI_TOKEN}
    steps: ["python -m build", "twine upload dist/*"]
  test:
    image: ghcr.io/acme/py-ci:3.12
    timeout_minutes: 20
    steps: ["pip install -e .", {name: unit tests, run: pytest -q}]
"""
CANARY = "_ci_canary"


@pytest.fixture
def canary() -> Iterator[types.ModuleType]:
    module = types.ModuleType(CANARY)
    module.calls = []  # type: ignore[attr-defined]

    def trip(*args: object) -> str:
        module.calls.append(args)  # type: ignore[attr-defined]
        return "python:3.12"

    module.trip = trip  # type: ignore[attr-defined]
    sys.modules[CANARY] = module
    yield module
    sys.modules.pop(CANARY, None)


HOSTILE = [
    f"jobs:\n  build:\n    image: !!python/object/apply:{CANARY}.trip [x]\n    steps: [make]\n",
    f"jobs:\n  build:\n    image: python\n    steps:\n"
    f"      - !!python/object/new:{CANARY}.trip [y]\n",
    f"jobs:\n  build: !!python/object/apply:{CANARY}.trip\n    kwds: {{}}\n",
]


def test_parses_jobs_in_dependency_order() -> None:
    pipeline = parse_pipeline(PIPELINE)
    assert [job.name for job in pipeline.jobs] == ["test", "publish"]
    publish = pipeline.jobs[1]
    assert publish.env == {"PYTHONUNBUFFERED": "1", "PYPI_TOKEN": SecretRef("PYPI_TOKEN")}
    assert pipeline.runs_on("release/2.0") and not pipeline.runs_on("feature/x")
    assert pipeline.secrets() == {"PYPI_TOKEN"}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("jobs:\n  a: {image: python, steps: [x]}\n  a: {image: python, steps: [y]}\n", 3),
        ("jobs:\n  a: {image: python, steps: [x], env: {T: !secret lower}}\n", 2),
        ("jobs: [oops\n", None),
    ],
)
def test_yaml_errors_name_their_line(text: str, line: int | None) -> None:
    with pytest.raises(PipelineError) as raised:
        parse_pipeline(text)
    if line is not None:
        assert raised.value.line == line


@pytest.mark.parametrize(
    "text",
    [
        "jobs:\n  a: {image: python, steps: [x], needs: [b]}\n"
        "  b: {image: go, steps: [y], needs: [a]}\n",
        "jobs:\n  a: {image: quay.io/x/y, steps: [x]}\n",
        "jobs:\n  a: {image: python, steps: [x], timeout_minutes: true}\n",
        "jobs:\n  a: {image: python, steps: []}\n",
    ],
)
def test_invalid_pipelines_are_rejected(text: str) -> None:
    with pytest.raises(PipelineError):
        parse_pipeline(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_a_pipeline_file_cannot_run_python(canary: types.ModuleType, text: str) -> None:
    with contextlib.suppress(PipelineError):
        parse_pipeline(text)
    assert canary.calls == [], "loading the pipeline file called a Python function"


@pytest.mark.parametrize("text", HOSTILE)
def test_python_tags_are_invalid_yaml_for_a_pipeline(canary: types.ModuleType, text: str) -> None:
    with pytest.raises(PipelineError):
        parse_pipeline(text)


class Files:
    def __init__(self, text: str) -> None:
        self.text = text

    def read_file(self, commit: str, path: str) -> str | None:
        return self.text if path == ".ci/pipeline.yml" else None


class Queue:
    def __init__(self) -> None:
        self.jobs: list[tuple[str, str, tuple[str, ...]]] = []

    def enqueue(self, run_id: str, job: Job, after: tuple[str, ...]) -> None:
        self.jobs.append((run_id, job.name, after))


def test_a_push_from_a_fork_cannot_run_code_on_the_api_server(canary: types.ModuleType) -> None:
    planner = RunPlanner(Files(HOSTILE[0]), Queue(), lambda project: {}, lambda: "run-1")
    run = planner.plan(Push("acme/app", "abc123", "main", from_fork=True))
    assert run is not None and run.status == "invalid"
    assert canary.calls == []


def test_planning_queues_jobs_after_their_needs() -> None:
    queue = Queue()
    planner = RunPlanner(Files(PIPELINE), queue, lambda p: {"PYPI_TOKEN": "x"}, lambda: "run-1")
    run = planner.plan(Push("acme/app", "abc123", "main", from_fork=False))
    assert run is not None and run.status == "queued" and run.jobs == ("test", "publish")
    assert queue.jobs == [("run-1", "test", ()), ("run-1", "publish", ("test",))]
    forked = planner.plan(Push("acme/app", "abc123", "main", from_fork=True))
    assert forked is not None and forked.status == "invalid"


def test_the_editor_endpoint_rejects_python_tags(canary: types.ModuleType) -> None:
    client = TestClient(create_app())
    answer = client.post(
        "/api/pipelines/validate", json={"text": HOSTILE[0]}, headers={"X-User": "mallory"}
    )
    assert answer.status_code == 200 and answer.json()["valid"] is False
    assert canary.calls == []
