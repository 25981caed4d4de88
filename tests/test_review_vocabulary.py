"""Issue 17 item 2: one vocabulary of review categories, in a YAML file under the dataset, used
for the ground truth, for matching and for labelling mutants."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from archbench.core.mutation import CATEGORIES as OPERATOR_FAMILIES
from archbench.core.review_categories import VocabularyError, parse_vocabulary
from archbench.io.datasets import load_review_vocabulary, review_vocabulary_file
from tests.conftest import PROJECT_ROOT

DATASETS = PROJECT_ROOT / "datasets"
VOCABULARY = load_review_vocabulary(DATASETS)
# Slugs other samples are labelled with: the file may grow, these must stay slugs.
LONG_STANDING_SLUGS = (
    "sql-injection", "path-traversal", "ssrf", "unsafe-deserialization", "missing-authorization",
    "sensitive-data-logging", "race-condition", "transaction-boundary", "non-idempotent-retry",
    "missing-timeout", "cache-stampede", "resource-leak", "n-plus-one", "timezone", "float-money",
    "error-handling", "off-by-one", "missing-validation", "missing-side-effect",
)  # fmt: skip


def _raw() -> dict[str, Any]:
    data = yaml.safe_load(review_vocabulary_file(DATASETS).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_long_standing_slugs_stay_slugs() -> None:
    assert [s for s in LONG_STANDING_SLUGS if not VOCABULARY.is_slug(s)] == []


def test_every_operator_family_of_the_mutation_engine_is_mapped_onto_a_slug() -> None:
    assert set(VOCABULARY.mutation_operators) == set(OPERATOR_FAMILIES)
    for family in OPERATOR_FAMILIES:
        assert VOCABULARY.is_slug(VOCABULARY.mutant_category(family, ()))


@pytest.mark.parametrize(
    ("family", "site_names", "category"),
    [
        ("comparison-boundary", {"page", "limit"}, "off-by-one"),
        ("missing-guard", {"amount", "ValueError"}, "missing-validation"),
        ("missing-guard", {"document", "owner_id", "PermissionError"}, "missing-authorization"),
        ("missing-side-effect", {"self", "_connection", "commit"}, "transaction-boundary"),
        ("missing-side-effect", {"handle", "close"}, "resource-leak"),
        ("missing-side-effect", {"self", "_cache", "pop"}, "missing-side-effect"),
        ("exception-handling", {"InvalidOperation"}, "error-handling"),
    ],
)
def test_a_mutant_is_labelled_as_a_reviewer_would_name_it(
    family: str, site_names: set[str], category: str
) -> None:
    assert VOCABULARY.mutant_category(family, site_names) == category


def test_an_unmapped_operator_family_is_an_error_not_a_label() -> None:
    with pytest.raises(VocabularyError, match="'renamed-variable' is not mapped"):
        VOCABULARY.mutant_category("renamed-variable", ())


def test_synonyms_and_terms_come_from_the_file() -> None:
    data = _raw()
    data["problems"]["off-by-one"]["labels"].append("fencepost-slip")
    data["problems"]["off-by-one"]["terms"].append("one page short")
    edited = parse_vocabulary(data)
    assert edited.problem_of("Fencepost Slip") == "off-by-one"
    assert edited.text_problems("the listing ends one page short") == {"off-by-one"}
    assert VOCABULARY.problem_of("fencepost-slip") == "fencepost-slip"  # unknown: itself


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["problems"]["ssrf"]["labels"].append("sqli"), "'sqli' names both"),
        (lambda d: d["generic_labels"].append("sqli"), "'sqli' is a problem's label and a generic"),
        (
            lambda d: d["mutation_operators"]["arithmetic"].update(category="maths"),
            "mutation_operators.arithmetic: 'maths' is not a problem slug",
        ),
        (lambda d: d["problems"].update({"Bad Slug": d["problems"]["ssrf"]}), "kebab-case"),
        (lambda d: d["problems"]["ssrf"].pop("meaning"), "problems.ssrf.meaning: Field required"),
        (lambda d: d.update(colour="blue"), "colour: Extra inputs are not permitted"),
    ],
)
def test_a_malformed_vocabulary_is_refused_naming_the_entry(edit: Any, message: str) -> None:
    data = _raw()
    edit(data)
    with pytest.raises(VocabularyError, match=message.replace("(", r"\(").replace(".", r"\.")):
        parse_vocabulary(data)
