"""The committed datasets pass the mutant gate (#18 item 1), read from the committed cache.

CI never runs a mutant: a task whose cache entry is missing or stale fails here with the command
that refreshes it (`make mutants`), so changing a reference or its tests without re-gating them
cannot go green.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from archbench.commands._mutant_gate import gate_tasks
from archbench.core.mutation_gate import GateVerdict, table
from archbench.io.datasets import load_kind

TABLE = re.compile(r"<!-- mutant-table:[^\n]*-->\n(.*?)<!-- /mutant-table -->", re.DOTALL)


def committed_verdicts() -> list[GateVerdict | Exception]:
    records = [r for kind in ("implement", "refactor") for r in load_kind(kind).records]
    return list(asyncio.run(gate_tasks(records, cached_only=True, jobs=1)))


def test_every_code_task_kills_ninety_percent_of_its_mutants() -> None:
    failing = [
        str(v) if isinstance(v, Exception) else f"{v.task}: {v.explanation()}"
        for v in committed_verdicts()
        if isinstance(v, Exception) or not v.passed
    ]
    assert failing == [], "\n".join(failing)


def test_the_datasets_readme_shows_the_current_kill_rates(project_root: Path) -> None:
    readme = (project_root / "datasets" / "README.md").read_text(encoding="utf-8")
    shown = TABLE.search(readme)
    assert shown is not None, "datasets/README.md lost its mutant-table markers"
    verdicts = [v for v in committed_verdicts() if isinstance(v, GateVerdict)]
    assert shown.group(1).strip() == table(verdicts).strip()
