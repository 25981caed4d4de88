"""Paired, epoch-aware statistics for "did prompt version B regress against version A?".

The unit of analysis is the *sample*, not the epoch: each sample's epochs are averaged within each
version first, then every test works on the per-sample paired differences
``d_i = mean_candidate_i - mean_base_i`` (E. Miller, "Adding Error Bars to Evals",
arXiv 2411.00640, sections 2-4). Treating epochs as independent samples understates the standard
error whenever the prompt change interacts with the sample, which inflates false regressions.

The array functions (``paired_t_test``, ``holm_adjust``, ``regression_mask``) are vectorised over
leading axes so that the same code serves one comparison and thousands of simulated ones.

Pure package: numpy and scipy.special only (scipy.stats costs about a second of import time per
command), no I/O. Distribution functions: ``stdtr``/``stdtrit`` are Student's t CDF and inverse,
``ndtri`` the standard normal quantile, ``bdtrc`` the binomial upper tail.

Modules: ``_significance`` (the array statistics), ``_gate`` (one row per (task, metric), flip
labels, Holm across rows and the verdicts).
"""

from archbench.core.stats._gate import (
    FlipCounts,
    FlipLabel,
    GatedComparison,
    GateSettings,
    MetricComparison,
    SampleDelta,
    SampleEpochs,
    Verdict,
    apply_gate,
    compare_metric,
    count_flips,
    decide_verdict,
    flip_label,
    is_binary,
)
from archbench.core.stats._significance import (
    FloatArray,
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

__all__ = [
    "FlipCounts",
    "FlipLabel",
    "FloatArray",
    "GateSettings",
    "GatedComparison",
    "MetricComparison",
    "PairedTTest",
    "SampleDelta",
    "SampleEpochs",
    "Verdict",
    "apply_gate",
    "binomial_upper_tail",
    "compare_metric",
    "correlation",
    "count_flips",
    "decide_verdict",
    "flip_label",
    "holm_adjust",
    "is_binary",
    "mcnemar_exact_p",
    "paired_t_test",
    "regression_mask",
    "samples_needed",
    "sign_flip_p_value",
]
