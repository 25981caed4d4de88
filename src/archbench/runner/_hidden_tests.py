"""Run a task's hidden tests against delivered files, immune to what the solution ships.

The solution's own configuration must not change any outcome, so pytest runs:
- under `python -I` (isolated mode): PYTHONPATH, user site-packages and the current directory
  are ignored, so a `sitecustomize.py` or `.pth` file in the work directory is never loaded; the
  work directory reaches `sys.path` only through the harness ini's `pythonpath` option;
- with `-c` pointing at the harness's own ini (the solution's pytest.ini, pyproject.toml or
  setup.cfg sections are never read) and `--confcutdir` at the hidden tests (a `conftest.py`
  the solution puts above them is never collected);
- with plugin autoloading off and the JUnit report at an unguessable name;
- through `pytest_launcher`, which seals the report with a one-time secret (given on stdin),
  so a report rewritten after the run or a replaced pytest function earns nothing (see
  `archbench.core.seal`).

With a `CanaryPlan` (see `archbench.core.canaries`), the hidden tests are written with canaries
planted among them; a canary reported passing means the report marks failures as passed, and
the run scores 0 as tampered. Canary outcomes never count toward the score.

Time is limited by CPU first (`core.run_limits`): a run the machine starved of CPU (backstop
reached within its CPU and own-time limits) is graded again once from a clean directory, then
raises MachineOverloaded (unscored), never scores the answer's 0.
"""

from __future__ import annotations

import json
import random
import secrets
import signal
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import anyio

from archbench.core.canaries import CanaryPlan, plant_canaries, separate_canaries
from archbench.core.errors import ArchbenchError
from archbench.core.run_limits import RunLimits
from archbench.core.seal import check_seal
from archbench.core.test_results import (
    TestRunSummary,
    expected_tests,
    parse_junit,
    summarise,
)
from archbench.runner._disk_quota import describe_disk_full
from archbench.runner._workspace import CLEAR_SECONDS, ExecOutcome, Workspace

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


LAUNCHER_SOURCE = (Path(__file__).parent / "pytest_launcher.py").read_text(encoding="utf-8")
LAUNCHER_PATH = f"{HARNESS_DIR}/launch.py"
READER_SOURCE = (Path(__file__).parent / "result_reader.py").read_text(encoding="utf-8")
# A JUnit report of a few hundred tests is tens of kB; anything near this is not a report.
RESULT_SIZE_LIMIT = 4 * 1024 * 1024
READER_TIMEOUT_SECONDS = 30
# Writing files and starting processes on a loaded machine, beyond the commands' own limits.
GRADING_STEP_SLACK_SECONDS = 120
# A run starved of CPU is graded once more; starved again, it is the machine's, unscored.
RUN_ATTEMPTS = 2


class GradingStepTimeout(ArchbenchError):
    """Grading outlived every limit of its own commands: an infrastructure fault."""


class MachineOverloaded(ArchbenchError):
    """Every attempt was starved of CPU by other work on the machine: unscored, never a 0."""


class _Starved(Exception):
    """One attempt's command reached the wall-clock backstop within its limits."""


def _unless_starved(outcome: ExecOutcome, subject: str) -> ExecOutcome:
    if outcome.stop is not None and outcome.stop.starved:
        raise _Starved(outcome.stop.explanation(subject))
    return outcome


def grading_step_bound(timeout: int) -> int:
    """Every attempt's commands at their wall-clock backstops, plus the slack."""
    commands = (timeout, READER_TIMEOUT_SECONDS, CLEAR_SECONDS)
    attempt = sum(RunLimits(seconds).backstop_seconds for seconds in commands)
    return RUN_ATTEMPTS * attempt + GRADING_STEP_SLACK_SECONDS


@dataclass(frozen=True)
class ResultFile:
    """A file the test run left, as read safely: its text, or why it could not be used."""

    text: str | None
    problem: str | None = None


def plant_random_canaries(tests: Mapping[str, str]) -> CanaryPlan:
    """Canaries for one graded run, drawn from the OS's randomness on the host: no seed exists
    that the answer's code could find and replay to tell the canaries from the real tests."""
    return plant_canaries(tests, random.SystemRandom())


async def read_results(workspace: Workspace, paths: list[str]) -> dict[str, ResultFile]:
    """The files at `paths`, read inside the workspace by `result_reader` (see its docstring).

    A reader that fails (killed, garbled output) is the answer's doing too: every file then
    carries the problem, so the run scores 0 with the cause instead of hanging or raising.
    """
    argv = [workspace.python, "-I", "-c", READER_SOURCE, str(RESULT_SIZE_LIMIT), *paths]
    outcome = _unless_starved(
        await workspace.run(argv, READER_TIMEOUT_SECONDS, {}), "reading the results back"
    )
    try:
        read = json.loads(outcome.stdout)
        return {path: _result_file(read[path]) for path in paths}
    except (ValueError, KeyError, TypeError):
        problem = f"could not be read back ({describe_exit(outcome)})"
        return {path: ResultFile(None, problem) for path in paths}


def _result_file(entry: dict[str, str]) -> ResultFile:
    if entry.get("problem") == "missing":
        return ResultFile(None)
    return ResultFile(entry.get("text"), entry.get("problem"))


def _pytest_command(python: str, report_path: str, seal_path: str) -> list[str]:
    return [
        python, "-I", LAUNCHER_PATH, seal_path, report_path,
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
    canaries: CanaryPlan | None = None,
) -> HiddenTestRun:
    """Lay `files` in the workspace, add the hidden tests last, run them and score the run.

    `canaries`, planted in these `tests`, replaces them in the workspace; the summary then
    counts the real tests only, keeps the canaries' cases aside, and flags tampering.
    `timeout` is the test run's limit under `core.run_limits` (CPU first). A run starved of CPU
    is graded again from an emptied work directory, so nothing the first attempt left (a
    rewritten test, a planted conftest.py) is seen by the second; starved every time, it raises
    MachineOverloaded. The whole step is bounded: every command in it has its own limits, so
    running past the bound means our infrastructure is stuck (GradingStepTimeout: unscored),
    never the answer's 0.
    """
    bound = grading_step_bound(timeout)
    try:
        with anyio.fail_after(bound):
            return await _graded_until_not_starved(workspace, files, tests, timeout, canaries)
    except TimeoutError:
        raise GradingStepTimeout(f"the grading step did not finish within {bound} s") from None


async def _graded_until_not_starved(
    workspace: Workspace,
    files: Mapping[str, str],
    tests: Mapping[str, str],
    timeout: int,
    canaries: CanaryPlan | None,
) -> HiddenTestRun:
    starved: list[str] = []
    for attempt in range(RUN_ATTEMPTS):
        if attempt:
            await workspace.clear()
        try:
            return await _run_hidden_tests(workspace, files, tests, timeout, canaries)
        except _Starved as why:
            starved.append(str(why))
    raise MachineOverloaded(f"every attempt was starved ({'; '.join(starved)})")


async def _run_hidden_tests(
    workspace: Workspace,
    files: Mapping[str, str],
    tests: Mapping[str, str],
    timeout: int,
    canaries: CanaryPlan | None,
) -> HiddenTestRun:
    await workspace.write_files(files)
    written = canaries.test_files if canaries else tests
    # Written after the solution so that nothing it delivered can replace them.
    await workspace.write_files(
        {f"{HIDDEN_TESTS_DIR}/{path}": text for path, text in written.items()}
    )
    nonce = secrets.token_hex(8)
    report_path, seal_path = f"{HARNESS_DIR}/report-{nonce}.xml", f"{HARNESS_DIR}/seal-{nonce}.json"
    await workspace.write_files(
        {f"{HARNESS_DIR}/pytest.ini": HARNESS_INI, LAUNCHER_PATH: LAUNCHER_SOURCE}
    )
    env = {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    secret = secrets.token_hex(32)
    command = _pytest_command(workspace.python, report_path, seal_path)
    process = _unless_starved(
        await workspace.run(command, timeout, env, input=secret + "\n"), "the test run"
    )
    results = await read_results(workspace, [report_path, seal_path])
    report, seal = results[report_path], results[seal_path]
    canary_keys = canaries.keys if canaries else frozenset()
    expected = expected_tests(tests) | canary_keys
    summary = _summarise_run(process, report, seal, secret, expected)
    return HiddenTestRun(separate_canaries(summary, canary_keys), process)


def _summarise_run(
    process: ExecOutcome,
    report_file: ResultFile,
    seal_file: ResultFile,
    secret: str,
    expected: set[str],
) -> TestRunSummary:
    """Every way the answer can spoil the run (killed, unreadable or forged report) scores 0."""
    if process.stop is not None:
        return summarise([], expected, note=process.stop.explanation("the test run"))
    for name, result in (("test report", report_file), ("report seal", seal_file)):
        if result.problem:
            note = f"{name} unusable: it {result.problem}; {describe_exit(process)}"
            return summarise([], expected, note=note)
    report = report_file.text
    check = check_seal(secret.encode(), (report or "").encode(), seal_file.text)
    if not check.trusted:
        note = f"report not trusted: {check.problem}; {describe_exit(process)}"
        if check.forged:
            return summarise([], expected, f"tampering detected: {note}", check.problem)
        return summarise([], expected, note=note)
    if report is None:
        return summarise([], expected, note=f"pytest wrote no report; {describe_exit(process)}")
    try:
        outcomes = parse_junit(report)
    except ValueError as error:
        return summarise([], expected, note=str(error))
    return summarise(outcomes, expected)


def describe_exit(process: ExecOutcome) -> str:
    """The process's end in words, naming the limit a signal stands for."""
    code = process.returncode
    signal_number = code - 128 if code > 128 else -code if code < 0 else 0
    limits = {
        signal.SIGXFSZ: "file size limit exceeded (too much output)",
        signal.SIGXCPU: "CPU time limit exceeded",
        signal.SIGKILL: "killed (memory, process or time limit)",
        signal.SIGSEGV: "crashed (segmentation fault)",
    }
    if signal_number in limits:
        return f"exit code {code}: {limits[signal.Signals(signal_number)]}"
    disk_full = describe_disk_full(f"{process.stderr}\n{process.stdout}")
    if disk_full:
        return f"exit code {code}: {disk_full}"
    tail = " | ".join((process.stderr or process.stdout).strip().splitlines()[-2:])
    return f"exit code {code}" + (f": {tail[:300]}" if tail else "")
