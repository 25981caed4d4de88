"""The two answers of each flipped sample, read sample by sample from its log.

Only the flipped samples shown are read (their own zip member, or ``read_eval_log_sample``),
never a whole log: comparing reads scores and metadata only, and a report shows at most
``MAX_SHOWN_FLIPS`` answers. Files and findings are re-extracted from the answer text with the
graders' own extractors, so the report shows what was graded.
"""

from __future__ import annotations

import difflib
import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from archbench.core.answer import extract_files, extract_findings
from archbench.core.report_flips import AnswerKind, Flip, FlipSide
from archbench.core.report_model import Report

from . import _logzip, _zipdir
from ._flip_select import FlippedSample, FlipRequest, SideRef, answer_requests, find_flips
from ._logs import LogDir
from ._records import VersionRuns

MAX_SHOWN_FLIPS = 20
MAX_DIFF_LINES = 200
# `inspect view`'s default address; its viewer routes samples by URL fragment (hash router:
# #/logs/<file relative to --log-dir>/samples/sample/<id>/<epoch>/, inspect-ai 0.3.285).
VIEW_ADDRESS = "http://127.0.0.1:7575"
# The transcript is most of a sample's size and none of it is shown.
_NOT_NEEDED = {"events", "messages", "store", "attachments", "events_data", "timelines",
               "error_retries"}  # fmt: skip
FILE_TASKS = frozenset({"implement", "refactor"})
FINDINGS_TASKS = frozenset({"review"})
# A sample as its log stores it (inspect's EvalSample in JSON form); only ``error``,
# ``output`` and ``scores`` are read.
SampleJson = Mapping[str, Any]


@dataclass(frozen=True)
class Answer:
    """What one side's sample says: its text, the scorers' explanations, or why it is missing."""

    text: str
    explanation: str | None
    error: str | None = None


def read_answers(refs: Sequence[SideRef]) -> dict[SideRef, Answer]:
    """Each (log file, sample id, epoch)'s answer, opening each local ``.eval`` zip once.

    Local ``.eval`` files are read as JSON straight from the zip's sample member, without
    inspect: importing ``inspect_ai.log`` alone costs ~1.5 s, and inspect's
    ``read_eval_log_sample`` re-parses the zip's directory on every call. Other logs (``.json``,
    remote URLs) go through ``read_eval_log_sample``.
    """
    by_file: dict[str, list[SideRef]] = defaultdict(list)
    for ref in refs:
        by_file[ref.log_file].append(ref)
    answers: dict[SideRef, Answer] = {}
    for log_file, group in by_file.items():
        if log_file.endswith(".eval") and Path(log_file).is_file():
            answers.update(_read_from_zip(log_file, group))
        else:
            answers.update((ref, _answer(_read_with_inspect, ref)) for ref in group)
    return answers


def _read_from_zip(log_file: str, refs: Sequence[SideRef]) -> dict[SideRef, Answer]:
    try:
        with _zipdir.open_log(Path(log_file)) as log:
            return {ref: _answer(lambda r: _sample_member(log, r), ref) for ref in refs}
    except (OSError, _zipdir.LogZipError) as error:
        return {ref: Answer("", None, f"cannot read the log: {error}") for ref in refs}


def _sample_member(log: _zipdir.LogZip, ref: SideRef) -> SampleJson:
    """One sample from the zip's ``samples/<id>_epoch_<epoch>.json``."""
    name = _logzip.sample_member(ref.sample_id, ref.epoch)
    if log.member(name) is None:  # not where inspect usually puts it: let inspect look
        return _read_with_inspect(ref)
    sample: SampleJson = json.loads(log.stream(name).read())
    return sample


def _read_with_inspect(ref: SideRef) -> SampleJson:
    from inspect_ai.log import read_eval_log_sample  # ~1.5 s of import: only for such logs

    sample = read_eval_log_sample(
        ref.log_file, ref.sample_id, ref.epoch, exclude_fields=_NOT_NEEDED
    )
    return sample.model_dump(include={"error", "output", "scores"})


def _answer(read: Callable[[SideRef], SampleJson], ref: SideRef) -> Answer:
    """The sample's final answer and score explanations, or why there are none."""
    try:
        return answer_from_sample(read(ref))
    except (OSError, ValueError, IndexError, KeyError, TypeError, AttributeError) as error:
        return Answer("", None, f"cannot read the sample: {type(error).__name__}: {error}")


def answer_from_sample(sample: SampleJson) -> Answer:
    """The answer of one sample in its JSON form."""
    error = sample.get("error")
    if error is not None:
        return Answer("", None, f"the sample errored: {error['message']}")
    return Answer(completion(sample.get("output") or {}), explanations(sample.get("scores")))


def completion(output: Mapping[str, Any]) -> str:
    """The model's final answer: ``completion``, or the first choice's text as inspect's
    ``ModelOutput`` fills it in when the log left it empty."""
    if output.get("completion"):
        return str(output["completion"])
    choices = output.get("choices") or []
    return message_text(choices[0]["message"]) if choices else ""


def message_text(message: Mapping[str, Any]) -> str:
    """A chat message's text as inspect's ``ChatMessage.text``: the text parts, one per line."""
    content = message.get("content") or ""
    if isinstance(content, str):
        return content
    return "\n".join(part["text"] for part in content if part.get("type") == "text")


def explanations(scores: Mapping[str, Any] | None) -> str | None:
    """Each scorer's explanation, under its name when there are several."""
    parts = [(name, s["explanation"]) for name, s in (scores or {}).items() if s.get("explanation")]
    if not parts:
        return None
    if len(parts) == 1:
        return str(parts[0][1])
    return "\n".join(f"[{name}]\n{text}" for name, text in parts)


def answer_kind(task: str, base: str, candidate: str) -> AnswerKind:
    """Files for code tasks (unless neither answer delivered any), findings for reviews."""
    if task in FINDINGS_TASKS:
        return "findings"
    if task in FILE_TASKS and (extract_files(base).files or extract_files(candidate).files):
        return "files"
    return "text"


def files_diff(base: Mapping[str, str], candidate: Mapping[str, str]) -> list[str]:
    """A unified diff per delivered path, base -> candidate (a path on one side only diffs
    against nothing)."""
    lines: list[str] = []
    for path in sorted(set(base) | set(candidate)):
        lines.extend(
            difflib.unified_diff(
                base.get(path, "").splitlines(), candidate.get(path, "").splitlines(),
                fromfile=f"base/{path}", tofile=f"candidate/{path}", lineterm="",
            )
        )  # fmt: skip
    return lines


def text_diff(base: str, candidate: str) -> list[str]:
    return list(
        difflib.unified_diff(
            base.splitlines(), candidate.splitlines(), "base/answer", "candidate/answer",
            lineterm="",
        )
    )  # fmt: skip


def capped(lines: list[str], limit: int = MAX_DIFF_LINES) -> tuple[str, int]:
    """The first ``limit`` lines and how many were left out."""
    return "\n".join(lines[:limit]), max(0, len(lines) - limit)


def view_location(log_file: str, log_dir: LogDir) -> tuple[str, str]:
    """(--log-dir for `inspect view`, the file's path relative to it): the compare log dir
    when the file is inside it, else the file's own folder."""
    if "://" in str(log_dir):  # a remote log dir: the listed names start with it
        root_url = str(log_dir).rstrip("/") + "/"
        if log_file.startswith(root_url):
            return str(log_dir), log_file.removeprefix(root_url)
    path, root = Path(log_file), Path(str(log_dir))
    try:
        return str(root), path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path.parent), path.name


def view_url(relative_file: str, sample_id: str, epoch: int) -> str:
    encoded = "/".join(quote(part, safe="") for part in relative_file.split("/"))
    return f"{VIEW_ADDRESS}/#/logs/{encoded}/samples/sample/{quote(sample_id, safe='')}/{epoch}/"


def _side(ref: SideRef, answer: Answer, kind: AnswerKind, log_dir: LogDir) -> FlipSide:
    view_dir, relative = view_location(ref.log_file, log_dir)
    findings = extract_findings(answer.text).findings if kind == "findings" else None
    return FlipSide(
        log_file=ref.log_file,
        epoch=ref.epoch,
        view_log_dir=view_dir,
        view_url=view_url(relative, ref.sample_id, ref.epoch),
        explanation=answer.explanation,
        files=sorted(extract_files(answer.text).files),
        findings=None if findings is None else [f.model_dump() for f in findings],
        error=answer.error,
    )


def answer_diff(kind: AnswerKind, base: str, candidate: str) -> list[str]:
    """The diff lines shown for a flip: none for findings (shown as two lists)."""
    if kind == "files":
        return files_diff(extract_files(base).files, extract_files(candidate).files)
    return [] if kind == "findings" else text_diff(base, candidate)


def shown_flip(request: FlipRequest, answers: Mapping[SideRef, Answer], log_dir: LogDir) -> Flip:
    """A flip with both answers read, diffed and explained."""
    base, candidate = answers[request.base], answers[request.candidate]
    kind = answer_kind(request.task, base.text, candidate.text)
    diff, omitted = capped(answer_diff(kind, base.text, candidate.text))
    return Flip(
        task=request.task, sample_id=request.sample_id, metrics=list(request.metrics),
        kind=kind, diff=diff if kind != "findings" else None, diff_lines_omitted=omitted,
        base=_side(request.base, base, kind, log_dir),
        candidate=_side(request.candidate, candidate, kind, log_dir),
    )  # fmt: skip


def listed_flip(flip: FlippedSample) -> Flip:
    """A flip past the shown ones: named with its metrics, its answers not read."""
    return Flip(task=flip.task, sample_id=flip.sample_id, metrics=list(flip.metrics))


def attach_flips(
    report: Report,
    base: VersionRuns,
    candidate: VersionRuns,
    log_dir: LogDir,
    shown: int = MAX_SHOWN_FLIPS,
) -> Report:
    """The report with its flipped samples: the first ``shown`` with both answers."""
    flipped = find_flips(report)
    requests = answer_requests(flipped[:shown], base, candidate)
    answers = read_answers([side for r in requests for side in (r.base, r.candidate)])
    flips = [shown_flip(r, answers, log_dir) for r in requests]
    flips.extend(listed_flip(f) for f in flipped[shown:])
    return report.model_copy(update={"flips": flips})
