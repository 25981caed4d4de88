"""Every private inspect-ai name archbench relies on, imported in one place.

inspect-ai makes no promise about modules whose names start with `_`; they move between
releases. Importing them only here means an inspect upgrade breaks one module, and
`tests/test_inspect_compat.py` checks each name's shape so the break is loud and named rather
than a failure deep inside a run. Reach for a private name only when no public API does the job,
and say here why.
"""

from __future__ import annotations

# The per-sample sandbox context an eval opens; regrade opens it to rerun graders outside one.
from inspect_ai._eval.task.sandbox import sandboxenv_context

# inspect's "you must fix your setup" error: its CLI prints the message alone, no traceback, which
# is how a missing key or a bad -T argument should read.
from inspect_ai._util.error import PrerequisiteError

# The transcript a judge call records into: archbench gives judge calls a throwaway one so the
# judge's prompt (which holds the answer key) never reaches the sample's log (issue 16 item 1).
from inspect_ai.log._transcript import init_transcript

# The model a test pretends is active (tests/conftest.py); inspect exposes no setter.
from inspect_ai.model._model import active_model_context_var

# inspect's own compose parser, so tests check compose.yaml the way inspect reads it.
from inspect_ai.util._sandbox.compose import parse_compose_yaml

# The `local` sandbox, which archbench's bubblewrap sandbox extends: its exec, read and write.
from inspect_ai.util._sandbox.local import LocalSandboxEnvironment

# Finds a sandbox type by name, to run its task-level setup when regrading outside an eval.
from inspect_ai.util._sandbox.registry import registry_find_sandboxenv

__all__ = [
    "LocalSandboxEnvironment",
    "PrerequisiteError",
    "active_model_context_var",
    "init_transcript",
    "parse_compose_yaml",
    "registry_find_sandboxenv",
    "sandboxenv_context",
]
