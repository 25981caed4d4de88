"""Which samples flipped between the two versions, and which epoch of each side to show.

Pure: reads the report's per-sample results and the runs' records, never a log. A binary metric
flips when its epoch-averaged score moves by at least half the scale (one epoch: pass <-> fail;
three epochs: a majority changed); a continuous metric flips when it moves by more than the
row's margin, the drop the gate calls a regression.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from archbench.core.registry import metric_spec
from archbench.core.report_flips import FlipMetric
from archbench.core.report_model import Report, SampleMetric, SampleResult

from ._records import SampleRecord, TaskRun, VersionRuns

# A binary metric's epoch mean moving this far is a pass <-> fail change (tau of the flip labels).
BINARY_FLIP = 0.5


@dataclass(frozen=True)
class SideRef:
    """Where one version's answer to a sample is: (log file, sample id, epoch)."""

    log_file: str
    sample_id: str
    epoch: int


@dataclass(frozen=True)
class FlippedSample:
    """A sample that flipped, and the metrics that moved (regressions first)."""

    task: str
    sample_id: str
    metrics: tuple[FlipMetric, ...]

    @property
    def regressed(self) -> bool:
        return any(m.change == "regressed" for m in self.metrics)


@dataclass(frozen=True)
class FlipRequest(FlippedSample):
    """A flipped sample and the two answers to read for it."""

    base: SideRef
    candidate: SideRef


def is_flip(metric: str, value: SampleMetric, delta: float) -> bool:
    """Whether one sample's change on one metric counts as a flip."""
    spec = metric_spec(metric)
    if spec is not None and spec.binary:
        return abs(value.diff) >= BINARY_FLIP
    return abs(value.diff) > delta


def flipped_metrics(sample: SampleResult, deltas: Mapping[str, float]) -> tuple[FlipMetric, ...]:
    """The sample's metrics that flipped, regressions first."""
    moved = [
        FlipMetric(
            metric=name, base=value.base, candidate=value.candidate, diff=value.diff,
            change="improved" if value.diff > 0 else "regressed",
        )
        for name, value in sorted(sample.metrics.items())
        if name in deltas and is_flip(name, value, deltas[name])
    ]  # fmt: skip
    return tuple(sorted(moved, key=lambda m: m.diff))


def shown_epoch(records: Sequence[SampleRecord], sample_id: str, metric: str) -> int:
    """The epoch whose score on ``metric`` is nearest the sample's mean: a typical answer, not
    the most extreme one (ties: the earliest epoch). ``records`` may be the sample's own."""
    scored = [
        (r.epoch, value)
        for r in records
        if r.sample_id == sample_id and (value := r.scores.get(metric)) is not None
    ]
    if not scored:
        return 1
    mean = sum(value for _, value in scored) / len(scored)
    return min(scored, key=lambda item: (abs(item[1] - mean), item[0]))[0]


class _Epochs:
    """Each run's records grouped by sample once: a report can have thousands of flips."""

    def __init__(self) -> None:
        self._by_run: dict[str, dict[str, list[SampleRecord]]] = {}

    def side(self, run: TaskRun, sample_id: str, metric: str) -> SideRef:
        if run.log_file not in self._by_run:
            grouped: dict[str, list[SampleRecord]] = defaultdict(list)
            for record in run.records:
                grouped[record.sample_id].append(record)
            self._by_run[run.log_file] = grouped
        records = self._by_run[run.log_file].get(sample_id, [])
        return SideRef(run.log_file, sample_id, shown_epoch(records, sample_id, metric))


def find_flips(report: Report) -> list[FlippedSample]:
    """Every flipped sample: regressions first, then by the largest drop, then by id."""
    deltas: dict[str, dict[str, float]] = {}
    for row in report.rows:
        deltas.setdefault(row.task, {})[row.metric] = row.delta
    flips = []
    for sample in report.samples:
        metrics = flipped_metrics(sample, deltas.get(sample.task, {}))
        if metrics:
            flips.append(FlippedSample(sample.task, sample.sample_id, metrics))
    return sorted(flips, key=lambda f: (not f.regressed, f.metrics[0].diff, f.task, f.sample_id))


def answer_requests(
    flips: Sequence[FlippedSample], base: VersionRuns, candidate: VersionRuns
) -> list[FlipRequest]:
    """Which epoch of each side to show for ``flips``: the one typical of the first metric
    that moved. Only the flips a report shows need this, out of possibly thousands."""
    epochs = _Epochs()
    return [
        FlipRequest(
            task=flip.task,
            sample_id=flip.sample_id,
            metrics=flip.metrics,
            base=epochs.side(base.runs[flip.task], flip.sample_id, flip.metrics[0].metric),
            candidate=epochs.side(
                candidate.runs[flip.task], flip.sample_id, flip.metrics[0].metric
            ),
        )
        for flip in flips
    ]
