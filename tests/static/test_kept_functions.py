"""A refactor answer keeping a given function unchanged is judged by the absolute thresholds,
not by how finely the reference happened to split that function."""

from __future__ import annotations

from archbench.core.static_metrics import ShapeTask, StaticGrade, grade_static
from archbench.runner._rubric import packaged_rubric


def _function(name: str, statements: int, first: str = "rows = []") -> str:
    """A flat function of `statements` statements (a list built line by line, like a renderer)."""
    body = [first, *(f"rows.append({n})" for n in range(statements - 2)), "return rows"]
    return f"def {name}():\n" + "".join(f"    {line}\n" for line in body)


RENDERER = _function("render", 20)  # under the rubric's threshold (25), over 1.25 x 8
MONOLITH = _function("build", 60)
ORIGINAL = {"app/report.py": RENDERER + MONOLITH}
REFERENCE = {"app/report.py": _function("render", 8) + _function("build", 8)}
TASK = ShapeTask(requested=frozenset({"render", "build"}), original=ORIGINAL)


def _long_functions(answer: dict[str, str]) -> set[str]:
    grade: StaticGrade = grade_static(answer, REFERENCE, rubric=packaged_rubric(), task=TASK)
    (check,) = (check for check in grade.checks if check.name == "function_statements")
    return {finding.symbol for finding in check.findings}


def test_a_function_kept_verbatim_within_the_threshold_is_not_too_long() -> None:
    assert _long_functions({"app/report.py": RENDERER + _function("build", 8)}) == set()


def test_the_kept_monolith_the_refactor_must_break_up_still_counts() -> None:
    assert _long_functions({"app/report.py": RENDERER + MONOLITH}) == {"build"}


def test_a_rewritten_function_of_the_same_length_is_held_to_the_reference() -> None:
    rewritten = _function("render", 20, first="rows = list()")
    assert _long_functions({"app/report.py": rewritten + _function("build", 8)}) == {"render"}


def test_without_an_original_every_function_is_held_to_the_reference() -> None:
    answer = {"app/report.py": RENDERER + _function("build", 8)}
    grade = grade_static(answer, REFERENCE, rubric=packaged_rubric(), task=ShapeTask())
    assert grade.modularity < 1.0
