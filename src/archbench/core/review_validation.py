"""Checks a review sample's ground truth must pass before it is used (issue 17 items 2 and 6).

A seeded sample's category must be a slug of the review vocabulary (not a synonym, not a word of
its own): the grader matches findings against it, and results are broken down by it.
The seeded bug's span must lie inside its file in `code/`, fit the grader's span cap, and overlap
the lines that `reference/` changes: a span that points elsewhere would let the `reference`
control score 1.0 for a finding at a line that does not hold the bug (or does not exist).
Hidden tests must expose the bug by an assertion, not by crashing. Known second issues
(`also_acceptable:`) must point at lines that exist, away from the bug's.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from archbench.core.dataset import ReviewTaskSpec
from archbench.core.review_categories import Vocabulary
from archbench.core.review_match import SPAN_CAP
from archbench.core.test_results import TestRunSummary, is_assertion_failure


def category_problem(spec: ReviewTaskSpec, vocabulary: Vocabulary) -> str | None:
    """Why a seeded sample's category is not a vocabulary slug, or None (a clean twin's `none`
    is checked by the spec itself)."""
    if spec.bug is None or vocabulary.is_slug(spec.category):
        return None
    meant = vocabulary.problem_of(spec.category)
    hint = f" (it is a synonym of '{meant}')" if vocabulary.is_slug(meant) else ""
    return f"category '{spec.category}' is not a slug of the review vocabulary{hint}"


def changed_lines(code: str, reference: str) -> set[int]:
    """The lines of `code` (from 1) that `reference` replaces or deletes; where it only inserts,
    the lines on either side of the insertion (a dropped statement is "between" two lines)."""
    matcher = difflib.SequenceMatcher(None, code.splitlines(), reference.splitlines(), False)
    changed: set[int] = set()
    for tag, start, end, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            changed.update(range(start + 1, end + 1))
        elif tag == "insert":
            changed.update({max(start, 1), start + 1})
    return changed


def span_problems(
    spec: ReviewTaskSpec, code: Mapping[str, str], reference: Mapping[str, str]
) -> list[str]:
    """What is wrong with a sample's bug span and its `also_acceptable` spans; empty when they
    are sound."""
    return _bug_problems(spec, code, reference) + known_issue_problems(spec, code)


def _bug_problems(
    spec: ReviewTaskSpec, code: Mapping[str, str], reference: Mapping[str, str]
) -> list[str]:
    bug = spec.bug
    if bug is None:
        return []
    if bug.file not in code:
        return [f"bug file {bug.file} is not in code/"]
    first, last = bug.lines
    problems = _outside_file("bug", bug.file, bug.lines, code)
    if last - first + 1 > SPAN_CAP:
        problems.append(f"bug span {first}-{last} is wider than {SPAN_CAP} lines: no finding hits")
    problems += _diff_problems(bug.file, (first, last), code, reference)
    return problems


def known_issue_problems(spec: ReviewTaskSpec, code: Mapping[str, str]) -> list[str]:
    """Each `also_acceptable` span must exist in `code/`, be no wider than a hit may be, and
    keep off the bug's lines (a finding there is judged against the bug, never excused)."""
    problems = []
    for issue in spec.also_acceptable:
        first, last = issue.lines
        where = f"also_acceptable {issue.file}:{first}-{last}"
        if issue.file not in code:
            problems.append(f"{where}: {issue.file} is not in code/")
            continue
        problems += _outside_file("also_acceptable", issue.file, issue.lines, code)
        if last - first + 1 > SPAN_CAP:
            problems.append(f"{where} is wider than {SPAN_CAP} lines")
        bug = spec.bug
        if bug and bug.file == issue.file and first <= bug.lines[1] and last >= bug.lines[0]:
            problems.append(f"{where} overlaps the bug's lines {bug.lines[0]}-{bug.lines[1]}")
    return problems


def _outside_file(
    what: str, path: str, lines: tuple[int, int], code: Mapping[str, str]
) -> list[str]:
    length = len(code[path].splitlines())
    if lines[1] <= length:
        return []
    return [f"{what} lines {lines[0]}-{lines[1]} lie outside {path} ({length} lines)"]


def _diff_problems(
    path: str, span: tuple[int, int], code: Mapping[str, str], reference: Mapping[str, str]
) -> list[str]:
    if path not in reference:
        return [f"reference/ does not fix {path}, the bug's file"]
    changed = changed_lines(code[path], reference[path])
    if not changed:
        return [f"reference/{path} is identical to code/{path}"]
    if not changed & set(range(span[0], span[1] + 1)):
        lines = sorted(changed)
        return [
            f"bug lines {span[0]}-{span[1]} do not overlap the fix, which changes lines "
            f"{lines[0]}-{lines[-1]} of {path}"
        ]
    return []


def crash_dominated(code_run: TestRunSummary) -> bool:
    """Fewer than half of the failing tests fail by an assertion: the code mostly crashes at the
    first call, which gives the bug away to anyone who runs it (issue 17 item 3)."""
    failing = [o for o in code_run.failures if o.outcome == "failed"]
    asserted = sum(1 for o in failing if is_assertion_failure(o))
    return 2 * asserted < len(failing)


def exposure_problem(code_run: TestRunSummary, difficulty: str) -> str | None:
    """Why the hidden tests do not expose the bug on `code/` as they should, or None.

    At least one test must fail by an assertion. A bug the tests see only as a crash of the code
    under test (a TypeError, a KeyError...) is allowed in an `easy` sample only: code that
    crashes at once gives itself away to an agent that can run it (issue 17 item 3).
    """
    if any(is_assertion_failure(o) for o in code_run.failures):
        return None
    if not any(o.outcome == "failed" for o in code_run.failures):
        return f"no test fails on the buggy code: {code_run.explanation(limit=3)}"
    if difficulty == "easy":
        return None
    return (
        "the buggy code only crashes, no test fails by an assertion (tag it `difficulty: easy` "
        f"or test the behaviour): {code_run.explanation(limit=3)}"
    )


def code_run_problem(spec: ReviewTaskSpec, code_run: TestRunSummary) -> str | None:
    """What the hidden-test run on `code/` shows wrong: a clean twin must pass every test, a
    seeded sample must be exposed (see `exposure_problem`)."""
    if spec.bug is not None:
        return exposure_problem(code_run, spec.difficulty)
    if code_run.total and code_run.passed == code_run.total:
        return None
    return f"clean twin fails its tests: {code_run.explanation(limit=3)}"


def exposure_detail(code_run: TestRunSummary) -> str:
    """How the tests expose a seeded bug, for the validation report."""
    asserted = sum(1 for o in code_run.failures if is_assertion_failure(o))
    failing = code_run.total - code_run.passed
    return f"{failing}/{code_run.total} tests expose the bug, {asserted} by assertion"
