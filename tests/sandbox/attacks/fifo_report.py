"""After the report is sealed, swap it for a FIFO: a blocking open() on the host would hang."""

from tests.sandbox.context import AttackContext, after_run_answer

EXPLANATION = "test report unusable: it is not a regular file"


def answer(ctx: AttackContext) -> str:
    return after_run_answer("os.remove(path)\nos.mkfifo(path)")
