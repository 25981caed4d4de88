from tests.sandbox.context import AttackContext, files_answer

EXIT = "import os\nos._exit(0)\n"


def answer(ctx: AttackContext) -> str:
    return files_answer(
        {
            "sitecustomize.py": EXIT,
            "usercustomize.py": EXIT,
            "zz_hack.pth": "import os; os._exit(0)\n",
        }
    )
