"""#16 item 7: the static screen names every introspection primitive, and nothing in honest code."""

from __future__ import annotations

import importlib

import pytest

from archbench.core.answer import extract_files
from archbench.core.dataset import CodeTaskSpec
from archbench.core.screening import suspicious_uses
from archbench.io.datasets import load_kind
from tests.conftest import PROJECT_ROOT
from tests.sandbox.context import AttackContext

CASES = {
    "import sys\nf = sys._getframe(1)\n": "frame walking (sys._getframe)",
    "import inspect\nf = inspect.currentframe()\n": "frame walking (inspect.currentframe)",
    "def f(frame):\n    return frame.f_back.f_locals\n": "frame walking (f_back)",
    "import gc\nobjs = gc.get_objects()\n": "heap scanning (gc.get_objects)",
    "import gc\nrefs = gc.get_referrers(1)\n": "heap scanning (gc.get_referrers)",
    "data = open('/proc/self/mem', 'rb')\n": "process memory or environment read",
    "env = open('/proc/1/environ').read()\n": "process memory or environment read",
    "def pytest_configure(config):\n    config.pluginmanager.register(1)\n": "pluginmanager",
    "pytest_plugins = ['evil']\n": "pytest plugin registration (pytest_plugins)",
    "import sys\nsys.modules['pytest'] = object()\n": "sys.modules[...] assignment",
    "import sys\nsys.modules.update(pytest=1)\n": "module swapping (sys.modules.update)",
    "import sys\nsetattr(sys.modules, 'x', 1)\n": "module swapping (setattr on sys.modules)",
    "import builtins\nbuiltins.open = None\n": "builtins patching (builtins assignment)",
    "__builtins__['print'] = None\n": "builtins patching (__builtins__ assignment)",
    "import builtins\nsetattr(builtins, 'len', None)\n": "builtins patching (setattr on builtins)",
    "import atexit\natexit.register(print)\n": "code run after the tests (atexit.register)",
    "from atexit import register\n": "imports atexit",
    "import ctypes\n": "imports ctypes",
}


@pytest.mark.parametrize(("source", "expected"), CASES.items(), ids=range(len(CASES)))
def test_each_primitive_is_named_with_its_line(source: str, expected: str) -> None:
    uses = suspicious_uses({"pkg/mod.py": source})
    assert any(expected in use for use in uses), uses
    assert all(use.startswith("pkg/mod.py:") for use in uses)


def test_the_line_is_the_use_not_the_import() -> None:
    uses = suspicious_uses({"a.py": "import gc\n\n\nx = gc.get_objects()\n"})
    assert uses == ["a.py:4: heap scanning (gc.get_objects)"]


def test_non_python_and_unparsable_files_are_skipped() -> None:
    assert suspicious_uses({"notes.md": "sys._getframe()", "bad.py": "def (:\n"}) == []


def test_every_reference_solution_screens_clean() -> None:
    """Honest code: no reference of an implement or refactor task trips the screen."""
    flagged = {}
    for kind in ("implement", "refactor"):
        for record in load_kind(kind, PROJECT_ROOT / "datasets").records:
            assert isinstance(record.spec, CodeTaskSpec)
            uses = suspicious_uses({**record.shown, **record.gold})
            if uses:
                flagged[record.id] = uses
    assert flagged == {}


@pytest.mark.parametrize("attack", ["monkeypatch_pytest", "fifo_report", "conftest_hook"])
def test_sandbox_attacks_that_use_introspection_are_flagged(attack: str) -> None:
    module = importlib.import_module(f"tests.sandbox.attacks.{attack}")
    answer = module.answer(AttackContext(PROJECT_ROOT, 1, ()))
    assert suspicious_uses(extract_files(answer).files)


def test_test_framework_patching_and_hooks_are_named() -> None:
    uses = suspicious_uses(
        {
            "a.py": "import _pytest.python\n_pytest.python.Function.runtest = None\n",
            "conftest.py": "import pytest\n@pytest.hookimpl(hookwrapper=True)\ndef h(item): ...\n",
            "b.py": "def pytest_runtest_makereport(item, call): ...\n",
        }
    )
    assert "a.py:1: imports pytest internals (_pytest.python)" in uses
    assert "a.py:2: test framework patching (_pytest.python.Function assignment)" in uses
    assert "conftest.py:3: pytest hook implementation (h)" in uses
    assert "b.py:1: pytest hook implementation (pytest_runtest_makereport)" in uses
