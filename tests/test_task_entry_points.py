"""One definition of each task, two ways to run it (issue 22 item 4): `evals/review.py@<task>`
and `archbench/<task>` (the package's inspect entry point)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from inspect_ai import eval as inspect_eval
from inspect_ai import list_tasks

from archbench.tasks import TASKS, same_task_as

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ENTRY_FILE = PROJECT_ROOT / "evals/review.py"


def test_the_entry_file_lists_every_archbench_task() -> None:
    listed = list_tasks("evals/review.py", root_dir=PROJECT_ROOT)
    assert sorted(info.name for info in listed) == sorted(TASKS)


@pytest.mark.parametrize("name", sorted(TASKS))
def test_each_entry_has_the_task_s_signature_and_docstring(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"def {name}(): ...", namespace)  # a stub as evals/review.py writes one
    entry = same_task_as(namespace[name])  # type: ignore[arg-type]
    assert inspect.signature(entry) == inspect.signature(TASKS[name])
    assert entry.__doc__ == TASKS[name].__doc__ and entry.__name__ == name


def test_a_stub_naming_no_task_is_refused() -> None:
    def implemnt() -> None: ...

    with pytest.raises(ValueError, match="'implemnt' is not an archbench task"):
        same_task_as(implemnt)  # type: ignore[arg-type]


def test_both_forms_run_the_same_task_and_record_its_defaults(tmp_path: Path) -> None:
    by_file, by_package = (
        inspect_eval(
            spec, task_args={"agent": "null"}, model="none", limit=2, display="none",
            log_dir=str(tmp_path / folder),
        )[0]
        for spec, folder in ((f"{ENTRY_FILE}@review", "file"), ("archbench/review", "package"))
    )
    assert by_file.eval.task == by_package.eval.task == "review"
    assert by_package.eval.task_registry_name == "archbench/review"
    assert (by_file.eval.task_file or "").endswith("evals/review.py")
    assert by_file.status == by_package.status == "success"
    for log in (by_file, by_package):
        assert log.eval.task_args["agent"] == "null"
        assert log.eval.task_args["mode"] == "single"  # a default, recorded as inspect does
    assert [s.id for s in by_file.samples or []] == [s.id for s in by_package.samples or []]
    scores = [
        [s.scores["review_grader"].value for s in log.samples or []]  # type: ignore[index]
        for log in (by_file, by_package)
    ]
    assert scores[0] == scores[1]
