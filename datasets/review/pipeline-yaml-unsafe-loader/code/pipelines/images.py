"""Which container images hosted runners may start: only from registries we mirror."""

from __future__ import annotations

import re

from pipelines.model import PipelineError

ALLOWED_REGISTRIES = frozenset({"docker.io", "ghcr.io", "registry.ci.example.com"})
DEFAULT_REGISTRY = "docker.io"
_REFERENCE = re.compile(
    r"^(?P<name>[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*)"
    r"(?::(?P<tag>[\w][\w.-]{0,127}))?(?:@(?P<digest>sha256:[0-9a-f]{64}))?$"
)


def registry_of(image: str) -> str:
    """`python:3.12` and `library/python` are on Docker Hub; `ghcr.io/org/tool` is on ghcr.io.

    As in Docker, the first path component names a registry when it has a dot or a port, or is
    `localhost`.
    """
    first, slash, _ = image.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost"):
        return first
    return DEFAULT_REGISTRY


def check_image(image: str, job: str) -> None:
    registry = registry_of(image)
    path = image[len(registry) + 1 :] if image.startswith(registry + "/") else image
    if registry not in ALLOWED_REGISTRIES:
        raise PipelineError(f"job {job}: images from {registry} are not available on our runners")
    if not _REFERENCE.match(path):
        raise PipelineError(f"job {job}: {image!r} is not a valid image reference")
