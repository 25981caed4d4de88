"""Answers that try to game the review grader (issue 17 item 1), built from a review sample.

- spam: a finding every N lines of every file, from line 1, with one severity; its labels are
  generic, cycle through the whole vocabulary, or (the strongest) repeat the sample's own
  category and bug description at every line;
- flood: one finding per category of the vocabulary, all on the bug's lines.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from archbench.core.answer import Finding
from archbench.core.dataset import ReviewTaskSpec, TaskRecord
from archbench.io.datasets import load_review_vocabulary
from tests.conftest import PROJECT_ROOT

CATEGORIES = load_review_vocabulary(PROJECT_ROOT / "datasets").categories()
# (finding's index in the answer, sample) -> (category, explanation)
Labeller = Callable[[int, ReviewTaskSpec], tuple[str, str]]


def generic_labels(index: int, spec: ReviewTaskSpec) -> tuple[str, str]:
    del index, spec  # the same vague words everywhere
    return "bug", "this line looks wrong and may cause problems"


def cycled_labels(index: int, spec: ReviewTaskSpec) -> tuple[str, str]:
    del spec  # a reviewer who cannot see the bug covers every category in turn
    category = CATEGORIES[index % len(CATEGORIES)]
    return category, f"possible {category.replace('-', ' ')} here"


def oracle_labels(index: int, spec: ReviewTaskSpec) -> tuple[str, str]:
    del index  # knows what the bug is, not where it is
    description = spec.bug.description if spec.bug else "a subtle bug"
    return (spec.category if spec.bug else "logic-error"), description


LABELLERS: dict[str, Labeller] = {
    "generic": generic_labels,
    "cycled": cycled_labels,
    "oracle": oracle_labels,
}


def _spam_lines(record: TaskRecord, every: int) -> Iterator[tuple[str, int]]:
    for path, text in sorted(record.shown.items()):
        yield from ((path, line) for line in range(1, len(text.splitlines()) + 1, every))


def spam(record: TaskRecord, every: int, severity: str, labeller: Labeller) -> list[Finding]:
    """A finding every `every` lines of every file shown, from line 1."""
    assert isinstance(record.spec, ReviewTaskSpec)
    spec = record.spec
    findings = []
    for index, (path, line) in enumerate(_spam_lines(record, every)):
        category, explanation = labeller(index, spec)
        findings.append(
            Finding(
                file=path, line=line, category=category, severity=severity, explanation=explanation
            )
        )
    return findings


def flood(record: TaskRecord, severity: str) -> list[Finding]:
    """One finding per vocabulary category, each on the bug's lines (line 1 of a clean twin)."""
    assert isinstance(record.spec, ReviewTaskSpec)
    bug = record.spec.bug
    path, lines = (bug.file, bug.lines) if bug else (sorted(record.shown)[0], (1, 1))
    return [
        Finding(file=path, line=lines[0], lines=lines, category=category, severity=severity)
        for category in CATEGORIES
    ]
