"""Shared fixtures: hermetic inspect state, and the project's paths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from archbench.inspect_compat import active_model_context_var

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def hermetic_inspect(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """inspect writes under XDG dirs and its cache dir: keep each test's away from the user's."""
    state = tmp_path_factory.mktemp("inspect-state")
    monkeypatch.setenv("XDG_DATA_HOME", str(state / "data"))
    monkeypatch.setenv("INSPECT_CACHE_DIR", str(state / "cache"))
    monkeypatch.delenv("INSPECT_EVAL_MODEL", raising=False)
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    # An eval leaves its model active in this thread's context after it returns; a later test
    # that builds a prompt-agent task outside an eval would then see `none/none` as the model.
    token = active_model_context_var.set(None)
    yield
    active_model_context_var.reset(token)


@pytest.fixture
def project_root() -> Path:
    return PROJECT_ROOT


# Modules whose tests run whole evaluations, CLI subprocesses or graded sandboxes: seconds each.
# `make check` deselects them (`-m "not slow"`); `make test` (CI) runs everything. Listed here,
# once, rather than as a marker in each file, so the fast tier is one decision in one place.
SLOW_MODULES = frozenset({
    "tests/agentic/test_agentic_eval.py",
    "tests/agentic/test_clarification_tasks.py",
    "tests/compare/test_compare_command.py",
    "tests/compare/test_gate_simulations.py",
    "tests/compare/test_issue_cases.py",
    "tests/datasets/test_race_and_crash_variants.py",
    "tests/judge/test_judge_check.py",
    "tests/integrity/test_answer_key_leak.py",
    "tests/judge/test_judge_scoring.py",
    "tests/mutation/test_seed_bugs_command.py",
    "tests/nightly/test_nightly_controls.py",
    "tests/nightly/test_prompt_check.py",
    "tests/provider/test_agent_prompt_reaches_api.py",
    "tests/provider/test_inspect_provider.py",
    "tests/provider/test_kill_and_resume.py",
    "tests/provider/test_nightly_resume.py",
    "tests/routing/test_routing_eval.py",
    "tests/routing/test_routing_compare.py",
    "tests/sandbox/test_attacks.py",
    "tests/sandbox/test_cpu_limits.py",
    "tests/static/test_static_grades.py",
    "tests/static/test_variant_ordering.py",
    "tests/test_compare_controls.py",
    "tests/test_demo.py",
    "tests/test_eval_pipeline.py",
    "tests/test_grading_immunity.py",
    "tests/test_review_score_eval.py",
    "tests/test_validation.py",
})  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.relative_to(PROJECT_ROOT).as_posix() in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
