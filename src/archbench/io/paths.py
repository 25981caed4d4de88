"""Where the project's agents, datasets and logs live.

`inspect eval archbench/<task>` must work from any directory, so paths do not depend on the
current directory: `ARCHBENCH_HOME` wins, else the checkout this package was installed from
(an editable install), else the current directory.
"""

from __future__ import annotations

import os
from pathlib import Path

HOME_VARIABLE = "ARCHBENCH_HOME"


def project_root() -> Path:
    """The folder holding `agents/` and `datasets/`."""
    configured = os.environ.get(HOME_VARIABLE)
    if configured:
        return Path(configured).resolve()
    checkout = Path(__file__).resolve().parents[3]
    if (checkout / "agents").is_dir() and (checkout / "datasets").is_dir():
        return checkout
    return Path.cwd()


def agents_dir() -> Path:
    return project_root() / "agents"


def datasets_dir() -> Path:
    return project_root() / "datasets"
