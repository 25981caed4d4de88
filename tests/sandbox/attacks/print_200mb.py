from tests.sandbox.context import AttackContext, module_answer

EXPLANATION = "File too large"


def answer(ctx: AttackContext) -> str:
    return module_answer(
        "import os\nchunk = b'x' * 1024 * 1024\nfor _ in range(200):\n    os.write(1, chunk)\n"
    )
