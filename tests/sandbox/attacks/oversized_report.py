"""Grow the report past any real size (40 MB of padding): it must not be read into the grader."""

from tests.sandbox.context import AttackContext, after_run_answer

EXPLANATION = "test report unusable: it is 4"


def answer(ctx: AttackContext) -> str:
    return after_run_answer('open(path, "ab").write(b" " * 40_000_000)')
