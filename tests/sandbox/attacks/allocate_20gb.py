from tests.sandbox.context import AttackContext, module_answer

EXPLANATION = "MemoryError"


def answer(ctx: AttackContext) -> str:
    return module_answer("BLOB = bytearray(20 * 1024**3)\n")
