"""Every user error ends in one or two lines on stderr naming what is wrong, with exit 2, and
Ctrl-C with exit 130 and how to resume (#21 item 4). One row per case, through the real CLI
entry point `archbench.cli.main`, in-process; task parameters go through inspect's own eval."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from inspect_ai import eval as inspect_eval

from archbench.cli import main
from archbench.evalkit._task_params import TaskParameterError
from archbench.tasks import TASKS
from tests.compare.logfactory import RunSpec, write_run
from tests.conftest import PROJECT_ROOT

AGENT = "python-backend-architect"
OFFLINE = ["--model", "archbench/offline", "-M", "script=examples/replies.yaml"]


@dataclass(frozen=True)
class Case:
    """`argv` gets the test's tmp folder; `setup` prepares files there first."""

    id: str
    argv: Callable[[Path], list[str]]
    expected: str
    code: int = 2
    setup: Callable[[Path, pytest.MonkeyPatch], None] | None = None
    lines: int = 2


def _ab(tmp: Path, base: str, candidate: str, *extra: str) -> list[str]:
    return ["ab", base, candidate, "--task", "review", *OFFLINE, "--log-dir", str(tmp), *extra]


def _home(tmp: Path, monkeypatch: pytest.MonkeyPatch, agents: dict[str, str]) -> None:
    """An archbench home whose agents/ holds `agents` (path -> text), with the real datasets."""
    for relative, text in agents.items():
        target = tmp / "home" / "agents" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (tmp / "home" / "datasets").symlink_to(PROJECT_ROOT / "datasets")
    monkeypatch.setenv("ARCHBENCH_HOME", str(tmp / "home"))


def _seed(name: str) -> str:
    text = (PROJECT_ROOT / "agents" / AGENT / "v1.md").read_text(encoding="utf-8")
    return text.replace(f"name: {AGENT}", f"name: {name}", 1)


def _copied_folder(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _home(tmp, monkeypatch, {"copy/v1.md": _seed(AGENT), f"{AGENT}/v1.md": _seed(AGENT)})


def _two_ones(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _home(tmp, monkeypatch, {f"{AGENT}/v1.md": _seed(AGENT), f"{AGENT}/v01.md": _seed(AGENT)})


def _config(tmp: Path, **fields: Any) -> None:
    config = {"baseline": "reference", "candidates": ["null"], "budget": {"max_tokens": 10**6}}
    (tmp / "benchmark.yaml").write_text(yaml.safe_dump({**config, **fields}), encoding="utf-8")


def _a_file(tmp: Path, _: pytest.MonkeyPatch) -> None:
    (tmp / "file").write_text("not a folder", encoding="utf-8")


def _control_logs(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _a_file(tmp, monkeypatch)
    for agent, value in (("reference", 1.0), ("null", 0.0)):
        scores = {"x": value}
        spec = RunSpec("review", agent, None)
        write_run(tmp / "logs" / f"{agent}.eval", spec, ["a", "b"], 1, lambda *_, s=scores: s)


def _bad_script(tmp: Path, _: pytest.MonkeyPatch) -> None:
    """The local server's old rule keys, which the offline provider does not read."""
    (tmp / "bad.yaml").write_text("rules: [{contains: x, reply: {text: y}}]\n", encoding="utf-8")


def _nightly(tmp: Path) -> list[str]:
    return ["nightly", "--config", str(tmp / "benchmark.yaml")]


CASES = [
    Case("unknown agent", lambda t: _ab(t, "nosuch@v1", f"{AGENT}@v1"), "unknown agent 'nosuch'"),
    Case(
        "unknown version",
        lambda t: _ab(t, f"{AGENT}@v9", f"{AGENT}@v1"),
        f"agent '{AGENT}' has no version 'v9' (versions: v1)",
    ),
    Case(
        "frontmatter name differs from its folder",
        lambda t: _ab(t, "copy@v1", f"{AGENT}@v1"),
        f"frontmatter name '{AGENT}' differs from its folder 'copy'",
        setup=_copied_folder,
    ),
    Case(
        "ambiguous versions",
        lambda t: _ab(t, f"{AGENT}@v1", f"{AGENT}@v01"),
        "versions 'v01' and 'v1' have the same number",
        setup=_two_ones,
    ),
    Case(
        "unknown deltas key",
        _nightly,
        "deltas: unknown metric 'bug_detecton' (known: default, spec_adherence",
        setup=lambda t, _: _config(t, deltas={"bug_detecton": 0.1}),
    ),
    Case(
        "a path as nightly candidate",
        _nightly,
        f"candidates: 'agents/{AGENT}/v1.md' is a path; the nightly needs an agent reference",
        setup=lambda t, _: _config(t, candidates=[f"agents/{AGENT}/v1.md"]),
    ),
    Case(
        "ab into an unwritable log folder",
        lambda t: _ab(t / "file", f"{AGENT}@v1", f"{AGENT}@v1"),
        "--log-dir",
        setup=_a_file,
    ),
    Case(
        "demo into an unwritable log folder",
        lambda t: ["demo", "--log-dir", str(t / "file" / "logs")],
        "file/logs: cannot write there",
        setup=_a_file,
    ),
    Case(
        "demo into an unwritable report folder",
        lambda t: ["demo", "--log-dir", str(t / "logs"), "--out", str(t / "file" / "out")],
        "--out",
        setup=_a_file,
    ),
    Case(
        "compare into an unwritable report folder",
        lambda t: [
            "compare",
            "reference",
            "null",
            "--log-dir",
            f"{t}/logs",
            "--out",
            f"{t}/file/out",
        ],
        "file/out",
        setup=_control_logs,
    ),
    Case(
        "missing script file",
        lambda t: [*_ab(t, f"{AGENT}@v1", "null"), "-M", f"script={t}/absent.yaml", "--limit", "1"],
        "absent.yaml: No such file or directory",
    ),
    Case(
        "bad script key",
        lambda t: [*_ab(t, f"{AGENT}@v1", "null"), "-M", f"script={t}/bad.yaml", "--limit", "1"],
        "bad.yaml",
        setup=_bad_script,
        lines=14,  # the one-line error, then the expected shape of a script (#21 item 3)
    ),
    Case(
        "unknown compare --delta metric",
        lambda t: ["compare", "reference", "null", "--delta", "bug_detecton=1"],
        "unknown metric 'bug_detecton'",
    ),
    Case("demo --limit -1", lambda t: ["demo", "--limit", "-1"], "must be at least 1, got -1"),
    Case("ab --limit 0", lambda t: [*_ab(t, "null", "reference"), "--limit", "0"], "at least 1"),
]


def _run(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as stopped:  # argparse's own usage errors
        return int(stopped.code or 0)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_user_error_is_one_or_two_lines_on_stderr(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(PROJECT_ROOT)
    if case.setup:
        case.setup(tmp_path, monkeypatch)
    assert _run(case.argv(tmp_path)) == case.code
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("usage:")]
    assert case.expected in err
    assert 1 <= len(lines) <= case.lines, err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("task_args", "expected"),
    [
        ({"agnet": "null"}, "task 'review' has no parameter 'agnet' (did you mean 'agent'?)"),
        ({"agent": "nosuch@v1"}, "unknown agent 'nosuch'"),
    ],
)
def test_a_task_parameter_or_agent_that_does_not_exist_fails_the_eval(
    task_args: dict[str, str], expected: str, tmp_path: Path
) -> None:
    """inspect alone warns and runs the default agent; a PrerequisiteError it prints bare."""
    with pytest.raises(TaskParameterError) as raised:
        inspect_eval(
            str(PROJECT_ROOT / "evals/review.py@review"), task_args=task_args, model="none",
            log_dir=str(tmp_path), display="none",
        )  # fmt: skip
    assert expected in str(raised.value)


@pytest.mark.parametrize("kind", ["review", "routing"])
def test_agent_null_as_yaml_null_is_the_null_control(kind: str) -> None:
    """`-T agent=null` reaches the task function as None (inspect reads -T values as YAML)."""
    task = TASKS[kind](agent=None)
    assert (task.metadata or {})["agent"] == "null"
    assert task.tags == ["null"]


@dataclass(frozen=True)
class _Cancelled:
    status: str = "cancelled"


def test_ctrl_c_in_demo_stops_it_with_130_and_says_how_to_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """inspect turns the first Ctrl-C into cancelled logs and returns; the demo used to go on
    with the next agent and the comparison."""
    from archbench.commands import demo

    calls: list[str] = []

    def cancelled(agent: str, *_: Any) -> list[_Cancelled]:
        calls.append(agent)
        return [_Cancelled()]

    monkeypatch.setattr(demo, "run_controls", cancelled)
    assert main(["demo", "--log-dir", str(tmp_path / "logs"), "--out", str(tmp_path)]) == 130
    assert calls == ["reference"]  # the null run never started
    err = capsys.readouterr().err
    assert "archbench demo: interrupted. The logs of finished evaluations are kept" in err


def test_ctrl_c_in_any_command_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from archbench.commands import quality

    def interrupted(*_: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(quality, "grade_packages", interrupted)
    assert main(["quality", "src/archbench"]) == 130
    assert capsys.readouterr().err.startswith("archbench quality: interrupted.")
