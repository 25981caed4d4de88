"""The reviewer's vocabulary of problems: which category labels and explanation terms name which.

The review grader counts a finding as the seeded bug only when the finding refers to the same
problem (issue 17 item 1), so it needs to know that `sqli` and `sql-injection` are one problem,
that a flipped `>=` reported as `off-by-one` names a `comparison-boundary` mutant, and that an
explanation saying "the connection is never closed" is about a `resource-leak`.

Each problem has a slug, the category labels that name it (its synonyms, the dataset's own slugs
among them) and key terms: word prefixes and phrases an explanation of it uses. The table is one
plain mapping so it can move to a YAML file under `datasets/` (issue 17 item 2) unchanged.

Matching is deterministic and pure: lower-case tokens, a term matches consecutive tokens that
start with its words (words shorter than `PREFIX_MIN` and operator symbols must match whole).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

# A text naming more problems than this names none: a kitchen-sink explanation ("possible
# injection, race, leak, off-by-one...") must not hit whatever bug it happens to sit on.
MAX_PROBLEMS_PER_TEXT = 3
# Shorter words match only whole ("log" must not match "logic"; "tz" not "tzinfo").
PREFIX_MIN = 4

# slug: (category labels naming it, separated by spaces; key terms, separated by commas)
_TABLE: dict[str, tuple[str, str]] = {
    "sql-injection": (
        "sql-injection sqli injection sql-inject unsafe-sql sql raw-sql",
        "inject, interpolat, parameteris, parameteriz, placeholder, concatenat, f string, "
        "string format, union select, sanitis, sanitiz, bind param, bound param, escap",
    ),
    "command-injection": (
        "command-injection shell-injection os-command-injection rce remote-code-execution",
        "shell, subprocess, os system, command inject",
    ),
    "path-traversal": (
        "path-traversal directory-traversal zip-slip path-injection arbitrary-file-write "
        "arbitrary-file-read",
        "travers, zip slip, .., sibling director, absolute path, outside the, commonpath, "
        "is_relative_to, relative_to, startswith, prefix",
    ),
    "ssrf": (
        "ssrf server-side-request-forgery",
        "ssrf, request forgery, internal network, internal service, metadata endpoint, "
        "arbitrary url, any url, localhost, 169",
    ),
    "unsafe-deserialization": (
        "unsafe-deserialization insecure-deserialization deserialization unsafe-deserialisation "
        "insecure-deserialisation pickle unsafe-yaml yaml-load",
        "pickle, unpickl, deserializ, deserialis, yaml load, unsafe load, arbitrary code",
    ),
    "missing-authorization": (
        "missing-authorization authorization authorisation missing-authorisation access-control "
        "broken-access-control idor insecure-direct-object-reference missing-auth "
        "missing-permission-check privilege-escalation authz cross-tenant tenant-isolation "
        "missing-ownership-check missing-access-check",
        "authori, authoris, permission, owner, access control, another user, other user, "
        "other users, another tenant, other tenant, tenant, admin, privilege, idor, belongs to",
    ),
    "timing-unsafe-comparison": (
        "timing-unsafe-comparison timing-attack timing-leak timing-side-channel "
        "constant-time-comparison insecure-comparison side-channel non-constant-time-comparison",
        "timing, constant time, compare_digest, short circuit, side channel",
    ),
    "sensitive-data-logging": (
        "sensitive-data-logging secrets-in-logs secret-in-logs pii-in-logs sensitive-data-exposure "
        "information-disclosure data-leak credential-leak sensitive-logging",
        "pii, secret, credential, password, personal data, in the log, to the log, in logs, "
        "plaintext, plain text, redact, unmasked",
    ),
    "hardcoded-secret": (
        "hardcoded-secret hardcoded-credentials hard-coded-secret hardcoded-password",
        "hardcoded, hard coded, in source",
    ),
    "race-condition": (
        "race-condition race lost-update read-modify-write concurrency concurrency-bug toctou "
        "check-then-act thread-safety data-race concurrent-update lost-write atomicity",
        "race, concurren, toctou, lock, serialis, serializ, atomic, simultaneous, parallel, "
        "at the same time, overwrite each other, lost update, oversold, oversell, "
        "check then act, interleav",
    ),
    "transaction-boundary": (
        "transaction-boundary partial-commit missing-transaction non-atomic-transaction "
        "transaction",
        "transaction, commit, rollback, roll back, partial, half written",
    ),
    "non-idempotent-retry": (
        "non-idempotent-retry idempotency idempotency-key missing-idempotency duplicate-charge "
        "double-charge double-spend duplicate-processing deduplication replay retry-safety",
        "idempoten, duplicate, twice, double, dedup, replay, retried, retry, retries",
    ),
    "missing-timeout": (
        "missing-timeout no-timeout timeout hang",
        "timeout, time out, hang, hangs, forever, indefinitely",
    ),
    "cache-stampede": (
        "cache-stampede thundering-herd dogpile cache-miss-storm",
        "stampede, thundering herd, dogpile, cache miss, recompute",
    ),
    "resource-leak": (
        "resource-leak file-leak connection-leak leak handle-leak memory-leak unclosed-resource "
        "missing-close file-handle-leak",
        "leak, close, context manager, with block, with statement, finally, unclosed, "
        "file handle, pool",
    ),
    "unbounded-query": (
        "unbounded-query missing-limit missing-pagination unbounded-result-set unbounded-read "
        "memory-exhaustion resource-exhaustion denial-of-service dos",
        "unbounded, no limit, no upper bound, upper bound, without a limit, entire, all rows, "
        "memory, cap",
    ),
    "n-plus-one": (
        "n-plus-one n-plus-1 n+1 n+1-query n+1-queries n-plus-one-query n-plus-one-queries "
        "query-per-row lazy-loading select-n-plus-one",
        "n + 1, n plus one, per row, per order, per item, per issue, per card, per customer, "
        "query per, queries per, round trip, lazy, lazily, joinedload, selectinload, eager, "
        "batched",
    ),
    "missing-await": (
        "missing-await unawaited-coroutine coroutine-never-awaited forgotten-await "
        "missing-async-await",
        "await, coroutine",
    ),
    "mutable-default": (
        "mutable-default mutable-default-argument mutable-default-arg shared-mutable-default "
        "shared-default default-argument",
        "mutable default, default argument, default list, default dict, created once, "
        "evaluated once, shared, defaults to",
    ),
    "timezone": (
        "timezone time-zone timezone-bug timezone-conversion naive-datetime naive-timestamp "
        "datetime tz timezone-handling utc",
        "timezone, time zone, tz, tzinfo, utc, naive, offset, local time, local day, "
        "astimezone, fromtimestamp, dst, daylight",
    ),
    "float-money": (
        "float-money floating-point floating-point-money float-precision money-float rounding "
        "rounding-error decimal precision-loss currency-precision monetary-precision money",
        "float, decimal, round, cent, cents, precision, representation error, half up",
    ),
    "error-handling": (
        "error-handling exception-handling swallowed-exception swallowed-error broad-except "
        "overly-broad-except bare-except silent-failure uncaught-exception unhandled-exception "
        "error-swallowing exception-swallowing catch-all",
        "swallow, except, catch, caught, reraise, re raise, error handling, handler, suppress, "
        "fallback, fall back, logged and, only logged, only logs",
    ),
    "arithmetic": (
        "arithmetic arithmetic-error wrong-operator calculation-error incorrect-calculation "
        "wrong-calculation math-error sign-error wrong-arithmetic",
        "arithmetic, subtract, plus, minus, wrong sign, sign error, multipl, divid, calculat, "
        "wrong operator, adds, adding",
    ),
    "off-by-one": (
        "off-by-one off-by-one-error off-by-one-pagination fencepost fencepost-error "
        "boundary-condition boundary-error comparison-boundary boundary edge-case pagination-bug "
        "wrong-comparison incorrect-comparison inclusive-exclusive",
        "off by one, fencepost, boundary, inclusive, exclusive, <, >, <=, >=, strictly, "
        "floor division, ceil, one too many, one too few, last page, skip",
    ),
    "boolean-logic": (
        "boolean-logic inverted-condition inverted-logic wrong-condition incorrect-condition "
        "negation missing-negation condition-error logic-inversion wrong-boolean-operator "
        "boolean-error conditional-logic",
        "negat, invert, opposite, ==, !=, is not, boolean, wrong condition, and instead of or, "
        "and where or, or where and, should be or, should be and, "
        "or instead of and, instead of and, instead of or",
    ),
    "argument-swap": (
        "argument-swap swapped-arguments argument-order wrong-argument-order parameter-order "
        "swapped-parameters wrong-argument argument-mixup transposed-arguments",
        "swap, argument order, parameter order, positional, wrong order, reversed order, "
        "order of the arguments, transpos, mixed up, other way round, other way around, "
        "wrong way round, wrong way around",
    ),
    "wrong-constant": (
        "wrong-constant incorrect-constant magic-number wrong-value wrong-literal wrong-default "
        "incorrect-default wrong-number",
        "constant, magic number, literal, wrong value, wrong number, changed to",
    ),
    "return-value": (
        "return-value wrong-return-value incorrect-return-value wrong-return incorrect-return "
        "returns-wrong-value min-max-swap wrong-result",
        "return, min, max, minimum, maximum",
    ),
    "missing-validation": (
        "missing-validation missing-guard input-validation missing-input-validation validation "
        "missing-check unvalidated-input missing-precondition guard-clause missing-guard-clause "
        "improper-input-validation",
        "validat, guard, unchecked, no check, missing check, never checks, not checked, "
        "precondition, reject, negative, invalid",
    ),
    "missing-side-effect": (
        "missing-side-effect missing-call missing-statement missing-update missing-registration "
        "dropped-call missing-assignment missing-state-update forgotten-call",
        "never called, not called, missing call, never sets, never set, not set, never stored, "
        "not stored, never registered, not registered, never marked, not marked, never sent, "
        "not sent, is missing, forgot, omitted, never assign, not assign, ignore",
    ),
}


def _labels(listed: str) -> frozenset[str]:
    return frozenset(listed.split())


# Categories a reviewer uses for things that are not defects: they name no seeded bug.
NON_DEFECT_LABELS = _labels(
    "style naming documentation docs readability maintainability type-hints typing testing "
    "tests test-coverage dead-code duplication design complexity formatting nit"
)
# Labels too broad to name a problem alone: the explanation decides.
GENERIC_LABELS = _labels(
    "bug logic-error logic correctness incorrect-logic wrong-logic error issue defect functional "
    "functional-bug security security-vulnerability vulnerability performance reliability "
    "data-integrity data-loss"
)

_TOKEN = re.compile(r"[a-z0-9_]+|(?<!\.)\.\.(?!\.)|[<>!=]=|[<>+]")


@dataclass(frozen=True)
class Problem:
    """One problem of the vocabulary: its slug, the labels naming it and its key terms."""

    slug: str
    labels: frozenset[str]
    terms: tuple[tuple[str, ...], ...]


def canonical_label(text: str) -> str:
    """`SQL Injection`, `sql_injection` and `sql-injection` are one label."""
    return re.sub(r"[\s_]+", "-", text.strip().lower())


def tokens(text: str) -> tuple[str, ...]:
    """Lower-case words and comparison symbols, the units terms are matched on."""
    return tuple(_TOKEN.findall(text.lower()))


@cache
def problems() -> tuple[Problem, ...]:
    """Every problem of the vocabulary, in the table's order."""
    return tuple(
        Problem(slug, _labels(labels) | {slug}, _terms(terms))
        for slug, (labels, terms) in _TABLE.items()
    )


def _terms(listed: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tokens(term) for term in listed.split(",") if term.strip())


@cache
def _by_label() -> dict[str, str]:
    return {label: p.slug for p in problems() for label in p.labels}


def vocabulary() -> tuple[str, ...]:
    """The problem slugs, then the non-defect labels: every category a reviewer might use."""
    return (*(p.slug for p in problems()), *sorted(NON_DEFECT_LABELS))


def problem_of(category: str) -> str:
    """The problem a category label names; an unknown label stands for itself."""
    label = canonical_label(category)
    return _by_label().get(label, label)


def is_known_label(category: str) -> bool:
    label = canonical_label(category)
    return label in _by_label() or label in NON_DEFECT_LABELS or label in GENERIC_LABELS


@lru_cache(maxsize=4096)
def label_problems(category: str) -> frozenset[str]:
    """The problems a finding's category names: its own problem for a vocabulary label, none for
    a generic or non-defect one, and for a label outside the vocabulary the problems its words
    name (`timezone-shift` is about time zones)."""
    label = canonical_label(category)
    if label in _by_label():
        return frozenset({_by_label()[label]})
    if not label or label in GENERIC_LABELS or label in NON_DEFECT_LABELS:
        return frozenset()
    return text_problems(label.replace("-", " "))


@lru_cache(maxsize=4096)  # a flood repeats its words; explanations are short
def text_problems(text: str) -> frozenset[str]:
    """The problems an explanation refers to by their key terms; none when it names more than
    `MAX_PROBLEMS_PER_TEXT` (a text that names everything says nothing)."""
    words = tokens(text)
    named = frozenset(p.slug for p in problems() if any(_found(t, words) for t in p.terms))
    return named if len(named) <= MAX_PROBLEMS_PER_TEXT else frozenset()


def _found(term: tuple[str, ...], words: tuple[str, ...]) -> bool:
    width = len(term)
    return any(
        all(map(_word_matches, term, words[i : i + width])) for i in range(len(words) - width + 1)
    )


def _word_matches(part: str, word: str) -> bool:
    if len(part) < PREFIX_MIN or not part[0].isalnum():
        return word == part
    return word.startswith(part)
