"""Register a plugin at import (the live pytest Config found on the heap) whose report hook
turns every failed test into a pass. No watched function is replaced, so the seal holds; every
canary is reported passing too."""

from tests.sandbox.context import AttackContext, module_answer

EXPLANATION = "tampering detected"

SOURCE = """import gc
import pytest
from _pytest.config import Config


class FlipFailures:
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if report.failed:
            report.outcome = "passed"
            report.longrepr = None


config = next(o for o in gc.get_objects() if isinstance(o, Config))
config.pluginmanager.register(FlipFailures(), "flip-failures")


def retry(**options):
    return lambda function: function
"""


def answer(ctx: AttackContext) -> str:
    return module_answer(SOURCE)
