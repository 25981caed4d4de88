"""Issue 23: every common way of packaging a file extracts the same file; format problems named.

The shapes are rendered by `tests/answer_shapes.py`, shared with the check over every implement
task's reference solution.
"""

from __future__ import annotations

import pytest

from archbench.core.answer import (
    CANONICAL,
    ambiguity_notes,
    describe_answer_format,
    describe_item_problems,
    extract_files,
    extract_findings,
)
from archbench.core.harness import FILE_PROTOCOL, FINDINGS_PROTOCOL
from tests.answer_shapes import SHAPES, render

CONTENT = 'def greet(name: str) -> str:\n    return f"hello {name}"\n'


@pytest.mark.parametrize("shape", SHAPES, ids=lambda shape: shape.name)
def test_every_shape_extracts_the_file_as_the_canonical_form_does(shape: object) -> None:
    answer = "Here is the change.\n\n" + render(shape, {"app/users.py": CONTENT})  # type: ignore[arg-type]
    extracted = extract_files(answer)
    assert extracted.files == {"app/users.py": CONTENT}
    assert extracted.sources == {"app/users.py": shape.source}  # type: ignore[attr-defined]
    assert extracted.format_fallbacks == (shape.source != CANONICAL)  # type: ignore[attr-defined]
    assert extracted.unassigned_blocks == 0 and extracted.rejected == {}


@pytest.mark.parametrize("comment", ["// static/app.js", "// path: static/app.js"])
def test_slash_comment_names_a_file_that_is_not_python(comment: str) -> None:
    extracted = extract_files(f"```javascript\n{comment}\nexport const x = 1;\n```\n")
    assert extracted.files == {"static/app.js": "export const x = 1;\n"}
    assert extracted.sources == {"static/app.js": "comment"}


def test_slash_comment_does_not_name_a_python_file() -> None:
    assert extract_files("```python\n// app/users.py\nX = 1\n```\n").files == {}


def test_shorter_fences_inside_a_longer_fence_are_content() -> None:
    readme = "# Usage\n\n```python\nfrom app import x\n```\n\n~~~\nplain\n~~~\n"
    for fence in ("````", "~~~~"):
        extracted = extract_files(f"{fence}markdown path=README.md\n{readme}{fence}\n")
        assert extracted.files == {"README.md": readme}, fence


def test_a_docstring_example_is_not_a_separate_file() -> None:
    content = (
        "def greet() -> str:\n"
        '    """Say hello.\n\n'
        "    ```python\n"
        "    # app/other.py\n"
        "    greet()\n"
        "    ```\n\n"
        "    ```\n"
        "    greet()\n"
        "    ```\n"
        '    """\n'
        '    return "hello"\n'
    )
    for above in ("", "### app/users.py\n"):
        info = "python" if above else "python path=app/users.py"
        extracted = extract_files(f"{above}```{info}\n{content}```\n\nDone.\n")
        assert extracted.files == {"app/users.py": content}
        assert extracted.code_blocks == 1


def test_a_path_mentioned_in_prose_far_above_an_unrelated_block_is_not_a_file() -> None:
    answer = (
        "### app/users.py\n\nI changed app/users.py to validate emails.\n\n"
        "Usage example:\n\n```python\nprint(register('a@b.c'))\n```\n"
    )
    extracted = extract_files(answer)
    assert extracted.files == {} and extracted.unassigned_blocks == 1
    assert "no files: 1 code block had no path" in describe_answer_format(extracted)


def test_a_heading_two_blank_lines_above_is_too_far() -> None:
    assert extract_files("**app/users.py**\n\n\n```python\nX = 1\n```\n").files == {}


def test_a_heading_above_output_is_not_a_file() -> None:
    answer = "**run.sh**\n```console\n$ pytest -q\n1 passed\n```\n**app/a.py**\n```json\n[]\n```\n"
    extracted = extract_files(answer)
    assert extracted.files == {} and extracted.unassigned_blocks == 0


@pytest.mark.parametrize(("path", "problem"), [("../x.py", "'..'"), ("/etc/passwd.py", "absolute")])
def test_bad_paths_are_rejected_in_every_shape(path: str, problem: str) -> None:
    for shape in SHAPES:
        extracted = extract_files(render(shape, {path: "X = 1\n"}))
        assert extracted.files == {}, shape.name
        assert problem in extracted.rejected[path], shape.name
        assert "1 file path rejected" in describe_answer_format(extracted), shape.name


@pytest.mark.parametrize(
    ("answer", "first_line"),
    [
        ("", "the answer delivered no files: the answer is empty"),
        ("   \n\n", "the answer delivered no files: the answer is empty"),
        (
            "Move the query into a repository and add an index on email.",
            "the answer delivered no files: it is prose only, with no code block",
        ),
        (
            "```python\nA = 1\n```\n```python\nB = 2\n```\n```\nC = 3\n```\n",
            "the answer delivered no files: 3 code blocks had no path",
        ),
        (
            "```console\n$ ls\n```\n",
            "the answer delivered no files: its 1 block are output or data",
        ),
    ],
)
def test_an_answer_without_files_says_so(answer: str, first_line: str) -> None:
    assert describe_answer_format(extract_files(answer)) == first_line


def test_fifty_unassigned_blocks_are_counted_not_taken() -> None:
    answer = "\n".join(f"Step {n}:\n\n```python\nX{n} = {n}\n```\n" for n in range(50))
    extracted = extract_files(answer)
    assert extracted.files == {} and extracted.unassigned_blocks == 50
    assert extracted.format_fallbacks == 50


def test_the_format_line_names_fallbacks_and_unassigned_blocks() -> None:
    answer = (
        "```python path=app/a.py\nA = 1\n```\n### app/b.py\n```python\nB = 1\n```\n"
        "```python\nprint(A)\n```\n"
    )
    extracted = extract_files(answer)
    assert extracted.fallback_files == 1 and extracted.format_fallbacks == 2
    assert describe_answer_format(extracted) == (
        "answer format: 2 files, 1 found outside the canonical `path=` fence: app/b.py (heading);"
        " 1 code block had no path"
    )
    canonical = extract_files("```python path=app/a.py\nA = 1\n```\n")
    assert describe_answer_format(canonical) == "answer format: 1 file in canonical `path=` fences"


def test_duplicates_are_named_and_the_last_block_is_kept() -> None:
    answer = (
        "```python path=a.py\nX = 1\n```\n```python path=./a.py\nX = 2\n```\n"
        "```python path=b.py\nY = 1\n```\n```python path=b.py\nY = 1\n```\n"
    )
    extracted = extract_files(answer)
    assert extracted.files == {"a.py": "X = 2\n", "b.py": "Y = 1\n"}
    assert ambiguity_notes(extracted) == [
        "a.py was delivered 2 times with different content; the last block is kept",
        "b.py was delivered 2 times identically; the last block is kept",
    ]


def test_a_top_level_module_shadowing_the_stdlib_is_named_unless_the_task_owns_it() -> None:
    answer = "".join(
        f"```python path={path}\nX = 1\n```\n"
        for path in ("json.py", "typing/__init__.py", "app/json.py", "app/users.py")
    )
    extracted = extract_files(answer)
    assert ambiguity_notes(extracted) == [
        "json.py shadows the standard-library module 'json'",
        "typing/__init__.py shadows the standard-library module 'typing'",
    ]
    assert ambiguity_notes(extracted, known_paths={"json.py"}) == [
        "typing/__init__.py shadows the standard-library module 'typing'"
    ]


def test_the_harness_protocol_example_is_the_canonical_form() -> None:
    for protocol in (FILE_PROTOCOL, FINDINGS_PROTOCOL):
        assert "path=<relative path>" in protocol
    extracted = extract_files(FILE_PROTOCOL)
    assert extracted.sources == {"app/users.py": CANONICAL}


FINDING = '{"file": "a.py", "line": 7, "category": "sql-injection", "severity": "critical"}'


@pytest.mark.parametrize(
    ("answer", "source"),
    [
        (f"```json\n[{FINDING}]\n```\n", "canonical"),
        (f"```JSON\n[{FINDING}]\n```\n", "canonical"),
        (f"```\n[{FINDING}]\n```\n", "unlabelled block"),
        (f'```json\n{{"findings": [{FINDING}]}}\n```\n', 'wrapped in {"findings": [...]}'),
        (f'```\n{{"findings": [{FINDING}]}}\n```\n', "unlabelled block"),
        (f"[{FINDING}]", "unfenced JSON answer"),
        (f"Review done.\n\n- ```json\n  [{FINDING}]\n  ```\n", "canonical"),
    ],
)
def test_findings_blocks_as_models_write_them(answer: str, source: str) -> None:
    extracted = extract_findings(answer)
    assert extracted.findings is not None
    assert [(f.file, f.line) for f in extracted.findings] == [("a.py", 7)]
    assert extracted.source == source
    assert extracted.format_fallbacks == (source != "canonical")


def test_unlabelled_blocks_that_are_not_findings_are_skipped() -> None:
    answer = f"```json\n[{FINDING}]\n```\nThen:\n```\n[1, 2, 3]\n```\n```\nnot json\n```\n"
    extracted = extract_findings(answer)
    assert extracted.findings is not None and len(extracted.findings) == 1


def test_a_delivered_json_file_is_not_the_findings_block() -> None:
    answer = f'```json\n[{FINDING}]\n```\n```json path=config.json\n{{"a": 1}}\n```\n'
    extracted = extract_findings(answer)
    assert extracted.findings is not None and extracted.source == "canonical"


def test_malformed_findings_are_named_item_by_item_and_the_rest_count() -> None:
    block = (
        f'```json\n[{FINDING}, {{"file": "b.py", "line": "seven"}}, {{"line": 3}}, "oops"]\n```\n'
    )
    extracted = extract_findings(block)
    assert extracted.findings is not None and [f.file for f in extracted.findings] == ["a.py"]
    assert len(extracted.item_problems) == 3
    assert extracted.item_problems[0].startswith("finding 2: field 'line'")
    assert extracted.item_problems[1].startswith("finding 3: field 'file'")
    assert extracted.item_problems[2].startswith("finding 4:")
    assert (
        extracted.describe()
        == "findings block: 1 finding (canonical); 3 malformed findings left out"
    )


def test_a_flood_of_malformed_findings_is_capped_in_the_explanation() -> None:
    items = ", ".join(['{"file": "a.py"}'] * 200)
    extracted = extract_findings(f"```json\n[{items}]\n```\n")
    assert extracted.findings == [] and len(extracted.item_problems) == 200
    lines = describe_item_problems(extracted)
    assert len(lines) == 11 and lines[-1] == "... and 190 more malformed findings"
    assert lines[0] == "malformed finding 1: field 'line': Field required"


@pytest.mark.parametrize(
    ("answer", "source"),
    [
        ("```python:app/users.py\nX = 1\n```\n", "info-path"),
        ('```python title="app/users.py"\nX = 1\n```\n', "info-path"),
        ("1. ```python path=app/users.py\n   X = 1\n   ```\n", "canonical"),
        ("**app/users.py**\r\n```python\r\nX = 1\r\n```\r\n", "heading"),
        ("## 2. `app/users.py` (new)\n```python\nX = 1\n```\n", "heading"),
    ],
)
def test_more_variants_models_write(answer: str, source: str) -> None:
    extracted = extract_files(answer)
    assert extracted.files == {"app/users.py": "X = 1\n"}
    assert extracted.sources == {"app/users.py": source}


def test_a_version_number_in_the_info_string_is_not_a_path() -> None:
    assert extract_files("```python3.11\nX = 1\n```\n").files == {}
