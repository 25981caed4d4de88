"""What a canary holds instead of its original's value, and what it is called."""

from __future__ import annotations

import random
import string

from archbench.core.canaries._literals import NUMERIC_TEXT, is_numeric_text
from archbench.core.canaries._model import Scalar

_MIN_DIGITS = 5
# Words too short or too generic to make a test name read naturally at its end.
_FILLER_WORDS = frozenset(
    {"and", "are", "but", "for", "from", "has", "into", "its", "not", "the", "then", "was",
     "when", "with", "without", "does", "than", "that", "this", "only", "per", "non"}
)  # fmt: skip


def canary_value(value: Scalar, text: str, rng: random.Random) -> str:
    """Source text for a value of `value`'s type and look (`text` is the original's source)
    that no plausible code produces."""
    if isinstance(value, int):
        return _far_integer(value, rng)
    if isinstance(value, float):
        return _far_float(value, rng)
    if isinstance(value, str) and is_numeric_text(value):
        return _quoted(text, _far_numeric_text(value, rng))
    return _quoted(text, _random_word(rng))


def _digits_for(magnitude: float) -> int:
    return max(_MIN_DIGITS, len(str(int(abs(magnitude)))) + 2)


def _random_digits(count: int, rng: random.Random) -> str:
    return str(rng.randrange(10 ** (count - 1), 10**count))


def _far_integer(value: int, rng: random.Random) -> str:
    digits = _random_digits(_digits_for(value), rng)
    return f"-{digits}" if value < 0 else digits


def _far_float(value: float, rng: random.Random) -> str:
    whole = _random_digits(_digits_for(value), rng)
    fraction = _random_digits(2, rng)
    return f"{'-' if value < 0 else ''}{whole}.{fraction}"


def _far_numeric_text(value: str, rng: random.Random) -> str:
    """'12.50' -> e.g. '48611.07': as many decimals, 2 more whole digits (at least 5)."""
    match = NUMERIC_TEXT.fullmatch(value)
    assert match is not None
    whole = _random_digits(max(_MIN_DIGITS, len(match.group(1)) + 2), rng)
    decimals = match.group(2)
    fraction = f".{''.join(rng.choice(string.digits) for _ in decimals)}" if decimals else ""
    return f"{'-' if value.startswith('-') else ''}{whole}{fraction}"


def _random_word(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(8, 12)))


def _quoted(original: str, content: str) -> str:
    """`content` in the original literal's prefix and quote character ('b"ok"' -> 'b"..."')."""
    quote_at = min(i for i in (original.find("'"), original.find('"')) if i >= 0)
    prefix, quote = original[:quote_at], original[quote_at]
    return f"{prefix}{quote}{content}{quote}"


def name_vocabulary(test_names: list[str]) -> list[str]:
    """Words of the hidden tests' own names that can end a test name naturally."""
    words = {
        word
        for name in test_names
        for word in name.split("_")[1:]
        if len(word) >= 3 and word.isalpha() and word.islower() and word not in _FILLER_WORDS
    }
    return sorted(words)


def canary_name(original: str, vocabulary: list[str], taken: set[str], rng: random.Random) -> str:
    """The original name plus one or two words it does not already use, unused in its scope."""
    own = set(original.split("_"))
    words = [word for word in vocabulary if word not in own]
    for attempt in range(64):
        count = min(len(words), 1 + (attempt >= 16) + rng.choice((0, 0, 1)))
        candidate = "_".join([original, *rng.sample(words, count)]) if count else ""
        if candidate and candidate not in taken:
            return candidate
    number = 2
    while f"{original}_{number}" in taken:
        number += 1
    return f"{original}_{number}"
