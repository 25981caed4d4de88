"""Turn a hidden-test run into a score: parse JUnit XML and account for tests that never ran.

Per-test outcomes come from JUnit XML, never from console text (SWE-bench's rule). A hidden test
that is missing from the report counts as failed, so a solution that calls `os._exit(0)` at
import, or crashes the run, earns nothing for the tests it prevented.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Literal

Outcome = Literal["passed", "failed", "error", "skipped"]
_MESSAGE_LIMIT = 200
# How pytest reports a test that failed by assertion: `assert`, `pytest.raises` that did not
# raise, `pytest.fail`. A TypeError or NameError raised by the code under test is a crash.
_ASSERTION_MARKERS = ("AssertionError", "assert ", "Failed: ", "DID NOT RAISE")


@dataclass(frozen=True)
class TestOutcome:
    """One test case as reported: `key` is 'module::[Class::]function' without parameters."""

    __test__ = False  # a name starting with "Test" is not a pytest test class

    key: str
    name: str
    outcome: Outcome
    message: str = ""


@dataclass(frozen=True)
class TestRunSummary:
    """The score of a hidden-test run and why."""

    __test__ = False  # a name starting with "Test" is not a pytest test class

    passed: int
    total: int
    failures: list[TestOutcome] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    note: str = ""
    # Every reported case of an expected test (passed or not), so that the pass-to-pass and
    # fail-to-pass shares can be counted per case.
    outcomes: list[TestOutcome] = field(default_factory=list)
    # Canary cases as reported (see `archbench.core.canaries`): never counted, never explained.
    canaries: list[TestOutcome] = field(default_factory=list)
    # Why the report cannot be believed (a canary passed, a forged seal); empty when honest.
    # A tampered run scores 0 and its explanation names no test.
    tampering: str = ""

    @property
    def fraction(self) -> float:
        return self.passed / self.total if self.total else 0.0

    def explanation(self, limit: int = 8) -> str:
        lines = [f"{self.passed}/{self.total} hidden tests passed"]
        if self.note:
            lines.append(self.note)
        if self.tampering:
            return "\n".join(lines)
        lines += [f"- {f.name}: {f.outcome}: {f.message}" for f in self.failures[:limit]]
        lines += [f"- {key}: did not run (missing from the report)" for key in self.missing[:limit]]
        hidden = len(self.failures) + len(self.missing) - 2 * limit
        if hidden > 0:
            lines.append(f"... and {hidden} more")
        return "\n".join(lines)


def is_assertion_failure(outcome: TestOutcome) -> bool:
    return outcome.outcome == "failed" and any(m in outcome.message for m in _ASSERTION_MARKERS)


def expected_tests(test_files: Mapping[str, str]) -> set[str]:
    """Test functions the hidden test files define: 'module::[Class::]function' keys."""
    keys: set[str] = set()
    for path, source in test_files.items():
        name = PurePosixPath(path)
        if name.suffix != ".py" or not name.name.startswith("test"):
            continue
        keys.update(f"{name.stem}::{item}" for item in _test_items(ast.parse(source)))
    return keys


def _test_items(module: ast.Module) -> list[str]:
    items: list[str] = []
    for node in module.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test"
        ):
            items.append(node.name)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            items += [
                f"{node.name}::{member.name}"
                for member in node.body
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef)
                and member.name.startswith("test")
            ]
    return items


def parse_junit(xml_text: str) -> list[TestOutcome]:
    """Test cases from pytest's JUnit XML; raises ValueError on unparseable XML."""
    try:
        root = ElementTree.fromstring(xml_text)
    except ElementTree.ParseError as error:
        raise ValueError(f"unparseable JUnit XML: {error}") from error
    return [_outcome(case) for case in root.iter("testcase")]


def _outcome(case: ElementTree.Element) -> TestOutcome:
    classname = case.get("classname", "")
    name = case.get("name", "")
    function = name.split("[", 1)[0]
    parts = [part for part in classname.split(".") if part]
    module_index = next((i for i, p in enumerate(parts) if p.startswith("test")), len(parts) - 1)
    key = "::".join([*parts[module_index:], function])
    for tag in ("failure", "error", "skipped"):
        element = case.find(tag)
        if element is not None:
            outcome: Outcome = "failed" if tag == "failure" else tag  # type: ignore[assignment]
            return TestOutcome(key, name, outcome, _short_message(element))
    return TestOutcome(key, name, "passed")


def _short_message(element: ElementTree.Element) -> str:
    """The most telling line: the last 'E ' line of the traceback, else the message attribute."""
    text_lines = [line.strip() for line in (element.text or "").splitlines() if line.strip()]
    error_lines = [line[1:].strip() for line in text_lines if line.startswith("E ")]
    message = (element.get("message") or "").strip().splitlines()
    best = error_lines[-1] if error_lines else (message[0] if message else "")
    return best[:_MESSAGE_LIMIT]


def summarise(
    outcomes: list[TestOutcome], expected: set[str], note: str = "", tampering: str = ""
) -> TestRunSummary:
    """Count passes; each expected test that produced no outcome adds one failed test.

    Cases reported for keys the hidden tests do not define are ignored: a solution cannot add
    passing tests to the denominator by shipping test files or forging report entries.
    """
    relevant = [o for o in outcomes if o.key in expected]
    # A collection error is reported under the module's name: keep its message as the reason.
    broken = [o for o in outcomes if o.key not in expected and o.outcome == "error"]
    reasons = [note] if note else []
    reasons += [f"{o.name}: {o.message}" for o in broken[:3]]
    note = "; ".join(reasons)
    reported = {o.key for o in relevant}
    missing = sorted(expected - reported)
    failures = [o for o in relevant if o.outcome != "passed"]
    passed = sum(1 for o in relevant if o.outcome == "passed")
    return TestRunSummary(
        passed, len(relevant) + len(missing), failures, missing, note, outcomes=relevant,
        tampering=tampering,
    )  # fmt: skip


def _selector_key(selector: str) -> str:
    """'test_x.py' -> 'test_x'; 'sub/test_x.py::TestA::test_b' -> 'test_x::TestA::test_b'."""
    file_part, _, rest = selector.partition("::")
    stem = PurePosixPath(file_part).stem
    return f"{stem}::{rest}" if rest else stem


def selected_tests(selectors: Iterable[str], expected: set[str]) -> set[str]:
    """The expected test keys a list of selectors names (a file, a class or one test)."""
    chosen: set[str] = set()
    for selector in selectors:
        chosen |= _matches(_selector_key(selector), expected)
    return chosen


def unknown_selectors(selectors: Iterable[str], expected: set[str]) -> list[str]:
    """Selectors that name no hidden test (a typo would silently turn a test fail-to-pass)."""
    return [s for s in selectors if not _matches(_selector_key(s), expected)]


def _matches(selector_key: str, expected: set[str]) -> set[str]:
    return {k for k in expected if k == selector_key or k.startswith(selector_key + "::")}


@dataclass(frozen=True)
class SpecAdherence:
    """SWE-bench's split: the share of fail-to-pass cases passed, 0 if a pass-to-pass one fails.

    Counted per reported case (a parametrized test counts once per case); a test that did not
    run counts as one failed case of its group.
    """

    value: float
    fail_to_pass_passed: int
    fail_to_pass_total: int
    pass_to_pass_total: int
    broken_pass_to_pass: list[str]

    def explanation(self) -> str:
        line = f"fail-to-pass: {self.fail_to_pass_passed}/{self.fail_to_pass_total} passed"
        if self.pass_to_pass_total:
            kept = self.pass_to_pass_total - len(self.broken_pass_to_pass)
            line += f"; pass-to-pass: {kept}/{self.pass_to_pass_total} kept"
        if self.broken_pass_to_pass:
            named = ", ".join(self.broken_pass_to_pass[:5])
            more = len(self.broken_pass_to_pass) - 5
            line += (
                f"\nspec_adherence is 0: existing behaviour broke (pass-to-pass failed: {named}"
                + (f", ... and {more} more" if more > 0 else "")
                + ")"
            )
        return line


def spec_adherence(summary: TestRunSummary, pass_to_pass: set[str]) -> SpecAdherence:
    """Score a run given the keys of its pass-to-pass tests; every other test is fail-to-pass."""
    cases = [(o.key, o.name, o.outcome == "passed") for o in summary.outcomes]
    cases += [(key, key, False) for key in summary.missing]
    guarded = [(name, ok) for key, name, ok in cases if key in pass_to_pass]
    wanted = [ok for key, _, ok in cases if key not in pass_to_pass]
    broken = [name for name, ok in guarded if not ok]
    passed = sum(wanted)
    share = passed / len(wanted) if wanted else 0.0
    return SpecAdherence(0.0 if broken else share, passed, len(wanted), len(guarded), broken)
