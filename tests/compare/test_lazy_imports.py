"""What compare imports (#20 item 7): the heavy libraries only when they are used.

Each probe runs in a fresh interpreter: this test process has long imported inspect, scipy and
matplotlib for other tests.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

# inspect_ai.log alone is ~1.5 s of import, scipy.special ~0.3 s, matplotlib ~0.5 s.
HEAVY = ("inspect_ai", "matplotlib", "scipy", "jinja2", "pandas")


def loaded_after(code: str) -> set[str]:
    """The HEAVY top-level packages imported once ``code`` has run in a new interpreter."""
    probe = (
        f"{code}\nimport sys\n"
        f"print('LOADED', sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("LOADED"))
    return set(ast.literal_eval(line.removeprefix("LOADED ")))


def test_importing_compare_loads_none_of_the_heavy_libraries() -> None:
    assert loaded_after("import archbench.compare") == set()


def test_a_whole_comparison_needs_neither_inspect_nor_matplotlib(
    log_dir: Path, tmp_path: Path
) -> None:
    """Local `.eval` logs are read from the zip, flipped samples included; charts are SVG."""
    code = (
        "import contextlib, io\nfrom pathlib import Path\n"
        "from archbench.compare import run_comparison\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = run_comparison('pba@v1', 'pba@v2', Path({str(log_dir)!r}), "
        f"Path({str(tmp_path)!r}))\n"
        "assert code == 1, code\n"
    )
    # pandas holds the per-sample analysis (compare/_frames.py).
    assert loaded_after(code) == {"scipy", "jinja2", "pandas"}
    assert '<details class="flip">' in (tmp_path / "report.html").read_text()  # answers read


@pytest.mark.parametrize("command", ["compare", "trend"])
def test_command_help_loads_no_heavy_library(command: str) -> None:
    code = (
        "from archbench.cli import main\n"
        f"try:\n    main([{command!r}, '--help'])\nexcept SystemExit:\n    pass\n"
    )
    assert loaded_after(code) == set()
