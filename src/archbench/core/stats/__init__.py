"""Paired, epoch-aware statistics for "did prompt version B regress against version A?".

The unit of analysis is the *sample*, not the epoch: each sample's epochs are averaged within each
version first, then every test works on the per-sample paired differences
``d_i = mean_candidate_i - mean_base_i`` (E. Miller, "Adding Error Bars to Evals",
arXiv 2411.00640, sections 2-4). Treating epochs as independent samples understates the standard
error whenever the prompt change interacts with the sample, which inflates false regressions.

Which test decides a row: exact sign-flip enumeration up to ``EXACT_MAX_N`` paired samples, the
paired t test above; single-epoch 0/1 data must also pass exact McNemar. Intervals: Newcombe's
paired Wilson interval for single-epoch 0/1 data, the t interval clipped to [-1, 1] for other
bounded metrics.

The array functions (``paired_t_test``, ``holm_adjust``, ``regression_mask``) are vectorised over
leading axes so that the same code serves one comparison and thousands of simulated ones.

Pure package: numpy and scipy.special only (scipy.stats costs about a second of import time per
command), no I/O; scipy.special itself is imported on first use (``_special``). Distribution
functions: ``stdtr``/``stdtrit`` are Student's t CDF and inverse, ``ndtri`` the standard normal
quantile, ``bdtrc`` the binomial upper tail.

Modules: ``_significance`` (the array statistics), ``_exact`` (exact sign flips, Wilson and
Newcombe intervals), ``_types`` (value types), ``_metric`` (one row per (task, metric) and flip
labels), ``_gate`` (Holm across rows, the row verdicts and the comparison's outcome).
"""

from archbench.core.stats._arrays import FloatArray
from archbench.core.stats._exact import (
    EXACT_MAX_N,
    exact_sign_flip_p,
    newcombe_paired_interval,
    wilson_interval,
)
from archbench.core.stats._gate import (
    GatedComparison,
    apply_gate,
    decide_outcome,
    decide_verdict,
)
from archbench.core.stats._metric import compare_metric, count_flips, flip_label, is_binary
from archbench.core.stats._significance import (
    PairedTTest,
    binomial_upper_tail,
    correlation,
    holm_adjust,
    mcnemar_exact_p,
    paired_t_test,
    regression_mask,
    samples_needed,
    sign_flip_p_value,
)
from archbench.core.stats._types import (
    Decision,
    FlipCounts,
    FlipLabel,
    GateSettings,
    Interval,
    MetricComparison,
    Outcome,
    SampleDelta,
    SampleEpochs,
    Verdict,
)

from ._power import (
    PowerTarget,
    VarianceComponents,
    assumed_components,
    detectable_drop,
    epochs_for,
    estimate_components,
    power_at,
    rate_components,
    samples_for,
)

__all__ = [
    "EXACT_MAX_N",
    "Decision",
    "FlipCounts",
    "FlipLabel",
    "FloatArray",
    "GateSettings",
    "GatedComparison",
    "Interval",
    "MetricComparison",
    "Outcome",
    "PairedTTest",
    "PowerTarget",
    "SampleDelta",
    "SampleEpochs",
    "VarianceComponents",
    "Verdict",
    "apply_gate",
    "assumed_components",
    "binomial_upper_tail",
    "compare_metric",
    "correlation",
    "count_flips",
    "decide_outcome",
    "decide_verdict",
    "detectable_drop",
    "epochs_for",
    "estimate_components",
    "exact_sign_flip_p",
    "flip_label",
    "holm_adjust",
    "is_binary",
    "mcnemar_exact_p",
    "newcombe_paired_interval",
    "paired_t_test",
    "power_at",
    "rate_components",
    "regression_mask",
    "samples_for",
    "samples_needed",
    "sign_flip_p_value",
    "wilson_interval",
]
