"""#16 item 1: no hidden test and no gold file reaches an `.eval` log, in any zip member.

A prompt agent on the offline model answers wrongly, so the hidden tests run, fail and print
their tracebacks: everything the log could carry of the answer key is exercised. Every member
of the log is decompressed and every string in its JSON is searched. Canary tests are hidden
tests too: a correct answer makes every canary, and nothing else, fail with its traceback.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from inspect_ai import eval as inspect_eval
from inspect_ai.model import get_model

from archbench.core.canaries import CanaryPlan
from archbench.core.dataset import DesignTaskSpec, TaskKind, TaskRecord
from archbench.core.harness import render_file_block
from archbench.evalkit import _scorers, build_task
from archbench.io.datasets import load_kind
from archbench.runner import plant_random_canaries
from tests.conftest import PROJECT_ROOT

AGENT = "python-backend-architect@v1"
# Lines shorter than this are too generic ("return x", "import pytest") to prove a leak.
MIN_LINE = 30


def _first_with_tests(kind: TaskKind) -> TaskRecord:
    records = load_kind(kind, PROJECT_ROOT / "datasets").records
    return next(r for r in records if r.tests and r.gold)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def log_text(log_file: Path) -> str:
    """Every string in every JSON member of the log, decompressed, one per line."""
    with zipfile.ZipFile(log_file) as archive:
        members = [json.loads(archive.read(name)) for name in archive.namelist()]
    return "\n".join(text for member in members for text in _strings(member))


def secret_lines(record: TaskRecord, answer: str) -> set[str]:
    """Lines of hidden tests and gold files that the agent was never shown."""
    shown = "\n".join([record.request, answer, *record.shown.values()])
    secret = "\n".join([*record.tests.values(), *record.gold.values()])
    return {
        line.strip()
        for line in secret.splitlines()
        if len(line.strip()) >= MIN_LINE and line.strip() not in shown
    }


def _run(record: TaskRecord, answer: str, tmp_path: Path) -> Path:
    script = tmp_path / "script.yaml"
    script.write_text(yaml.safe_dump({"rules": [], "default": answer}))
    [log] = inspect_eval(
        build_task(record.kind, AGENT),
        sample_id=[record.id],
        log_dir=str(tmp_path / "logs"),
        display="none",
        model="archbench/offline",
        model_args={"script": str(script)},
    )
    assert log.status == "success" and log.samples, log.error
    assert log.samples[0].scores, "the sample was not graded"
    return Path(log.location)


@pytest.mark.parametrize("kind", ["implement", "refactor", "review"])
def test_a_graded_log_holds_no_hidden_test_and_no_gold_file(kind: TaskKind, tmp_path: Path) -> None:
    record = _first_with_tests(kind)
    # A wrong answer: the hidden tests run and fail, so pytest prints what it can of them.
    answer = "I changed nothing.\n\n```python\n# path: wrong_answer.py\nVALUE = 1\n```\n"
    text = log_text(_run(record, answer, tmp_path))
    secrets = secret_lines(record, answer)
    assert secrets, f"{record.id}: no secret lines to look for"
    leaked = sorted(line for line in secrets if line in text)
    assert not leaked, f"{record.id}: {len(leaked)} answer-key lines in the log, e.g. {leaked[:3]}"
    # A hidden helper may be a byte copy of a starter file (a refactor's differential tests
    # keep the original monolith): the agent was shown that one, so it is no secret.
    shown = {text.strip() for text in record.shown.values()}
    hidden = [*record.tests.values(), *record.gold.values()]
    whole_files = [s.strip() for s in hidden if s.strip() and s.strip() not in shown]
    assert not [source for source in whole_files if source in text]


def canary_secrets(plan: CanaryPlan, record: TaskRecord) -> set[str]:
    """The canaries' names and the lines that differ from the hidden tests (planted values)."""
    original = {line.strip() for text in record.tests.values() for line in text.splitlines()}
    planted = {
        line.strip()
        for text in plan.test_files.values()
        for line in text.splitlines()
        if line.strip() and line.strip() not in original
    }
    names = {key.split("::")[-1] for key in plan.keys}
    return {line for line in planted if not line.startswith("def ")} | names


@pytest.mark.parametrize("kind", ["implement", "refactor"])
def test_the_canaries_a_correct_answer_fails_stay_out_of_the_log(
    kind: TaskKind, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = _first_with_tests(kind)
    plans: list[CanaryPlan] = []

    def recorded(tests: dict[str, str]) -> CanaryPlan:
        plans.append(plant_random_canaries(tests))
        return plans[-1]

    monkeypatch.setattr(_scorers, "plant_random_canaries", recorded)
    answer = "\n\n".join(render_file_block(path, text) for path, text in record.gold.items())
    text = log_text(_run(record, answer, tmp_path))
    [plan] = plans
    assert plan.canaries and "hidden tests passed" in text
    leaked = sorted(line for line in canary_secrets(plan, record) if line in text)
    assert not leaked, f"{record.id}: canary names or lines in the log, e.g. {leaked[:3]}"


def test_the_search_finds_a_planted_secret(tmp_path: Path) -> None:
    """The leak test's own check: a log that does carry a hidden test is caught."""
    record = _first_with_tests("implement")
    planted = next(iter(record.tests.values()))
    log_file = _run(record, f"```python\n# path: leak.py\n{planted}\n```\n", tmp_path)
    # Here the answer itself quotes the tests, so the log must contain them.
    assert planted.strip().splitlines()[-1].strip() in log_text(log_file)


def test_a_judged_design_log_holds_no_key_point_trap_or_gold_answer(tmp_path: Path) -> None:
    """The rubric judge is shown the key points and traps; its calls must not be logged."""
    record = next(r for r in load_kind("design", PROJECT_ROOT / "datasets").records)
    spec = record.spec
    assert isinstance(spec, DesignTaskSpec)
    verdict = {"criterion": "any", "met": True, "reason": "covered"}
    judge_script = tmp_path / "judge.yaml"
    judge_script.write_text(yaml.safe_dump({"rules": [], "default": json.dumps(verdict)}))
    answer = "Use a queue between the services and retry with backoff."
    agent_script = tmp_path / "script.yaml"
    agent_script.write_text(yaml.safe_dump({"rules": [], "default": answer}))
    grader = get_model("archbench/offline", script=str(judge_script))
    [log] = inspect_eval(
        build_task("design", AGENT),
        sample_id=[record.id],
        log_dir=str(tmp_path / "logs"),
        display="none",
        model="archbench/offline",
        model_args={"script": str(agent_script)},
        model_roles={"grader": grader},
    )
    assert log.status == "success" and log.samples and log.samples[0].scores, log.error
    text = log_text(Path(log.location))
    secrets = [*spec.key_points, *spec.traps, *secret_lines(record, answer)]
    leaked = [s for s in secrets if len(s) >= MIN_LINE and s in text]
    assert not leaked, f"{record.id}: key points, traps or gold in the log: {leaked[:3]}"
