from tests.sandbox.context import AttackContext, module_answer

EXPLANATION = "CPU time limit"


def answer(ctx: AttackContext) -> str:
    return module_answer(
        "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n"
    )
