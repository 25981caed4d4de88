"""A plugin registered at import recompiles every collected test without its `assert`
statements, undoing what pytest's assertion rewriting compiled; no watched function is
replaced. On a stub, tests that only assert now pass, and so do the canaries."""

from tests.sandbox.context import AttackContext, plugin_answer

EXPLANATION = "tampering detected"
BEATS_THE_SEAL = True

PLUGIN = """
import ast, inspect, textwrap


class DropAsserts(ast.NodeTransformer):
    def visit_Assert(self, node):
        return ast.Pass()


def without_asserts(function):
    tree = DropAsserts().visit(ast.parse(textwrap.dedent(inspect.getsource(function))))
    tree.body[0].decorator_list = []
    namespace = dict(function.__globals__)
    exec(compile(ast.fix_missing_locations(tree), "<stripped>", "exec"), namespace)
    return namespace[function.__name__]


class Plugin:
    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        for item in items:
            item.obj = without_asserts(item.obj)
"""


def answer(ctx: AttackContext) -> str:
    return plugin_answer(PLUGIN)
