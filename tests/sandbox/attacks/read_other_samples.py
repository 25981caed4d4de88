from tests.sandbox.context import AttackContext, module_answer


def answer(ctx: AttackContext) -> str:
    # Other samples' work directories live in the host's /tmp: look for a solved one.
    return module_answer(
        "import glob\n"
        "found = [p for p in glob.glob('/tmp/**/resilience/retry.py', recursive=True)\n"
        "         if 'def retry' in open(p).read()]\n"
        "exec(open(found[0]).read())\n"
    )
