"""The judge through the real `anthropic/` provider path, against the local Messages API stub."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from inspect_ai.model import get_model

from archbench.testing import MessagesAPIServer, Reply, reply_by_substring

from .conftest import KEY_POINTS, TRAPS, only_sample, only_score, run_design, verdict_json

REFUSED = TRAPS[0]


@pytest.fixture
def server() -> Iterator[MessagesAPIServer]:
    met = {
        f"## Criterion {criterion}\n": Reply(text=verdict_json(criterion, True))
        for criterion in (*KEY_POINTS, *TRAPS[1:])
    }
    script = reply_by_substring(
        {**met, f"## Criterion {REFUSED}\n": Reply(text="", stop_reason="refusal")}
    )
    running = MessagesAPIServer(script).start()
    yield running
    running.stop()


def test_anthropic_judge_refusals_fail_closed_and_sampling_parameters_are_dropped(
    tmp_path: Path, server: MessagesAPIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "dummy-key-for-tests")
    grader = get_model("anthropic/claude-judge-test", base_url=server.base_url)
    log = run_design(tmp_path, grader)
    score = only_score(only_sample(log))
    assert isinstance(score.value, dict) and math.isnan(float(score.value["judge_design"]))
    assert score.metadata
    design = score.metadata["judge"]["design"]
    assert design["judge_model"] == "anthropic/claude-judge-test"
    statuses = {c["id"]: c["status"] for c in design["criteria"]}
    assert statuses == {**dict.fromkeys(KEY_POINTS, "met"), **dict.fromkeys(TRAPS[1:], "met"),
                        REFUSED: "unscored"}  # fmt: skip
    [traps] = [c for c in design["criteria"] if c["id"] == REFUSED]
    assert {f["kind"] for f in traps["failures"]} == {"refused"}
    requests = server.requests()
    # The judge asks for temperature 0, but Messages API version 2026-10-21 removed sampling
    # parameters and inspect drops them: on Claude, k repeats and judge-check's test-retest
    # agreement are what bound the judge's noise.
    assert requests and all("temperature" not in r.body for r in requests)
    # 3 repeats per criterion; refusals are not retried (an empty assistant turn is invalid).
    assert len(requests) == 9 * 3
    # The judge's calls carry the key points, so none is recorded in the sample's transcript.
    assert not [e for e in only_sample(log).events if e.event == "model"]
