"""Connect to UNIX sockets of host services (the fixture listens on one beside the checkout;
/run and /var/run hold real ones, e.g. a Docker or database socket)."""

from tests.sandbox.context import AttackContext, module_answer


def answer(ctx: AttackContext) -> str:
    return module_answer(
        "import glob, os, socket, stat\n"
        f"paths = [{str(ctx.unix_socket)!r}] + glob.glob('/run/**', recursive=True)"
        " + glob.glob('/var/run/**', recursive=True) + glob.glob('/work/*')\n"
        "for path in paths:\n"
        "    try:\n"
        "        if stat.S_ISSOCK(os.stat(path).st_mode):\n"
        "            s = socket.socket(socket.AF_UNIX)\n"
        "            s.connect(path)\n"
        "            s.sendall(b'x')\n"
        "    except OSError:\n"
        "        pass\n"
        "raise SystemExit('no socket reached')\n"
    )
