from tests.sandbox.context import AttackContext, files_answer


def answer(ctx: AttackContext) -> str:
    return files_answer(
        {
            "pytest.ini": "[pytest]\naddopts = --collect-only\n",
            "pyproject.toml": '[tool.pytest.ini_options]\naddopts = "--collect-only"\n',
            "setup.cfg": "[tool:pytest]\naddopts = --collect-only\n",
            "tox.ini": "[pytest]\naddopts = --collect-only\n",
        }
    )
