"""Judge verdicts: the JSON schema a grader must answer with, and parsing that fails closed.

A reply that does not parse, is partial, refuses, or names another criterion is a
`VerdictFailure` keeping the raw text, never a pass and never a zero.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

FailureKind = Literal[
    "empty", "unparseable", "partial", "refused", "wrong_criterion", "timeout", "model_error"
]

# Phrases with which models decline; checked only when the reply holds no JSON object at all.
_REFUSAL = re.compile(
    r"\b(I can(?:'|no)t|I cannot|I won't|I will not|I'm (?:not able|unable)|I am (?:not able|"
    r"unable)|unable to (?:help|comply|assist|evaluate|judge))\b",
    re.IGNORECASE,
)
_JSON_FENCE = re.compile(r"```(?:json)?\s*\n(.*?)```", re.DOTALL)


class Verdict(BaseModel):
    """A judge's answer to one criterion; `met` must be a real JSON boolean."""

    model_config = ConfigDict(extra="ignore", frozen=True, strict=True)

    criterion: str = Field(min_length=1)
    met: bool
    reason: str = Field(min_length=1)


@dataclass(frozen=True)
class VerdictFailure:
    """A reply that is not a usable verdict; the raw text is kept for the score metadata."""

    kind: FailureKind
    detail: str
    raw: str


def parse_verdict(text: str, criterion_id: str, refused: bool = False) -> Verdict | VerdictFailure:
    """The verdict in `text` for `criterion_id`, or the reason there is none.

    `refused` is set by the caller when the provider itself reported a refusal (content filter).
    """
    if refused:
        return VerdictFailure("refused", "the model refused to answer", text)
    if not text.strip():
        return VerdictFailure("empty", "the reply was empty", text)
    candidate = _json_candidate(text)
    if candidate is None:
        kind: FailureKind = "refused" if _REFUSAL.search(text) else "unparseable"
        return VerdictFailure(kind, "the reply holds no JSON object", text)
    try:
        data = json.JSONDecoder().raw_decode(candidate)[0]
    except json.JSONDecodeError as error:
        return VerdictFailure("unparseable", f"invalid or truncated JSON: {error}", text)
    return _validated(data, criterion_id, text)


def _json_candidate(text: str) -> str | None:
    """The text of the first JSON object: a fenced block's content if any, else from the first {."""
    fenced = _JSON_FENCE.search(text)
    source = fenced.group(1) if fenced and "{" in fenced.group(1) else text
    start = source.find("{")
    return source[start:] if start >= 0 else None


def _validated(data: object, criterion_id: str, raw: str) -> Verdict | VerdictFailure:
    if not isinstance(data, dict):
        return VerdictFailure("unparseable", "the JSON is not an object", raw)
    try:
        verdict = Verdict.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'verdict'}: {e['msg']}" for e in error.errors()
        )
        return VerdictFailure("partial", f"the verdict does not match the schema: {problems}", raw)
    if verdict.criterion != criterion_id:
        return VerdictFailure(
            "wrong_criterion",
            f"the verdict is for criterion '{verdict.criterion}', not '{criterion_id}'",
            raw,
        )
    return verdict
