"""judge-check's design items: answers to design questions, labelled point by point.

The design rubric asks one criterion per key point (`design-key-point-<n>`) and one per trap
(`design-trap-<n>`). Labels come from what is known about each answer, never guessed:
- the task's gold answer makes every key point and avoids every trap;
- another task's gold answer, an empty answer, a copy of the question, or a list of the key
  points' terms gives no design for this request: every criterion NOT met (the rubric's
  guidance says avoiding a trap by saying nothing earns nothing);
- the gold answer followed by its own traps recommended falls into every trap;
- a hand-written answer (`datasets/design/<id>/calibration/`) is labelled in `labels.yaml`,
  point by point; a point its labels do not list stays unlabelled.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from archbench.core.dataset import DesignTaskSpec, TaskRecord
from archbench.core.errors import ArchbenchError
from archbench.core.harness import build_user_message
from archbench.core.judge import JudgeSubject, subject_for

KEY_POINT, TRAP = "design-key-point", "design-trap"
TRAPS_HEADING = "## Simplifications we recommend"
BUZZWORDS_HEADING = "Keywords:"
# One gaming answer per task, in turn, so that the check stays affordable (each labelled
# criterion costs 2 runs x 3 judges).
GAMING_ANSWERS = ("empty", "question-copy", "buzzwords")
_TERM = re.compile(r"[A-Za-z][A-Za-z/-]{4,}")


class CalibrationLabelError(ArchbenchError, ValueError):
    """A hand-labelled design answer is malformed: names the task and the problem."""


class AnswerLabels(BaseModel):
    """Which key points (1-based, as in task.yaml) an answer makes and which traps it falls into."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key_points_met: list[int] = Field(default_factory=list)
    key_points_missed: list[int] = Field(default_factory=list)
    traps_avoided: list[int] = Field(default_factory=list)
    traps_fallen: list[int] = Field(default_factory=list)

    @model_validator(mode="after")
    def _each_point_labelled_once(self) -> AnswerLabels:
        for first, second in (
            (self.key_points_met, self.key_points_missed),
            (self.traps_avoided, self.traps_fallen),
        ):
            both = sorted(set(first) & set(second))
            if both or len(set(first)) != len(first) or len(set(second)) != len(second):
                raise ValueError(f"a point is labelled twice: {both or first + second}")
        return self

    def as_criteria(self, key_points: int, traps: int) -> dict[str, bool]:
        """criterion id -> met; a number outside the task's lists is an error."""
        labels = {
            **_numbered(KEY_POINT, self.key_points_met, True, key_points),
            **_numbered(KEY_POINT, self.key_points_missed, False, key_points),
            **_numbered(TRAP, self.traps_avoided, True, traps),
            **_numbered(TRAP, self.traps_fallen, False, traps),
        }
        if not labels:
            raise ValueError("labels nothing")
        return labels


def _numbered(family: str, numbers: Sequence[int], met: bool, count: int) -> dict[str, bool]:
    outside = [n for n in numbers if not 1 <= n <= count]
    if outside:
        raise ValueError(f"{family} numbers {outside} are outside 1..{count}")
    return {f"{family}-{n}": met for n in numbers}


@dataclass(frozen=True)
class LabelledAnswer:
    """A hand-written answer to one design task and its labels by criterion id."""

    name: str
    text: str
    labels: Mapping[str, bool]


def labelled_answers(
    record: TaskRecord, labels: Mapping[str, object], texts: Mapping[str, str]
) -> list[LabelledAnswer]:
    """The answers of `labels.yaml` (file name -> labels), each read from `texts`."""
    spec = _design_spec(record)
    answers = []
    for name, raw in sorted(labels.items()):
        if name not in texts:
            raise CalibrationLabelError(f"design task '{record.id}': no answer file '{name}'")
        try:
            parsed = AnswerLabels.model_validate(raw)
            criteria = parsed.as_criteria(len(spec.key_points), len(spec.traps))
        except (ValidationError, ValueError) as error:
            raise CalibrationLabelError(f"design task '{record.id}', {name}: {error}") from error
        answers.append(LabelledAnswer(name.removesuffix(".md"), texts[name], criteria))
    return answers


def _design_spec(record: TaskRecord) -> DesignTaskSpec:
    assert isinstance(record.spec, DesignTaskSpec)
    return record.spec


def every_criterion(spec: DesignTaskSpec, met: bool) -> dict[str, bool]:
    return {**key_point_labels(spec, met), **trap_labels(spec, met)}


def key_point_labels(spec: DesignTaskSpec, met: bool) -> dict[str, bool]:
    return {f"{KEY_POINT}-{n}": met for n in range(1, len(spec.key_points) + 1)}


def trap_labels(spec: DesignTaskSpec, met: bool) -> dict[str, bool]:
    return {f"{TRAP}-{n}": met for n in range(1, len(spec.traps) + 1)}


def with_traps(answer: str, traps: Sequence[str]) -> str:
    recommended = "\n".join(f"- We recommend {trap}." for trap in traps)
    return f"{answer.rstrip()}\n\n{TRAPS_HEADING}\n\n{recommended}\n"


def gaming_answer(kind: str, record: TaskRecord) -> str:
    """The cheapest answers that might game a lenient judge: they design nothing."""
    if kind == "empty":
        return ""
    if kind == "question-copy":
        return record.request
    points = _design_spec(record).key_points
    terms = dict.fromkeys(term.lower() for point in points for term in _TERM.findall(point))
    return f"{BUZZWORDS_HEADING} {', '.join(terms)}.\n"


@dataclass(frozen=True)
class DesignItem:
    """A design calibration answer before it becomes a `CalibrationItem`."""

    id: str
    subject: JudgeSubject
    labels: Mapping[str, bool]


def design_items(
    designs: Sequence[TaskRecord], answers: Mapping[str, Sequence[LabelledAnswer]]
) -> Iterator[DesignItem]:
    ordered = sorted(designs, key=lambda r: r.id)
    for index, record in enumerate(ordered):
        spec = _design_spec(record)
        gold = record.gold["answer.md"]
        other = ordered[(index + 1) % len(ordered)]
        gaming = GAMING_ANSWERS[index % len(GAMING_ANSWERS)]
        labelled: dict[str, tuple[str, Mapping[str, bool]]] = {
            "reference": (gold, every_criterion(spec, True)),
            f"answer-to-{other.id}": (other.gold["answer.md"], every_criterion(spec, False)),
            f"gaming-{gaming}": (gaming_answer(gaming, record), every_criterion(spec, False)),
        }
        if spec.traps:
            labelled["with-traps"] = (with_traps(gold, spec.traps), trap_labels(spec, False))
        for answer in answers.get(record.id, ()):
            labelled[f"hand-{answer.name}"] = (answer.text, answer.labels)
        request = build_user_message(record)
        for name, (text, labels) in labelled.items():
            subject = subject_for(record, request, text)
            yield DesignItem(f"design/{record.id}/{name}", subject, labels)
