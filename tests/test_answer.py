"""Answer extraction: the file protocol, its common variants, path validation, findings."""

from __future__ import annotations

import pytest

from archbench.core.answer import extract_files, extract_findings, path_problem

FENCE = "```"


def block(info: str, body: str, above: str = "") -> str:
    return f"{above}\n{FENCE}{info}\n{body}\n{FENCE}\n"


def test_info_string_path_is_the_protocol() -> None:
    files = extract_files(
        "Here you go:\n" + block("python path=app/users.py", "def f() -> None: ...")
    )
    assert files.files == {"app/users.py": "def f() -> None: ...\n"}
    assert files.rejected == {}


@pytest.mark.parametrize(
    "answer",
    [
        block("python", "# path: app/users.py\nX = 1"),
        block("python", "# app/users.py\nX = 1"),
        block("python", "X = 1", above="**app/users.py**"),
        block("python", "X = 1", above="### app/users.py"),
        block("python", "X = 1", above="`app/users.py`:"),
    ],
)
def test_common_variants_are_accepted(answer: str) -> None:
    assert extract_files(answer).files == {"app/users.py": "X = 1\n"}


def test_blocks_without_a_path_are_not_files() -> None:
    answer = block("python", "print('example')") + block(
        "console", "$ pytest -q", above="**run.sh**"
    )
    assert extract_files(answer).files == {}


def test_later_block_for_the_same_path_wins() -> None:
    answer = block("python path=a.py", "X = 1") + block("python path=./a.py", "X = 2")
    assert extract_files(answer).files == {"a.py": "X = 2\n"}


def test_longer_fences_hold_inner_fences() -> None:
    answer = "````markdown path=README.md\n```python\nx\n```\n````\n"
    assert extract_files(answer).files == {"README.md": "```python\nx\n```\n"}


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("../../x.py", "'..'"),
        ("/etc/passwd", "absolute"),
        ("C:/x.py", "absolute"),
        ("_hidden_tests/test_x.py", "reserved"),
        ("./_harness/pytest.ini", "reserved"),
        ("a/../../b.py", "'..'"),
    ],
)
def test_bad_paths_are_rejected_and_reported(path: str, problem: str) -> None:
    result = extract_files(block(f"python path={path}", "X = 1"))
    assert result.files == {}
    assert problem in result.rejected[path]


def test_good_path_has_no_problem() -> None:
    assert path_problem("pkg/sub/module.py") is None


def test_findings_are_the_last_json_list() -> None:
    answer = block("json", '[{"file": "old.py", "line": 1}]') + block(
        "json",
        '{"findings": [{"file": "a.py", "line": 7, "category": "SQL Injection",'
        ' "severity": "Critical", "explanation": "x"}]}',
    )
    findings = extract_findings(answer).findings
    assert findings is not None and [(f.file, f.line, f.severity) for f in findings] == [
        ("a.py", 7, "critical")
    ]


def test_missing_or_broken_findings_block_is_explained_not_raised() -> None:
    assert (
        extract_findings("looks fine to me").problem
        == "no fenced json findings block in the answer"
    )
    broken = extract_findings(block("json", '[{"file": "a.py"'))
    assert broken.findings is None and "invalid JSON" in (broken.problem or "")
    wrong = extract_findings(block("json", '[{"file": "a.py", "line": "seven"}]'))
    assert wrong.findings == [] and "finding 1: field 'line'" in wrong.item_problems[0]


def test_empty_findings_list_is_a_valid_review() -> None:
    assert extract_findings(block("json", "[]")).findings == []


def test_a_file_with_a_lone_surrogate_is_rejected_not_written() -> None:
    extracted = extract_files("```python\n# path: app.py\nX = '\ud800'\n```\n")
    assert extracted.files == {}
    assert "not valid Unicode" in extracted.rejected["app.py"]
