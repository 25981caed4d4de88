"""The files of a seeded review sample and of a source task's clean twin (`archbench seed-bugs`).

A request names the package under review, never the mutated file: a reviewer handed one file of
a ten-file package knows where to look (issue 17 item 3). Mutants and clean twins draw their
requests from the same phrasings, so the request says nothing about whether a bug is there.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from archbench.core.dataset import NO_BUG_CATEGORY, CodeTaskSpec, TaskRecord
from archbench.core.mutation import Candidate

SAMPLE_PREFIX = "mut-"
CLEAN_SUFFIX = "clean"
# Ways a user asks for a review of a package: none names a file or hints at what is wrong.
REQUEST_TEMPLATES = (
    "Here's our `{package}` package, can you review it?\n",
    "Could you review the `{package}` package? It's part of our backend and I'd like a second "
    "pair of eyes before it goes to production.\n",
    "I just finished working on the {package} code. Can you take a look and tell me if anything "
    "should change before I open a pull request?\n",
    "Please do a code review of the `{package}` package. Flag anything you would block the "
    "merge on.\n",
    "We're about to ship the `{package}` package. Can you review it and point out anything that "
    "worries you?\n",
    "Here's the {package} package from our backend. Can you review it and tell me what you "
    "would fix first?\n",
)


@dataclass(frozen=True)
class SampleLabels:
    """What the seeder decided about a kept mutant: the reviewer's category and how hard it is;
    and the seed its request is drawn with."""

    category: str
    difficulty: str
    seed: int


def clean_tree(record: TaskRecord) -> dict[str, str]:
    """The gold solution as it runs: the reference laid over the starter, minus deletions."""
    spec = record.spec
    deleted = set(spec.delete) if isinstance(spec, CodeTaskSpec) else set()
    return {k: v for k, v in {**record.shown, **record.gold}.items() if k not in deleted}


def sample_id(candidate: Candidate) -> str:
    return f"{SAMPLE_PREFIX}{candidate.source_task}-{candidate.mutant.key[:6]}"


def clean_twin_id(record: TaskRecord) -> str:
    return f"{SAMPLE_PREFIX}{record.id}-{CLEAN_SUFFIX}"


def write_mutant_sample(
    folder: Path, candidate: Candidate, record: TaskRecord, labels: SampleLabels
) -> None:
    mutant = candidate.mutant
    files = {
        **{f"code/{path}": text for path, text in clean_tree(record).items()},
        f"code/{mutant.path}": mutant.source,
        **{f"tests/{path}": text for path, text in record.tests.items()},
        f"reference/{mutant.path}": record.gold[mutant.path],
        "task.yaml": _mutant_task_yaml(folder.name, candidate, record, labels),
        "request.md": request(folder.name, package_of(record, mutant.path), labels.seed),
    }
    _write(folder, files)


def write_clean_twin(folder: Path, record: TaskRecord, seed: int) -> None:
    """The unmutated code of a source task under review: nothing to find, every test passes."""
    files = {
        **{f"code/{path}": text for path, text in clean_tree(record).items()},
        **{f"tests/{path}": text for path, text in record.tests.items()},
        "task.yaml": _clean_task_yaml(folder.name, record),
        "request.md": request(folder.name, package_of(record), seed),
    }
    _write(folder, files)


def request(sample: str, package: str, seed: int) -> str:
    """A natural review request naming the package, its phrasing drawn from the seed and id."""
    rng = random.Random(f"{seed}:{sample}")
    return rng.choice(REQUEST_TEMPLATES).format(package=package)


def package_of(record: TaskRecord, path: str | None = None) -> str:
    """The top-level package of `path`, or the one holding most of the task's gold modules; a
    module at the root of the tree stands for itself."""
    if path is None:
        tops = Counter(PurePosixPath(p).parts[0] for p in sorted(record.gold) if p.endswith(".py"))
        path = max(tops, key=lambda top: (tops[top], top)) if tops else record.id
    file = PurePosixPath(path)
    return file.parts[0] if len(file.parts) > 1 else file.stem


def _mutant_task_yaml(
    sample: str, candidate: Candidate, record: TaskRecord, labels: SampleLabels
) -> str:
    mutant = candidate.mutant
    task = {
        "id": sample,
        "kind": "review",
        "title": f"Seeded {labels.category} bug in {mutant.path} ({record.id})",
        # The operator family stays in the tags: results can be split by how the bug was made.
        "tags": ["mutation", mutant.category],
        "difficulty": labels.difficulty,
        "origin": "mutation",
        "category": labels.category,
        "bug": {
            "file": mutant.path,
            "lines": list(mutant.lines),
            "description": f"{mutant.description} (operator: {mutant.operator})",
        },
        "source_task": record.id,
        "dependencies": list(record.spec.dependencies),
    }
    return yaml.safe_dump(task, sort_keys=False, allow_unicode=True, width=100)


def _clean_task_yaml(sample: str, record: TaskRecord) -> str:
    task = {
        "id": sample,
        "kind": "review",
        "title": f"Clean twin of the {record.id} mutation samples",
        "tags": ["mutation", "clean"],
        "difficulty": "medium",
        "origin": "clean",
        "category": NO_BUG_CATEGORY,
        "source_task": record.id,
        "dependencies": list(record.spec.dependencies),
    }
    return yaml.safe_dump(task, sort_keys=False, allow_unicode=True, width=100)


def _write(folder: Path, files: dict[str, str]) -> None:
    for relative, text in sorted(files.items()):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
