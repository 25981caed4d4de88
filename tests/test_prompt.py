"""Agent prompt files: parsing real-world subagent files, references, and clear errors."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from archbench.core.errors import AgentFileError
from archbench.core.prompt import parse_agent_file
from archbench.io.agents import list_versions, load_agent

SEED_SHA256 = "55124137f65e9bdca8feadc89c66ef1de04ee8d3a24caa7b00de59f9c1d35aa0"


def write_agent(root: Path, name: str, version: str, text: str) -> Path:
    path = root / name / f"{version}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_prompt_is_v1_byte_for_byte(project_root: Path) -> None:
    data = (project_root / "agents/python-backend-architect/v1.md").read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256


def test_seed_prompt_loads_with_every_field(project_root: Path) -> None:
    agent = load_agent("python-backend-architect@v1", project_root / "agents")
    assert (agent.name, agent.version, agent.model, agent.color) == (
        "python-backend-architect",
        "v1",
        "opus",
        "green",
    )
    assert agent.tools[:3] == ("Bash", "Glob", "Grep") and len(agent.tools) == 10
    assert agent.sha256 == SEED_SHA256
    # literal "\n" escapes in the one-line description become real newlines
    assert "\n<example>\nContext: User needs to implement" in agent.description
    assert agent.body.lstrip().startswith("You are a senior Python backend engineer")
    assert "---" not in agent.body.splitlines()[0]


def test_body_is_exactly_the_text_after_the_frontmatter(project_root: Path) -> None:
    text = (project_root / "agents/python-backend-architect/v1.md").read_text()
    agent = load_agent("python-backend-architect@v1", project_root / "agents")
    assert text.endswith(agent.body)
    assert text[: len(text) - len(agent.body)].rstrip("\n").endswith("---")


def test_natural_version_order_picks_v10_over_v2(tmp_path: Path) -> None:
    for version in ("v1", "v2", "v10"):
        write_agent(tmp_path, "a", version, f"---\nname: a\ndescription: d\n---\nbody {version}\n")
    assert list_versions("a", tmp_path) == ["v1", "v2", "v10"]
    latest = load_agent("a", tmp_path)
    assert latest.version == "v10" and latest.body == "body v10\n"
    assert load_agent("a@v2", tmp_path).body == "body v2\n"


def test_path_reference_loads_any_file(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.md"
    path.write_text("---\nname: x\ndescription: y\n---\nhello\n")
    agent = load_agent(str(path), tmp_path / "agents")
    assert agent.name == "x" and agent.version is None and agent.path == str(path.resolve())


@pytest.mark.parametrize(
    ("frontmatter", "tools", "model"),
    [
        ("name: a\ndescription: plain", (), None),
        ("name: a\ndescription: 'quoted: with colon'\ntools: Read, Write", ("Read", "Write"), None),
        (
            'name: a\ndescription: "dq\\nline"\ntools: [Read, Bash]\nmodel: sonnet',
            ("Read", "Bash"),
            "sonnet",
        ),
        ("name: a\ndescription: x\ntools:\n  - Grep\nmodel: inherit", ("Grep",), "inherit"),
        (
            "name: a\ndescription: Use it.\\n<example>\\nContext: x: y\\n</example>\n"
            "model: claude-opus-4-1-20250805",
            (),
            "claude-opus-4-1-20250805",
        ),
    ],
)
def test_wild_frontmatter_variants_load(
    frontmatter: str, tools: tuple[str, ...], model: str | None
) -> None:
    agent = parse_agent_file(f"---\n{frontmatter}\n---\nBody\n".encode(), "x.md")
    assert agent.tools == tools and agent.model == model and agent.body == "Body\n"


def test_windows_line_endings_and_bom_load() -> None:
    data = (
        "\ufeff---\r\nname: a\r\ndescription: d\r\ncolor: blue\r\n---\r\nline one\r\nline two\r\n"
    )
    agent = parse_agent_file(data.encode("utf-8"), "win.md")
    assert agent.name == "a" and agent.color == "blue" and agent.body == "line one\nline two\n"


def test_unknown_keys_are_kept() -> None:
    agent = parse_agent_file(b"---\nname: a\ndescription: d\npriority: 3\n---\nb\n", "x.md")
    assert agent.extra["priority"] == 3


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("just a body\n", "no YAML frontmatter"),
        ("---\nname: a\ndescription: d\nbody never closed\n", "not closed"),
        ("---\ndescription: d\n---\nbody\n", "no 'name'"),
        ("---\nname: a\n---\nbody\n", "no 'description'"),
        ("---\nname: a\ndescription: d\n---\n\n  \n", "body after the frontmatter is empty"),
        (
            "---\nname: a\ndescription: d\ntools: [Read, Write\n---\nbody\n",
            "YAML syntax error on line 4",
        ),
    ],
)
def test_bad_files_raise_one_error_type_naming_file_and_problem(text: str, message: str) -> None:
    with pytest.raises(AgentFileError) as caught:
        parse_agent_file(text.encode(), "agents/bad/v1.md")
    assert message in str(caught.value)
    assert str(caught.value).startswith("agents/bad/v1.md: ")


def test_unknown_agent_lists_existing_agents(tmp_path: Path) -> None:
    write_agent(tmp_path, "known", "v1", "---\nname: known\ndescription: d\n---\nb\n")
    with pytest.raises(AgentFileError, match=r"unknown agent 'nope'.*agents: known"):
        load_agent("nope", tmp_path)


def test_unknown_version_lists_existing_versions(tmp_path: Path) -> None:
    write_agent(tmp_path, "known", "v1", "---\nname: known\ndescription: d\n---\nb\n")
    write_agent(tmp_path, "known", "v2", "---\nname: known\ndescription: d\n---\nb\n")
    with pytest.raises(AgentFileError, match=r"no version 'v9' \(versions: v1, v2\)"):
        load_agent("known@v9", tmp_path)
