"""Issue 23 item 4 through the review scorer: findings as models write them still count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from inspect_ai import eval as inspect_eval
from inspect_ai.log import EvalSample

from archbench.core.dataset import ReviewTaskSpec
from archbench.evalkit import build_task
from archbench.io.datasets import load_kind
from tests.conftest import PROJECT_ROOT

REVIEWS = {r.id: r for r in load_kind("review", PROJECT_ROOT / "datasets").records}
SEEDED = next(r for r in REVIEWS.values() if getattr(r.spec, "bug", None) is not None)


def _seeded_finding() -> dict[str, object]:
    spec = SEEDED.spec
    assert isinstance(spec, ReviewTaskSpec) and spec.bug is not None
    return {
        "file": spec.bug.file,
        "line": spec.bug.lines[0],
        "category": spec.category,
        "severity": "critical",
        "explanation": spec.bug.description,
    }


def _graded(answer: str, tmp_path: Path) -> EvalSample:
    script = {"rules": [], "default": answer}
    script_path = tmp_path / "script.yaml"
    script_path.write_text(yaml.safe_dump(script))
    [log] = inspect_eval(
        build_task("review", "python-backend-architect@v1"),
        sample_id=[SEEDED.id],
        log_dir=str(tmp_path / "logs"),
        display="none",
        model="archbench/offline",
        model_args={"script": str(script_path)},
    )
    assert log.status == "success" and log.samples
    return log.samples[0]


@pytest.mark.slow
def test_wrapped_unlabelled_findings_with_a_malformed_item_still_find_the_bug(
    tmp_path: Path,
) -> None:
    broken = {"file": "x.py", "line": "near the top"}
    wrapped = json.dumps({"findings": [broken, _seeded_finding()]}, indent=2)
    sample = _graded(f"Review:\n\n```\n{wrapped}\n```\n", tmp_path)
    [score] = (sample.scores or {}).values()
    assert isinstance(score.value, dict)
    assert score.value["bug_detection"] == 1.0 and score.value["format_fallbacks"] == 1.0
    assert (score.metadata or {})["malformed_findings"] == 1
    lines = (score.explanation or "").splitlines()
    assert lines[0] == "findings block: 1 finding (unlabelled block); 1 malformed finding left out"
    assert lines[1].startswith("malformed finding 1: field 'line'")
