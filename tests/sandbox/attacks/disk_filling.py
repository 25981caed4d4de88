"""Fill the disk: many files, each under the 64 MiB per-file limit, 320 MB in all."""

from tests.sandbox.context import AttackContext, module_answer

EXPLANATION = "disk quota exceeded"


def answer(ctx: AttackContext) -> str:
    return module_answer(
        "chunk = b'x' * (1024 * 1024)\n"
        "for n in range(8):\n"
        "    with open(f'fill-{n}.bin', 'wb') as handle:\n"
        "        for _ in range(40):\n"
        "            handle.write(chunk)\n"
    )
