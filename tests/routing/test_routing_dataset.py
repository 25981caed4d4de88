"""The routing dataset: the shipped files meet the issue's bar, and broken files are refused."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from archbench.core.errors import DatasetError
from archbench.core.routing import DIRECT_ROUTE, UNDER_TEST_ROUTE
from archbench.io.routing_data import load_routing_dataset


@pytest.fixture
def dataset_copy(project_root: Path, tmp_path: Path) -> Path:
    """A writable copy of datasets/routing, returned as the datasets root holding it."""
    shutil.copytree(project_root / "datasets/routing", tmp_path / "routing")
    return tmp_path


def test_shipped_dataset_has_every_route_class(project_root: Path) -> None:
    dataset = load_routing_dataset(project_root / "datasets")
    routes = Counter(request.route for request in dataset.requests)
    distractors = {agent.name for agent in dataset.distractors}
    assert len(dataset.requests) >= 60
    assert len(distractors) >= 6 and "general-purpose" in distractors
    assert routes[UNDER_TEST_ROUTE] >= 20 and routes[DIRECT_ROUTE] >= 10
    assert all(routes[name] >= 3 for name in distractors), routes


def test_agent_under_test_requests_include_ones_that_never_say_backend(
    project_root: Path,
) -> None:
    dataset = load_routing_dataset(project_root / "datasets")
    own = [r.request for r in dataset.requests if r.route == UNDER_TEST_ROUTE]
    assert sum("backend" not in text.lower() for text in own) >= len(own) - 2


def test_every_distractor_carries_a_version(project_root: Path) -> None:
    dataset = load_routing_dataset(project_root / "datasets")
    assert all(agent.version for agent in dataset.distractors)
    assert len(dataset.version) == 16


def test_editing_a_distractor_changes_the_dataset_version(dataset_copy: Path) -> None:
    before = load_routing_dataset(dataset_copy).version
    path = dataset_copy / "routing/agents/go-developer.md"
    path.write_text(path.read_text() + "\nPrefer the standard library.\n")
    assert load_routing_dataset(dataset_copy).version != before


def test_unknown_route_is_refused_with_the_request_named(dataset_copy: Path) -> None:
    path = dataset_copy / "routing/requests.yaml"
    path.write_text(path.read_text().replace("route: go-developer", "route: golang-dev", 1))
    with pytest.raises(DatasetError, match=r"request 'go-worker-pool'.*unknown route 'golang-dev'"):
        load_routing_dataset(dataset_copy)


def test_repeated_id_is_refused(dataset_copy: Path) -> None:
    path = dataset_copy / "routing/requests.yaml"
    text = path.read_text().replace("id: css-flexbox-bug", "id: react-table-component")
    path.write_text(text)
    with pytest.raises(DatasetError, match="repeated ids: react-table-component"):
        load_routing_dataset(dataset_copy)


def test_missing_field_is_refused_with_its_location(dataset_copy: Path) -> None:
    path = dataset_copy / "routing/requests.yaml"
    path.write_text("requests:\n  - id: a\n    request: hi\n    route: direct\n")
    with pytest.raises(DatasetError, match=r"field 'requests\.0\.why'"):
        load_routing_dataset(dataset_copy)


def test_unversioned_distractor_is_refused(dataset_copy: Path) -> None:
    path = dataset_copy / "routing/agents/go-developer.md"
    path.write_text(path.read_text().replace("version: v1\n", ""))
    with pytest.raises(DatasetError, match=r"go-developer\.md.*no version"):
        load_routing_dataset(dataset_copy)


def test_distractor_named_unlike_its_file_is_refused(dataset_copy: Path) -> None:
    path = dataset_copy / "routing/agents/go-developer.md"
    path.write_text(path.read_text().replace("name: go-developer", "name: gopher"))
    with pytest.raises(DatasetError, match="name 'gopher' differs"):
        load_routing_dataset(dataset_copy)
