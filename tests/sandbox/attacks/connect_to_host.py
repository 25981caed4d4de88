from tests.sandbox.context import AttackContext, module_answer


def answer(ctx: AttackContext) -> str:
    return module_answer(
        "import socket\n"
        f"socket.create_connection(('127.0.0.1', {ctx.listener_port}), timeout=2).sendall(b'x')\n"
    )
