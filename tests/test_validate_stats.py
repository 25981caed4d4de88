"""`validate --stats` figures and the independent-solution records they read (#19 item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archbench.commands._validate_stats import stats_table, tier_stats
from archbench.core.dataset import CodeTaskSpec, Interface, TaskRecord
from archbench.core.errors import DatasetError
from archbench.core.independent import IndependentResult, IndependentSolution
from archbench.io.independent import load_independent_solutions

TESTS = "def test_a():\n    pass\n\n\ndef test_b():\n    pass\n"
RECORD = """\
written_by: a colleague who never opened tests/
read: [request.md, starter/]
spec_adherence: 0.75
passed: 3
total: 4
failed: [test_empty_batch]
notes: the request does not say what an empty batch returns
"""


def code_record(task: str, tier: str, starter_lines: int) -> TaskRecord:
    spec = CodeTaskSpec(
        id=task, kind="implement", title=task, tier=tier,  # type: ignore[arg-type]
        interface=Interface(modules=["m.py"]),
    )  # fmt: skip
    starter = {"m.py": "x = 1\n" * starter_lines} if starter_lines else {}
    return TaskRecord(spec, "request", starter, {"m.py": "x = 2\n"}, {"test_m.py": TESTS})


def solution(task: str, score: float) -> IndependentSolution:
    result = IndependentResult(
        written_by="someone", read=["request.md"], spec_adherence=score, passed=1, total=1
    )
    return IndependentSolution(task, "first", {}, result)


def test_stats_are_per_kind_and_tier_with_control_and_independent_means() -> None:
    records = [
        code_record("a", "core", 10),
        code_record("b", "hard", 900),
        code_record("c", "hard", 1100),
    ]
    scores = {"a": {"null": 0.0, "reference": 1.0}, "b": {"null": 0.0, "reference": 1.0},
              "c": {"null": 0.5, "reference": 1.0}}  # fmt: skip
    independent = {"b": [solution("b", 0.8), solution("b", 1.0)], "c": [solution("c", 0.6)]}
    core, hard = tier_stats(records, scores, independent)
    assert (core.tier, hard.tier) == ("core", "hard")
    assert core.row() == ("implement", "core", "1", "10", "2.0", "0.00", "1.00", "-")
    assert hard.row() == (
        "implement",
        "hard",
        "2",
        "1000",
        "2.0",
        "0.25",
        "1.00",
        "0.80 (3 on 2 tasks)",
    )
    table = stats_table([core, hard]).splitlines()
    assert table[0].startswith("| kind | tier | tasks | starter lines") and len(table) == 4


def write_solution(task_dir: Path, record: str = RECORD, tree: bool = True) -> None:
    folder = task_dir / "independent"
    folder.mkdir(parents=True)
    if tree:
        (folder / "first" / "pkg").mkdir(parents=True)
        (folder / "first" / "pkg" / "m.py").write_text("x = 3\n")
    (folder / "first.yaml").write_text(record)


def test_a_recorded_solution_loads_with_its_files(tmp_path: Path) -> None:
    write_solution(tmp_path / "task")
    (loaded,) = load_independent_solutions(tmp_path / "task")
    assert loaded.files == {"pkg/m.py": "x = 3\n"}
    assert loaded.result.spec_adherence == 0.75 and loaded.result.failed == ["test_empty_batch"]
    assert load_independent_solutions(tmp_path / "no-solutions") == []


@pytest.mark.parametrize(
    ("record", "tree", "message"),
    [
        (RECORD, False, "independent/first/ is missing"),
        (RECORD.replace("read: [request.md, starter/]", "read: [request.md, tests/]"), True,
         "not ['tests/']"),
        (RECORD.replace("passed: 3", "passed: 5"), True, "exceeds total"),
        (RECORD.replace("spec_adherence: 0.75", "spec_adherence: 1.5"), True, "spec_adherence"),
    ],
)  # fmt: skip
def test_a_bad_record_names_the_file_and_what_is_wrong(
    tmp_path: Path, record: str, tree: bool, message: str
) -> None:
    write_solution(tmp_path / "task", record, tree)
    with pytest.raises(DatasetError, match=r"independent/first\.yaml") as raised:
        load_independent_solutions(tmp_path / "task")
    assert message in str(raised.value)


def test_a_solution_without_its_record_is_an_error(tmp_path: Path) -> None:
    write_solution(tmp_path / "task")
    (tmp_path / "task" / "independent" / "first.yaml").unlink()
    with pytest.raises(DatasetError, match="every independent solution records its result"):
        load_independent_solutions(tmp_path / "task")
