"""The labelled calibration set for `archbench judge-check`, derived from dataset ground truth.

Every label follows from something the project already knows, not from anyone's opinion:
- a reference solution passes its hidden tests and is the gold shape: every criterion met;
- hand-made variants pass the hidden tests but are worse in one way: `bloated` breaks both
  minimality criteria, `monolithic` and a refactor task's untouched starter break
  `mod-separation`, `fragmented` breaks `mod-granularity`;
- a seeded mutant of a reference fails a hidden test (`sa-behaviour` not met) through the same
  interface (`sa-interface` met); the reference with its modules moved breaks `sa-interface`;
- design answers are labelled point by point (`archbench.core.design_calibration`);
- a review naming a task's seeded bug found it (`design-key-point-1`, the bug being the one key
  point); a review naming a sibling mutant's bug, or reporting nothing, did not.

Labels are per criterion (`design-trap-2`); judge-check measures a judge per family (every
`design-trap-<n>` of every task pooled), as `criterion_family` names them.

Criteria without a ground truth for an item are left unlabelled for it, never guessed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from itertools import islice, zip_longest

from archbench.core.dataset import CodeTaskSpec, ReviewTaskSpec, SeededBug, TaskRecord
from archbench.core.design_calibration import KEY_POINT, LabelledAnswer, design_items
from archbench.core.harness import build_user_message
from archbench.core.judge import (
    JudgeSubject,
    prompt_hash,
    render_files,
    subject_for,
)
from archbench.core.judge_agreement import CriterionCheck, ValidationPolicy, check_criterion
from archbench.core.judge_rubric import (
    Rubric,
    criterion_family,
    rubric_hash,
)

# variant name -> (dimension, labels) for hand-made variants; they all pass the hidden tests.
VARIANT_LABELS: dict[str, tuple[str, dict[str, bool]]] = {
    "bloated": ("minimality", {"min-no-extras": False, "min-no-dead-code": False}),
    "monolithic": ("modularity", {"mod-separation": False}),
    "fragmented": ("modularity", {"mod-granularity": False}),
}
REFERENCE_LABELS: dict[str, dict[str, bool]] = {
    "spec_adherence": {"sa-behaviour": True, "sa-interface": True},
    "modularity": {"mod-separation": True, "mod-granularity": True},
    "minimality": {"min-no-extras": True, "min-no-dead-code": True},
}
RENAMED_SUFFIX = "_impl"
BUG_LABEL = "the seeded defect a sound review identifies"


@dataclass(frozen=True)
class CalibrationItem:
    """One answer, the dimension it is judged on, and the ground-truth label per criterion."""

    id: str
    dimension: str
    subject: JudgeSubject
    labels: Mapping[str, bool]


@dataclass(frozen=True)
class CalibrationSources:
    """Dataset records, and each code task's hand-made variants (task id -> name -> files)."""

    code: Sequence[TaskRecord]
    variants: Mapping[str, Mapping[str, Mapping[str, str]]]
    reviews: Sequence[TaskRecord]
    designs: Sequence[TaskRecord]
    # Hand-written, hand-labelled design answers (task id -> answers).
    design_answers: Mapping[str, Sequence[LabelledAnswer]] = field(default_factory=dict)


def build_calibration_set(sources: CalibrationSources) -> list[CalibrationItem]:
    by_id = {record.id: record for record in sources.code}
    items = [
        *_code_items(sources.code, sources.variants),
        *_mutant_items(sources.reviews, by_id),
        *(
            CalibrationItem(item.id, "design", item.subject, item.labels)
            for item in design_items(sources.designs, sources.design_answers)
        ),
        *_review_items(sources.reviews),
    ]
    return sorted(items, key=lambda item: item.id)


def _code_subject(record: TaskRecord, answer: Mapping[str, str]) -> JudgeSubject:
    return subject_for(record, build_user_message(record), render_files(answer))


def _code_items(
    records: Sequence[TaskRecord], variants: Mapping[str, Mapping[str, Mapping[str, str]]]
) -> Iterator[CalibrationItem]:
    for record in records:
        gold = _code_subject(record, record.gold)
        for dimension, labels in REFERENCE_LABELS.items():
            yield CalibrationItem(f"{dimension}/{record.id}/reference", dimension, gold, labels)
        for name, files in sorted(variants.get(record.id, {}).items()):
            yield from _variant_items(record, name, files)
        if record.kind == "refactor":
            starter = _code_subject(record, record.shown)
            labels = {"mod-separation": False}
            yield CalibrationItem(f"modularity/{record.id}/starter", "modularity", starter, labels)
        elif _moved_modules(record) != record.gold:
            renamed = _code_subject(record, _moved_modules(record))
            labels = {"sa-interface": False}
            yield CalibrationItem(
                f"spec_adherence/{record.id}/renamed", "spec_adherence", renamed, labels
            )


def _variant_items(
    record: TaskRecord, name: str, files: Mapping[str, str]
) -> Iterator[CalibrationItem]:
    if name not in VARIANT_LABELS:
        return
    subject = _code_subject(record, files)
    dimension, labels = VARIANT_LABELS[name]
    yield CalibrationItem(f"{dimension}/{record.id}/{name}", dimension, subject, labels)
    # Variants keep the behaviour and the interface: they pass every hidden test.
    yield CalibrationItem(
        f"spec_adherence/{record.id}/{name}",
        "spec_adherence",
        subject,
        REFERENCE_LABELS["spec_adherence"],
    )


def _moved_modules(record: TaskRecord) -> dict[str, str]:
    """The gold files with each interface module moved elsewhere: the stated imports break."""
    assert isinstance(record.spec, CodeTaskSpec)
    moved = set(record.spec.interface.modules)
    return {
        (path.removesuffix(".py") + RENAMED_SUFFIX + ".py" if path in moved else path): text
        for path, text in record.gold.items()
    }


def _mutant_items(
    reviews: Sequence[TaskRecord], code: Mapping[str, TaskRecord]
) -> Iterator[CalibrationItem]:
    """The first mutant of each code task, offered as an answer to that task."""
    for source_id, mutants in sorted(_mutants_by_source(reviews).items()):
        source = code.get(source_id)
        if source is None:
            continue
        answer = {path: text for path, text in mutants[0].shown.items() if path in source.gold}
        yield CalibrationItem(
            f"spec_adherence/{source_id}/mutant-{mutants[0].id}",
            "spec_adherence",
            _code_subject(source, answer),
            {"sa-behaviour": False, "sa-interface": True},
        )


def _mutants_by_source(reviews: Sequence[TaskRecord]) -> dict[str, list[TaskRecord]]:
    groups: dict[str, list[TaskRecord]] = defaultdict(list)
    for record in sorted(reviews, key=lambda r: r.id):
        spec = record.spec
        if isinstance(spec, ReviewTaskSpec) and spec.origin == "mutation" and spec.source_task:
            groups[spec.source_task].append(record)
    return dict(groups)


def _review_items(reviews: Sequence[TaskRecord]) -> Iterator[CalibrationItem]:
    """Reviews that found the seeded bug and reviews that missed it, judged as a design answer
    whose one key point is the bug (`design-key-point-1`).

    A mutant's miss is its sibling mutant's finding (same code, another defect); a hand-seeded
    task's miss is a review reporting nothing.
    """
    groups = _mutants_by_source(reviews)
    siblings = {m[0].id: m[1] for m in groups.values() if len(m) >= 2}
    for record in sorted(reviews, key=lambda r: r.id):
        spec = record.spec
        if not isinstance(spec, ReviewTaskSpec) or spec.bug is None:
            continue
        sibling = siblings.get(record.id)
        if spec.origin == "mutation" and sibling is None:
            continue
        missed = _sibling_findings(sibling) if sibling else findings_answer([])
        yield _review_item(record, spec.bug, "found", findings_answer([_finding(spec)]), True)
        yield _review_item(record, spec.bug, "missed", missed, False)


def _review_item(
    record: TaskRecord, bug: SeededBug, name: str, answer: str, found: bool
) -> CalibrationItem:
    point = f"identifies the defect in {bug.file} lines {bug.lines[0]}-{bug.lines[1]}: "
    point += bug.description
    reference = (
        f"Key points a sound answer covers:\n- {point}\n\nTraps a sound answer avoids:\n"
        "- (none listed)"
    )
    checklist = {"key_points": (point,)}
    subject = JudgeSubject(build_user_message(record), answer, reference, BUG_LABEL, checklist)
    return CalibrationItem(
        f"design/{record.id}/review-{name}", "design", subject, {f"{KEY_POINT}-1": found}
    )


def _sibling_findings(sibling: TaskRecord) -> str:
    assert isinstance(sibling.spec, ReviewTaskSpec)
    return findings_answer([_finding(sibling.spec)])


def _finding(spec: ReviewTaskSpec) -> dict[str, object]:
    assert spec.bug is not None
    return {
        "file": spec.bug.file,
        "line": spec.bug.lines[0],
        "category": spec.category,
        "severity": "major",
        "explanation": spec.bug.description,
    }


def findings_answer(findings: Sequence[Mapping[str, object]]) -> str:
    """A review answer in the harness's findings protocol."""
    summary = f"I found {len(findings)} issue(s) worth fixing." if findings else "No issues found."
    return f"{summary}\n\n```json\n{json.dumps(list(findings), indent=2)}\n```\n"


def label_counts(items: Sequence[CalibrationItem]) -> dict[str, tuple[int, int]]:
    """criterion family -> (labels met, labels not met); an item may label several of a family."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        for criterion, met in item.labels.items():
            counts[criterion_family(criterion)][0 if met else 1] += 1
    return {criterion: (met, not_met) for criterion, (met, not_met) in sorted(counts.items())}


def select_items(items: Sequence[CalibrationItem], per_dimension: int) -> list[CalibrationItem]:
    """At most `per_dimension` items of each dimension, taken in turn from each kind of label.

    Round-robin over label patterns keeps both classes of every criterion represented when a
    costly judge is checked on a sample of the set.
    """
    groups: dict[tuple[str, tuple[tuple[str, bool], ...]], list[CalibrationItem]] = defaultdict(
        list
    )
    for item in sorted(items, key=lambda i: i.id):
        groups[(item.dimension, _label_pattern(item))].append(item)
    chosen: list[CalibrationItem] = []
    for dimension in sorted({item.dimension for item in items}):
        queues = [group for key, group in sorted(groups.items()) if key[0] == dimension]
        chosen.extend(_take_in_turn(queues, per_dimension))
    return sorted(chosen, key=lambda item: item.id)


def _label_pattern(item: CalibrationItem) -> tuple[tuple[str, bool], ...]:
    """The (family, label) pairs an item holds: a design answer's six key points are one kind."""
    return tuple(sorted({(criterion_family(c), met) for c, met in item.labels.items()}))


def _take_in_turn(queues: list[list[CalibrationItem]], limit: int) -> list[CalibrationItem]:
    """Up to `limit` items, one from the head of each queue in turn, until the queues run out."""
    rounds = zip_longest(*queues)  # a round holds None for each queue already used up
    interleaved = (item for round_ in rounds for item in round_ if item is not None)
    return list(islice(interleaved, max(limit, 0)))


@dataclass(frozen=True)
class ItemVerdicts:
    """The judge's two independent runs on one item: criterion -> met (None if unscored)."""

    item: CalibrationItem
    first: Mapping[str, bool | None]
    second: Mapping[str, bool | None]


@dataclass(frozen=True)
class DimensionCheck:
    """judge-check's verdict on one judge model and one rubric (by hash)."""

    dimension: str
    rubric_hash: str
    judge_model: str
    criteria: tuple[CriterionCheck, ...]

    @property
    def passed(self) -> bool:
        return bool(self.criteria) and all(check.passed for check in self.criteria)

    def as_record(self, policy: ValidationPolicy) -> dict[str, object]:
        return {
            "dimension": self.dimension,
            "rubric_hash": self.rubric_hash,
            "judge_model": self.judge_model,
            "prompt_hash": prompt_hash(),
            "passed": self.passed,
            "policy": asdict(policy),
            "criteria": [{**asdict(check), "passed": check.passed} for check in self.criteria],
        }


def check_dimension(
    rubric: Rubric,
    judge_model: str,
    verdicts: Sequence[ItemVerdicts],
    policy: ValidationPolicy,
) -> DimensionCheck:
    """Every criterion family of the rubric checked on the labels of its criteria; none skipped.

    A per-item family pools its criteria over every item: each key point of each design answer
    is one labelled verdict of `design-key-point`.
    """
    checks = []
    for family in rubric.families:
        rows = [
            (v, criterion)
            for v in verdicts
            for criterion in sorted(v.item.labels)
            if criterion_family(criterion) == family
        ]
        checks.append(
            check_criterion(
                family,
                [v.item.labels[criterion] for v, criterion in rows],
                [v.first.get(criterion) for v, criterion in rows],
                [v.second.get(criterion) for v, criterion in rows],
                policy,
            )
        )
    return DimensionCheck(rubric.dimension, rubric_hash(rubric), judge_model, tuple(checks))
