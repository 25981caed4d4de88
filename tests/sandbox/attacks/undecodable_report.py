"""Overwrite the report with bytes that are not UTF-8: grading used to raise, so NaN, not 0."""

from tests.sandbox.context import AttackContext, after_run_answer

EXPLANATION = "test report unusable: it is not valid UTF-8"


def answer(ctx: AttackContext) -> str:
    return after_run_answer('open(path, "wb").write(b"<testsuites>\\xff\\xfe\\x80</testsuites>")')
