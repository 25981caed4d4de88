"""A file holding a lone surrogate cannot be written as UTF-8: grading used to raise (NaN)."""

from tests.sandbox.context import AttackContext, module_answer


def answer(ctx: AttackContext) -> str:
    return module_answer("MARKER = '\ud800'\n")
