"""The YAML dialect of pipeline files: YAML plus `!secret NAME`, with duplicate keys refused.

Plain PyYAML keeps the last of two equal keys, so a job defined twice in a long file silently
loses its first definition; our loader reports the duplicate with its line instead.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError

SECRET_NAME = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")


@dataclass(frozen=True)
class SecretRef:
    """`!secret NAME`: a project secret, injected by the runner when the job starts.

    The pipeline file only names it; the value never passes through the API server.
    """

    name: str


class PipelineLoader(yaml.SafeLoader):
    """Loads pipeline files (see the module docstring)."""


def _secret(loader: PipelineLoader, node: yaml.Node) -> SecretRef:
    if not isinstance(node, yaml.ScalarNode):
        raise ConstructorError(None, None, "!secret takes a secret name", node.start_mark)
    name = loader.construct_scalar(node)
    if not SECRET_NAME.match(name):
        raise ConstructorError(None, None, f"invalid secret name {name!r}", node.start_mark)
    return SecretRef(name)


def _unique_mapping(loader: PipelineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise ConstructorError(None, None, "mapping keys must be scalars", key_node.start_mark)
        if key in mapping:
            raise ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


PipelineLoader.add_constructor("!secret", _secret)
PipelineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)
