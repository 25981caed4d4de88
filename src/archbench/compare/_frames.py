"""One run's per-sample scores as a pandas frame, and what pairing reads off it.

A run's records become one frame, a row per sample-epoch and a column per metric (NaN where a
metric went unscored), plus its sample id, epoch and whether it errored. Counting unscored
values, scoring errored epochs at a metric's error value and grouping each sample's epochs are
column operations on that frame, not loops over records.

pandas is imported here, on first use, and only compare's analysis imports this module: the
CLI's other commands and `--help` never pay its import (~0.3 s of CPU).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._records import SampleRecord

_SAMPLE, _EPOCH, _ERRORED = "sample_id", "epoch", "errored"


@dataclass(frozen=True)
class RunFrame:
    """One run's sample-epochs: a row each, a float column per metric, NaN where unscored."""

    frame: pd.DataFrame

    @classmethod
    def of(cls, records: Sequence[SampleRecord], metrics: Sequence[str]) -> RunFrame:
        # Column by column from the records: a frame built from their score dicts holds every
        # value as a Python object first (at 10,000 samples, +300 MiB of peak memory).
        columns: dict[str, np.ndarray] = {
            metric: np.fromiter(
                (_value(record.scores.get(metric)) for record in records), float, len(records)
            )
            for metric in metrics
        }
        columns[_SAMPLE] = np.array([record.sample_id for record in records], dtype=object)
        columns[_EPOCH] = np.fromiter((r.epoch for r in records), np.int64, len(records))
        columns[_ERRORED] = np.fromiter((r.errored for r in records), bool, len(records))
        return cls(pd.DataFrame(columns, copy=False))

    @property
    def errors(self) -> int:
        return int(self.frame[_ERRORED].sum())

    def unscored(self, metric: str) -> int:
        """Sample-epochs that ran but got no value for `metric` (a judge offline, say)."""
        return int((self.frame[metric].isna() & ~self.frame[_ERRORED]).sum())

    def epochs(self, metric: str, error_value: float | None) -> dict[str, tuple[float, ...]]:
        """Each sample's values for `metric` in epoch order: errored epochs at `error_value`
        (left out when it is None), unscored ones left out."""
        fill = np.nan if error_value is None else error_value
        filled = self.frame[metric].mask(self.frame[_ERRORED], fill)
        kept = (
            self.frame.assign(value=filled)
            .dropna(subset=["value"])
            .sort_values([_SAMPLE, _EPOCH], kind="stable")
        )
        return _grouped(kept[_SAMPLE].to_numpy(), kept["value"].to_numpy())


def _value(score: float | None) -> float:
    return np.nan if score is None else score


def _grouped(samples: np.ndarray, values: np.ndarray) -> dict[str, tuple[float, ...]]:
    """Consecutive runs of equal sample ids (the frame is sorted) -> their values."""
    if len(samples) == 0:
        return {}
    starts = np.flatnonzero(samples[1:] != samples[:-1]) + 1
    groups = np.split(values, starts)
    firsts = samples[np.concatenate(([0], starts))]
    return {
        str(sample): tuple(group.tolist()) for sample, group in zip(firsts, groups, strict=True)
    }
