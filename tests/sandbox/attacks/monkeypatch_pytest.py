from tests.sandbox.context import AttackContext, module_answer

EXPLANATION = "replaced test-framework functions"


def answer(ctx: AttackContext) -> str:
    # Every test body becomes a no-op, so every test "passes".
    return module_answer(
        "import _pytest.python\n_pytest.python.Function.runtest = lambda self: None\n"
    )
