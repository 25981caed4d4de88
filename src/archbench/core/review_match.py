"""Match review findings against a seeded bug, deterministically: no model decides a hit.

A hit is a finding that names the bug's file within `LINE_TOLERANCE` lines of its span (strict
localisation: models often find the right file and the wrong lines, see
notes/graders-and-datasets.md). Critical and major findings that match no seeded bug are false
positives; on a clean twin, every such finding is one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from archbench.core.answer import Finding, normalise_path
from archbench.core.dataset import SeededBug

LINE_TOLERANCE = 3
SERIOUS_SEVERITIES = frozenset({"critical", "major", "high", "blocker"})


@dataclass(frozen=True)
class ReviewGrade:
    bug_detection: float | None
    category_match: float | None
    false_positives: int
    hit: Finding | None

    def explanation(self, bug: SeededBug | None, category: str) -> str:
        if bug is None:
            return (
                f"clean twin: {self.false_positives} critical/major finding(s), all false positives"
            )
        where = f"{bug.file}:{bug.lines[0]}-{bug.lines[1]} ({category})"
        if self.hit is None:
            return f"seeded bug at {where} not found; {self.false_positives} false positive(s)"
        found = f"{self.hit.file}:{self.hit.line} ({self.hit.category or 'no category'})"
        return f"seeded bug at {where} found by {found}; {self.false_positives} false positive(s)"


def is_hit(finding: Finding, bug: SeededBug) -> bool:
    first, last = bug.lines
    same_file = normalise_path(finding.file) == normalise_path(bug.file)
    return same_file and first - LINE_TOLERANCE <= finding.line <= last + LINE_TOLERANCE


def grade_review(findings: list[Finding], bug: SeededBug | None, category: str) -> ReviewGrade:
    """Detection, category agreement on a hit, and false positives for one review."""
    hits = [f for f in findings if bug is not None and is_hit(f, bug)]
    false_positives = _count_serious_misses(findings, hits)
    if bug is None:
        return ReviewGrade(None, None, false_positives, None)
    hit = _best_hit(hits, category)
    category_match = None if hit is None else float(_same_category(hit.category, category))
    return ReviewGrade(1.0 if hit else 0.0, category_match, false_positives, hit)


def _count_serious_misses(findings: list[Finding], hits: list[Finding]) -> int:
    """Critical and major findings that point at no seeded bug: the false positives."""
    return sum(1 for f in findings if f not in hits and f.severity in SERIOUS_SEVERITIES)


def _best_hit(hits: list[Finding], category: str) -> Finding | None:
    """The first hit that names the expected category, else the first hit at all."""
    return next(
        (f for f in hits if _same_category(f.category, category)), hits[0] if hits else None
    )


def _same_category(reported: str, expected: str) -> bool:
    def canonical(text: str) -> str:
        return text.strip().lower().replace("_", "-").replace(" ", "-")

    return canonical(reported) == canonical(expected)


def run_precision(reviews: Iterable[tuple[bool, int]]) -> float | None:
    """Over a run of (seeded bug detected, false positives) pairs: detections / all serious
    findings that counted. None when the run reported nothing: precision is then undefined."""
    detected = false_positives = 0
    for hit, misses in reviews:
        detected += int(hit)
        false_positives += misses
    reported = detected + false_positives
    return detected / reported if reported else None
