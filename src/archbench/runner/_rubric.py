"""Where the static rubric comes from: the YAML shipped in the package, or a file a user names."""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path

from archbench.core.shape.rubric import RubricError, StaticRubric, parse_rubric

PACKAGED_RUBRIC = ("rubrics", "static.yaml")


@functools.cache
def packaged_rubric() -> StaticRubric:
    """The rubric shipped with archbench (`archbench/rubrics/static.yaml`), read once."""
    resource = importlib.resources.files("archbench").joinpath(*PACKAGED_RUBRIC)
    return parse_rubric(resource.read_text(encoding="utf-8"), "archbench/rubrics/static.yaml")


def load_rubric(path: Path) -> StaticRubric:
    """A rubric file of the user's; errors name the file and the bad field."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RubricError(f"{path}: cannot read the rubric: {error.strerror}") from error
    return parse_rubric(text, str(path))
