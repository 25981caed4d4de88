"""Agentic mode's pure rules: tool grants, path confinement, tool semantics, clarification."""

from __future__ import annotations

import pytest

from archbench.compare._analysis import CompareOptions
from archbench.core.agentic import (
    KNOWN_TOOLS,
    AgenticError,
    ClarificationPolicy,
    RunSettings,
    apply_edit,
    asks_for_clarification,
    bash_timeout_seconds,
    confine_path,
    delivered_work,
    glob_paths,
    grep_files,
    number_lines,
    parse_model_aliases,
    parse_todos,
    resolve_model,
    resolve_tool_grant,
    validate_mode,
)
from archbench.core.errors import ArchbenchError

WORK_DIR = "/tmp/work-abc"
SEED_TOOLS = (
    "Bash", "Glob", "Grep", "Read", "Edit", "Write", "NotebookEdit", "WebFetch", "TodoWrite",
    "WebSearch",
)  # fmt: skip


def test_no_tools_listed_grants_every_tool() -> None:
    grant = resolve_tool_grant(())
    assert grant.granted == KNOWN_TOOLS and grant.refused == () and grant.unknown == ()


def test_the_seed_frontmatter_gets_all_its_tools_in_claude_code_order() -> None:
    grant = resolve_tool_grant(SEED_TOOLS)
    assert grant.granted[:7] == ("Read", "Write", "Edit", "Bash", "Glob", "Grep", "TodoWrite")
    assert set(grant.granted) == set(SEED_TOOLS) and grant.refused == ()


def test_unlisted_tools_are_refused_and_unknown_ones_recorded() -> None:
    grant = resolve_tool_grant(("Read", "Bash(git:*)", "Task", "mcp__github__search"))
    assert grant.granted == ("Read", "Bash")
    assert "Write" in grant.refused and "Edit" in grant.refused and "Read" not in grant.refused
    assert grant.unknown == ("Task", "mcp__github__search")
    assert grant.rules == {"Bash": "git:*"}
    assert grant.as_metadata()["refused"] == list(grant.refused)


@pytest.mark.parametrize(
    ("frontmatter", "honor", "expected"),
    [
        ("sonnet", False, None),
        ("sonnet", True, "anthropic/claude-sonnet-4-5"),
        ("opus", True, "anthropic/claude-opus-4-5"),
        ("inherit", True, None),
        (None, True, None),
        ("claude-3-5-haiku-20241022", True, "anthropic/claude-3-5-haiku-20241022"),
        ("archbench/offline", True, "archbench/offline"),
    ],
)
def test_frontmatter_model_is_used_only_when_honoured(
    frontmatter: str | None, honor: bool, expected: str | None
) -> None:
    assert resolve_model(frontmatter, honor) == expected


def test_model_aliases_can_be_configured_and_bad_ones_are_named() -> None:
    aliases = parse_model_aliases("opus = anthropic/claude-opus-4-9, fast=archbench/offline")

    assert resolve_model("opus", True, aliases) == "anthropic/claude-opus-4-9"
    assert resolve_model("fast", True, aliases) == "archbench/offline"
    assert resolve_model("sonnet", True, aliases) == "anthropic/claude-sonnet-4-5"
    with pytest.raises(ValueError, match="model alias 'opus' is not of the form"):
        parse_model_aliases("opus")


@pytest.mark.parametrize(
    ("path", "relative"),
    [
        ("app/main.py", "app/main.py"),
        ("./app/../app/main.py", "app/main.py"),
        (f"{WORK_DIR}/app/main.py", "app/main.py"),
        (WORK_DIR, "."),
    ],
)
def test_paths_inside_the_work_dir_are_made_relative(path: str, relative: str) -> None:
    assert confine_path(path, WORK_DIR) == relative


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("../secret.py", "outside"),
        ("/etc/passwd", "outside"),
        (f"{WORK_DIR}-other/x.py", "outside"),
        ("app/../../x.py", "outside"),
        ("_hidden_tests/conftest.py", "reserved"),
        (f"{WORK_DIR}/_harness/pytest.ini", "reserved"),
        ("", "empty"),
    ],
)
def test_paths_outside_the_work_dir_or_reserved_are_refused(path: str, why: str) -> None:
    with pytest.raises(AgenticError, match=why):
        confine_path(path, WORK_DIR)


def test_edit_replaces_a_unique_string() -> None:
    assert apply_edit("a = 1\nb = 2\n", "b = 2", "b = 3") == "a = 1\nb = 3\n"


def test_edit_refuses_ambiguous_missing_or_empty_changes() -> None:
    with pytest.raises(AgenticError, match="Found 2 matches"):
        apply_edit("x\nx\n", "x", "y")
    with pytest.raises(AgenticError, match="not found"):
        apply_edit("x\n", "z", "y")
    with pytest.raises(AgenticError, match="No changes"):
        apply_edit("x\n", "x", "x")


def test_edit_replace_all_replaces_every_occurrence() -> None:
    assert apply_edit("x\nx\n", "x", "y", replace_all=True) == "y\ny\n"


def test_read_numbers_lines_from_the_offset_up_to_the_limit() -> None:
    text = "".join(f"line {n}\n" for n in range(1, 11))
    assert number_lines(text, offset=3, limit=2) == "     3\tline 3\n     4\tline 4"
    assert number_lines(text).count("\n") == 9
    assert "empty" in number_lines("")
    assert "only 10 lines" in number_lines(text, offset=50)


def test_bash_timeout_is_milliseconds_with_claude_codes_default_and_cap() -> None:
    assert bash_timeout_seconds(None) == 120
    assert bash_timeout_seconds(5_000) == 5
    assert bash_timeout_seconds(10_000_000) == 600


PATHS = ["app/main.py", "app/api/users.py", "README.md", "tests/test_users.py", "setup.cfg"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("**/*.py", ["app/api/users.py", "app/main.py", "tests/test_users.py"]),
        ("*.py", ["app/api/users.py", "app/main.py", "tests/test_users.py"]),
        ("app/*.py", ["app/main.py"]),
        ("app/**/*.py", ["app/api/users.py", "app/main.py"]),
        ("*.{md,cfg}", ["README.md", "setup.cfg"]),
        ("tests/test_?sers.py", ["tests/test_users.py"]),
    ],
)
def test_glob_matches_like_claude_codes_glob(pattern: str, expected: list[str]) -> None:
    assert glob_paths(PATHS, pattern) == expected


def test_grep_lists_files_lines_or_counts() -> None:
    files = {"a.py": "import os\nx = 1\n", "b.py": "y = 2\n", "c.md": "import this\n"}
    assert grep_files(files, r"^import") == "a.py\nc.md"
    assert grep_files(files, r"^import", glob="*.py") == "a.py"
    assert grep_files(files, r"= \d", output_mode="content") == "a.py:2:x = 1\nb.py:1:y = 2"
    assert grep_files(files, r"\w", output_mode="count", glob="*.md") == "c.md:1"
    assert grep_files(files, "nothing") == "No matches found"
    with pytest.raises(AgenticError, match="invalid regular expression"):
        grep_files(files, "(")


def test_todos_are_validated() -> None:
    items = parse_todos([{"content": "write tests", "status": "in_progress", "activeForm": "x"}])
    assert items[0].content == "write tests"
    with pytest.raises(AgenticError, match="status"):
        parse_todos([{"content": "x", "status": "doing"}])
    with pytest.raises(AgenticError, match="one todo"):
        parse_todos([{"content": "a", "status": "in_progress"}] * 2)


QUESTION = "Before I start: should the repository use PostgreSQL or SQLite?"
FILES = "```python path=app/x.py\nx = 1\n```\nDoes this look right?"


@pytest.mark.parametrize(
    ("answer", "kind", "is_question"),
    [
        (QUESTION, "implement", True),
        (f"Some thoughts.\n\n**{QUESTION}**", "implement", True),
        (FILES, "implement", False),
        ("Done. The repository uses SQLite.", "implement", False),
        ("Is it? I think so. Implemented as asked.", "implement", False),
        ("```json\n[]\n```\nAnything else?", "review", False),
        ("No findings block here. What is the expected behaviour?", "review", True),
        (QUESTION, "design", True),
        ("word " * 200 + "\n\nShall I detail the outbox?", "design", False),
    ],
)
def test_a_question_is_an_answer_without_work_ending_with_a_question_mark(
    answer: str, kind: str, is_question: bool
) -> None:
    assert asks_for_clarification(answer, delivered_work(answer, kind)) is is_question


def test_the_simulated_user_replies_once() -> None:
    policy = ClarificationPolicy(reply="Use SQLite.")
    assert policy.reply_to(QUESTION, False, turns_so_far=0) == "Use SQLite."
    assert policy.reply_to(QUESTION, False, turns_so_far=1) is None
    assert policy.reply_to("Done.", False, turns_so_far=0) is None


def test_modes_are_checked_per_kind() -> None:
    assert validate_mode("review", "agentic") == "agentic"
    assert validate_mode("design", "single") == "single"
    with pytest.raises(ArchbenchError, match="no agentic mode"):
        validate_mode("design", "agentic")
    with pytest.raises(ArchbenchError, match="unknown mode 'multi'"):
        validate_mode("implement", "multi")


def test_only_agentic_runs_get_inspect_limits() -> None:
    assert RunSettings().task_limits() == {}
    limits = RunSettings(mode="agentic").task_limits()
    assert set(limits) == {"message_limit", "token_limit", "time_limit"}
    assert all(value > 0 for value in limits.values())


def test_compare_counts_fewer_clarification_turns_as_better() -> None:
    options = CompareOptions()
    assert not options.higher_is_better("clarification_turns")
    assert options.higher_is_better("spec_adherence")
