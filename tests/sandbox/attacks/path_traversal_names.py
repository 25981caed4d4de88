from tests.sandbox.context import AttackContext, files_answer


def answer(ctx: AttackContext) -> str:
    files = {str(canary): "escaped\n" for canary in ctx.canaries}
    files["../../archbench-traversal.py"] = "escaped\n"
    return files_answer(files)
