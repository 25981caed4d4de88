"""What an attack may aim at: a host listener, canary paths outside the work dir, the dataset."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archbench.core.harness import render_file_block

TARGET_MODULE = "resilience/retry.py"


@dataclass(frozen=True)
class AttackContext:
    project_root: Path
    listener_port: int
    canaries: tuple[Path, ...]
    # A solved copy of the task beside the checkout (as another worktree or a log folder
    # would hold one), a UNIX socket a host service listens on, and an API key in the host's
    # environment: none of them may be reachable from inside.
    planted_dir: Path = Path("/nonexistent")
    unix_socket: Path = Path("/nonexistent")
    api_key: str = ""

    @property
    def reference_file(self) -> Path:
        return (
            self.project_root
            / "datasets/implement/retry-exponential-backoff/reference"
            / TARGET_MODULE
        )


def files_answer(files: dict[str, str]) -> str:
    """An answer delivering `files` in the harness's file protocol."""
    return "Here is the implementation.\n\n" + "\n\n".join(
        render_file_block(path, text) for path, text in files.items()
    )


def module_answer(source: str) -> str:
    """An answer whose solution module runs `source` when the hidden tests import it."""
    return files_answer({TARGET_MODULE: source})


def after_run_answer(action: str, suffix: str = ".xml") -> str:
    """An answer that, once the tests have run and the report is sealed, applies `action` (code
    using `path`) to the result file whose name ends with `suffix` (report `.xml`, seal `.json`)."""
    indented = "\n".join(f"            {line}" for line in action.strip().splitlines())
    source = f"""import atexit, os, sys
def swap():
    for path in sys.argv:
        if path.endswith({suffix!r}) and not path.startswith("-"):
{indented}
atexit.register(swap)
"""
    return module_answer(source)


# A `retry` that does nothing, so the tests import and run: what a forger then makes pass.
RETRY_STUB = """

def retry(**options):
    return lambda function: function
"""


def plugin_answer(plugin_class: str) -> str:
    """An answer whose module, when the tests import it, registers the class `Plugin` defined
    by `plugin_class` with the running pytest (its Config found on the heap: no conftest or
    entry point needed, and no function the seal watches is replaced)."""
    source = f"""import gc
import pytest
from _pytest.config import Config

{plugin_class.strip()}


config = next(o for o in gc.get_objects() if isinstance(o, Config))
config.pluginmanager.register(Plugin(), "archbench-attack")
{RETRY_STUB}"""
    return module_answer(source)
