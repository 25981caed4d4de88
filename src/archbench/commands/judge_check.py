"""`archbench judge-check`: measure a grader model and the judge rubrics against labelled answers.

The calibration set comes from the dataset's own ground truth (see
`archbench.core.judge_calibration`). For every labelled criterion the judge runs twice, each run
exactly as scoring runs it (k repeats, majority), under separate cache scopes: run 1 against the
labels gives Cohen's kappa and the confusion matrix, run 1 against run 2 the test-retest
agreement. Each dimension's result is saved under the judge model id and the rubric hash; scores
from a judge/rubric pair without a passing result are marked "unvalidated".
"""

from __future__ import annotations

import argparse
import functools
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import anyio
import yaml
from inspect_ai.model import Model, get_model

from archbench.core.dataset import TaskRecord
from archbench.core.design_calibration import LabelledAnswer, labelled_answers
from archbench.core.errors import ArchbenchError
from archbench.core.judge import CriterionResult
from archbench.core.judge_agreement import ValidationPolicy
from archbench.core.judge_calibration import (
    CalibrationItem,
    CalibrationSources,
    DimensionCheck,
    ItemVerdicts,
    build_calibration_set,
    check_dimension,
    label_counts,
    select_items,
)
from archbench.evalkit import (
    GRADER_ROLE,
    JudgeRequest,
    JudgeSettings,
    check_rubric_file,
    gather_judgements,
    judge_criteria,
    judge_rubrics,
    model_id,
)
from archbench.io.datasets import load_kind
from archbench.io.paths import datasets_dir

VARIANTS_FOLDER = "variants"
CALIBRATION_FOLDER = "calibration"  # a design task's hand-labelled answers
CALIBRATION_LABELS = "labels.yaml"
RUNS = ("1", "2")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "judge-check",
        help="validate a grader model and the judge rubrics against labelled answers",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--model-role", action="append", default=[], metavar="grader=MODEL", help="the judge"
    )
    parser.add_argument("--grader-model", metavar="MODEL", help="the judge (same as above)")
    parser.add_argument(
        "-M",
        "--model-arg",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="argument for the grader model, YAML-parsed (e.g. -M script=judge.yaml)",
    )
    parser.add_argument(
        "--dimension", action="append", choices=sorted(judge_rubrics()),
        help="check only this rubric (repeatable; default: all)",
    )  # fmt: skip
    parser.add_argument("--limit", type=int, help="at most N items per dimension")
    parser.add_argument("--jobs", type=int, default=8, help="items judged at once")
    parser.add_argument("--out", type=Path, help="also write the whole report (JSON) here")
    parser.add_argument(
        "--list", action="store_true", help="print the calibration set's label counts and exit"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    items = calibration_items(args.dimension, args.limit)
    if args.list:
        for criterion, (met, not_met) in label_counts(items).items():
            print(f"{criterion:<22} met {met:>4}  not met {not_met:>4}")
        print(f"{len(items)} items")
        return 0
    model = grader_model(_grader_name(args), model_args_from(args.model_arg))
    policy = ValidationPolicy()
    checks = anyio.run(functools.partial(judge_check, model, items, policy, args.jobs))
    report = [check.as_record(policy) for check in checks]
    for check, record in zip(checks, report, strict=True):
        save_check(check, record)
    if args.out:
        args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print_report(checks, model_id(model))
    return 0 if all(check.passed for check in checks) else 1


def _grader_name(args: argparse.Namespace) -> str:
    name = args.grader_model or roles_from(args.model_role).get(GRADER_ROLE)
    if not name:
        raise ArchbenchError("judge-check needs a judge: --model-role grader=<model>")
    return str(name)


def roles_from(texts: Sequence[str]) -> dict[str, str]:
    """`--model-role grader=MODEL` options; only the grader role is known to archbench."""
    roles = dict(_key_value(text, "--model-role") for text in texts)
    unknown = sorted(set(roles) - {GRADER_ROLE})
    if unknown:
        raise ArchbenchError(f"only the '{GRADER_ROLE}' model role is used here, not {unknown}")
    return roles


def model_args_from(texts: Sequence[str]) -> dict[str, Any]:
    """`-M KEY=VALUE` options, values YAML-parsed as inspect's own -M does."""
    pairs = (_key_value(text, "-M") for text in texts)
    return {key: yaml.safe_load(value) for key, value in pairs}


def _key_value(text: str, option: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise ArchbenchError(f"{option} expects KEY=VALUE, got '{text}'")
    return key.strip(), value.strip()


def grader_model(name: str, model_args: Mapping[str, Any]) -> Model:
    try:
        return get_model(name, memoize=False, **model_args)
    except Exception as error:  # inspect raises several kinds for an unknown or unusable model
        raise ArchbenchError(f"cannot load grader model '{name}': {error}") from error


# --- the calibration set -----------------------------------------------------------------------


def calibration_items(
    dimensions: Sequence[str] | None = None, limit: int | None = None
) -> list[CalibrationItem]:
    code = [*load_kind("implement").records, *load_kind("refactor").records]
    designs = load_kind("design").records
    sources = CalibrationSources(
        code=code,
        variants={record.id: read_variants(record) for record in code},
        reviews=load_kind("review").records,
        designs=designs,
        design_answers={record.id: read_design_answers(record) for record in designs},
    )
    items = build_calibration_set(sources)
    if dimensions:
        items = [item for item in items if item.dimension in dimensions]
    return select_items(items, limit) if limit else items


def read_variants(record: TaskRecord) -> dict[str, dict[str, str]]:
    """A task's hand-made variants (`variants/<name>/`), each a full replacement of reference/."""
    folder = datasets_dir() / record.kind / record.id / VARIANTS_FOLDER
    if not folder.is_dir():
        return {}
    return {child.name: _read_tree(child) for child in sorted(folder.iterdir()) if child.is_dir()}


def read_design_answers(record: TaskRecord) -> list[LabelledAnswer]:
    """A design task's hand-labelled answers: `calibration/labels.yaml` and the files it names."""
    folder = datasets_dir() / record.kind / record.id / CALIBRATION_FOLDER
    labels_file = folder / CALIBRATION_LABELS
    if not labels_file.is_file():
        return []
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8")) or {}
    if not isinstance(labels, dict):
        raise ArchbenchError(f"{labels_file}: must map answer files to their labels")
    texts = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.md")}
    return labelled_answers(record, labels, texts)


def _read_tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


# --- running the judge -------------------------------------------------------------------------


async def judge_check(
    model: Model, items: Sequence[CalibrationItem], policy: ValidationPolicy, jobs: int
) -> list[DimensionCheck]:
    limiter = anyio.CapacityLimiter(max(1, jobs))
    settings = JudgeSettings.from_environment()

    async def one(item: CalibrationItem) -> ItemVerdicts:
        async with limiter:
            first, second = [await _judge_item(model, item, run, settings) for run in RUNS]
        return ItemVerdicts(item, first, second)

    verdicts = await gather_judgements([functools.partial(one, item) for item in items])
    rubrics = judge_rubrics()
    dimensions = sorted({item.dimension for item in items})
    return [
        check_dimension(
            rubrics[dimension],
            model_id(model),
            [v for v in verdicts if v.item.dimension == dimension],
            policy,
        )
        for dimension in dimensions
    ]


async def _judge_item(
    model: Model, item: CalibrationItem, run: str, settings: JudgeSettings
) -> dict[str, bool | None]:
    request = JudgeRequest(
        judge_rubrics()[item.dimension], item.subject, {"archbench_judge_check_run": run}
    )
    results = await judge_criteria(model, request, sorted(item.labels), settings)
    return {result.criterion: _as_label(result) for result in results}


def _as_label(result: CriterionResult) -> bool | None:
    return None if result.status == "unscored" else result.status == "met"


# --- results -----------------------------------------------------------------------------------


def save_check(check: DimensionCheck, record: Mapping[str, Any]) -> Path:
    path = check_rubric_file(check.judge_model, judge_rubrics()[check.dimension])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2), encoding="utf-8")
    return path


def print_report(checks: Sequence[DimensionCheck], judge: str) -> None:
    print(f"judge {judge}")
    header = f"{'criterion':<20} {'n':>4} {'unsc':>4} {'kappa':>6} {'retest':>6}  TM FM FN TN"
    for check in checks:
        status = "VALIDATED" if check.passed else "UNVALIDATED"
        print(f"\n{check.dimension} (rubric {check.rubric_hash}): {status}\n{header}")
        for c in check.criteria:
            t = c.table
            print(
                f"{c.criterion:<20} {c.items:>4} {c.unscored:>4} {_number(c.kappa):>6} "
                f"{_number(c.retest_agreement):>6}  {t.true_met:>2} {t.false_met:>2} "
                f"{t.false_not_met:>2} {t.true_not_met:>2}"
            )
            for problem in c.problems:
                print(f"    - {problem}")


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
