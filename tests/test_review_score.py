"""Issue 17 item 1: one review score that finding the bug earns and spam cannot (pure, fast).

Every answer is graded by `grade_review` directly over the whole review dataset.
"""

from __future__ import annotations

import ast

import pytest

from archbench.core.answer import Finding, extract_findings
from archbench.core.dataset import ReviewTaskSpec, SeededBug, TaskRecord
from archbench.core.harness import reference_answer
from archbench.core.review_match import (
    SPAN_CAP,
    ReviewGrade,
    grade_review,
    review_score,
    run_precision,
)
from archbench.io.datasets import load_kind, load_review_vocabulary
from tests.conftest import PROJECT_ROOT
from tests.review_attacks import LABELLERS, flood, spam

RECORDS = load_kind("review", PROJECT_ROOT / "datasets").records
VOCABULARY = load_review_vocabulary(PROJECT_ROOT / "datasets")
SEEDED = [r for r in RECORDS if isinstance(r.spec, ReviewTaskSpec) and r.spec.bug is not None]
CLEAN = [r for r in RECORDS if r not in SEEDED]
SPAM_EVERY = range(3, 11)
SEVERITIES = ("critical", "major", "minor", "medium")
SQL = next(r for r in SEEDED if r.id == "customer-search-sql-injection")  # crm/customers.py 49-54


def spec_of(record: TaskRecord) -> ReviewTaskSpec:
    assert isinstance(record.spec, ReviewTaskSpec)
    return record.spec


def bug_of(record: TaskRecord) -> SeededBug:
    bug = spec_of(record).bug
    assert bug is not None
    return bug


def grade(record: TaskRecord, findings: list[Finding]) -> ReviewGrade:
    return grade_review(findings, spec_of(record).bug, spec_of(record).category, VOCABULARY)


def at_bug(
    record: TaskRecord,
    category: str,
    explanation: str = "",
    severity: str = "major",
    lines: tuple[int, int] | None = None,
) -> Finding:
    """A finding in the bug's file, on the bug's lines unless `lines` says otherwise."""
    bug = bug_of(record)
    first, last = lines or bug.lines
    return Finding(
        file=bug.file, line=first, lines=(first, last), category=category,
        severity=severity, explanation=explanation,
    )  # fmt: skip


def test_the_dataset_has_seeded_samples_and_clean_twins() -> None:
    assert len(SEEDED) >= 90 and len(CLEAN) >= 15


def test_the_reference_answer_scores_one_on_every_sample() -> None:
    scores = {}
    for record in RECORDS:
        findings = extract_findings(reference_answer(record)).findings
        assert findings is not None
        scores[record.id] = grade(record, findings)
    assert {i: g.review_score for i, g in scores.items() if g.review_score != 1.0} == {}
    assert all(scores[r.id].bug_detection == 1.0 for r in SEEDED)
    assert all(scores[r.id].category_match == 1.0 for r in SEEDED)


def test_no_findings_score_zero_on_seeded_samples_and_one_on_clean_twins() -> None:
    # The null agent's answer: right about clean code, and nothing found where a bug is.
    assert {r.id for r in SEEDED if grade(r, []).review_score != 0.0} == set()
    assert {r.id for r in CLEAN if grade(r, []).review_score != 1.0} == set()


@pytest.mark.parametrize("labels", sorted(LABELLERS))
@pytest.mark.parametrize("severity", SEVERITIES)
def test_spam_scores_at_most_a_fifth_on_every_sample(labels: str, severity: str) -> None:
    """A finding every N lines of every file; `oracle` labels each with the bug's own category
    and description, as a spammer who guessed the problem but not the place would."""
    worst: dict[str, tuple[int, float]] = {}
    for record in RECORDS:
        for every in SPAM_EVERY:
            score = grade(record, spam(record, every, severity, LABELLERS[labels])).review_score
            if score > 0.2:
                worst[record.id] = (every, score)
    assert worst == {}


@pytest.mark.parametrize("severity", SEVERITIES)
def test_one_finding_per_category_on_the_bug_scores_at_most_a_fifth(severity: str) -> None:
    scores = {r.id: grade(r, flood(r, severity)) for r in RECORDS}
    assert {i: g.review_score for i, g in scores.items() if g.review_score > 0.2} == {}
    assert all(scores[r.id].bug_detection == 1.0 for r in SEEDED)  # it does hit, once


def _another_problem(record: TaskRecord) -> str:
    own = VOCABULARY.problem_of(spec_of(record).category)
    return next(slug for slug in VOCABULARY.slugs if slug != own)


@pytest.mark.parametrize("label", ["naming", "other-problem", "bug"])
def test_right_place_wrong_problem_is_not_a_hit(label: str) -> None:
    found = {}
    for record in SEEDED:
        category = _another_problem(record) if label == "other-problem" else label
        finding = at_bug(record, category, "this could be clearer")
        graded = grade(record, [finding])
        found[record.id] = graded.bug_detection
        assert graded.near_misses == 1 and "another problem" in graded.explanation(
            bug_of(record), spec_of(record).category
        )
    assert {i: d for i, d in found.items() if d != 0.0} == {}


def _function_start(record: TaskRecord) -> int | None:
    """The first line (decorators included) of the innermost function holding the bug."""
    bug = bug_of(record)
    tree = ast.parse(record.shown[bug.file])
    holders = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.lineno <= bug.lines[0]
        and (node.end_lineno or 0) >= bug.lines[1]
    ]
    if not holders:
        return None
    inner = max(holders, key=lambda node: node.lineno)
    return min([inner.lineno, *(d.lineno for d in inner.decorator_list)])


def test_a_span_from_the_functions_first_line_to_the_bug_is_a_hit() -> None:
    tried = {}
    for record in SEEDED:
        start = _function_start(record)
        end = bug_of(record).lines[1]
        if start is None or end - start + 1 > SPAN_CAP:
            continue
        finding = at_bug(record, spec_of(record).category, lines=(start, end))
        tried[record.id] = grade(record, [finding]).review_score
    assert len(tried) >= 80
    assert {i: s for i, s in tried.items() if s != 1.0} == {}


def test_a_span_wider_than_the_cap_is_not_a_hit_but_a_false_positive() -> None:
    bug = bug_of(SQL)
    wide = at_bug(SQL, "sql-injection", lines=(bug.lines[1] - SPAN_CAP, bug.lines[1]))
    graded = grade(SQL, [wide])
    assert graded.bug_detection == 0.0 and graded.false_positives == 1.0
    assert graded.review_score == 0.0


def test_a_single_line_inside_the_span_is_a_hit_and_one_next_to_it_is_not() -> None:
    bug = bug_of(SQL)
    inside = at_bug(SQL, "sqli", lines=(bug.lines[1], bug.lines[1]))
    beside = at_bug(SQL, "sqli", lines=(bug.lines[1] + 1, bug.lines[1] + 1))
    assert grade(SQL, [inside]).review_score == 1.0
    assert grade(SQL, [beside]).bug_detection == 0.0


def test_the_explanation_alone_can_name_the_problem() -> None:
    says = "the search term is interpolated into the SQL text; use a placeholder"
    assert grade(SQL, [at_bug(SQL, "security", says)]).bug_detection == 1.0
    assert grade(SQL, [at_bug(SQL, "", says)]).category_match == 0.0


def test_an_explanation_naming_every_problem_names_none() -> None:
    kitchen_sink = "possible injection, race condition, resource leak, off by one or timing leak"
    assert grade(SQL, [at_bug(SQL, "bug", kitchen_sink)]).bug_detection == 0.0


def test_a_bug_reported_twice_is_matched_once() -> None:
    graded = grade(SQL, [at_bug(SQL, "sql-injection"), at_bug(SQL, "injection", severity="minor")])
    assert graded.bug_detection == 1.0 and graded.false_positives == 0.5
    assert graded.review_score == pytest.approx(0.8)


def test_synonyms_give_category_credit() -> None:
    # A flipped `<=` is labelled off-by-one; its operator family is kept in the tags.
    boundary = next(r for r in SEEDED if "comparison-boundary" in spec_of(r).tags)
    assert spec_of(boundary).category == "off-by-one"
    assert grade(boundary, [at_bug(boundary, "boundary-condition")]).category_match == 1.0
    swallowed = next(r for r in SEEDED if r.id == "outbox-relay-swallow")
    assert spec_of(swallowed).category == "error-handling"
    assert grade(swallowed, [at_bug(swallowed, "swallowed_exception")]).category_match == 1.0


@pytest.mark.parametrize(
    ("severity", "score"),
    [("critical", 0.4), ("major", 0.6), ("minor", 0.8), ("nit", 0.8), ("medium", 0.6), ("", 0.6)],
)
def test_one_spurious_finding_on_a_clean_twin_costs_its_severity(
    severity: str, score: float
) -> None:
    clean = CLEAN[0]
    path = sorted(clean.shown)[0]
    stray = Finding(file=path, line=3, category="style", severity=severity)
    assert grade(clean, [stray]).review_score == pytest.approx(score)


def test_the_worked_example_of_the_readme() -> None:
    """Bug found, one false major and one false minor: 1 - 0.4 * (1.0 + 0.5) = 0.4."""
    says = "the fragment is interpolated into the SQL"
    answer = [
        at_bug(SQL, "security", says, severity="critical", lines=(47, 54)),
        Finding(file="crm/customers.py", line=12, category="naming", severity="minor"),
        Finding(file="crm/customers.py", line=51, category="race-condition", severity="major"),
    ]
    graded = grade(SQL, answer)
    assert (graded.bug_detection, graded.false_positives) == (1.0, 1.5)
    assert graded.review_score == pytest.approx(0.4)
    assert grade(SQL, answer[1:]).review_score == 0.0
    assert review_score(1.0, 10.0) == 0.0 and review_score(None, 0.0) == 1.0


def test_run_precision_weighs_false_positives_by_severity() -> None:
    assert run_precision([(True, 0.0), (True, 0.5), (False, 1.5)]) == pytest.approx(2 / 4)
    assert run_precision([(False, 0.0)]) is None


def test_every_dataset_category_is_a_vocabulary_slug_and_every_bug_text_names_it() -> None:
    unknown = {spec_of(r).category for r in SEEDED if not VOCABULARY.is_slug(spec_of(r).category)}
    assert unknown == set()
    unnamed = {
        r.id: bug_of(r).description
        for r in SEEDED
        if spec_of(r).category not in VOCABULARY.text_problems(bug_of(r).description)
    }
    assert unnamed == {}


def test_every_bug_span_fits_under_the_cap() -> None:
    assert {r.id for r in SEEDED if bug_of(r).lines[1] - bug_of(r).lines[0] + 1 > SPAN_CAP} == set()


def test_a_finding_span_may_come_in_either_order_but_not_from_line_zero() -> None:
    assert Finding.model_validate({"file": "a.py", "lines": [9, 4]}).span == (4, 9)
    extracted = extract_findings('```json\n[{"file": "a.py", "lines": [0, 4]}]\n```')
    assert extracted.findings == [] and len(extracted.item_problems) == 1


# How a reviewer might put each bug in their own words, under a label that names nothing.
IN_OWN_WORDS = {
    "activity-feed-cursor-skip": "next_cursor comes from the look-ahead row, so one event is "
    "skipped at every page boundary",
    "contact-import-file-leak": "if a row fails validation the file is never closed; use a "
    "with block",
    "login-throttle-missing-await": "limiter.allow() is a coroutine and must be awaited, the "
    "if always sees a truthy object",
    "order-summary-n-plus-one": "this loop lazily loads lines and customer for each order, one "
    "query per order; use selectinload",
    "webhook-signature-timing": "use hmac.compare_digest: == short-circuits and leaks timing",
    "attachment-path-prefix": "startswith on the raw path lets ../bobby escape the owner's "
    "folder; compare resolved paths with is_relative_to",
    "audit-batch-shared-entries": "entries=[] is a mutable default shared by every batch",
    "wallet-debit-lost-update": "read-modify-write of the balance without a lock: two "
    "concurrent debits overwrite each other",
    "booking-offset-replace": "replace(tzinfo=utc) does not convert an offset timestamp, use "
    "astimezone",
    "charge-retry-new-key": "a new idempotency key on every retry means a lost response "
    "leads to a duplicate charge",
    "mut-backfill-job-ebf510": "Chunk(chunk_end, chunk_start) has its arguments the wrong way "
    "round",
    "mut-user-registration-email-verification-2ff768": "expires_at subtracts the token ttl "
    "instead of adding it, so every token is born expired",
    "mut-batch-dedup-pipeline-6a05a4": "on a tie the later row should win, so this needs >=",
    "mut-backfill-job-cd70ba": "the condition is inverted: it returns {} when the file exists",
    "mut-backfill-job-6ea891": "start >= end is never rejected, a reversed range passes validation",
    "mut-inventory-sync-monolith-c15ab7": "listed_skus.add(sku) was forgotten, so the sku is "
    "never stored and a repeated sku slips through",
    "mut-user-registration-email-verification-0404be": "display_name and email are passed the "
    "wrong way round to register",
    "mut-idempotent-event-consumer-bfa2fd": "returns True for a duplicate although the handler "
    "did not run",
    "mut-inventory-sync-monolith-618e1c": "-1 is the wrong value here: a whole cent has "
    "exponent -2",
    "mut-billing-engine-monolith-a817bd": "except InvalidOperation: pass swallows the parse error",
    "mut-billing-engine-monolith-9fd43e": "the next sequence number is off by one",
}


@pytest.mark.parametrize("task", sorted(IN_OWN_WORDS))
def test_an_explanation_in_a_reviewers_own_words_finds_the_bug(task: str) -> None:
    record = next(r for r in SEEDED if r.id == task)
    first = bug_of(record).lines[0]
    finding = at_bug(record, "bug", IN_OWN_WORDS[task], lines=(first, first))
    assert grade(record, [finding]).review_score == 1.0
