from tests.sandbox.context import AttackContext, module_answer

EXPLANATION = "replaced test-framework functions"


def answer(ctx: AttackContext) -> str:
    return module_answer(
        "import _pytest.runner, unittest\n"
        "unittest.TestCase.assertEqual = lambda self, a, b, msg=None: None\n"
        "original = _pytest.runner.call_and_report\n"
        "def passing(item, when, log=True, **kwargs):\n"
        "    report = original(item, when, log=False, **kwargs)\n"
        "    report.outcome = 'passed'\n"
        "    if log:\n"
        "        item.ihook.pytest_runtest_logreport(report=report)\n"
        "    return report\n"
        "_pytest.runner.call_and_report = passing\n"
    )
