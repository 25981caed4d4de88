"""Grading adapters: run hidden tests in a workspace and turn the results into scores."""

from archbench.grading._hidden_tests import HiddenTestRun, run_hidden_tests
from archbench.grading._workspace import ExecOutcome, LocalWorkspace, SandboxWorkspace, Workspace

__all__ = [
    "ExecOutcome",
    "HiddenTestRun",
    "LocalWorkspace",
    "SandboxWorkspace",
    "Workspace",
    "run_hidden_tests",
]
