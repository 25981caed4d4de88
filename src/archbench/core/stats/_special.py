"""``scipy.special``, imported on first use.

It costs ~0.3 s of CPU to import (its array-API layer loads numpy.f2py and parses docstrings),
which `import archbench.compare`, `archbench compare --help` and every command that only
registers its parser should not pay; the statistics that need it import it when they run.
"""

from __future__ import annotations

from typing import Any


def special() -> Any:
    """The ``scipy.special`` module (Any: scipy ships no type information)."""
    import scipy.special

    return scipy.special
