"""`name@git:REV` agent references: an agent's newest prompt version as it was at a git revision.

The pull-request check compares a prompt at the base commit with the same prompt at the head,
which may be the same version file edited in place; the revision in the reference keeps the
two runs apart in the logs (`agent_version` is `git:REV`). The file is copied out of git into
the archbench cache so reports can show the prompt diff.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from archbench.core.agent_ref import PROMPT_SUFFIX, AgentRef
from archbench.core.errors import AgentFileError
from archbench.core.versions import latest_version
from archbench.io.paths import project_root

CACHE_FOLDER = Path(".archbench-cache") / "git-agents"


def checkout_git_agent(ref: AgentRef, agents_root: Path) -> tuple[Path, str]:
    """Write `name`'s newest version at REV to the cache; return the file and `git:REV`."""
    reference, name, revision = str(ref), ref.name, ref.git_revision
    if revision is None or ref.version is None:
        raise AgentFileError(reference, "not a name@git:REV reference")
    repository = project_root()
    folder = _agents_folder(agents_root, repository) / name
    listing = _git(reference, repository, "ls-tree", "--name-only", f"{revision}:{folder}")
    stems = [Path(line).stem for line in listing.splitlines() if line.endswith(PROMPT_SUFFIX)]
    if not stems:
        raise AgentFileError(reference, f"agent '{name}' has no prompt file at {revision}")
    chosen = latest_version(stems)
    text = _git(reference, repository, "show", f"{revision}:{folder}/{chosen}{PROMPT_SUFFIX}")
    commit = _git(reference, repository, "rev-parse", "--short=12", revision).strip()
    target = repository / CACHE_FOLDER / commit / name / f"{chosen}{PROMPT_SUFFIX}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target, ref.version


def changed_agents(base: str, head: str, agents_root: Path) -> list[str]:
    """Names of the agents whose prompt files differ between two revisions."""
    repository = project_root()
    folder = _agents_folder(agents_root, repository)
    listing = _git(
        f"{base}..{head}", repository, "diff", "--name-only", base, head, "--", str(folder)
    )
    relative = [PurePosixPath(path).relative_to(folder).parts for path in listing.splitlines()]
    return sorted(
        {parts[0] for parts in relative if len(parts) == 2 and parts[1].endswith(PROMPT_SUFFIX)}
    )


def agent_exists_at(name: str, revision: str, agents_root: Path) -> bool:
    repository = project_root()
    folder = _agents_folder(agents_root, repository) / name
    try:
        listing = _git(name, repository, "ls-tree", "--name-only", f"{revision}:{folder}")
    except AgentFileError:
        return False
    return any(line.endswith(PROMPT_SUFFIX) for line in listing.splitlines())


def _agents_folder(agents_root: Path, repository: Path) -> PurePosixPath:
    """The agents folder as git names it: relative to the repository, with forward slashes."""
    return PurePosixPath(agents_root.resolve().relative_to(repository.resolve()).as_posix())


def _git(reference: str, repository: Path, *arguments: str) -> str:
    try:
        completed = subprocess.run(
            ["git", *arguments], cwd=repository, capture_output=True, text=True, check=True
        )
    except FileNotFoundError as error:
        raise AgentFileError(reference, "git is not installed") from error
    except subprocess.CalledProcessError as error:
        raise AgentFileError(
            reference, f"git {arguments[0]} failed: {error.stderr.strip()}"
        ) from error
    return completed.stdout
