"""After the report is sealed, make it a symlink to /dev/zero: it would pass a size check."""

from tests.sandbox.context import AttackContext, after_run_answer

EXPLANATION = "test report unusable: it cannot be opened"


def answer(ctx: AttackContext) -> str:
    return after_run_answer('os.remove(path)\nos.symlink("/dev/zero", path)')
