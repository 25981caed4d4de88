"""Grading adapters: run hidden tests in a workspace and turn the results into scores."""

from archbench.grading._bwrap import SANDBOX_NAME, BwrapSandboxEnvironment, SandboxUnavailableError
from archbench.grading._hidden_tests import HiddenTestRun, plant_random_canaries, run_hidden_tests
from archbench.grading._workspace import ExecOutcome, LocalWorkspace, SandboxWorkspace, Workspace

__all__ = [
    "SANDBOX_NAME",
    "BwrapSandboxEnvironment",
    "ExecOutcome",
    "HiddenTestRun",
    "LocalWorkspace",
    "SandboxUnavailableError",
    "SandboxWorkspace",
    "Workspace",
    "plant_random_canaries",
    "run_hidden_tests",
]
