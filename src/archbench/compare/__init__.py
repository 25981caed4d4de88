"""Compare two agent prompt versions from their inspect logs: `archbench compare` and `trend`.

Vocabulary:
- ``run_comparison``: the whole command as a function (compare, write, print; exit code).
- ``compare_versions``: a ``Report`` (``archbench.core.report_model``) from a log directory.
- ``write_report``: report.json, report.md and report.html; ``to_*``: each format as text.
- ``add_compare_parser`` / ``add_trend_parser``: register the commands on the archbench CLI.
The statistics are in ``archbench.core.stats``.
"""

from ._analysis import (
    DEFAULT_LOWER_IS_BETTER,
    CompareOptions,
    PriceTable,
    build_report,
    find_mismatches,
    price_for,
    summarise_usage,
)
from ._command import (
    add_compare_parser,
    add_trend_parser,
    compare_versions,
    default_out_dir,
    exit_code,
    run_comparison,
    write_report,
)
from ._errors import CompareInputError, LogStatusError, RunMismatchError
from ._logs import load_version, select_logs
from ._plan import (
    PLAN_METRICS,
    ROUTING_TASK,
    Cost,
    Observed,
    Plan,
    RowInput,
    make_plan,
    observed_components,
    planned_metrics,
)
from ._plan_render import to_markdown as plan_to_markdown
from ._plan_render import to_text as plan_to_text
from ._prices import load_prices
from ._records import VersionRuns
from ._render import to_html, to_json, to_markdown, to_terminal

__all__ = [
    "DEFAULT_LOWER_IS_BETTER",
    "PLAN_METRICS",
    "ROUTING_TASK",
    "CompareInputError",
    "CompareOptions",
    "Cost",
    "LogStatusError",
    "Observed",
    "Plan",
    "PriceTable",
    "RowInput",
    "RunMismatchError",
    "VersionRuns",
    "add_compare_parser",
    "add_trend_parser",
    "build_report",
    "compare_versions",
    "default_out_dir",
    "exit_code",
    "find_mismatches",
    "load_prices",
    "load_version",
    "make_plan",
    "observed_components",
    "plan_to_markdown",
    "plan_to_text",
    "planned_metrics",
    "price_for",
    "run_comparison",
    "select_logs",
    "summarise_usage",
    "to_html",
    "to_json",
    "to_markdown",
    "to_terminal",
    "write_report",
]
