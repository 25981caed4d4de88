"""Runs model-written code and reads what it left: the bubblewrap sandbox (with its CPU-first
limits, watchdog and disk quota), workspaces (sandbox or local folder), hidden tests with
canaries and the seal, and the static tools (ruff, radon, vulture) over an answer's files.

It decides nothing about scores: the graders are pure functions in `archbench.core`, wired into
inspect by `archbench.evalkit`. Layer: below evalkit and compare, above `archbench.io`.
"""

from archbench.runner._bwrap import SANDBOX_NAME, BwrapSandboxEnvironment, SandboxUnavailableError
from archbench.runner._hidden_tests import HiddenTestRun, plant_random_canaries, run_hidden_tests
from archbench.runner._rubric import load_rubric, packaged_rubric
from archbench.runner._static_tools import (
    grade_static_sample,
    grader_identity,
    lint_sample,
    run_ruff,
)
from archbench.runner._workspace import (
    ExecOutcome,
    LocalWorkspace,
    SandboxWorkspace,
    Workspace,
    command_stop,
    limited_command,
)

__all__ = [
    "SANDBOX_NAME",
    "BwrapSandboxEnvironment",
    "ExecOutcome",
    "HiddenTestRun",
    "LocalWorkspace",
    "SandboxUnavailableError",
    "SandboxWorkspace",
    "Workspace",
    "command_stop",
    "grade_static_sample",
    "grader_identity",
    "limited_command",
    "lint_sample",
    "load_rubric",
    "packaged_rubric",
    "plant_random_canaries",
    "run_hidden_tests",
    "run_ruff",
]
