"""`archbench seed-bugs` end to end on a one-task dataset: the kill rule decides what is kept,
mutants are labelled with the reviewer's category, requests name the package and not the file,
a clean twin joins them, the samples pass `archbench validate`, and the same seed writes the
same bytes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from archbench.cli import main
from archbench.commands._seed_tools import StaticTools
from archbench.commands.validate import validate_all
from archbench.io.datasets import review_vocabulary_file
from tests.conftest import PROJECT_ROOT

BASKET = '''\
"""Basket limits."""

MAX_ITEMS = 3


def can_add(count: int) -> bool:
    return count < MAX_ITEMS


def shipping_label(weight: int) -> str:
    # No test covers this function: each of its mutants is equivalent as far as tests can tell.
    return "heavy" if weight > 20 else "light"
'''
UNTESTED_LINE = 12
BASKET_TESTS = """\
from shop.basket import can_add


def test_an_empty_basket_takes_an_item():
    assert can_add(0)


def test_two_items_leave_room_for_a_third():
    assert can_add(2)


def test_a_full_basket_takes_nothing():
    assert not can_add(3)
"""
TASK_YAML = """\
id: basket-limit
kind: implement
title: Basket limit
interface:
  modules: [shop/basket.py]
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    task = tmp_path / "datasets" / "implement" / "basket-limit"
    files = {
        "task.yaml": TASK_YAML,
        "request.md": "Write shop/basket.py with can_add(count).\n",
        "reference/shop/basket.py": BASKET,
        "tests/test_basket.py": BASKET_TESTS,
    }
    for relative, text in files.items():
        (task / relative).parent.mkdir(parents=True, exist_ok=True)
        (task / relative).write_text(text)
    vocabulary = review_vocabulary_file(tmp_path / "datasets")
    vocabulary.parent.mkdir(parents=True)
    vocabulary.write_bytes(review_vocabulary_file(PROJECT_ROOT / "datasets").read_bytes())
    monkeypatch.setenv("ARCHBENCH_HOME", str(tmp_path))
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _seed(out: Path, seed: int) -> int:
    return main(["seed-bugs", "--seed", str(seed), "--count", "10", "--out", str(out)])


def test_seeder_keeps_only_killed_mutants_and_is_reproducible(home: Path) -> None:
    out = home / "datasets" / "review"

    exit_code = _seed(out, seed=11)
    first = _snapshot(out)
    _seed(out, seed=11)

    assert exit_code == 1  # only 3 of the 10 asked for can be killed
    assert _snapshot(out) == first
    all_specs = [yaml.safe_load(p.read_text()) for p in sorted(out.glob("mut-*/task.yaml"))]
    specs = [spec for spec in all_specs if spec["origin"] == "mutation"]
    assert len(specs) == 3
    # A flipped `<` is what a reviewer calls an off-by-one; the operator family stays a tag.
    assert {spec["category"] for spec in specs} == {"off-by-one", "wrong-constant"}
    assert {spec["tags"][1] for spec in specs} == {"comparison-boundary", "wrong-constant"}
    assert all(
        spec["bug"]["lines"] == [7, 7] for spec in specs if "<=" in spec["bug"]["description"]
    )
    # The untested function's mutants (`>=`, 21, 19) are equivalent: none was kept.
    assert all(spec["bug"]["lines"][0] != UNTESTED_LINE for spec in specs)
    for spec in specs:
        sample = out / spec["id"]
        assert spec["origin"] == "mutation" and spec["source_task"] == "basket-limit"
        assert (sample / "reference/shop/basket.py").read_text() == BASKET
        assert (sample / "tests/test_basket.py").read_text() == BASKET_TESTS
        request = (sample / "request.md").read_text()
        assert "`shop`" in request or "shop package" in request or "shop code" in request
        assert "basket" not in request


def test_each_source_task_gets_a_clean_twin_requested_like_its_mutants(home: Path) -> None:
    out = home / "datasets" / "review"
    _seed(out, seed=11)

    twin = out / "mut-basket-limit-clean"
    spec = yaml.safe_load((twin / "task.yaml").read_text())
    assert (spec["origin"], spec["category"], spec["source_task"]) == (
        "clean", "none", "basket-limit"
    )
    assert (twin / "code/shop/basket.py").read_text() == BASKET
    assert not (twin / "reference").exists()
    assert "shop" in (twin / "request.md").read_text()


def test_generated_samples_pass_validate(home: Path) -> None:
    _seed(home / "datasets" / "review", seed=3)

    verdicts = asyncio.run(validate_all(("review",), use_cache=False, jobs=2))

    assert len(verdicts) == 4  # three mutants and the clean twin
    assert all(verdict.valid for verdict in verdicts), verdicts


def test_dry_run_writes_nothing(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = home / "datasets" / "review"

    assert main(["seed-bugs", "--dry-run", "--out", str(out)]) == 0

    assert list(out.iterdir()) == [out / "categories.yaml"]  # the vocabulary, nothing seeded
    assert "6 candidates" in capsys.readouterr().out


def test_the_static_tools_read_mypy_and_vulture_on_a_tree(tmp_path: Path) -> None:
    tree = {"shop/basket.py": "def total(count: int) -> str:\n    return count\n"}

    found = asyncio.run(StaticTools(tmp_path / "mypy-cache").findings(tree))

    assert found.mypy == (
        'shop/basket.py: Incompatible return value type (got "int", expected "str")  '
        "[return-value]",
    )
    assert found.vulture == ("shop/basket.py: unused function total",)
