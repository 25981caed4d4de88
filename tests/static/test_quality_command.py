"""`archbench quality`: the static graders over a package, one package folder at a time."""

from __future__ import annotations

from pathlib import Path

import pytest

from archbench.cli import main
from archbench.commands.quality import group_by_package

TIDY = '''"""Prices."""


def total(prices: list[int]) -> int:
    return sum(prices)
'''
HELPER_ONLY_TESTS_CALL = '''"""Formatting."""


def cents(amount: int) -> str:
    return f"{amount / 100:.2f}"
'''
TEST_USING_HELPER = """from shop.fmt.money import cents


def test_cents() -> None:
    assert cents(150) == "1.50"
"""


def tangled_function(branches: int) -> str:
    """A function with `branches` sequential ifs: complexity far above the rubric's 10."""
    body = "".join(f"    if code == {i}:\n        total += {i}\n" for i in range(branches))
    return (
        f'"""Codes."""\n\n\ndef score(code: int) -> int:\n    total = 0\n{body}    return total\n'
    )


def write_package(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


def test_files_are_grouped_by_the_folder_that_holds_them() -> None:
    sources = {"pkg/a.py": "", "pkg/sub/b.py": "", "pkg/sub/c.py": "", "pkg/sub/deep/d.py": ""}

    groups = group_by_package(sources)

    assert {name: sorted(files) for name, files in groups.items()} == {
        "pkg": ["pkg/a.py"],
        "pkg.sub": ["pkg/sub/b.py", "pkg/sub/c.py"],
        "pkg.sub.deep": ["pkg/sub/deep/d.py"],
    }


def test_a_tidy_package_passes_and_a_tangled_one_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_package(
        tmp_path / "shop",
        {"__init__.py": "", "prices.py": TIDY, "codes/__init__.py": "", "codes/score.py": ""},
    )
    (source / "codes" / "score.py").write_text(tangled_function(25), encoding="utf-8")
    write_package(tmp_path / "tests", {"test_shop.py": "from shop.codes.score import score\n"})

    exit_code = main(["quality", str(source), "--usage", str(tmp_path / "tests")])

    printed = capsys.readouterr().out
    assert exit_code == 1
    assert "below 0.9: shop.codes" in printed
    assert "score: complexity 26 (threshold 10)" in printed
    shop_row = next(line for line in printed.splitlines() if line.startswith("shop "))
    assert shop_row.split()[-2:] == ["1.00", "1.00"]


def test_code_only_the_usage_folders_call_is_not_dead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_package(tmp_path / "shop", {"fmt/money.py": HELPER_ONLY_TESTS_CALL})
    tests = write_package(tmp_path / "tests", {"test_money.py": TEST_USING_HELPER})

    main(["quality", str(source), "--usage", str(tests)])
    with_usage = capsys.readouterr().out
    main(["quality", str(source)])
    without_usage = capsys.readouterr().out

    assert "cents: dead function" not in with_usage
    assert "cents: dead function" in without_usage


def test_a_missing_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["quality", str(tmp_path / "absent")]) == 2
    assert f"{tmp_path / 'absent'}: not a folder" in capsys.readouterr().err
