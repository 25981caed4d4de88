"""`archbench nightly` offline: configuration errors, budget refusal, and the control agents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from archbench.cli import main
from archbench.core.benchmark_config import BenchmarkConfigError, parse_benchmark_config

VALID = {"baseline": "reference", "candidates": ["null"], "budget": {"max_dollars": 1}}


def write_config(folder: Path, **fields: Any) -> Path:
    config = {
        **VALID,
        "tasks": ["review"],
        "limit": 10,
        "log_dir": str(folder / "logs"),
        "reports_dir": str(folder / "reports"),
        **fields,
    }
    path = folder / "benchmark.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def history(folder: Path) -> list[dict[str, Any]]:
    lines = (folder / "reports" / "history.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"budget": None}, "budget: Input should be a valid dictionary"),
        ({"budget": {}}, "budget: set max_dollars, max_tokens or both"),
        ({"budget": {"max_dollars": -1}}, "budget.max_dollars: Input should be greater than 0"),
        ({"epochs": 0}, "epochs: Input should be greater than or equal to 1"),
        ({"tasks": ["implement", "deploy"]}, "tasks: unknown ['deploy']"),
        ({"candidates": [None]}, 'for the null control agent write "null"'),
        ({"candidates": []}, "candidates: List should have at least 1 item"),
        ({"candidates": ["reference"]}, "'reference' is also the baseline"),
        ({"baseline": "python-backend-architect@v1"}, "model: required to run"),
        ({"colour": "blue"}, "colour: Extra inputs are not permitted"),
    ],
)
def test_each_bad_field_is_named(change: dict[str, Any], message: str) -> None:
    text = yaml.safe_dump({**VALID, **change})

    with pytest.raises(BenchmarkConfigError) as raised:
        parse_benchmark_config(text, "bench.yaml")

    assert str(raised.value).startswith("bench.yaml: ")
    assert message in str(raised.value)


def test_yaml_syntax_errors_name_the_file() -> None:
    with pytest.raises(BenchmarkConfigError, match=r"^bench.yaml: YAML syntax error"):
        parse_benchmark_config("baseline: [unclosed", "bench.yaml")


def test_the_committed_benchmark_yaml_is_valid(project_root: Path) -> None:
    config = parse_benchmark_config(
        (project_root / "benchmark.yaml").read_text(encoding="utf-8"), "benchmark.yaml"
    )

    assert config.model and config.model.startswith("anthropic/")
    assert config.budget.max_dollars is not None


def test_a_config_error_exits_2_before_running_anything(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, epochs="many")

    assert main(["nightly", "--config", str(config)]) == 2

    assert "epochs: Input should be a valid integer" in capsys.readouterr().err
    assert not (tmp_path / "logs").exists()


def test_a_missing_config_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nightly", "--config", str(tmp_path / "absent.yaml")]) == 2
    assert "absent.yaml: cannot read the benchmark config" in capsys.readouterr().err


def test_an_estimate_over_budget_is_refused_before_spending(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(
        tmp_path,
        baseline="python-backend-architect@v1",
        candidates=["reference"],
        model="anthropic/claude-sonnet-4-5",
        budget={"max_dollars": 0.01},
    )

    assert main(["nightly", "--config", str(config)]) == 2

    printed = capsys.readouterr()
    assert "estimate: 10 model calls" in printed.out
    assert "refusing to start: estimated $" in printed.err
    assert "exceeds the $0.01 budget" in printed.err
    assert not (tmp_path / "logs").exists()


def test_a_missing_api_key_fails_fast_naming_the_variable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(
        tmp_path,
        baseline="python-backend-architect@v1",
        candidates=["reference"],
        model="anthropic/claude-sonnet-4-5",
    )

    assert main(["nightly", "--config", str(config)]) == 2

    assert "set ANTHROPIC_API_KEY" in capsys.readouterr().err
    assert not (tmp_path / "logs").exists()


@pytest.mark.slow
def test_a_configured_regression_exits_1_with_reports_and_history(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)

    assert main(["nightly", "--config", str(config)]) == 1

    report = tmp_path / "reports" / "reference-vs-null"
    assert {p.name for p in report.iterdir()} == {"report.json", "report.md", "report.html"}
    assert json.loads((report / "report.json").read_text())["verdict"] == "REGRESSION"
    assert "REGRESSION" in (tmp_path / "reports" / "summary.md").read_text()
    [entry] = history(tmp_path)
    assert entry["verdicts"] == {"null": "REGRESSION"}
    assert entry["exit_code"] == 1
    assert len(entry["logs"]) == 2
    assert "null: REGRESSION" in capsys.readouterr().out


@pytest.mark.slow
def test_an_improvement_exits_0_and_a_rerun_reuses_the_finished_logs(tmp_path: Path) -> None:
    config = write_config(tmp_path, baseline="null", candidates=["reference"])

    assert main(["nightly", "--config", str(config)]) == 0
    assert main(["nightly", "--config", str(config)]) == 0

    first, second = history(tmp_path)
    assert first["verdicts"] == second["verdicts"] == {"reference": "NO REGRESSION"}
    assert sorted(first["logs"]) == sorted(second["logs"])  # eval_set had nothing left to run


@pytest.mark.slow
def test_logs_can_live_on_any_fsspec_filesystem(tmp_path: Path) -> None:
    """`log_dir` as a URL (s3://... in production; fsspec's in-memory filesystem here)."""
    config = write_config(tmp_path, tasks=["design"], limit=2, log_dir="memory://nightly-logs")

    main(["nightly", "--config", str(config)])

    [entry] = history(tmp_path)
    assert entry["exit_code"] in (0, 1) and entry["problems"] == []
    assert all(log.startswith("memory://nightly-logs/") for log in entry["logs"])
    assert (tmp_path / "reports" / "reference-vs-null" / "report.json").is_file()


@pytest.mark.slow
def test_the_job_summary_carries_the_routing_section(tmp_path: Path) -> None:
    config = write_config(tmp_path, tasks=["routing"], limit=None)

    assert main(["nightly", "--config", str(config)]) == 1  # null never delegates: recall drops

    summary = (tmp_path / "reports" / "summary.md").read_text(encoding="utf-8")
    assert "## Routing" in summary and "Confusion table" in summary
