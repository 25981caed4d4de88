"""inspect entry point: registers archbench's model provider and tasks.

Loaded through `[project.entry-points.inspect_ai]`, so `--model archbench/offline` and
`inspect eval archbench/<task>` work from any directory. The tasks themselves live in
`archbench.tasks`; importing it registers them.
"""

from __future__ import annotations

from inspect_ai.model import ModelAPI, modelapi

from archbench.tasks import design, implement, refactor, review, routing

__all__ = ["design", "implement", "offline", "refactor", "review", "routing"]


@modelapi(name="archbench")
def offline() -> type[ModelAPI]:
    from archbench.evalkit import OfflineModel

    return OfflineModel
