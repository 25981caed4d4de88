"""The dataset vocabulary: what a task's `task.yaml` holds and what a loaded task carries.

Models are validated with pydantic so a broken task fails before anything runs; the loader
turns validation errors into `DatasetError`s naming the task, file and field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from archbench.core.registry import TaskKind as TaskKind
from archbench.core.test_results import selected_tests, unknown_selectors

Difficulty = Literal["easy", "medium", "hard"]
# core: the everyday tasks; hard: realistic work whose difficulty is engineering judgement
# (where a change belongs, what to keep stable, what to ask). Reports show scores per tier.
Tier = Literal["core", "hard"]
Origin = Literal["hand", "mutation", "clean"]
NO_BUG_CATEGORY = "none"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Interface(_Strict):
    """What the hidden tests rely on; every item must be stated in the request."""

    modules: list[str] = Field(min_length=1)
    symbols: list[str] = Field(default_factory=list)
    routes: list[str] = Field(default_factory=list)


class _TaskBase(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    difficulty: Difficulty = "medium"
    tier: Tier = "core"
    dependencies: list[str] = Field(default_factory=list)


class EquivalentMutant(_Strict):
    """A reviewed mutant of the reference that no test could kill, and why (see the gate)."""

    id: str = Field(pattern=r"^[0-9a-f]{12}$")
    reason: str = Field(min_length=1)


class CodeTaskSpec(_TaskBase):
    """An `implement` or `refactor` task: hidden tests grade the delivered files.

    `pass_to_pass` selects hidden tests (a file `test_x.py`, or a node id `test_x.py::test_y`,
    relative to `tests/`) that pin existing behaviour: they pass on the starter and must keep
    passing. Every other hidden test is fail-to-pass: new behaviour the request asks for.
    """

    kind: Literal["implement", "refactor"]
    interface: Interface
    delete: list[str] = Field(default_factory=list)
    layers: dict[str, list[str]] = Field(default_factory=dict)
    pass_to_pass: list[str] = Field(default_factory=list)
    equivalent_mutants: list[EquivalentMutant] = Field(default_factory=list)
    # What the simulated user answers when the agent asks (instead of the run-wide default):
    # the request leaves one decision open and the hidden tests follow this answer.
    clarification_reply: str | None = None

    @model_validator(mode="after")
    def _clarification_reply_says_something(self) -> CodeTaskSpec:
        if self.clarification_reply is not None and not self.clarification_reply.strip():
            raise ValueError("clarification_reply, when present, must not be empty")
        return self

    @model_validator(mode="after")
    def _equivalent_ids_are_unique(self) -> CodeTaskSpec:
        ids = [m.id for m in self.equivalent_mutants]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"equivalent mutant listed twice: {', '.join(duplicates)}")
        return self

    def pass_to_pass_tests(self, expected: set[str]) -> set[str]:
        """The keys of the hidden tests this task's `pass_to_pass` selectors name."""
        return selected_tests(self.pass_to_pass, expected)

    def unknown_pass_to_pass(self, expected: set[str]) -> list[str]:
        """Selectors naming no hidden test: a typo would silently make a test fail-to-pass."""
        return unknown_selectors(self.pass_to_pass, expected)


class _CodeSpan(_Strict):
    """A place in `code/`: a file, an inclusive line span in it, and what is there."""

    file: str
    lines: tuple[int, int]
    description: str = Field(min_length=1)

    @model_validator(mode="after")
    def _span_is_ordered(self) -> _CodeSpan:
        if self.lines[0] < 1 or self.lines[1] < self.lines[0]:
            raise ValueError(f"lines must be [first, last] with 1 <= first <= last: {self.lines}")
        return self


class SeededBug(_CodeSpan):
    """The one bug a review sample is about: finding it is a hit."""


class KnownIssue(_CodeSpan):
    """A second, real problem the code has besides the seeded bug (`also_acceptable:`).

    A finding on it is neither a hit nor a false positive (see `archbench.core.review_match`).
    """


class ReviewTaskSpec(_TaskBase):
    """A `review` task: a codebase that holds one seeded bug, or none for a clean twin."""

    kind: Literal["review"]
    origin: Origin
    category: str = Field(min_length=1)
    bug: SeededBug | None = None
    also_acceptable: list[KnownIssue] = Field(default_factory=list)
    source_task: str | None = None

    @model_validator(mode="after")
    def _bug_matches_origin(self) -> ReviewTaskSpec:
        is_clean = self.origin == "clean"
        if is_clean and (self.bug is not None or self.category != NO_BUG_CATEGORY):
            raise ValueError("a clean twin has category 'none' and no 'bug'")
        if not is_clean and self.bug is None:
            raise ValueError(f"origin '{self.origin}' needs a 'bug' with file, lines, description")
        return self


class DesignTaskSpec(_TaskBase):
    """A `design` task: an architecture question with the key points a sound answer covers."""

    kind: Literal["design"]
    key_points: list[str] = Field(min_length=1)
    traps: list[str] = Field(default_factory=list)


TaskSpec = Annotated[CodeTaskSpec | ReviewTaskSpec | DesignTaskSpec, Field(discriminator="kind")]


@dataclass(frozen=True)
class TaskRecord:
    """A loaded task: its spec, the request text and the files of each role, by relative path.

    `shown` files are what the agent receives (the starter, or the code under review);
    `gold` files are the reference solution (never shown); `tests` are the hidden tests.
    """

    spec: CodeTaskSpec | ReviewTaskSpec | DesignTaskSpec
    request: str
    shown: Mapping[str, str] = field(default_factory=dict)
    gold: Mapping[str, str] = field(default_factory=dict)
    tests: Mapping[str, str] = field(default_factory=dict)
    content_hash: str = ""

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def kind(self) -> TaskKind:
        return self.spec.kind

    def laid_over_starter(self, files: Mapping[str, str]) -> dict[str, str]:
        """`files` over the starter, minus the starter files the task deletes: the tree graded.

        The reference (`gold`), an independent solution or a mutant of the reference all run
        this way.
        """
        deleted = set(self.spec.delete) if isinstance(self.spec, CodeTaskSpec) else set()
        return {k: v for k, v in {**self.shown, **files}.items() if k not in deleted}

    @property
    def clarification_reply(self) -> str | None:
        """The task's own answer to a clarifying question; None: the run-wide default applies."""
        return getattr(self.spec, "clarification_reply", None)


def content_hash(files: Iterable[tuple[str, bytes]]) -> str:
    """A stable sha256 over (relative path, bytes) pairs, independent of listing order."""
    digest = hashlib.sha256()
    for path, data in sorted(files):
        digest.update(path.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def dataset_version(records: Iterable[TaskRecord]) -> str:
    """The content hash of a set of loaded tasks: any change to any file changes it."""
    pairs = [(record.id, record.content_hash.encode()) for record in records]
    return content_hash(pairs)[:16]
