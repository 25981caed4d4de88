from tests.sandbox.context import AttackContext, module_answer


def answer(ctx: AttackContext) -> str:
    root = str(ctx.project_root / "datasets")
    return module_answer(
        "import pathlib\n"
        f"found = sorted(pathlib.Path({root!r}).rglob('reference/resilience/retry.py'))\n"
        "exec(found[0].read_text())\n"
    )
