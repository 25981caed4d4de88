from tests.sandbox.context import AttackContext, module_answer

EXPLANATION = "CPU time limit exceeded"


def answer(ctx: AttackContext) -> str:
    return module_answer("while True:\n    pass\n")
