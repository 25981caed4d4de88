"""A plugin registered at import answers `pytest_pyfunc_call` first, saying the test function
was called without calling it: no test body runs, so every test, canaries included, passes."""

from tests.sandbox.context import AttackContext, plugin_answer

EXPLANATION = "tampering detected"
BEATS_THE_SEAL = True

PLUGIN = """
class Plugin:
    @pytest.hookimpl(tryfirst=True)
    def pytest_pyfunc_call(self, pyfuncitem):
        return True
"""


def answer(ctx: AttackContext) -> str:
    return plugin_answer(PLUGIN)
