from tests.sandbox.context import AttackContext, module_answer

EXPLANATION = "exceeded its"


def answer(ctx: AttackContext) -> str:
    return module_answer("while True:\n    pass\n")
