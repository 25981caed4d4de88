"""The one agent-reference grammar (issue 22 item 2): parse, format, controls, git, files."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from archbench.core.agent_ref import (
    AgentRef,
    AgentRefError,
    is_control_agent,
    looks_like_path,
    parse_agent_ref,
)

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("text", "name", "version", "path", "control", "revision"),
    [
        ("pba", "pba", None, None, False, None),
        ("pba@v2", "pba", "v2", None, False, None),
        ("pba@git:HEAD~1", "pba", "git:HEAD~1", None, False, "HEAD~1"),
        ("pba@git:origin/main", "pba", "git:origin/main", None, False, "origin/main"),
        ("reference", "reference", None, None, True, None),
        ("null@v3", "null", None, None, True, None),
        ("agents/pba/v1.md", "v1", None, "agents/pba/v1.md", False, None),
        ("C:\\prompts\\reviewer.md", "reviewer", None, "C:\\prompts\\reviewer.md", False, None),
        ("my/null", "null", None, "my/null", False, None),
    ],
)
def test_each_form_parses_into_its_parts(
    text: str, name: str, version: str | None, path: str | None, control: bool, revision: str | None
) -> None:
    ref = parse_agent_ref(text)
    assert (ref.name, ref.version, ref.path) == (name, version, path)
    assert ref.is_control is control and is_control_agent(text) is control
    assert ref.git_revision == revision
    assert ref.is_file is (path is not None)


@pytest.mark.parametrize("text", ["pba@v2", "pba", "reference", "pba@git:abc123", "a/b/v1.md"])
def test_formatting_gives_back_what_was_parsed(text: str) -> None:
    assert str(parse_agent_ref(text)) == text


def test_a_control_s_written_version_is_dropped_in_its_format() -> None:
    assert str(parse_agent_ref("null@v9")) == "null"


@pytest.mark.parametrize("text", ["", "@v2", "pba@"])
def test_a_reference_naming_no_agent_or_no_version_is_refused(text: str) -> None:
    with pytest.raises(AgentRefError, match="not an agent reference"):
        parse_agent_ref(text)


def test_a_git_reference_with_a_slash_is_not_a_path() -> None:
    assert not looks_like_path("pba@git:origin/main")
    assert looks_like_path("prompts/pba.md")


def test_with_version_pins_a_bare_name() -> None:
    assert str(AgentRef("pba").with_version("v4")) == "pba@v4"


def _partitions_on_at(path: Path) -> list[str]:
    """`x.partition("@")` calls: the grammar parsed by hand outside core/agent_ref.py."""
    hits = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"partition", "rpartition", "split"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == "@"
        ):
            hits.append(f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}")
    return hits


def test_no_module_parses_agent_references_by_hand() -> None:
    # _answer_key.py splits its own `kind@dataset_version` handles, which are not agents.
    allowed = {"src/archbench/core/agent_ref.py", "src/archbench/evalkit/_answer_key.py"}
    hits = [
        hit
        for path in sorted((PROJECT_ROOT / "src").rglob("*.py"))
        if path.relative_to(PROJECT_ROOT).as_posix() not in allowed
        for hit in _partitions_on_at(path)
    ]
    assert hits == []
