from tests.sandbox.context import AttackContext, module_answer

EXPLANATION = "before the harness sealed its report"


def answer(ctx: AttackContext) -> str:
    return module_answer("import os\nos._exit(0)\n")
