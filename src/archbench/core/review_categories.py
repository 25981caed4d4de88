"""The reviewer's vocabulary of problems: which category labels and explanation terms name which.

The review grader counts a finding as the seeded bug only when the finding refers to the same
problem (issue 17 item 1), so it needs to know that `sqli` and `sql-injection` are one problem,
that a flipped `>=` reported as `boundary-condition` is an `off-by-one`, and that an explanation
saying "the connection is never closed" is about a `resource-leak`.

Each problem has a slug, the category labels that name it (its synonyms) and key terms: word
prefixes and phrases an explanation of it uses. The table lives in one YAML file under the
dataset (`datasets/review/categories.yaml`, issue 17 item 2) that the dataset adapter reads;
`parse_vocabulary` turns its parsed content into a `Vocabulary`, so this module does no I/O.
The same file maps each mutation operator family onto a problem, for the seeder.

Matching is deterministic and pure: lower-case tokens, a term matches consecutive tokens that
start with its words (words shorter than `PREFIX_MIN` and operator symbols must match whole).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field, ValidationError

# A text naming more problems than this names none: a kitchen-sink explanation ("possible
# injection, race, leak, off-by-one...") must not hit whatever bug it happens to sit on.
MAX_PROBLEMS_PER_TEXT = 3
# Shorter words match only whole ("log" must not match "logic"; "tz" not "tzinfo").
PREFIX_MIN = 4
# Explanations repeat (a flood, a spam answer): caching them is worth it, without bound it is not.
_CACHE_LIMIT = 4096

_TOKEN = re.compile(r"[a-z0-9_]+|(?<!\.)\.\.(?!\.)|[<>!=]=|[<>+]")
_SLUG = r"^[a-z0-9][a-z0-9+-]*$"


class VocabularyError(ValueError):
    """The vocabulary file is malformed: names the entry and what is wrong with it."""


def canonical_label(text: str) -> str:
    """`SQL Injection`, `sql_injection` and `sql-injection` are one label."""
    return re.sub(r"[\s_]+", "-", text.strip().lower())


def tokens(text: str) -> tuple[str, ...]:
    """Lower-case words and comparison symbols, the units terms are matched on."""
    return tuple(_TOKEN.findall(text.lower()))


@dataclass(frozen=True)
class Problem:
    """One problem of the vocabulary: its slug, the labels naming it and its key terms."""

    slug: str
    meaning: str
    labels: frozenset[str]
    terms: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class OperatorRule:
    """A mutant whose site uses one of `names` is labelled `category` instead."""

    category: str
    names: frozenset[str]


@dataclass(frozen=True)
class OperatorLabel:
    """The problem a family of mutation operators seeds, and the rules that refine it."""

    category: str
    rules: tuple[OperatorRule, ...] = ()

    def category_for(self, site_names: Collection[str]) -> str:
        """The first rule naming an identifier of the mutation site decides; else the default."""
        for rule in self.rules:
            if rule.names.intersection(site_names):
                return rule.category
        return self.category


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Every problem a reviewer might name, and how labels and explanations map onto them."""

    problems: tuple[Problem, ...]
    non_defect_labels: frozenset[str]
    generic_labels: frozenset[str]
    mutation_operators: Mapping[str, OperatorLabel] = field(default_factory=dict)
    _by_label: dict[str, str] = field(init=False, repr=False, default_factory=dict)
    _label_cache: dict[str, frozenset[str]] = field(init=False, repr=False, default_factory=dict)
    _text_cache: dict[str, frozenset[str]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._by_label.update({label: p.slug for p in self.problems for label in p.labels})

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(p.slug for p in self.problems)

    def categories(self) -> tuple[str, ...]:
        """The problem slugs, then the non-defect labels: every category a reviewer might use."""
        return (*self.slugs, *sorted(self.non_defect_labels))

    def is_slug(self, category: str) -> bool:
        """A dataset's `category` must be a problem's slug exactly, not a synonym."""
        return category in self.slugs

    def problem_of(self, category: str) -> str:
        """The problem a category label names; an unknown label stands for itself."""
        label = canonical_label(category)
        return self._by_label.get(label, label)

    def is_known_label(self, category: str) -> bool:
        label = canonical_label(category)
        return label in self._by_label or label in self.non_defect_labels | self.generic_labels

    def label_problems(self, category: str) -> frozenset[str]:
        """The problems a finding's category names: its own problem for a vocabulary label,
        none for a generic or non-defect one, and for a label outside the vocabulary the
        problems its words name (`timezone-shift` is about time zones)."""
        return _cached(self._label_cache, category, self._label_problems)

    def text_problems(self, text: str) -> frozenset[str]:
        """The problems an explanation refers to by their key terms; none when it names more
        than `MAX_PROBLEMS_PER_TEXT` (a text that names everything says nothing)."""
        return _cached(self._text_cache, text, self._text_problems)

    def mutant_category(self, family: str, site_names: Collection[str]) -> str:
        """The problem a reviewer would name for a mutant of an operator family."""
        if family not in self.mutation_operators:
            raise VocabularyError(f"mutation operator family '{family}' is not mapped")
        return self.mutation_operators[family].category_for(site_names)

    def _label_problems(self, category: str) -> frozenset[str]:
        label = canonical_label(category)
        if label in self._by_label:
            return frozenset({self._by_label[label]})
        if not label or label in self.generic_labels or label in self.non_defect_labels:
            return frozenset()
        return self.text_problems(label.replace("-", " "))

    def _text_problems(self, text: str) -> frozenset[str]:
        words = tokens(text)
        named = frozenset(p.slug for p in self.problems if any(_found(t, words) for t in p.terms))
        return named if len(named) <= MAX_PROBLEMS_PER_TEXT else frozenset()


def _cached(
    cache: dict[str, frozenset[str]], key: str, compute: Callable[[str], frozenset[str]]
) -> frozenset[str]:
    if key not in cache:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[key] = compute(key)
    return cache[key]


def _found(term: tuple[str, ...], words: tuple[str, ...]) -> bool:
    width = len(term)
    return any(
        all(map(_word_matches, term, words[i : i + width])) for i in range(len(words) - width + 1)
    )


def _word_matches(part: str, word: str) -> bool:
    if len(part) < PREFIX_MIN or not part[0].isalnum():
        return word == part
    return word.startswith(part)


# The file's shape, checked before anything is built from it.
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ProblemEntry(_Strict):
    meaning: str = Field(min_length=1)
    labels: list[str] = Field(default_factory=list)
    terms: list[str] = Field(min_length=1)


class _RuleEntry(_Strict):
    category: str
    names: list[str] = Field(min_length=1)


class _OperatorEntry(_Strict):
    category: str
    rules: list[_RuleEntry] = Field(default_factory=list)


class _VocabularyFile(_Strict):
    problems: dict[str, _ProblemEntry] = Field(min_length=1)
    non_defect_labels: list[str] = Field(default_factory=list)
    generic_labels: list[str] = Field(default_factory=list)
    mutation_operators: dict[str, _OperatorEntry] = Field(default_factory=dict)


def parse_vocabulary(data: object) -> Vocabulary:
    """Build the vocabulary from the parsed YAML; raises VocabularyError naming the entry."""
    try:
        parsed = _VocabularyFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise VocabularyError(f"{where}: {first['msg']}") from error
    problems = tuple(_problem(slug, entry) for slug, entry in parsed.problems.items())
    vocabulary = Vocabulary(
        problems=problems,
        non_defect_labels=frozenset(map(canonical_label, parsed.non_defect_labels)),
        generic_labels=frozenset(map(canonical_label, parsed.generic_labels)),
        mutation_operators={
            family: _operator_label(family, entry, {p.slug for p in problems})
            for family, entry in parsed.mutation_operators.items()
        },
    )
    _check_labels_are_unambiguous(vocabulary)
    return vocabulary


def _problem(slug: str, entry: _ProblemEntry) -> Problem:
    if not re.match(_SLUG, slug) or canonical_label(slug) != slug:
        raise VocabularyError(f"problems.{slug}: a slug is lower-case kebab-case")
    labels = frozenset(map(canonical_label, entry.labels)) | {slug}
    terms = tuple(tokens(term) for term in entry.terms if tokens(term))
    if len(terms) != len(entry.terms):
        raise VocabularyError(f"problems.{slug}.terms: a term has no word or symbol to match")
    return Problem(slug, entry.meaning, labels, terms)


def _operator_label(family: str, entry: _OperatorEntry, slugs: set[str]) -> OperatorLabel:
    named = [entry.category, *(rule.category for rule in entry.rules)]
    unknown = [category for category in named if category not in slugs]
    if unknown:
        raise VocabularyError(
            f"mutation_operators.{family}: '{unknown[0]}' is not a problem slug"
        )
    rules = tuple(OperatorRule(r.category, frozenset(r.names)) for r in entry.rules)
    return OperatorLabel(entry.category, rules)


def _check_labels_are_unambiguous(vocabulary: Vocabulary) -> None:
    """A label naming two problems, or a problem's label that is also generic or non-defect,
    would make the grader's answer depend on the file's order."""
    owner: dict[str, str] = {}
    for problem in vocabulary.problems:
        for label in problem.labels:
            if label in owner:
                raise VocabularyError(
                    f"label '{label}' names both {owner[label]} and {problem.slug}"
                )
            owner[label] = problem.slug
    reserved = vocabulary.generic_labels | vocabulary.non_defect_labels
    clash = sorted(reserved.intersection(owner))
    if clash:
        raise VocabularyError(f"label '{clash[0]}' is a problem's label and a generic one")
