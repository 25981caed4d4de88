"""Invoking the protected function."""

from collections.abc import Callable
from typing import Any


def invoke(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)
