"""Run a task's hidden tests against delivered files, immune to what the solution ships.

The solution's own configuration must not change any outcome, so pytest runs:
- under `python -I` (isolated mode): PYTHONPATH, user site-packages and the current directory
  are ignored, so a `sitecustomize.py` or `.pth` file in the work directory is never loaded; the
  work directory reaches `sys.path` only through the harness ini's `pythonpath` option;
- with `-c` pointing at the harness's own ini (the solution's pytest.ini, pyproject.toml or
  setup.cfg sections are never read) and `--confcutdir` at the hidden tests (a `conftest.py`
  the solution puts above them is never collected);
- with plugin autoloading off and the JUnit report at an unguessable name.
"""

from __future__ import annotations

import secrets
import sys
from collections.abc import Mapping
from dataclasses import dataclass

from archbench.core.test_results import (
    TestRunSummary,
    expected_tests,
    parse_junit,
    summarise,
)
from archbench.grading._workspace import ExecOutcome, Workspace

HIDDEN_TESTS_DIR = "_hidden_tests"
HARNESS_DIR = "_harness"
DEFAULT_TIMEOUT_SECONDS = 60
# `pythonpath` is relative to the ini file, which lives in _harness/: `..` is the work directory.
HARNESS_INI = """\
[pytest]
pythonpath = ..
addopts = -p no:cacheprovider
"""


@dataclass(frozen=True)
class HiddenTestRun:
    """A graded run: its summary and the raw process outcome (kept for explanations)."""

    summary: TestRunSummary
    process: ExecOutcome


def _pytest_command(report_path: str) -> list[str]:
    return [
        sys.executable, "-I", "-m", "pytest",
        "-c", f"{HARNESS_DIR}/pytest.ini",
        "--rootdir", ".",
        "--confcutdir", HIDDEN_TESTS_DIR,
        f"--junitxml={report_path}",
        "-q", "--tb=line", "--no-header",
        HIDDEN_TESTS_DIR,
    ]  # fmt: skip


async def run_hidden_tests(
    workspace: Workspace,
    files: Mapping[str, str],
    tests: Mapping[str, str],
    timeout: int = DEFAULT_TIMEOUT_SECONDS,
) -> HiddenTestRun:
    """Lay `files` in the workspace, add the hidden tests last, run them and score the run."""
    await workspace.write_files(files)
    # Written after the solution so that nothing it delivered can replace them.
    await workspace.write_files(
        {f"{HIDDEN_TESTS_DIR}/{path}": text for path, text in tests.items()}
    )
    report_path = f"{HARNESS_DIR}/report-{secrets.token_hex(8)}.xml"
    await workspace.write_files({f"{HARNESS_DIR}/pytest.ini": HARNESS_INI})
    env = {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    process = await workspace.run(_pytest_command(report_path), timeout, env)
    report = await workspace.read_file(report_path)
    return HiddenTestRun(_summarise_run(process, report, expected_tests(tests), timeout), process)


def _summarise_run(
    process: ExecOutcome, report: str | None, expected: set[str], timeout: int
) -> TestRunSummary:
    if process.timed_out:
        return summarise(
            [], expected, note=f"the test run exceeded its {timeout} s limit and was killed"
        )
    if report is None:
        tail = (process.stderr or process.stdout).strip().splitlines()[-3:]
        note = f"pytest wrote no report (exit code {process.returncode})"
        return summarise([], expected, note=note + (": " + " | ".join(tail) if tail else ""))
    try:
        outcomes = parse_junit(report)
    except ValueError as error:
        return summarise([], expected, note=str(error))
    return summarise(outcomes, expected)
