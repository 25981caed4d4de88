"""compare's per-sample frame (#20 item 7): errors, unscored values and epochs, as columns."""

from __future__ import annotations

from archbench.compare._frames import RunFrame
from archbench.compare._records import SampleRecord


def record(sample: str, epoch: int, **scores: float | None) -> SampleRecord:
    return SampleRecord(sample_id=sample, epoch=epoch, scores=scores)


def crashed(sample: str, epoch: int) -> SampleRecord:
    return SampleRecord(sample_id=sample, epoch=epoch, scores={}, errored=True)


RECORDS = [
    record("b", 2, spec=1.0, judge=None),
    record("a", 1, spec=0.5, judge=0.25),
    crashed("a", 2),
    record("b", 1, spec=0.0, judge=0.75),
    record("c", 1, spec=None, judge=None),
]


def test_epochs_are_grouped_per_sample_in_epoch_order_with_errors_at_their_value() -> None:
    frame = RunFrame.of(RECORDS, ["spec", "judge"])
    assert frame.epochs("spec", 0.0) == {"a": (0.5, 0.0), "b": (0.0, 1.0)}
    assert frame.epochs("judge", 0.0) == {"a": (0.25, 0.0), "b": (0.75,)}


def test_an_error_without_a_meaningful_value_is_left_out_and_counted() -> None:
    frame = RunFrame.of(RECORDS, ["spec", "judge"])
    assert frame.epochs("spec", None) == {"a": (0.5,), "b": (0.0, 1.0)}
    assert frame.errors == 1


def test_unscored_values_are_counted_never_zeros_and_errors_are_not_unscored() -> None:
    frame = RunFrame.of(RECORDS, ["spec", "judge"])
    assert frame.unscored("spec") == 1
    assert frame.unscored("judge") == 2
    assert "c" not in frame.epochs("judge", 0.0)


def test_a_metric_no_record_has_is_all_unscored() -> None:
    frame = RunFrame.of(RECORDS, ["missing"])
    assert frame.epochs("missing", None) == {}
    assert frame.unscored("missing") == 4
    assert RunFrame.of([], ["spec"]).epochs("spec", 0.0) == {}
