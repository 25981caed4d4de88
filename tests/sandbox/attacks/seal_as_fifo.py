"""Replace the seal with a FIFO once it is written."""

from tests.sandbox.context import AttackContext, after_run_answer

EXPLANATION = "report seal unusable: it is not a regular file"


def answer(ctx: AttackContext) -> str:
    return after_run_answer("os.remove(path)\nos.mkfifo(path)", suffix=".json")
