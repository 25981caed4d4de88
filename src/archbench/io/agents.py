"""Resolve agent references (`name`, `name@version`, `name@git:REV`, or a path) and load them."""

from __future__ import annotations

from pathlib import Path

from archbench.core.agent_ref import PROMPT_SUFFIX, AgentRef, parse_agent_ref
from archbench.core.errors import AgentFileError
from archbench.core.prompt import AgentPrompt, parse_agent_file
from archbench.core.versions import latest_version, natural_key, same_number
from archbench.io.git_agents import checkout_git_agent
from archbench.io.paths import agents_dir


def load_agent(reference: str, root: Path | None = None) -> AgentPrompt:
    """Load `name`, `name@version`, `name@git:REV` or a path to any subagent `.md` file."""
    root = root or agents_dir()
    ref = _parse(reference)
    if ref.git_revision is not None:
        path, git_version = checkout_git_agent(ref, root)
        return parse_agent_file(
            path.read_bytes(), source=reference, version=git_version, path=str(path)
        )
    path, version = resolve_agent_path(reference, root)
    prompt = parse_agent_file(path.read_bytes(), source=str(path), version=version, path=str(path))
    _check_name(prompt, path, root)
    return prompt


def _parse(reference: str) -> AgentRef:
    ref = parse_agent_ref(reference)
    if ref.is_control:
        raise AgentFileError(reference, f"'{ref.name}' is a control agent, not a prompt file")
    return ref


def _check_name(prompt: AgentPrompt, path: Path, root: Path) -> None:
    """A version inside the agents folder is named by its folder: compare finds an agent's logs
    by the frontmatter name, so a copied folder that kept the original's name would pass its
    runs off as the original's."""
    folder = path.resolve().parent
    if folder.parent == root.resolve() and prompt.name != folder.name:
        raise AgentFileError(
            str(path),
            f"frontmatter name '{prompt.name}' differs from its folder '{folder.name}'; "
            f"set `name: {folder.name}` (or move the file to {root / prompt.name})",
        )


def resolve_agent_path(reference: str, root: Path) -> tuple[Path, str | None]:
    """The file a reference names, and its version (None for a bare path outside `root`)."""
    ref = _parse(reference)
    if ref.path is not None:
        return _resolve_file_reference(Path(ref.path), root)
    name, version = ref.name, ref.version
    versions = list_versions(name, root)
    if not versions:
        known = ", ".join(list_agents(root)) or "none"
        raise AgentFileError(reference, f"unknown agent '{name}' in {root} (agents: {known})")
    chosen = version or latest_version(versions)
    if chosen not in versions:
        raise AgentFileError(
            reference, f"agent '{name}' has no version '{chosen}' (versions: {', '.join(versions)})"
        )
    return root / name / f"{chosen}{PROMPT_SUFFIX}", chosen


def _resolve_file_reference(path: Path, root: Path) -> tuple[Path, str | None]:
    if not path.is_file():
        raise AgentFileError(str(path), "no such agent prompt file")
    resolved = path.resolve()
    inside_root = resolved.parent.parent == root.resolve()
    return resolved, resolved.stem if inside_root else None


def list_agents(root: Path) -> list[str]:
    """Agent names: folders under `root` holding at least one prompt version."""
    if not root.is_dir():
        return []
    return sorted(d.name for d in root.iterdir() if d.is_dir() and list_versions(d.name, root))


def list_versions(name: str, root: Path) -> list[str]:
    """The versions of an agent in natural order (v2 before v10)."""
    folder = root / name
    if not folder.is_dir():
        return []
    stems = [p.stem for p in folder.glob(f"*{PROMPT_SUFFIX}") if p.is_file()]
    for first, second in same_number(stems):
        raise AgentFileError(
            str(folder),
            f"versions '{first}' and '{second}' have the same number, so neither is the latest; "
            "rename or remove one",
        )
    return sorted(stems, key=natural_key)
