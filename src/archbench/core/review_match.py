"""Match review findings against a seeded bug, deterministically: no model decides a hit.

A finding is the seeded bug (a hit) when it names the bug's file, its span (`line`, or `lines`
at most `SPAN_CAP` lines wide) overlaps the bug's lines, and its category or explanation refers
to the same problem in the dataset's `Vocabulary` (`archbench.core.review_categories`). The bug
is matched at most once; every other finding, whatever its severity, is a false positive weighted
by its severity.

`review_score = max(0, detection - PENALTY_PER_WEIGHT * weighted false positives)`, where
detection is 1 or 0 on a seeded sample and 1 on a clean twin (nothing to find, nothing missed).
Why this and not F1: on a one-bug sample F1 is 2 / (2 + false positives) once the bug is hit,
so an answer that carpets the code with findings keeps 0.2 until it adds eight false ones; and
F1 is 0 on a clean twin for one stray nit or for a hundred. A fixed price per false alarm grades
both kinds of sample the same way, and the severity weights let a nit cost less than a false
critical. See datasets/README.md for a worked example.

A sample may list known second problems (`also_acceptable:`, real issues besides the seeded
bug). A finding on one is excused: neither a hit nor a false positive. So that this cannot be
gamed, the bug is judged first and a finding at the bug's lines is never excused (it is the hit
or a false positive, as before); each listed span excuses at most one finding, which must be
narrow enough to be a hit; the rest at that place are false positives. An excuse needs only the
place, not the problem's name: a second problem has no category slug of its own, and excusing
one finding per span can never raise a score above what finding (or missing) the bug gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from archbench.core.answer import Finding, normalise_path
from archbench.core.dataset import KnownIssue, SeededBug
from archbench.core.review_categories import Vocabulary

# The widest span that can be a hit: a whole function or file "contains" every bug in it.
SPAN_CAP = 15
# What one false positive of each severity costs, in units of PENALTY_PER_WEIGHT.
SEVERITY_WEIGHTS = {
    "critical": 1.5, "blocker": 1.5,
    "major": 1.0, "high": 1.0,
    "minor": 0.5, "low": 0.5, "nit": 0.5, "trivial": 0.5, "info": 0.5, "suggestion": 0.5,
}  # fmt: skip
# "medium", "moderate" or any other word is not a way out of the penalty: it costs a major.
UNKNOWN_SEVERITY_WEIGHT = SEVERITY_WEIGHTS["major"]
# Two major or four minor false alarms cost 0.8: as much as all but a fifth of a found bug.
PENALTY_PER_WEIGHT = 0.4


@dataclass(frozen=True)
class ReviewGrade:
    bug_detection: float | None  # None on a clean twin
    category_match: float | None  # None unless the bug was hit
    false_positives: float  # severity-weighted
    false_findings: tuple[Finding, ...]
    hit: Finding | None
    review_score: float
    near_misses: int = 0  # findings at the bug's lines that name another problem, or too wide
    excused: tuple[Finding, ...] = ()  # findings on a known second issue (`also_acceptable`)

    def explanation(self, bug: SeededBug | None, category: str) -> str:
        false = _describe_false(self.false_findings, self.false_positives) + self._excused()
        score = f"review_score {self.review_score:.2f}"
        if bug is None:
            return f"clean twin: {false}; {score}"
        where = f"{bug.file}:{bug.lines[0]}-{bug.lines[1]} ({category})"
        if self.hit is None:
            return f"seeded bug at {where} not found{self._near()}; {false}; {score}"
        first, last = self.hit.span
        lines = f"{first}" if first == last else f"{first}-{last}"
        found = f"{self.hit.file}:{lines} ({self.hit.category or 'no category'})"
        return f"seeded bug at {where} found by {found}; {false}; {score}"

    def _excused(self) -> str:
        if not self.excused:
            return ""
        return f", {len(self.excused)} finding(s) on known second issues (not counted)"

    def _near(self) -> str:
        if not self.near_misses:
            return ""
        return (
            f" ({self.near_misses} finding(s) at its lines name another problem"
            f" or span more than {SPAN_CAP} lines)"
        )


def _describe_false(findings: tuple[Finding, ...], weight: float) -> str:
    if not findings:
        return "no false positives"
    counts = Counter(finding.severity or "no severity" for finding in findings)
    kinds = ", ".join(f"{n} {severity}" for severity, n in sorted(counts.items()))
    return f"{len(findings)} false positive(s) ({kinds}; weight {weight:g})"


def severity_weight(severity: str) -> float:
    return SEVERITY_WEIGHTS.get(severity.strip().lower(), UNKNOWN_SEVERITY_WEIGHT)


def at_bug_lines(finding: Finding, bug: SeededBug | KnownIssue) -> bool:
    """Same file, and the finding's span overlaps the bug's lines (however wide it is)."""
    first, last = finding.span
    overlaps = first <= bug.lines[1] and last >= bug.lines[0]
    # Lines first: normalising paths is the costly half, and most findings fail on lines.
    return overlaps and normalise_path(finding.file) == normalise_path(bug.file)


def narrow_enough(finding: Finding) -> bool:
    first, last = finding.span
    return last - first + 1 <= SPAN_CAP


def refers_to(finding: Finding, category: str, vocabulary: Vocabulary) -> bool:
    """The finding's category or its explanation names the problem `category` names."""
    problem = vocabulary.problem_of(category)
    return problem in vocabulary.label_problems(
        finding.category
    ) or problem in vocabulary.text_problems(finding.explanation)


def is_hit(finding: Finding, bug: SeededBug, category: str, vocabulary: Vocabulary) -> bool:
    return (
        at_bug_lines(finding, bug)
        and narrow_enough(finding)
        and refers_to(finding, category, vocabulary)
    )


def review_score(bug_detection: float | None, false_positives: float) -> float:
    """Detection (1 on a clean twin) minus the false alarms' price, never below 0."""
    detection = 1.0 if bug_detection is None else bug_detection
    # Rounded so that 1 - 0.4 * 2 reads 0.2 in a log, not 0.19999999999999996.
    return round(max(0.0, detection - min(1.0, PENALTY_PER_WEIGHT * false_positives)), 9)


def grade_review(
    findings: list[Finding],
    bug: SeededBug | None,
    category: str,
    vocabulary: Vocabulary,
    also_acceptable: Sequence[KnownIssue] = (),
) -> ReviewGrade:
    """Detection, category agreement on a hit, weighted false positives and the review score.

    A finding on a known second issue (`also_acceptable`) is set aside, neither hit nor false.
    """
    if bug is None:
        excused = _excused(findings, also_acceptable, None)
        false = tuple(f for i, f in enumerate(findings) if i not in excused)
        weight = _weight(false)
        score = review_score(None, weight)
        return ReviewGrade(None, None, weight, false, None, score, 0, _pick(findings, excused))
    return _grade_seeded(findings, bug, category, vocabulary, also_acceptable)


def _grade_seeded(
    findings: list[Finding],
    bug: SeededBug,
    category: str,
    vocabulary: Vocabulary,
    also_acceptable: Sequence[KnownIssue],
) -> ReviewGrade:
    hits = [f for f in findings if is_hit(f, bug, category, vocabulary)]
    hit = _best_hit(hits, category, vocabulary)
    # The bug is judged first: the hit is taken, and nothing at the bug's lines is excused.
    excused = _excused(findings, also_acceptable, bug)
    false = tuple(f for i, f in enumerate(findings) if f is not hit and i not in excused)
    weight = _weight(false)
    detection = float(hit is not None)
    same = _same_problem(hit.category, category, vocabulary) if hit else False
    category_match = None if hit is None else float(same)
    near = sum(1 for f in findings if at_bug_lines(f, bug) and f not in hits)
    score = review_score(detection, weight)
    return ReviewGrade(
        detection, category_match, weight, false, hit, score, near, _pick(findings, excused)
    )


def _excused(
    findings: list[Finding], known: Sequence[KnownIssue], bug: SeededBug | None
) -> set[int]:
    """The indexes of the findings set aside as reports of a known second issue: for each
    listed span, the costliest narrow finding on it that is not at the bug's lines and not set
    aside for an earlier span. One per span: repeating a known issue earns no more excuses."""
    excused: set[int] = set()
    for issue in known:
        candidates = [
            i
            for i, f in enumerate(findings)
            if i not in excused
            and narrow_enough(f)
            and at_bug_lines(f, issue)
            and (bug is None or not at_bug_lines(f, bug))
        ]
        if candidates:
            excused.add(max(candidates, key=lambda i: severity_weight(findings[i].severity)))
    return excused


def _pick(findings: list[Finding], indexes: set[int]) -> tuple[Finding, ...]:
    return tuple(findings[i] for i in sorted(indexes))


def _weight(false_positives: Iterable[Finding]) -> float:
    return sum(severity_weight(f.severity) for f in false_positives)


def _best_hit(hits: list[Finding], category: str, vocabulary: Vocabulary) -> Finding | None:
    """The hit that names the category, else the costliest (the rest count as false), else the
    first: a bug reported twice is matched once."""
    if not hits:
        return None
    return max(
        hits,
        key=lambda f: (
            _same_problem(f.category, category, vocabulary),
            severity_weight(f.severity),
        ),
    )


def _same_problem(reported: str, expected: str, vocabulary: Vocabulary) -> bool:
    return bool(reported) and vocabulary.problem_of(reported) == vocabulary.problem_of(expected)


def run_precision(reviews: Iterable[tuple[bool, float]]) -> float | None:
    """Over a run of (seeded bug detected, weighted false positives) pairs: detections / (detections
    + weighted false positives). None when the run reported nothing: precision is then undefined."""
    detected = 0
    false_positives = 0.0
    for hit, misses in reviews:
        detected += int(hit)
        false_positives += misses
    reported = detected + false_positives
    return detected / reported if reported else None
