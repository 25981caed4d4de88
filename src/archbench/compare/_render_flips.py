"""The "Flipped samples" section of the Markdown and terminal reports (HTML: ``_flips.html.j2``).

Reads only ``report.flips``. Each flip is collapsed under ``<details>``; the section stops
showing answers past a character budget so the whole report stays under GitHub's comment limit.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from typing import Any

from archbench.core.report_flips import Flip, FlipMetric, FlipSide
from archbench.core.report_model import Report

# The prompt diff may take 20,000 of GitHub's 65,536 characters; the flips get this much.
MD_FLIPS_BUDGET = 30_000
# Explanations are the graders' notes; their head says what failed.
MAX_EXPLANATION_LINES = 40
MAX_LISTED = 50
_BACKTICKS = re.compile(r"`{3,}")


def change_text(m: FlipMetric) -> str:
    return f"{m.metric} {m.base:.3f} → {m.candidate:.3f} ({m.change})"


def flip_title(flip: Flip) -> str:
    return f"{flip.task} / {flip.sample_id}: " + "; ".join(change_text(m) for m in flip.metrics)


def flips_line(report: Report) -> str | None:
    """One line for the terminal: how many samples flipped, and where to see them."""
    if not report.flips:
        return None
    regressed = sum(flip.regressed for flip in report.flips)
    return (
        f"flipped samples: {len(report.flips)} ({regressed} regressed, "
        f"{len(report.flips) - regressed} improved only); answers side by side in report.md/html"
    )


def head(text: str | None, limit: int = MAX_EXPLANATION_LINES) -> str:
    """The first ``limit`` lines, with a count of the rest."""
    lines = (text or "(no explanation)").splitlines()
    more = f"\n... {len(lines) - limit} more lines" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


def fence(text: str, language: str = "") -> list[str]:
    """A code fence longer than any backtick run inside ``text`` (answers hold fences)."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=2)
    marker = "`" * max(3, longest + 1)
    return [marker + language, text, marker]


def finding_text(finding: dict[str, Any], quote: str = "`") -> str:
    """``file:line severity / category: explanation``, the place quoted as code in Markdown."""
    where = f"{quote}{finding.get('file', '?')}:{finding.get('line', '?')}{quote}"
    kind = " / ".join(str(finding[k]) for k in ("severity", "category") if finding.get(k))
    return f"{where} {kind}: {finding.get('explanation', '')}".strip()


def _md_cell(side: FlipSide, index: int) -> str:
    if side.findings is None:
        return "(no findings block)" if index == 0 else ""
    if index >= len(side.findings):
        return "(none)" if index == 0 else ""
    return finding_text(side.findings[index]).replace("|", "\\|").replace("\n", " ")


def _md_findings(base: FlipSide, candidate: FlipSide) -> list[str]:
    """The two findings lists side by side, one finding per table row."""
    count = max(len(base.findings or []), len(candidate.findings or []), 1)
    header = f"| base findings ({_count(base)}) | candidate findings ({_count(candidate)}) |"
    rows = [f"| {_md_cell(base, i)} | {_md_cell(candidate, i)} |" for i in range(count)]
    return [header, "|---|---|", *rows, ""]


def _count(side: FlipSide) -> str:
    return "none found" if side.findings is None else str(len(side.findings))


def _md_side_link(label: str, side: FlipSide, sample_id: str) -> str:
    problem = f" ({side.error})" if side.error else ""
    return (
        f"- {label}: `{PurePosixPath(side.log_file).name}` sample `{sample_id}` epoch "
        f"{side.epoch}, [open in inspect view]({side.view_url}) after "
        f"`inspect view --log-dir {side.view_log_dir}`{problem}"
    )


def _md_answers(flip: Flip, base: FlipSide, candidate: FlipSide) -> list[str]:
    if flip.kind == "findings":
        return _md_findings(base, candidate)
    what = "the delivered files" if flip.kind == "files" else "the answers"
    if not flip.diff:
        return [f"No difference between {what}.", ""]
    more = (
        [f"... {flip.diff_lines_omitted} more diff lines not shown", ""]
        if flip.diff_lines_omitted
        else []
    )
    return [f"Diff of {what} (base → candidate):", "", *fence(flip.diff, "diff"), "", *more]


def md_flip(flip: Flip) -> list[str]:
    """One flip under ``<details>``: links, the answers side by side, the explanations."""
    if flip.base is None or flip.candidate is None:
        return [f"- {flip_title(flip)}"]
    base, candidate = flip.base, flip.candidate
    return [
        f"<details><summary><b>{html.escape(flip_title(flip))}</b></summary>", "",
        _md_side_link("base", base, flip.sample_id),
        _md_side_link("candidate", candidate, flip.sample_id), "",
        *_md_answers(flip, base, candidate),
        "Score explanation, base:", "", *fence(head(base.explanation)), "",
        "Score explanation, candidate:", "", *fence(head(candidate.explanation)), "",
        "</details>", "",
    ]  # fmt: skip


def _md_listed(flips: Sequence[Flip]) -> list[str]:
    if not flips:
        return []
    lines = [f"{len(flips)} more flipped samples (answers not shown):", ""]
    lines.extend(f"- {flip_title(flip)}" for flip in flips[:MAX_LISTED])
    if len(flips) > MAX_LISTED:
        lines.append(f"- ... and {len(flips) - MAX_LISTED} more (all in report.json)")
    return lines


def _within_budget(blocks: Iterable[tuple[Flip, list[str]]], budget: int) -> int:
    """How many leading flip blocks fit in ``budget`` characters."""
    used = count = 0
    for _, block in blocks:
        used += sum(len(line) + 1 for line in block)
        if used > budget:
            break
        count += 1
    return count


def _md_intro(flips: Sequence[Flip]) -> str:
    regressed = sum(flip.regressed for flip in flips)
    return (
        f"{len(flips)} flipped: {regressed} with a regression, regressions first. Binary "
        "metrics flip pass <-> fail; others when they move beyond their margin."
    )


def md_flips(report: Report, budget: int = MD_FLIPS_BUDGET) -> list[str]:
    """The Markdown section: shown flips in full while they fit, then the rest as a list."""
    header = ["", "### Flipped samples", ""]
    if not report.flips:
        return [*header, "No sample flipped (binary metrics pass <-> fail, others beyond "
                "their margin)."]  # fmt: skip
    shown = [f for f in report.flips if f.base is not None]
    blocks = [(flip, md_flip(flip)) for flip in shown]
    fits = _within_budget(blocks, budget)
    full = [line for _, block in blocks[:fits] for line in block]
    listed = [f for f, _ in blocks[fits:]] + [f for f in report.flips if f.base is None]
    return [*header, _md_intro(report.flips), "", *full, *_md_listed(listed)]
