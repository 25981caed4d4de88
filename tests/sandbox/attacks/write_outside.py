from tests.sandbox.context import AttackContext, module_answer


def answer(ctx: AttackContext) -> str:
    paths = [str(path) for path in ctx.canaries]
    return module_answer(
        "import contextlib, pathlib\n"
        f"for target in {paths!r}:\n"
        "    with contextlib.suppress(OSError):\n"
        "        pathlib.Path(target).parent.mkdir(parents=True, exist_ok=True)\n"
        "        pathlib.Path(target).write_text('escaped')\n"
        "raise SystemExit('wrote what it could')\n"
    )
