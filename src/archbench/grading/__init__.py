"""Grading adapters: run hidden tests in a workspace and turn the results into scores."""

from archbench.grading._bwrap import SANDBOX_NAME, BwrapSandboxEnvironment, SandboxUnavailableError
from archbench.grading._hidden_tests import HiddenTestRun, run_hidden_tests
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
    "run_hidden_tests",
]
