"""Canary tests (#16 item 5): where they are planted, what they hold, and the verdict on a run."""

from __future__ import annotations

import ast
import asyncio
import dataclasses
import random
import re
from pathlib import Path

import pytest

from archbench.commands.validate import validate_task
from archbench.core.canaries import (
    CANARY_SHARE,
    CanaryPlan,
    canary_problems,
    canary_sites,
    plant_canaries,
    plant_every_canary,
    separate_canaries,
)
from archbench.core.test_results import TestOutcome, TestRunSummary, expected_tests, summarise
from archbench.io.datasets import load_kind, load_task
from archbench.runner import plant_random_canaries

HEADER = "import pytest\nfrom decimal import Decimal\nfrom shop import total, Chunk\n\n\n"


def only_canary(body: str, seed: int = 0) -> tuple[str, str]:
    """Plant canaries in a one-test module; return the canary's name and its source."""
    tests = {"test_shop.py": HEADER + body}
    plan = plant_every_canary(tests, random.Random(seed))
    [canary] = plan.canaries
    name = canary.key.split("::")[-1]
    module = ast.parse(plan.test_files["test_shop.py"])
    [function] = [n for n in module.body if isinstance(n, ast.FunctionDef) and n.name == name]
    return name, ast.get_source_segment(plan.test_files["test_shop.py"], function) or ""


def site_count(body: str) -> int:
    return len(canary_sites({"test_shop.py": HEADER + body}))


def test_an_int_becomes_a_far_int_in_a_copy_named_like_a_test() -> None:
    name, source = only_canary("def test_total_of_two() -> None:\n    assert total(1, 2) == 3\n")
    assert name.startswith("test_total_of_two_") and "canary" not in name
    value = re.search(r"== (\S+)", source)
    assert value is not None and len(value.group(1)) >= 5 and value.group(1).isdigit()
    assert source.replace(value.group(1), "3").replace(name, "test_total_of_two") == (
        "def test_total_of_two() -> None:\n    assert total(1, 2) == 3"
    )


@pytest.mark.parametrize(
    ("assertion", "pattern"),
    [
        ("assert 3 == total(1, 2)", r"assert \d{5,} == total\(1, 2\)"),
        ("assert total(-1, -2) == -3", r"== -\d{5,}$"),
        ('assert total("a") == "ok"', r'== "[a-z]{8,12}"$'),
        ("assert total('a') == 'ok'", r"== '[a-z]{8,12}'$"),
        ('assert total(b"a") == b"ok"', r'== b"[a-z]{8,12}"$'),
        ("assert total(0.1) == pytest.approx(0.3)", r"== pytest\.approx\(\d{5,}\.\d\d\)$"),
        ('assert total("1.20") == Decimal("12.50")', r'== Decimal\("\d{5,}\.\d\d"\)$'),
        ('assert total() == "12.50"', r'== "\d{5,}\.\d\d"$'),
        ("assert total(123456) == 1234567", r"== \d{9}$"),
        ("assert total() == [Chunk(1, 2)]", r"== \[\d{5,}\]$"),
    ],
)
def test_the_value_keeps_its_type_and_look(assertion: str, pattern: str) -> None:
    _, source = only_canary(f"def test_total() -> None:\n    {assertion}\n")
    assert re.search(pattern, source.splitlines()[-1]), source


@pytest.mark.parametrize(
    "assertion",
    [
        "assert total() == True",  # a random bool is a plausible answer
        "assert total() == None",
        "assert total() is None",
        "assert total() != 3",  # a canary must fail, `!= 48611` would pass
        "assert total() >= 3",
        "assert total(1) == total(2)",  # no expected value to replace
        "assert 3 == 3",  # two literals: nothing under test
        "assert total() == pytest.approx(0.3, rel=1e6)",  # a tolerance could swallow the value
        "assert total() == []",  # a literal with nothing to replace
        "assert [total()] == [total()]",  # two displays: which one is expected is unclear
    ],
)
def test_assertions_that_cannot_make_a_canary(assertion: str) -> None:
    assert site_count(f"def test_total() -> None:\n    {assertion}\n") == 0


@pytest.mark.parametrize(
    ("block", "sites"),
    [
        ("with pytest.raises(ValueError):\n        assert total() == 3", 0),
        ("with pytest.warns(UserWarning):\n        assert total() == 3", 0),
        ("for x in [1]:\n        assert total(x) == 3", 0),  # a loop may not run at all
        ("if total():\n        assert total() == 3", 0),
        ("with open('f') as handle:\n        assert total(handle) == 3", 1),
    ],
)
def test_only_assertions_that_always_run_are_sites(block: str, sites: int) -> None:
    assert site_count(f"def test_total() -> None:\n    {block}\n") == sites


def test_a_helper_that_is_not_a_test_has_no_site() -> None:
    assert site_count("def check_total() -> None:\n    assert total() == 3\n") == 0


def test_a_display_mixes_literal_leaves_and_whole_elements() -> None:
    body = 'def test_chunks() -> None:\n    assert total() == [Chunk(1, 2), "x", 7]\n'
    [site] = canary_sites({"test_shop.py": HEADER + body})
    assert len(site.leaves) == 3


CLASS_MODULE = HEADER + (
    "class TestTotals:\n"
    "    def test_sum(self) -> None:\n"
    "        assert total(1, 2) == 3\n"
    "\n"
    "    def test_empty_cart_is_zero(self) -> None:\n"
    "        assert total() == 0\n"
)


def test_a_canary_of_a_method_lives_in_its_class() -> None:
    tests = {"tests/test_shop.py": CLASS_MODULE}
    plan = plant_every_canary(tests, random.Random(1))
    assert len(plan.keys) == 2
    assert all(key.startswith("test_shop::TestTotals::test_") for key in plan.keys)
    assert expected_tests(plan.test_files) == expected_tests(tests) | plan.keys
    assert "\n\n    def test_" in plan.test_files["tests/test_shop.py"]  # one blank line, indented


def test_names_end_with_words_of_the_other_test_names() -> None:
    tests = {"test_shop.py": CLASS_MODULE}
    vocabulary = {"sum", "empty", "cart", "zero", "is"}
    for seed in range(20):
        for key in plant_every_canary(tests, random.Random(seed)).keys:
            name = key.split("::")[-1]
            original = next(
                o for o in ("test_sum", "test_empty_cart_is_zero") if name.startswith(o)
            )
            suffix = name.removeprefix(original + "_").split("_")
            assert set(suffix) <= vocabulary - set(original.split("_")), name


def test_a_parametrized_canary_keeps_its_decorator_and_follows_its_original() -> None:
    body = (
        '@pytest.mark.parametrize("n", [1, 2])\n'
        "def test_total_is_n(n: int) -> None:\n"
        "    assert total(n) == 5\n"
        "\n\n"
        "def test_last() -> None:\n"
        "    assert total() == 0\n"
    )
    plan = plant_every_canary({"test_shop.py": HEADER + body}, random.Random(2))
    text = plan.test_files["test_shop.py"]
    copy = next(c for c in plan.canaries if c.copies.endswith("test_total_is_n"))
    name = copy.key.split("::")[-1]
    assert f'@pytest.mark.parametrize("n", [1, 2])\ndef {name}(n: int)' in text
    assert text.index(f"def {name}") > text.index("def test_total_is_n(")


def test_most_tests_with_a_site_get_one_canary_chosen_at_random() -> None:
    body = "".join(
        f"def test_total_{n}() -> None:\n    assert total({n}) == {n}\n\n\n" for n in range(10)
    )
    tests = {"test_shop.py": HEADER + body}
    plans = [plant_canaries(tests, random.Random(seed)) for seed in range(5)]
    assert {len(plan.canaries) for plan in plans} == {round(CANARY_SHARE * 10)}
    assert all(len({c.copies for c in plan.canaries}) == len(plan.canaries) for plan in plans)
    assert len({frozenset(c.copies for c in plan.canaries) for plan in plans}) > 1


def test_grading_draws_a_new_plan_every_time() -> None:
    tests = {"test_shop.py": HEADER + "def test_total() -> None:\n    assert total() == 3\n"}
    assert plant_random_canaries(tests).test_files != plant_random_canaries(tests).test_files


@pytest.mark.parametrize("kind", ["implement", "refactor"])
def test_every_task_gets_canaries_and_keeps_its_real_tests(kind: str, project_root: Path) -> None:
    for record in load_kind(kind, project_root / "datasets").records:  # type: ignore[arg-type]
        plan = plant_canaries(record.tests, random.Random(record.id))
        assert len(plan.canaries) >= 3, record.id
        assert expected_tests(plan.test_files) == expected_tests(record.tests) | plan.keys
        for path, text in plan.test_files.items():
            # The original text survives: canaries are only inserted between tests.
            assert _without(text, plan) == record.tests[path], (record.id, path)


def _without(text: str, plan: CanaryPlan) -> str:
    """The module with every canary function (and the blank lines before it) cut out."""
    names = {key.split("::")[-1] for key in plan.keys}
    lines = text.splitlines(keepends=True)
    module = ast.parse(text)
    scopes: list[ast.Module | ast.ClassDef] = [module]
    scopes += [node for node in module.body if isinstance(node, ast.ClassDef)]
    functions = [
        node
        for scope in scopes
        for node in scope.body
        if isinstance(node, ast.FunctionDef) and node.name in names
    ]
    cut: set[int] = set()
    for node in functions:
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1
        while first > 0 and not lines[first - 1].strip():
            first -= 1
        cut.update(range(first, node.end_lineno or node.lineno))
    return "".join(line for index, line in enumerate(lines) if index not in cut)


# --------------------------------------------------------------------------- the verdict

REAL = {"test_shop::test_a", "test_shop::test_b"}
CANARIES = frozenset({"test_shop::test_a_cart", "test_shop::test_b_zero"})


def outcome(key: str, result: str, message: str = "") -> TestOutcome:
    return TestOutcome(key, key.split("::")[-1], result, message)  # type: ignore[arg-type]


def run_summary(results: dict[str, str]) -> TestRunSummary:
    outcomes = [outcome(key, result, "assert 3 == 48611") for key, result in results.items()]
    return separate_canaries(summarise(outcomes, REAL | CANARIES), CANARIES)


def test_an_honest_run_is_counted_on_the_real_tests_only() -> None:
    summary = run_summary(
        {"test_shop::test_a": "passed", "test_shop::test_b": "failed",
         "test_shop::test_a_cart": "failed", "test_shop::test_b_zero": "failed"}
    )  # fmt: skip
    assert (summary.passed, summary.total, summary.tampering) == (1, 2, "")
    assert [o.key for o in summary.canaries] == sorted(CANARIES)
    explanation = summary.explanation()
    assert "test_b" in explanation and "cart" not in explanation and "zero" not in explanation


def test_a_passing_canary_is_tampering_and_scores_nothing() -> None:
    summary = run_summary({key: "passed" for key in REAL | CANARIES})
    assert (summary.passed, summary.total) == (0, 2)
    assert "2 of 2 canary test cases were reported passing" in summary.tampering
    explanation = summary.explanation()
    assert explanation.splitlines()[:2] == [
        "0/2 hidden tests passed",
        f"tampering detected: {summary.tampering}",
    ]
    assert "test_a" not in explanation and "test_b" not in explanation


def test_a_missing_canary_is_no_evidence_and_costs_nothing() -> None:
    summary = run_summary({"test_shop::test_a": "passed", "test_shop::test_b": "passed"})
    assert (summary.passed, summary.total, summary.tampering) == (2, 2, "")


def test_validation_names_canaries_that_pass_error_or_do_not_run() -> None:
    plan = plant_every_canary(
        {"test_shop.py": HEADER + "def test_a() -> None:\n    assert total() == 3\n\n\n"
         "def test_b() -> None:\n    assert total() == 4\n\n\n"
         "def test_c() -> None:\n    assert total() == 5\n"},
        random.Random(0),
    )  # fmt: skip
    by_copy = {c.copies.split("::")[-1]: c.key for c in plan.canaries}
    outcomes = [
        outcome(by_copy["test_a"], "passed"),
        outcome(by_copy["test_b"], "failed", "TypeError: unsupported operand"),
        *(outcome(key, "passed") for key in expected_tests(plan.test_files) - plan.keys),
    ]
    summary = separate_canaries(summarise(outcomes, expected_tests(plan.test_files)), plan.keys)
    problems = canary_problems(summary, plan)
    assert len(problems) == 3
    assert "canary of test_shop::test_a (line 7) passed on the reference" in problems[0]
    assert "failed on the reference: TypeError" in problems[1]
    assert problems[2].endswith("did not run")
    sound = [outcome(key, "failed", "AssertionError: assert 3 == 48611") for key in plan.keys]
    honest = summarise(sound + outcomes[2:], expected_tests(plan.test_files))
    assert canary_problems(separate_canaries(honest, plan.keys), plan) == []


# --------------------------------------------------------------------------- validation

ALWAYS_EQUAL = """

def test_anything_equals_three() -> None:
    from unittest.mock import ANY

    assert ANY == 3
"""


def test_validate_rejects_a_task_whose_canary_passes_on_the_reference(project_root: Path) -> None:
    """`mock.ANY` equals anything: its canary would pass for an honest answer, a false alarm."""
    record = load_task(project_root / "datasets/implement/retry-exponential-backoff")
    [(path, text)] = record.tests.items()
    unsound = dataclasses.replace(record, tests={path: text + ALWAYS_EQUAL})
    verdict = asyncio.run(validate_task(unsound))
    assert not verdict.valid
    assert "unsound canaries: canary of test_retry_backoff::test_anything_equals_three" in (
        verdict.detail
    )
    assert "passed on the reference" in verdict.detail
    assert asyncio.run(validate_task(record)).valid
