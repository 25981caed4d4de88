from tests.sandbox.context import AttackContext, module_answer


def answer(ctx: AttackContext) -> str:
    # If the reference solution were readable, executing it here would pass every test.
    return module_answer(f"exec(open({str(ctx.reference_file)!r}).read())\n")
