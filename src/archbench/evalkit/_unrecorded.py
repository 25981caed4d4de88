"""Model calls kept out of the sample's transcript: a judge's prompt carries the answer key.

A rubric judge is shown the gold solution, or a design task's key points and traps. inspect
records every model call of a sample (input included) as an event in the log, so judging in the
sample's own transcript would publish the answer key with every shared log. The judge's verdicts,
criteria and reasons stay in the score's metadata and explanation; only its raw calls go.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from inspect_ai.log import Transcript

# inspect has no public way to suspend model events; `init_transcript` (private, hence through
# archbench.inspect_compat) swaps the transcript the current context records into. It is called
# in a child task, whose context is a copy, so the sample's own transcript is untouched and
# resumes as soon as the child returns.
from archbench.inspect_compat import init_transcript

T = TypeVar("T")


async def without_transcript(work: Callable[[], Awaitable[T]]) -> T:
    """Run `work` with its events recorded into a throwaway transcript."""

    async def isolated() -> T:
        init_transcript(Transcript())
        return await work()

    return await asyncio.create_task(isolated())
