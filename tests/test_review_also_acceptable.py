"""Issue 17 item 4: known second issues (`also_acceptable:`) are neither hits nor false positives.

A finding on a listed span is excused, once per span; the seeded bug is judged first, so
nothing at the bug's lines is excused, and validation checks that every listed span exists.
"""

from __future__ import annotations

import pytest

from archbench.core.answer import Finding, extract_findings
from archbench.core.dataset import KnownIssue, ReviewTaskSpec, TaskRecord
from archbench.core.harness import reference_answer
from archbench.core.review_match import SPAN_CAP, ReviewGrade, grade_review
from archbench.core.review_validation import known_issue_problems, span_problems
from archbench.io.datasets import load_kind, load_review_vocabulary
from tests.conftest import PROJECT_ROOT

RECORDS = {r.id: r for r in load_kind("review", PROJECT_ROOT / "datasets").records}
VOCABULARY = load_review_vocabulary(PROJECT_ROOT / "datasets")
TEAM = RECORDS["team-member-removal-role"]  # bug membership.py 51-58, invite() 43-49
CLEAN = RECORDS["token-refresh-clean"]  # clean twin; invalidate() 45-47
WITH_KNOWN = [
    r for r in RECORDS.values() if isinstance(r.spec, ReviewTaskSpec) and r.spec.also_acceptable
]


def spec_of(record: TaskRecord) -> ReviewTaskSpec:
    assert isinstance(record.spec, ReviewTaskSpec)
    return record.spec


def grade(record: TaskRecord, findings: list[Finding]) -> ReviewGrade:
    spec = spec_of(record)
    return grade_review(findings, spec.bug, spec.category, VOCABULARY, spec.also_acceptable)


def finding(
    path: str, lines: tuple[int, int], category: str = "bug", severity: str = "major"
) -> Finding:
    return Finding(
        file=path, line=lines[0], lines=lines, category=category, severity=severity,
        explanation="re-inviting an existing member overwrites their role",
    )  # fmt: skip


def on_known(record: TaskRecord, index: int = 0, severity: str = "major") -> Finding:
    issue = spec_of(record).also_acceptable[index]
    return finding(issue.file, issue.lines, severity=severity)


def the_bug(record: TaskRecord) -> Finding:
    bug = spec_of(record).bug
    assert bug is not None
    return finding(bug.file, bug.lines, spec_of(record).category, "critical")


def test_the_four_known_second_issues_of_issue_17_are_listed() -> None:
    listed = {r.id for r in WITH_KNOWN}
    assert {"team-member-removal-role", "report-connection-leak", "token-refresh-clean"} <= listed
    assert any(i.startswith("mut-orders-service-monolith-") for i in listed)


def test_a_finding_on_a_known_issue_does_not_lower_the_score() -> None:
    graded = grade(TEAM, [the_bug(TEAM), on_known(TEAM)])
    assert (graded.bug_detection, graded.false_positives, graded.review_score) == (1.0, 0.0, 1.0)
    assert graded.excused == (on_known(TEAM),)
    assert "1 finding(s) on known second issues" in graded.explanation(
        spec_of(TEAM).bug, spec_of(TEAM).category
    )


def test_on_a_clean_twin_a_finding_on_a_known_issue_costs_nothing() -> None:
    assert grade(CLEAN, [on_known(CLEAN, severity="critical")]).review_score == 1.0
    elsewhere = finding("oauth/tokens.py", (38, 38))
    assert grade(CLEAN, [on_known(CLEAN), elsewhere]).review_score == pytest.approx(0.6)


@pytest.mark.parametrize("record", WITH_KNOWN, ids=lambda r: r.id)
def test_the_reference_answer_plus_every_known_issue_scores_one(record: TaskRecord) -> None:
    findings = extract_findings(reference_answer(record)).findings
    assert findings is not None
    known = [on_known(record, i) for i in range(len(spec_of(record).also_acceptable))]
    graded = grade(record, findings + known)
    assert graded.review_score == 1.0 and len(graded.excused) == len(known)


def test_a_known_issue_does_not_find_the_bug() -> None:
    graded = grade(TEAM, [on_known(TEAM)])
    assert graded.bug_detection == 0.0 and graded.review_score == 0.0


def test_repeating_a_known_issue_earns_one_excuse() -> None:
    spam = [the_bug(TEAM)] + [on_known(TEAM, severity="minor") for _ in range(4)]
    graded = grade(TEAM, spam)
    # 1 - 0.4 x (3 x 0.5): the first repeat is free, the next three cost what minors cost.
    assert len(graded.excused) == 1 and graded.false_positives == pytest.approx(1.5)
    assert graded.review_score == pytest.approx(0.4)


def test_spam_around_a_known_issue_gains_at_most_one_finding() -> None:
    """A finding on every line near the known issue: every one but one is a false positive."""
    issue = spec_of(TEAM).also_acceptable[0]
    spam = [finding(issue.file, (n, n), severity="minor") for n in range(30, 50)]
    with_known = grade(TEAM, [the_bug(TEAM), *spam])
    without = grade_review(
        [the_bug(TEAM), *spam], spec_of(TEAM).bug, "missing-authorization", VOCABULARY
    )
    assert len(with_known.excused) == 1
    assert with_known.false_positives == without.false_positives - 0.5
    assert with_known.review_score == 0.0


def test_a_finding_wider_than_the_cap_is_not_excused() -> None:
    issue = spec_of(TEAM).also_acceptable[0]
    wide = finding(issue.file, (issue.lines[1] - SPAN_CAP, issue.lines[1]))
    graded = grade(TEAM, [the_bug(TEAM), wide])
    assert graded.excused == () and graded.false_positives == 1.0


def test_a_finding_that_touches_the_bug_is_judged_against_the_bug_not_excused() -> None:
    """invite() is 43-49 and the bug 51-58: a span over both is the hit if it names the bug's
    problem, and a false positive (a near miss) if it names another; it is never excused."""
    straddling = finding("teams/membership.py", (45, 52), "race-condition")
    graded = grade(TEAM, [straddling])
    assert graded.excused == () and graded.near_misses == 1 and graded.false_positives == 1.0
    as_bug = finding("teams/membership.py", (45, 52), "missing-authorization")
    graded = grade(TEAM, [as_bug, on_known(TEAM)])
    assert graded.hit == as_bug and graded.excused == (on_known(TEAM),)
    assert graded.review_score == 1.0


def test_a_finding_in_another_file_at_the_same_lines_is_not_excused() -> None:
    other = finding("teams/api.py", spec_of(TEAM).also_acceptable[0].lines)
    assert grade(TEAM, [the_bug(TEAM), other]).false_positives == 1.0


def with_known(record: TaskRecord, *issues: KnownIssue) -> ReviewTaskSpec:
    return spec_of(record).model_copy(update={"also_acceptable": list(issues)})


def known(path: str, lines: tuple[int, int]) -> KnownIssue:
    return KnownIssue(file=path, lines=lines, description="a second problem")


def test_validation_rejects_a_known_issue_in_a_missing_file() -> None:
    spec = with_known(TEAM, known("teams/missing.py", (1, 2)))
    assert known_issue_problems(spec, TEAM.shown) == [
        "also_acceptable teams/missing.py:1-2: teams/missing.py is not in code/"
    ]


def test_validation_rejects_a_known_issue_outside_its_file() -> None:
    length = len(TEAM.shown["teams/api.py"].splitlines())
    spec = with_known(TEAM, known("teams/api.py", (length, length + 1)))
    assert span_problems(spec, TEAM.shown, TEAM.gold) == [
        f"also_acceptable lines {length}-{length + 1} lie outside teams/api.py ({length} lines)"
    ]


def test_validation_rejects_a_known_issue_too_wide_or_on_the_bug() -> None:
    wide = with_known(TEAM, known("teams/api.py", (1, SPAN_CAP + 1)))
    assert known_issue_problems(wide, TEAM.shown) == [
        f"also_acceptable teams/api.py:1-{SPAN_CAP + 1} is wider than {SPAN_CAP} lines"
    ]
    on_bug = with_known(TEAM, known("teams/membership.py", (49, 51)))
    assert known_issue_problems(on_bug, TEAM.shown) == [
        "also_acceptable teams/membership.py:49-51 overlaps the bug's lines 51-58"
    ]


def test_every_listed_known_issue_is_valid() -> None:
    problems = {r.id: known_issue_problems(spec_of(r), r.shown) for r in WITH_KNOWN}
    assert {i: p for i, p in problems.items() if p} == {}


def test_a_known_issue_needs_an_ordered_span_and_a_description() -> None:
    with pytest.raises(ValueError, match="lines must be"):
        KnownIssue(file="a.py", lines=(5, 4), description="x")
    with pytest.raises(ValueError):
        KnownIssue(file="a.py", lines=(1, 2), description="")
