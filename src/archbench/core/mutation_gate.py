"""Test strength as a gated property: the share of the reference's mutants the hidden tests kill.

Every mutant of the reference's Python files (`core.mutation.mutants_of`) is run against the
hidden tests; a mutant is killed when any hidden test fails on it. Mutants a reviewer judged
equivalent (no test could tell them from the reference, or the request does not state the
behaviour) are listed in `task.yaml` under `equivalent_mutants:` with their id and a reason, and
leave the denominator. A task passes the gate when the hidden tests kill at least
`KILL_RATE_THRESHOLD` of the rest. Pure: the command runs the tests and keeps the cache.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from archbench.core.dataset import content_hash
from archbench.core.mutation import Mutant

KILL_RATE_THRESHOLD = 0.9
_DIFF_CONTEXT = 1


@dataclass(frozen=True)
class MutantResult:
    """One mutant's verdict, with what a reviewer needs to judge a survivor."""

    id: str
    path: str
    operator: str
    description: str
    lines: tuple[int, int]
    killed: bool
    diff: str


@dataclass(frozen=True)
class MutationRun:
    """Every mutant of one task's reference and whether the hidden tests killed it."""

    task: str
    key: str
    results: list[MutantResult] = field(default_factory=list)


@dataclass(frozen=True)
class GateVerdict:
    """The kill rate of one task over its non-equivalent mutants, and what keeps it down."""

    task: str
    mutants: int
    equivalent: int
    killed: int
    survivors: list[MutantResult]
    stale_equivalent: list[str]
    threshold: float = KILL_RATE_THRESHOLD

    @property
    def scored(self) -> int:
        return self.mutants - self.equivalent

    @property
    def rate(self) -> float:
        return self.killed / self.scored if self.scored else 1.0

    @property
    def passed(self) -> bool:
        return self.rate >= self.threshold and not self.stale_equivalent

    def summary(self) -> str:
        return (
            f"{self.killed}/{self.scored} non-equivalent mutants killed ({self.rate:.0%}), "
            f"{self.equivalent} equivalent"
        )

    def explanation(self) -> str:
        lines = [self.summary()]
        if self.rate < self.threshold:
            lines.append(f"below the {self.threshold:.0%} gate; surviving mutants:")
            lines += [_describe(survivor) for survivor in self.survivors]
        if self.stale_equivalent:
            lines.append(
                "equivalent_mutants lists ids that are not surviving mutants of the reference "
                f"(killed, or the reference changed): {', '.join(self.stale_equivalent)}"
            )
        return "\n".join(lines)


def _describe(result: MutantResult) -> str:
    first, last = result.lines
    head = f"- {result.id} {result.path}:{first}-{last} {result.operator}: {result.description}"
    return head + "\n" + _indent(result.diff)


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def mutant_result(mutant: Mutant, original: str, killed: bool) -> MutantResult:
    return MutantResult(
        id=mutant.key,
        path=mutant.path,
        operator=mutant.operator,
        description=mutant.description,
        lines=mutant.lines,
        killed=killed,
        diff=mutant_diff(original, mutant),
    )


def mutant_diff(original: str, mutant: Mutant) -> str:
    """A unified diff of the mutant against the reference file, with one line of context."""
    diff = difflib.unified_diff(
        original.splitlines(),
        mutant.source.splitlines(),
        fromfile=f"reference/{mutant.path}",
        tofile=f"mutant/{mutant.path}",
        n=_DIFF_CONTEXT,
        lineterm="",
    )
    return "\n".join(diff)


def run_key(files: Iterable[tuple[str, bytes]], engine: str) -> str:
    """The cache key of a task's mutation run: what decides every verdict, and nothing else.

    `files` are the graded tree and the hidden tests; `engine` fingerprints the mutation engine
    and the harness. The task's `equivalent_mutants` list is not part of it: reviewing a
    survivor changes the gate, not the run.
    """
    return content_hash([*files, ("<engine>", engine.encode())])


def judge(run: MutationRun, equivalent_ids: Iterable[str]) -> GateVerdict:
    """Apply the gate to a run, leaving out the mutants reviewed as equivalent."""
    equivalent = set(equivalent_ids)
    surviving = {r.id for r in run.results if not r.killed}
    scored = [r for r in run.results if r.id not in equivalent]
    return GateVerdict(
        task=run.task,
        mutants=len(run.results),
        equivalent=len(equivalent & surviving),
        killed=sum(1 for r in scored if r.killed),
        survivors=[r for r in scored if not r.killed],
        stale_equivalent=sorted(equivalent - surviving),
    )


def table(verdicts: Iterable[GateVerdict]) -> str:
    """The Markdown table `datasets/README.md` shows: task, mutants, equivalent, killed, rate."""
    rows = [
        "| task | mutants | equivalent | killed | rate |",
        "|---|---:|---:|---:|---:|",
    ]
    rows += [
        f"| `{v.task}` | {v.mutants} | {v.equivalent} | {v.killed} | {v.rate:.0%} |"
        for v in verdicts
    ]
    return "\n".join(rows)
