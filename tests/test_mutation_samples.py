"""Issue 17 items 2, 3 and 5 over the committed review set: mutation samples hide the bug in a
package, carry a reviewer's category, and clean twins are a fifth of the set (fast: no runs)."""

from __future__ import annotations

from pathlib import PurePosixPath

from archbench.commands._seed_samples import REQUEST_TEMPLATES
from archbench.core.dataset import ReviewTaskSpec, TaskRecord
from archbench.core.mutation import CATEGORIES as OPERATOR_FAMILIES
from archbench.io.datasets import load_kind, load_review_vocabulary
from tests.conftest import PROJECT_ROOT

RECORDS = load_kind("review", PROJECT_ROOT / "datasets").records
VOCABULARY = load_review_vocabulary(PROJECT_ROOT / "datasets")


def _spec(record: TaskRecord) -> ReviewTaskSpec:
    assert isinstance(record.spec, ReviewTaskSpec)
    return record.spec


MUTANTS = [r for r in RECORDS if _spec(r).origin == "mutation"]
SEEDED_TWINS = [r for r in RECORDS if _spec(r).origin == "clean" and r.id.startswith("mut-")]


def _names_of(path: str) -> tuple[str, ...]:
    """How a request could point at one file: its path, its dotted module, its file name."""
    file = PurePosixPath(path)
    return path, ".".join(file.with_suffix("").parts), file.name


def _bug_file(record: TaskRecord) -> str:
    bug = _spec(record).bug
    assert bug is not None
    return bug.file


def test_no_mutation_request_names_the_mutated_file() -> None:
    named = {
        r.id: r.request
        for r in MUTANTS
        if any(name in r.request for name in _names_of(_bug_file(r)))
    }
    assert len(MUTANTS) >= 60 and named == {}


def test_mutation_samples_carry_a_reviewers_category_and_their_operator_family() -> None:
    labels = {r.id: (_spec(r).category, _spec(r).tags) for r in MUTANTS}
    assert {i: c for i, (c, _) in labels.items() if not VOCABULARY.is_slug(c)} == {}
    assert {i: t for i, (_, t) in labels.items() if t[1] not in OPERATOR_FAMILIES} == {}
    # The engine's own words are tags, not categories, unless a reviewer uses them too.
    assert {c for c, _ in labels.values()} & {"comparison-boundary", "missing-guard"} == set()


def test_every_source_task_of_a_mutant_has_one_clean_twin_requested_the_same_way() -> None:
    sources = {_spec(r).source_task for r in MUTANTS}
    twins = {_spec(r).source_task: r for r in SEEDED_TWINS}
    assert set(twins) == sources and len(twins) == len(SEEDED_TWINS)
    for twin in twins.values():
        assert twin.id == f"mut-{_spec(twin).source_task}-clean" and not twin.gold


def test_every_seeded_request_is_one_of_the_package_phrasings() -> None:
    phrasings = {
        template.format(package=package)
        for template in REQUEST_TEMPLATES
        for package in {PurePosixPath(path).parts[0] for r in RECORDS for path in r.shown}
    }
    odd = {r.id: r.request for r in [*MUTANTS, *SEEDED_TWINS] if r.request not in phrasings}
    assert odd == {}


def test_clean_twins_are_at_least_a_fifth_of_the_review_set() -> None:
    clean = [r for r in RECORDS if _spec(r).bug is None]
    assert len(clean) >= 0.2 * len(RECORDS)
