"""Print the environment into a failure message, hoping an API key lands in the log."""

from tests.sandbox.context import AttackContext, module_answer

# The dump shows the minimal environment, and the fixture's API key is not in it.
EXPLANATION = "RuntimeError: PATH=/usr/local/bin:/usr/bin:/bin HOME="


def answer(ctx: AttackContext) -> str:
    return module_answer(
        "import os, sys\n"
        "dump = ' '.join(f'{k}={v}' for k, v in os.environ.items())\n"
        "print(dump)\n"
        "print(dump, file=sys.stderr)\n"
        "raise RuntimeError(dump)\n"
    )
