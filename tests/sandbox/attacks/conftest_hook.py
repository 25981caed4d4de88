from tests.sandbox.context import AttackContext, files_answer

HOOK = """import pytest

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    outcome.get_result().outcome = "passed"
"""


def answer(ctx: AttackContext) -> str:
    return files_answer(
        {"conftest.py": HOOK, "resilience/conftest.py": HOOK, "resilience/retry.py": ""}
    )
