"""Sales report generator.

Usage: python -m reports.sales_report sales.csv [--format text|json]
       [--group-by region|product|month] [--output report.txt]

The code lives in the modules imported below; this module keeps the public import path.
"""

import sys

from reports.cli import main
from reports.errors import ReportError
from reports.pipeline import generate_report

__all__ = ["ReportError", "generate_report", "main"]

if __name__ == "__main__":
    sys.exit(main())
